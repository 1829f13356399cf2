# New-Container and Invoke-Container: the networking, mount, resource, security and health parameters, each
# asserted through the engine's own inspect data and, where cheap, by what the container sees. Bad input fails
# before anything is created. Networks and volumes made here carry the file's run label; AfterAll removes them.

BeforeAll {
    . "$PSScriptRoot/common.ps1"

    function New-LabeledNetwork {
        New-ContainerNetwork -Name (New-TestName 'net') -Label @{ $RunLabelKey = $RunId } -ErrorAction Stop
    }

    function Invoke-Run {
        <# Runs a throw-away container to completion and returns its output as one string. #>
        param([hashtable] $Parameters, [string[]] $Command)
        $lines = Invoke-Container $TestImage -AutoRemove -Label @{ $RunLabelKey = $RunId } @Parameters -Command $Command -ErrorAction Stop
        ($lines | ForEach-Object { "$_" }) -join "`n"
    }

    # Runs a New-Container call that must fail before anything is created; returns the terminating error and
    # whether a container with the case's label exists afterwards.
    function Invoke-FailingCreate {
        param([hashtable] $Parameters)
        $case = [guid]::NewGuid().ToString('N')
        $p = @{ Image = $TestImage; Name = (New-TestName 'bad'); Label = @{ $RunLabelKey = $RunId; 'psdtest.case' = $case } }
        foreach ($k in $Parameters.Keys) { $p[$k] = $Parameters[$k] }
        $terminating = Get-TerminatingError { New-Container @p }
        [pscustomobject]@{ Error = $terminating; Created = @(Get-EngineContainer -Label "psdtest.case=$case").Count }
    }
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
    if ($RunId) {
        $filter = [uri]::EscapeDataString((@{ label = @("$RunLabelKey=$RunId") } | ConvertTo-Json -Compress))
        foreach ($n in @((Invoke-Engine "networks?filters=$filter") | ForEach-Object { $_ })) {
            try { $null = Invoke-Engine "networks/$($n.Id)" -Method DELETE } catch { Write-Warning "Could not remove test network $($n.Name): $_" }
        }
        foreach ($v in @((Invoke-Engine "volumes?filters=$filter").Volumes)) {
            if ($v) { try { $null = Invoke-Engine "volumes/$($v.Name)?force=1" -Method DELETE } catch { Write-Warning "Could not remove test volume $($v.Name): $_" } }
        }
        Get-ChildItem ([IO.Path]::GetTempPath()) -Filter "psdt-env-$RunId-*" -File -ErrorAction SilentlyContinue | Remove-Item -Force
    }
}

Describe 'New-Container networking' {
    It 'attaches several networks (the first at create, the others before start) with aliases that resolve' {
        $a = New-LabeledNetwork
        $b = New-LabeledNetwork
        $c = New-TestContainer -Parameters @{ Network = $a.Name, $b.Name; NetworkAlias = 'svc-alias' }
        $engine = Get-EngineInspect $c.Id
        # Docker's network mode is the first network; Podman 4.3 says "bridge" for any bridge network.
        if (-not $IsPodman) { $engine.HostConfig.NetworkMode | Should -Be $a.Name }
        @($engine.NetworkSettings.Networks.PSObject.Properties.Name | Sort-Object) | Should -Be @(@($a.Name, $b.Name) | Sort-Object)
        @($engine.NetworkSettings.Networks.($a.Name).Aliases) | Should -Contain 'svc-alias'
        @($engine.NetworkSettings.Networks.($b.Name).Aliases) | Should -Contain 'svc-alias'
        $c.NetworkAliases[$b.Name] | Should -Contain 'svc-alias'
        $null = Start-Container $c.Id -ErrorAction Stop
        $address = (Get-EngineInspect $c.Id).NetworkSettings.Networks.($b.Name).IPAddress
        $out = Invoke-Run @{ Network = $b.Name } @('nslookup', 'svc-alias')
        $out | Should -Match ([regex]::Escape($address))
    }

    It 'takes docker''s long form with an alias per network' {
        $a = New-LabeledNetwork
        $c = New-TestContainer -Parameters @{ Network = "name=$($a.Name),alias=only-here" }
        @((Get-EngineInspect $c.Id).NetworkSettings.Networks.($a.Name).Aliases) | Should -Contain 'only-here'
    }

    It 'reports a missing network as NetworkNotFound and creates nothing, whichever position it has' {
        $a = New-LabeledNetwork
        foreach ($networks in @(@($a.Name, "$RunPrefix-nonet"), @("$RunPrefix-nonet", $a.Name))) {
            $name = New-TestName 'half'
            New-Container $TestImage -Name $name -Network $networks -Label @{ $RunLabelKey = $RunId } -ErrorAction SilentlyContinue -ErrorVariable ev | Should -BeNullOrEmpty
            $ev.Count | Should -Be 1
            $ev[0].FullyQualifiedErrorId | Should -Be 'NetworkNotFound,PSDocker.Commands.NewContainerCommand'
            "$($ev[0])" | Should -Match "$RunPrefix-nonet"
            Get-EngineInspect $name | Should -BeNullOrEmpty
        }
    }

    It 'rejects <Case> before anything is sent' -ForEach @(
        @{ Case = '-NetworkAlias on the default bridge'; P = @{ NetworkAlias = 'x' }; Id = 'InvalidNetworkAlias' }
        @{ Case = 'host with another network'; P = @{ Network = 'host', 'bridge' }; Id = 'ConflictingParameters' }
        @{ Case = 'a network given twice'; P = @{ Network = 'bridge', 'bridge' }; Id = 'InvalidNetworkSpecification' }
        @{ Case = 'a long form without a name'; P = @{ Network = 'alias=x' }; Id = 'InvalidNetworkSpecification' }
    ) {
        $r = Invoke-FailingCreate $P
        $r.Error.FullyQualifiedErrorId | Should -Be "$Id,PSDocker.Commands.NewContainerCommand"
        $r.Created | Should -Be 0
    }
}

Describe 'New-Container mounts' {
    It 'mounts a tmpfs with size and mode, and a volume read-only, from text and hashtables' {
        $vol = New-ContainerVolume -Name (New-TestName 'mv') -Label @{ $RunLabelKey = $RunId } -ErrorAction Stop
        $c = New-TestContainer -Parameters @{ Mount = @(
                'type=tmpfs,target=/scratch,tmpfs-size=2m,tmpfs-mode=1770'
                @{ Type = 'volume'; Source = $vol.Name; Target = '/data'; ReadOnly = $true }
            ) }
        $engine = Get-EngineInspect $c.Id
        if (-not $IsPodman) {
            # Podman 4.3's inspect leaves HostConfig.Mounts empty; what the container sees is asserted below on both engines.
            $tmpfs = $engine.HostConfig.Mounts | Where-Object Target -eq '/scratch'
            $tmpfs.Type | Should -Be 'tmpfs'
            $tmpfs.TmpfsOptions.SizeBytes | Should -Be 2097152
            $tmpfs.TmpfsOptions.Mode | Should -Be 1016
            $volume = $engine.HostConfig.Mounts | Where-Object Target -eq '/data'
            $volume.Type | Should -Be 'volume'
            $volume.Source | Should -Be $vol.Name
            $volume.ReadOnly | Should -BeTrue
        }
        $mounted = @($engine.Mounts | Where-Object Destination -eq '/data')
        $mounted.Name | Should -Be $vol.Name
        $mounted.RW | Should -BeFalse
        $seen = Invoke-Run @{ Mount = 'type=tmpfs,target=/scratch,tmpfs-size=2m,tmpfs-mode=1770', "type=volume,source=$($vol.Name),target=/data,readonly" } @('sh', '-c', 'grep -E " /(scratch|data) " /proc/mounts')
        $seen | Should -Match 'tmpfs /scratch tmpfs [^ ]*size=2048k'
        $seen | Should -Match 'tmpfs /scratch tmpfs [^ ]*mode=1770'
        $seen | Should -Match ' /data [^ ]+ ro[, ]'
    }

    It 'mounts a bind mount the container can read' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) "psdt-env-$RunId-bind"
        $null = New-Item -ItemType Directory -Path $dir -Force
        Set-Content -Path (Join-Path $dir 'hello.txt') -Value 'from the host'
        try {
            Invoke-Run @{ Mount = "type=bind,source=$dir,target=/host,readonly" } @('cat', '/host/hello.txt') | Should -Be 'from the host'
        }
        finally { Remove-Item $dir -Recurse -Force }
    }

    It 'rejects <Case> before anything is sent' -ForEach @(
        @{ Case = 'a mount without target'; P = @{ Mount = 'type=volume,source=x' } }
        @{ Case = 'a relative target'; P = @{ Mount = 'type=tmpfs,target=run' } }
        @{ Case = 'an unknown key'; P = @{ Mount = 'type=volume,target=/x,colour=red' } }
        @{ Case = 'a tmpfs with a source'; P = @{ Mount = 'type=tmpfs,source=/x,target=/y' } }
        @{ Case = 'tmpfs options on a volume'; P = @{ Mount = @{ Type = 'volume'; Target = '/y'; TmpfsSize = '1m' } } }
        @{ Case = 'two mounts on one target'; P = @{ Mount = 'type=tmpfs,target=/y', 'type=volume,target=/y' } }
    ) {
        $r = Invoke-FailingCreate $P
        $r.Error | Should -Not -BeNullOrEmpty
        $r.Error.FullyQualifiedErrorId | Should -BeIn @('ParameterArgumentTransformationError,PSDocker.Commands.NewContainerCommand', 'InvalidMountSpecification,PSDocker.Commands.NewContainerCommand')
        "$($r.Error)" | Should -Match 'mount'
        $r.Created | Should -Be 0
    }
}

Describe 'New-Container resources and security' {
    It 'passes memory, CPUs, privileged, capabilities, publish-all, init, read-only and extra hosts to the engine' {
        $c = New-TestContainer -Parameters @{
            Memory = '64m'; Cpus = 0.5; CapAdd = 'net_admin', 'CAP_SYS_TIME'; CapDrop = 'CHOWN'; PublishAll = $true
            Init = $true; ReadOnly = $true; AddHost = 'db.test:10.1.2.3', 'v6.test:::1'
        }
        $h = (Get-EngineInspect $c.Id).HostConfig
        $h.Memory | Should -Be 67108864
        $h.NanoCpus | Should -Be 500000000
        # Docker keeps the CAP_ prefix PSDocker sends; Podman 4.3 shows the names without it.
        @($h.CapAdd -replace '^CAP_', '') | Should -Be @('NET_ADMIN', 'SYS_TIME')
        @($h.CapDrop -replace '^CAP_', '') | Should -Be @('CHOWN')
        # Podman 4.3 honours PublishAllPorts (asserted below by the ports it publishes) but does not show it in HostConfig.
        if (-not $IsPodman) { $h.PublishAllPorts | Should -BeTrue }
        $h.Init | Should -BeTrue
        $h.ReadonlyRootfs | Should -BeTrue
        @($h.ExtraHosts) | Should -Be @('db.test:10.1.2.3', 'v6.test:::1')
        $h.Privileged | Should -BeFalse
        $p = New-TestContainer -Parameters @{ Privileged = $true; Memory = 128MB }
        (Get-EngineInspect $p.Id).HostConfig.Privileged | Should -BeTrue
        (Get-EngineInspect $p.Id).HostConfig.Memory | Should -Be 134217728
    }

    It '-PublishAll publishes every exposed port on a host port of the engine''s choosing' {
        $c = New-TestContainer -Parameters @{ Expose = '8080', '9000-9001/udp'; PublishAll = $true } -Start
        $engine = Get-EngineInspect $c.Id
        @($engine.Config.ExposedPorts.PSObject.Properties.Name | Sort-Object) | Should -Be @('8080/tcp', '9000/udp', '9001/udp')
        $published = (Get-Container -Id $c.Id -Detailed).Ports | Where-Object HostPort
        @($published | ForEach-Object { "$($_.ContainerPort)/$($_.Protocol)" } | Sort-Object -Unique) | Should -Be @('8080/tcp', '9000/udp', '9001/udp')
        $published | ForEach-Object { $_.HostPort | Should -BeGreaterThan 0 }
        $r = Invoke-FailingCreate @{ Expose = '70000' }
        $r.Error.FullyQualifiedErrorId | Should -Be 'InvalidPortSpecification,PSDocker.Commands.NewContainerCommand'
    }

    It '-ReadOnly makes writes to the root file system fail, and -AddHost is in /etc/hosts' {
        $out = Invoke-Run @{ ReadOnly = $true; AddHost = 'db.test:10.1.2.3' } @('sh', '-c', 'touch /probe 2>/dev/null && echo WROTE || echo READONLY; grep db.test /etc/hosts')
        $out | Should -Match 'READONLY'
        $out | Should -Not -Match 'WROTE'
        $out | Should -Match '10\.1\.2\.3\s+db\.test'
    }

    It '-Init runs an init process as PID 1' {
        $out = Invoke-Run @{ Init = $true } @('sh', '-c', 'tr "\0" " " < /proc/1/cmdline')
        if ($IsPodman) { $out | Should -Match '^/run/podman-init ' }
        else { $out | Should -Match '^/sbin/docker-init ' }
        Invoke-Run @{} @('sh', '-c', 'tr "\0" " " < /proc/1/cmdline') | Should -Not -Match 'init' -Because 'without -Init the command itself is PID 1'
    }

    It '-Memory limits the container''s cgroup' {
        $out = Invoke-Run @{ Memory = '32m' } @('sh', '-c', 'cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max')
        $out.Trim() | Should -Be '33554432'
    }

    It 'rejects <Case> before anything is sent' -ForEach @(
        @{ Case = 'memory below 6MB'; P = @{ Memory = 1MB }; Id = 'InvalidMemoryLimit' }
        @{ Case = 'zero CPUs'; P = @{ Cpus = 0 }; Id = 'InvalidCpus' }
        @{ Case = 'too precise CPUs'; P = @{ Cpus = 0.0000000001 }; Id = 'InvalidCpus' }
        @{ Case = 'an unknown capability'; P = @{ CapAdd = 'FLY' }; Id = 'InvalidCapability' }
        @{ Case = 'a host entry without address'; P = @{ AddHost = 'db' }; Id = 'InvalidHostEntry' }
        @{ Case = 'a host entry with a bad address'; P = @{ AddHost = 'db:10.0.0.300' }; Id = 'InvalidHostEntry' }
    ) {
        $r = Invoke-FailingCreate $P
        $r.Error.FullyQualifiedErrorId | Should -Be "$Id,PSDocker.Commands.NewContainerCommand"
        $r.Created | Should -Be 0
    }

    It 'rejects a malformed -Memory text at binding' {
        $r = Invoke-FailingCreate @{ Memory = 'lots' }
        $r.Error.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,PSDocker.Commands.NewContainerCommand'
        $r.Created | Should -Be 0
    }
}

Describe 'New-Container -EnvFile' {
    It 'reads docker''s env-file format, and -Environment wins' {
        $file = Join-Path ([IO.Path]::GetTempPath()) "psdt-env-$RunId-a.env"
        $env:PSDT_FROM_HOST = 'host value'
        try {
            Set-Content -Path $file -Value @('# a comment', '', 'PSDT_A=one', '  PSDT_B="quoted stays"', 'PSDT_C=from file', 'PSDT_FROM_HOST', 'PSDT_UNSET_ANYWHERE', 'PSDT_EMPTY=')
            $c = New-TestContainer -Parameters @{ EnvFile = $file; Environment = @{ PSDT_C = 'from parameter' } }
            $envs = @((Get-EngineInspect $c.Id).Config.Env)
            $envs | Should -Contain 'PSDT_A=one'
            $envs | Should -Contain 'PSDT_B="quoted stays"'
            $envs | Should -Contain 'PSDT_C=from parameter'
            $envs | Should -Not -Contain 'PSDT_C=from file'
            $envs | Should -Contain 'PSDT_FROM_HOST=host value'
            $envs | Should -Contain 'PSDT_EMPTY='
            @($envs | Where-Object { $_ -like 'PSDT_UNSET_ANYWHERE*' }) | Should -BeNullOrEmpty
            Invoke-Run @{ EnvFile = $file } @('sh', '-c', 'echo "$PSDT_A|$PSDT_B"') | Should -Be 'one|"quoted stays"'
        }
        finally { Remove-Item Env:PSDT_FROM_HOST -ErrorAction SilentlyContinue }
    }

    It 'reports a missing file and a bad line before anything is sent' {
        $r = Invoke-FailingCreate @{ EnvFile = "/nonexistent/psdt-$RunId.env" }
        $r.Error.FullyQualifiedErrorId | Should -Be 'EnvFileNotFound,PSDocker.Commands.NewContainerCommand'
        $r.Created | Should -Be 0
        $file = Join-Path ([IO.Path]::GetTempPath()) "psdt-env-$RunId-bad.env"
        Set-Content -Path $file -Value @('GOOD=1', 'BAD NAME=2')
        $r = Invoke-FailingCreate @{ EnvFile = $file }
        $r.Error.FullyQualifiedErrorId | Should -Be 'InvalidEnvFile,PSDocker.Commands.NewContainerCommand'
        "$($r.Error)" | Should -Match 'line 2'
        $r.Created | Should -Be 0
    }
}

Describe 'New-Container health checks and Container.Health' {
    It 'passes the health check to the engine, in nanoseconds' {
        $c = New-TestContainer -Parameters @{ HealthCommand = 'test -e /tmp'; HealthInterval = '1500ms'; HealthTimeout = 2; HealthRetries = 4; HealthStartPeriod = '1m30s' }
        $hc = (Get-EngineInspect $c.Id).Config.Healthcheck
        @($hc.Test) | Should -Be @('CMD-SHELL', 'test -e /tmp')
        $hc.Interval | Should -Be 1500000000
        $hc.Timeout | Should -Be 2000000000
        $hc.Retries | Should -Be 4
        $hc.StartPeriod | Should -Be 90000000000
        $c.Health | Should -Be ([PSDocker.ContainerHealth]::None) -Because 'it has not started'
    }

    It 'turns health checks off with -NoHealthcheck' {
        $c = New-TestContainer -Parameters @{ NoHealthcheck = $true }
        @((Get-EngineInspect $c.Id).Config.Healthcheck.Test) | Should -Be @('NONE')
    }

    It 'shows Health from inspect and from the list as the checks run' {
        $good = New-TestContainer -Parameters @{ HealthCommand = 'true'; HealthInterval = '1s' } -Start
        $bad = New-TestContainer -Parameters @{ HealthCommand = 'false'; HealthInterval = '1s'; HealthRetries = 1 } -Start
        if ($IsPodman) {
            # Podman runs health checks from systemd timers; without systemd (as here) they never run by themselves,
            # so the engine reports "starting" and so does PSDocker.
            (Get-Container -Id $good.Id -Detailed).Health | Should -Be ([PSDocker.ContainerHealth]::Starting)
            (Get-EngineInspect $good.Id).State.Health.Status | Should -Be 'starting'
        }
        else {
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            do {
                Start-Sleep -Milliseconds 250
                $g = Get-Container -Id $good.Id -Detailed
                $b = Get-Container -Id $bad.Id -Detailed
            } while (($g.Health -ne 'Healthy' -or $b.Health -ne 'Unhealthy') -and [DateTime]::UtcNow -lt $deadline)
            $g.Health | Should -Be ([PSDocker.ContainerHealth]::Healthy)
            $g.HealthFailingStreak | Should -Be 0
            $b.Health | Should -Be ([PSDocker.ContainerHealth]::Unhealthy)
            $b.HealthFailingStreak | Should -BeGreaterThan 0
            $g.Status | Should -Match '\(healthy\)$'
            # The list (one call, no inspect: -Label makes Get-Container list) reads the same from the engine's status text.
            $listed = @(Get-Container -Label $RunLabel)
            ($listed | Where-Object Id -EQ $good.Id).Health | Should -Be ([PSDocker.ContainerHealth]::Healthy)
            ($listed | Where-Object Id -EQ $bad.Id).Health | Should -Be ([PSDocker.ContainerHealth]::Unhealthy)
            # An exact ID is one inspect call: the same health, and the table's Status says it as docker ps does.
            (Get-Container -Id $good.Id).Health | Should -Be ([PSDocker.ContainerHealth]::Healthy)
            (Get-Container -Id $good.Id | Format-Table | Out-String -Width 120) | Should -Match '\(healthy\)'
        }
        (Get-Container -Id (New-TestContainer -Start).Id).Health | Should -Be ([PSDocker.ContainerHealth]::None)
    }

    It 'rejects <Case> before anything is sent' -ForEach @(
        @{ Case = '-NoHealthcheck with -HealthCommand'; P = @{ NoHealthcheck = $true; HealthCommand = 'true' }; Id = 'ConflictingParameters' }
        @{ Case = 'an interval below 1ms'; P = @{ HealthCommand = 'true'; HealthInterval = [TimeSpan]::FromTicks(10) }; Id = 'InvalidHealthcheck' }
    ) {
        $r = Invoke-FailingCreate $P
        $r.Error.FullyQualifiedErrorId | Should -Be "$Id,PSDocker.Commands.NewContainerCommand"
        $r.Created | Should -Be 0
    }

    It 'rejects a malformed duration at binding' {
        $r = Invoke-FailingCreate @{ HealthCommand = 'true'; HealthInterval = 'soon' }
        $r.Error.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,PSDocker.Commands.NewContainerCommand'
        $r.Created | Should -Be 0
    }
}

Describe 'Invoke-Container with the new parameters' {
    It 'runs on a user network with an alias that another container resolves' {
        $n = New-LabeledNetwork
        $server = Invoke-Container $TestImage -Detach -Name (New-TestName 'srv') -Network $n.Name -NetworkAlias 'detached-svc' -Label @{ $RunLabelKey = $RunId } -Command $LongRunning -ErrorAction Stop
        $address = (Get-EngineInspect $server.Id).NetworkSettings.Networks.($n.Name).IPAddress
        Invoke-Run @{ Network = $n.Name } @('ping', '-c', '1', '-W', '5', 'detached-svc') | Should -Match "bytes from $([regex]::Escape($address))"
    }

    It 'rejects bad input before anything is created' {
        $case = [guid]::NewGuid().ToString('N')
        $err = Get-TerminatingError { Invoke-Container $TestImage -Label @{ $RunLabelKey = $RunId; 'psdtest.case' = $case } -CapAdd 'NOPE' -Command true }
        $err.FullyQualifiedErrorId | Should -Be 'InvalidCapability,PSDocker.Commands.InvokeContainerCommand'
        @(Get-EngineContainer -Label "psdtest.case=$case").Count | Should -Be 0
    }
}
