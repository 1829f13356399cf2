# Get-ContainerEngine against the private engine (Docker, and Podman in build.ps1's second pass).
# Oracles: the engine's own /_ping, /version and /info through Invoke-WebRequest/Invoke-Engine, and the docker CLI's
# `docker info --format '{{json .}}'`, independent of PSDocker.

BeforeAll {
    . "$PSScriptRoot/common.ps1"

    function Get-CliInfo {
        <# docker info of the test engine as the docker CLI reads it (the CLI negotiates its own API version). #>
        $json = & docker -H $script:Endpoint info --format '{{json .}}' 2>$null
        if ($LASTEXITCODE -ne 0 -or -not $json) { throw "docker info against $($script:Endpoint) failed (exit $LASTEXITCODE)." }
        $json | ConvertFrom-Json
    }

    # The engine's counts change only when containers do: read the CLI and the cmdlet back to back.
    function Get-BothViews {
        $cli = Get-CliInfo
        $engine = Get-ContainerEngine
        $cli2 = Get-CliInfo
        [pscustomobject]@{ Cli = $cli; Engine = $engine; Stable = ($cli.Containers -eq $cli2.Containers -and $cli.ContainersRunning -eq $cli2.ContainersRunning -and $cli.ContainersPaused -eq $cli2.ContainersPaused -and $cli.Images -eq $cli2.Images) }
    }

    $script:Ping = Invoke-WebRequest -UnixSocket $script:EngineSocket -Uri 'http://localhost/_ping' -TimeoutSec 30
    $script:RawVersion = Invoke-Engine 'version'
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Get-ContainerEngine' {
    Context 'what the engine is' {
        BeforeAll {
            # /version makes Podman run conmon and the OCI runtime: ask once for this context.
            $script:E = @(Get-ContainerEngine)
            $script:Cli = Get-CliInfo
        }

        It 'returns one PSDocker.ContainerEngine for the test engine, with its endpoint' {
            $e = $script:E
            $e | Should -HaveCount 1
            $e[0] | Should -BeOfType ([PSDocker.ContainerEngine])
            $e[0].Endpoint | Should -Be $script:Endpoint
            # An engine from DOCKER_HOST or -Endpoint is the docker CLI's "default" context.
            $e[0].Context | Should -Be 'default'
        }

        It 'tells Docker from Podman as the engine''s own /_ping and /version do' {
            $e = $script:E[0]
            $libpod = $script:Ping.Headers.ContainsKey('Libpod-Api-Version')
            $podmanComponent = [bool]($script:RawVersion.Components | Where-Object Name -eq 'Podman Engine')
            $e.IsPodman | Should -Be $libpod
            $e.IsPodman | Should -Be $podmanComponent
            $e.IsPodman | Should -Be $IsPodman
            if ($libpod) {
                $e.Kind | Should -Be ([PSDocker.EngineKind]::Podman)
                $e.Name | Should -Be 'Podman Engine'
                $e.Version | Should -Be @($script:Ping.Headers['Libpod-Api-Version'])[0]
            }
            else {
                $e.Kind | Should -Be ([PSDocker.EngineKind]::Docker)
                $e.Name | Should -Be 'Docker Engine'
                $script:RawVersion.Components.Name | Should -Contain 'Engine'
            }
        }

        It 'reports the versions: the engine''s, the API it speaks, the one negotiated, the minimum' {
            $e = $script:E[0]
            $e.Version | Should -Be $script:RawVersion.Version
            $e.EngineApiVersion | Should -Be ([version]$script:RawVersion.ApiVersion)
            $e.MinApiVersion | Should -Be ([version]$script:RawVersion.MinAPIVersion)
            # PSDocker speaks 1.40 to 1.51: the negotiated version is the engine's Api-Version header, capped at 1.51.
            $header = [version]@($script:Ping.Headers['Api-Version'])[0]
            $expected = if ($header -gt [version]'1.51') { [version]'1.51' } else { $header }
            $e.ApiVersion | Should -Be $expected
            "$e" | Should -Be "$($e.Kind) $($e.Version) (API $($expected.ToString(2)))"
        }

        It 'reports the OS, architecture and kernel as /version and docker info do' {
            $e = $script:E[0]
            $cli = $script:Cli
            $e.Os | Should -Be $script:RawVersion.Os
            $e.Architecture | Should -Be $script:RawVersion.Arch
            $e.KernelVersion | Should -Be $cli.KernelVersion
            $e.OperatingSystem | Should -Be $cli.OperatingSystem
            $e.HostName | Should -Be $cli.Name
            $e.Components.Name | Should -Be @($script:RawVersion.Components.Name)
        }

        It 'reports the drivers and resources as docker info does' {
            $e = $script:E[0]
            $cli = $script:Cli
            $e.StorageDriver | Should -Be $cli.Driver
            $e.StorageDriver | Should -Not -BeNullOrEmpty
            $e.CgroupDriver | Should -Be $cli.CgroupDriver
            $e.CgroupVersion | Should -Be $cli.CgroupVersion
            $e.Cpus | Should -Be $cli.NCPU
            $e.MemoryBytes | Should -Be $cli.MemTotal
            $e.RootDirectory | Should -Be $cli.DockerRootDir
            @($e.Warnings).Count | Should -Be @($cli.Warnings | Where-Object { $_ }).Count
        }
    }

    Context 'counts' {
        BeforeAll {
            $script:Before = Get-ContainerEngine
            $script:Running = New-TestContainer -Start
            $script:Paused = New-TestContainer -Start
            Suspend-Container -InputObject $script:Paused -ErrorAction Stop
            $script:Created = New-TestContainer
            $script:Exited = New-TestContainer -Command 'true' -Start
            $null = Wait-EngineState $script:Exited.Id 'exited'
        }

        It 'counts containers by state and images as docker info does' {
            $v = Get-BothViews
            $v.Stable | Should -BeTrue -Because 'nothing else changes the test engine during this file'
            $e = $v.Engine; $cli = $v.Cli
            $e.Containers | Should -Be $cli.Containers
            $e.ContainersRunning | Should -Be $cli.ContainersRunning
            $e.ContainersPaused | Should -Be $cli.ContainersPaused
            $e.ContainersStopped | Should -Be $cli.ContainersStopped
            $e.Images | Should -Be $cli.Images
            # Docker counts created containers as stopped; Podman counts them in Containers only.
            $created = @(Invoke-Engine 'containers/json?all=1' | ForEach-Object { $_ } | Where-Object State -eq 'created').Count
            $uncounted = if ($IsPodman) { $created } else { 0 }
            $e.Containers | Should -Be ($e.ContainersRunning + $e.ContainersPaused + $e.ContainersStopped + $uncounted)
        }

        It 'sees this file''s containers: one more running, one more paused, and the stopped ones' {
            $e = Get-ContainerEngine
            $e.ContainersRunning | Should -Be ($script:Before.ContainersRunning + 1)
            $e.ContainersPaused | Should -Be ($script:Before.ContainersPaused + 1)
            # The created container and the exited one are both stopped for Docker; Podman counts only the exited one.
            $e.ContainersStopped | Should -Be ($script:Before.ContainersStopped + $(if ($IsPodman) { 1 } else { 2 }))
            $e.Containers | Should -Be ($script:Before.Containers + 4)
            # ... and agrees with the engine's own container list.
            $list = @(Invoke-Engine 'containers/json?all=1' | ForEach-Object { $_ })
            $e.Containers | Should -Be $list.Count
            $e.ContainersRunning | Should -Be @($list | Where-Object State -eq 'running').Count
            $e.ContainersPaused | Should -Be @($list | Where-Object State -eq 'paused').Count
        }

        It 'counts images as the engine''s image list does' {
            $e = Get-ContainerEngine
            $images = @(Invoke-Engine 'images/json' | ForEach-Object { $_ })
            $e.Images | Should -Be $images.Count
            $e.Images | Should -BeGreaterOrEqual 1
        }
    }

    Context 'endpoints and errors' {
        It 'uses -Endpoint over DOCKER_HOST' {
            $saved = $env:DOCKER_HOST
            try {
                $env:DOCKER_HOST = 'unix:///nonexistent/psdt-engine.sock'
                $e = Get-ContainerEngine -Endpoint $script:Endpoint
                $e.Endpoint | Should -Be $script:Endpoint
                $e.Version | Should -Be $script:RawVersion.Version
            }
            finally { $env:DOCKER_HOST = $saved }
        }

        It 'describes several engines at once (-Endpoint a,b); one it cannot reach is a non-terminating error' {
            $missing = "unix:///tmp/psdt-missing-$(New-Guid).sock"
            $r = @(Get-ContainerEngine -Endpoint $script:Endpoint, $missing -ErrorAction SilentlyContinue -ErrorVariable err)
            $r | Should -HaveCount 1
            $r[0].Endpoint | Should -Be $script:Endpoint
            $r[0].Version | Should -Be $script:RawVersion.Version
            Get-FullyQualifiedErrorId $err | Should -Be @('EngineUnreachable,PSDocker.Commands.GetContainerEngineCommand')
            "$($err[0])" | Should -BeLike "*$missing*"
        }

        It 'tells the test run''s Docker engine and Podman service apart in one call' {
            # build.ps1 starts both; by hand: tests/engine/engine.sh start and tests/engine/podman.sh start, then their env files.
            $docker = if ($env:PSDOCKER_TEST_DOCKER_ENDPOINT) { $env:PSDOCKER_TEST_DOCKER_ENDPOINT } elseif (-not $IsPodman) { $script:Endpoint }
            $podman = $env:PSDOCKER_TEST_PODMAN_ENDPOINT
            $docker | Should -Not -BeNullOrEmpty -Because 'the test run has a Docker engine'
            $podman | Should -Not -BeNullOrEmpty -Because 'the test run has a Podman service (tests/engine/podman.sh writes PSDOCKER_TEST_PODMAN_ENDPOINT)'
            $r = @(Get-ContainerEngine -Endpoint $docker, $podman -ErrorAction Stop)
            $r.Kind | Should -Be @([PSDocker.EngineKind]::Docker, [PSDocker.EngineKind]::Podman)
            $r.Endpoint | Should -Be @($docker, $podman)
            $r[1].Version | Should -Not -Be $r[0].Version
        }

        It 'reports an engine it cannot reach as one terminating EngineUnreachable error naming the endpoint' {
            $missing = "unix:///tmp/psdt-missing-$(New-Guid).sock"
            $err = Get-TerminatingError { Get-ContainerEngine -Endpoint $missing }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Be 'EngineUnreachable,PSDocker.Commands.GetContainerEngineCommand'
            $err.CategoryInfo.Category | Should -Be 'ConnectionError'
            "$err" | Should -BeLike "*$missing*"
        }

        It 'rejects a malformed endpoint before sending anything' {
            $err = Get-TerminatingError { Get-ContainerEngine -Endpoint 'ftp://nope' }
            $err.FullyQualifiedErrorId | Should -Be 'InvalidEndpoint,PSDocker.Commands.GetContainerEngineCommand'
        }
    }

    Context 'disk usage (-DiskUsage)' {
        BeforeAll {
            # A volume with 300 kB in it that no container uses, and a running container that writes 100 kB to its layer.
            $script:vol = "$($script:RunPrefix)-df"
            $null = New-ContainerVolume -Name $vol -Label @{ $RunLabelKey = $RunId } -ErrorAction Stop
            $filler = New-TestContainer -Command sh, -c, 'dd if=/dev/zero of=/v/x bs=1k count=300 2>/dev/null' -Parameters @{ Volume = "$($vol):/v" } -Start
            Wait-EngineState $filler.Id 'exited' | Should -Be 'exited'
            Remove-Container -Id $filler.Id -ErrorAction Stop
            $script:writer = New-TestContainer -Command sh, -c, 'dd if=/dev/zero of=/w bs=1k count=100 2>/dev/null; echo ready; sleep 600' -Start -WaitReady
            $script:rows = @(Get-ContainerEngine -DiskUsage -ErrorAction Stop)
            $script:raw = Invoke-Engine 'system/df'
        }

        AfterAll {
            if ($writer) { Remove-Container -Id $writer.Id -Force -ErrorAction SilentlyContinue }
            Remove-ContainerVolume -Name $vol -Force -ErrorAction SilentlyContinue
        }

        It 'returns the four rows of docker system df, with the engine''s counts' {
            $rows | ForEach-Object { $_ | Should -BeOfType PSDocker.DiskUsage }
            $rows.Type | Should -Be @('Images', 'Containers', 'Local Volumes', 'Build Cache')
            $rows[0].Total | Should -Be @($raw.Images).Count
            $rows[1].Total | Should -Be @($raw.Containers).Count
            $rows[2].Total | Should -Be @($raw.Volumes).Count
            $rows[1].Active | Should -Be @($raw.Containers | Where-Object State -In 'running', 'paused', 'restarting').Count
            $rows | ForEach-Object { $_.Reclaimable | Should -BeLessOrEqual $_.Size; $_.Endpoint | Should -Be $Endpoint }
        }

        It 'counts an unused volume''s data as reclaimable, and -Detail lists it' {
            $rows[2].Reclaimable | Should -BeGreaterOrEqual 300KB
            $item = Get-ContainerEngine -DiskUsage -Detail -ErrorAction Stop | Where-Object { $_.Type -eq 'Local Volumes' -and $_.Name -eq $vol }
            $item | Should -BeOfType PSDocker.DiskUsageItem
            $item.Active | Should -BeFalse
            if (-not $IsPodman) { $item.Size | Should -Be 300KB }   # Podman reports no volume sizes
        }

        It 'lists a running container with its writable layer' {
            $item = Get-ContainerEngine -DiskUsage -Detail -ErrorAction Stop | Where-Object { $_.Type -eq 'Containers' -and $_.Id -eq $writer.Id }
            $item.Name | Should -Be $writer.Name
            $item.Active | Should -BeTrue
            $item.Size | Should -BeGreaterOrEqual 100KB
        }

        It 'shows the docker system df table' {
            $text = $rows | Out-String -Width 250
            $text | Should -Match 'Type\s+Total\s+Active\s+Size\s+Reclaimable'
            $text | Should -Match 'Local Volumes\s+\d+\s+\d+\s+\S+\s+\S+ \(\d+%\)'
        }
    }

    Context 'display' {
        BeforeAll { $script:Shown = Get-ContainerEngine }

        It 'shows a table with the kind, version, API, counts, storage driver and endpoint' {
            $e = $script:Shown
            $text = ($e | Format-Table | Out-String -Width 200)
            $header = ($text -split "`n" | Where-Object { $_ -match '\bKind\b' } | Select-Object -First 1)
            foreach ($column in 'Kind', 'Version', 'API', 'Running', 'Paused', 'Stopped', 'Images', 'Storage', 'Endpoint') {
                $header | Should -Match "\b$column\b"
            }
            $text | Should -Match ([regex]::Escape("$($e.Kind)"))
            $text | Should -Match ([regex]::Escape($e.StorageDriver))
            $text | Should -Match ([regex]::Escape($e.ApiVersion.ToString(2)))
        }

        It 'shows a list with the containers by state, the cgroup driver and the memory' {
            $e = $script:Shown
            $text = ($e | Format-List | Out-String -Width 200)
            $text | Should -Match ([regex]::Escape("Containers      : $($e.Containers) (running $($e.ContainersRunning), paused $($e.ContainersPaused), stopped $($e.ContainersStopped))"))
            $text | Should -Match "Cgroup\s+: $([regex]::Escape($e.CgroupDriver)) \(v$($e.CgroupVersion)\)"
            $text | Should -Match 'Memory\s+: [0-9.]+ GiB'
            $text | Should -Match "Endpoint\s+: $([regex]::Escape($script:Endpoint))"
        }
    }
}
