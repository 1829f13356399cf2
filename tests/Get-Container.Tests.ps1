BeforeAll {
    . "$PSScriptRoot/common.ps1"
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Get-Container' {
    BeforeAll {
        # Names share the file's prefix; the suffixes make the wildcard tests below meaningful.
        $script:running = New-TestContainer -Name "$RunPrefix-web1" -Label @{ 'psdtest.role' = 'web'; 'psdtest.tier' = 'front' } -Start
        $script:created = New-TestContainer -Name "$RunPrefix-web2" -Label @{ 'psdtest.role' = 'web' }
        $script:stopped = New-TestContainer -Name "$RunPrefix-db1" -Command 'sh', '-c', 'exit 7' -Label @{ 'psdtest.role' = 'db' } -Start
        Wait-EngineState $stopped.Id 'exited' | Should -Be 'exited'
        $script:ours = @($running.Id, $created.Id, $stopped.Id)
    }

    Context 'listing' {
        It 'lists every container, running or not, matching the engine''s own list' {
            $all = @(Get-Container -ErrorAction Stop)
            $all | Should -Not -BeNullOrEmpty
            $all | ForEach-Object { $_ | Should -BeOfType PSDocker.Container }
            foreach ($id in $ours) { $all.Id | Should -Contain $id }
            $mine = @($all | Where-Object { $_.Labels[$RunLabelKey] -eq $RunId })
            $mine.Count | Should -Be 3
            $engine = @(Get-EngineContainer -Label $RunLabel)
            ($mine.Id | Sort-Object) | Should -Be ($engine.Id | Sort-Object)
        }

        It 'maps each container''s fields from the engine' {
            $c = Get-Container -Name $stopped.Name -ErrorAction Stop
            $engine = Get-EngineInspect $stopped.Id
            $c.Id | Should -Be $engine.Id
            $c.ShortId | Should -Be $engine.Id.Substring(0, 12)
            $c.Name | Should -Be $stopped.Name
            $c.Image | Should -Be $TestImage
            $c.State | Should -Be ([PSDocker.ContainerState]::Stopped)
            $c.ExitCode | Should -Be 7
            $engine.State.ExitCode | Should -Be 7
            $c.Status | Should -BeLike 'Exited (7)*'
            $c.Labels['psdtest.role'] | Should -Be 'db'
            $listed = Get-EngineContainer -Label $RunLabel | Where-Object Id -eq $stopped.Id
            $c.Created.ToUniversalTime() | Should -Be ([DateTimeOffset]::FromUnixTimeSeconds($listed.Created).UtcDateTime)
            $c.Endpoint | Should -Be $Endpoint
            $c.IsDetailed | Should -BeFalse
        }

        It '-State Running returns only running containers' {
            $r = @(Get-Container -State Running -ErrorAction Stop)
            $r.Id | Should -Contain $running.Id
            $r.Id | Should -Not -Contain $created.Id
            $r.Id | Should -Not -Contain $stopped.Id
            $r | ForEach-Object { $_.State | Should -Be ([PSDocker.ContainerState]::Running) }
        }

        It '-State takes several states' {
            $r = @(Get-Container -State Created, Stopped -Label $RunLabel -ErrorAction Stop)
            ($r.Id | Sort-Object) | Should -Be (@($created.Id, $stopped.Id) | Sort-Object)
        }

        It '-State Stopped maps to the engine''s exited' {
            $r = @(Get-Container -State Stopped -Label $RunLabel -ErrorAction Stop)
            $r.Id | Should -Be @($stopped.Id)
        }

        It '-Label key=value filters, all labels must match' {
            @(Get-Container -Label $RunLabel, 'psdtest.role=web').Id | Sort-Object | Should -Be (@($running.Id, $created.Id) | Sort-Object)
            @(Get-Container -Label $RunLabel, 'psdtest.role=web', 'psdtest.tier=front').Id | Should -Be @($running.Id)
            @(Get-Container -Label $RunLabel, 'psdtest.role=cache') | Should -BeNullOrEmpty
        }

        It '-Label key filters on the label''s presence' {
            @(Get-Container -Label $RunLabel, 'psdtest.tier').Id | Should -Be @($running.Id)
        }
    }

    Context 'by name' {
        It 'finds a container by exact name' {
            $c = @(Get-Container -Name $created.Name -ErrorAction Stop)
            $c.Count | Should -Be 1
            $c[0].Id | Should -Be $created.Id
        }

        It 'matches names with a * wildcard' {
            @(Get-Container -Name "$RunPrefix-web*").Id | Sort-Object | Should -Be (@($running.Id, $created.Id) | Sort-Object)
            @(Get-Container -Name "$RunPrefix-*").Count | Should -Be 3
        }

        It 'matches names with ? and [] wildcards' {
            @(Get-Container -Name "$RunPrefix-web?").Id | Sort-Object | Should -Be (@($running.Id, $created.Id) | Sort-Object)
            @(Get-Container -Name "$RunPrefix-web[2-9]").Id | Should -Be @($created.Id)
        }

        It 'matches names case-insensitively and ignores a leading /' {
            @(Get-Container -Name "/$($RunPrefix.ToUpperInvariant())-DB1").Id | Should -Be @($stopped.Id)
        }

        It 'does not treat the name as a substring or regular expression' {
            @(Get-Container -Name 'web1' -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
            @(Get-Container -Name "$RunPrefix-web." -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        }

        It 'reports a missing name as a non-terminating ObjectNotFound error and still returns the others' {
            $missing = "$RunPrefix-missing"
            $r = @(Get-Container -Name $missing, $running.Name -ErrorAction SilentlyContinue -ErrorVariable err)
            $r.Id | Should -Be @($running.Id)
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.GetContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be $missing
        }

        It 'is silent when a wildcard matches nothing' {
            $r = @(Get-Container -Name "$RunPrefix-nothing*" -ErrorAction SilentlyContinue -ErrorVariable err)
            $r | Should -BeNullOrEmpty
            $err | Should -BeNullOrEmpty
        }

        It 'takes names from the pipeline (strings)' {
            @($running.Name, $stopped.Name | Get-Container -ErrorAction Stop).Id | Sort-Object | Should -Be (@($running.Id, $stopped.Id) | Sort-Object)
        }

        It 'takes names from the pipeline by property name' {
            @([pscustomobject]@{ Name = $created.Name } | Get-Container -ErrorAction Stop).Id | Should -Be @($created.Id)
        }
    }

    Context 'by ID' {
        It 'finds a container by full ID' {
            @(Get-Container -Id $stopped.Id -ErrorAction Stop).Id | Should -Be @($stopped.Id)
        }

        It 'finds a container by ID prefix' {
            @(Get-Container -Id $running.Id.Substring(0, 12) -ErrorAction Stop).Id | Should -Be @($running.Id)
            @(Get-Container -Id $running.Id.Substring(0, 6).ToUpperInvariant() -ErrorAction Stop).Id | Should -Contain $running.Id
        }

        It 'returns every container an ID prefix matches, even when several share it' {
            # Make containers until two of ours share their first hex digit (at most 17 are needed).
            $byFirst = @{}
            $shared = $null
            foreach ($c in $running, $created, $stopped) { $byFirst[$c.Id.Substring(0, 1)] += @($c.Id) }
            while (-not $shared) {
                $shared = $byFirst.Keys | Where-Object { $byFirst[$_].Count -ge 2 } | Select-Object -First 1
                if (-not $shared) {
                    $extra = New-TestContainer -Command 'true'
                    $byFirst[$extra.Id.Substring(0, 1)] += @($extra.Id)
                }
            }
            $r = @(Get-Container -Id $shared -Label $RunLabel -ErrorAction Stop)
            ($r.Id | Sort-Object) | Should -Be ($byFirst[$shared] | Sort-Object)
            $all = @(Get-Container -Id $shared -ErrorAction Stop)
            $all | ForEach-Object { $_.Id | Should -BeLike "$shared*" }
            foreach ($id in $byFirst[$shared]) { $all.Id | Should -Contain $id }
        }

        It 'takes IDs from the pipeline by property name' {
            @([pscustomobject]@{ Id = $created.Id } | Get-Container -ErrorAction Stop).Id | Should -Be @($created.Id)
        }

        It 'reports a missing ID as ContainerNotFound (ObjectNotFound)' {
            $r = @(Get-Container -Id 'ffffffffffff0000', $created.Id -ErrorAction SilentlyContinue -ErrorVariable err)
            $r.Id | Should -Be @($created.Id)
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.GetContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }
    }

    Context 'exact names and IDs (one inspect call each)' {
        It 'answers an exact name and a full ID with the same container the list gives' {
            $listed = @(Get-Container -Name "$RunPrefix-db*" -ErrorAction Stop)
            $exact = Get-Container -Name $stopped.Name -ErrorAction Stop
            $exact.Id | Should -Be $listed[0].Id
            # Podman's list joins the command's words without Docker's quotes; PSDocker words inspect data as Docker does.
            foreach ($p in @('Name', 'Image', 'ImageId', 'Created', 'State', 'Health', 'ExitCode', 'Endpoint') + @(if (-not $IsPodman) { 'Command' })) {
                $exact.$p | Should -Be $listed[0].$p -Because "$p is the same either way"
            }
            $exact.Status | Should -BeLike 'Exited (7) * ago' # its age is worded when it is read
            ($exact.Labels.Keys | Sort-Object) | Should -Be ($listed[0].Labels.Keys | Sort-Object)
            $exact.IsDetailed | Should -BeFalse
            (Get-Container -Id $stopped.Id -ErrorAction Stop).Name | Should -Be $stopped.Name
        }

        It 'returns exact names in the order given' {
            @(Get-Container -Name $stopped.Name, $running.Name, $created.Name -ErrorAction Stop).Id | Should -Be @($stopped.Id, $running.Id, $created.Id)
            @(Get-Container -Name $created.Name, $stopped.Name -ErrorAction Stop).Id | Should -Be @($created.Id, $stopped.Id)
        }

        It 'writes a container once when several names or IDs find it' {
            @(Get-Container -Name $running.Name, $running.Name.ToUpperInvariant(), "/$($running.Name)" -ErrorAction Stop).Id | Should -Be @($running.Id)
            @(Get-Container -Id $running.Id, $running.Id.Substring(0, 12) -ErrorAction Stop).Id | Should -Be @($running.Id)
        }

        It 'does not take a container named like an ID prefix for the container with that ID' {
            # The engine's inspect resolves a name before an ID prefix: '<hex>' named container vs the container whose ID starts so.
            $prefix = $created.Id.Substring(0, 10)
            $impostor = New-TestContainer -Name $prefix -Command 'true'
            try {
                $r = @(Get-Container -Id $prefix -ErrorAction Stop)
                $r.Id | Should -Contain $created.Id
                $r | ForEach-Object { $_.Id | Should -BeLike "$prefix*" }
                @(Get-Container -Name $prefix -ErrorAction Stop).Id | Should -Be @($impostor.Id)
            }
            finally { Remove-Container -Id $impostor.Id -Force -ErrorAction SilentlyContinue }
        }

        It 'does not take another container''s ID prefix for a name' {
            $r = @(Get-Container -Name $running.Id.Substring(0, 12) -ErrorAction SilentlyContinue -ErrorVariable err)
            $r | Should -BeNullOrEmpty
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.GetContainerCommand')
        }

        It 'reports a missing exact name among found ones, and still returns those' {
            # One name is missing: the list decides, so the order is the engine's.
            $r = @(Get-Container -Name $created.Name, "$RunPrefix-nothing-here", $running.Name -ErrorAction SilentlyContinue -ErrorVariable err)
            ($r.Id | Sort-Object) | Should -Be (@($created.Id, $running.Id) | Sort-Object)
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.GetContainerCommand')
            $err[0].TargetObject | Should -Be "$RunPrefix-nothing-here"
        }

        It 'with several engines, finds it on the one that has it and reports only the unreachable one' {
            $dead = "unix://$([IO.Path]::GetTempPath())psdt-no-engine-$RunId.sock"
            $r = @(Get-Container -Name $running.Name -Endpoint $env:DOCKER_HOST, $dead -ErrorAction SilentlyContinue -ErrorVariable err)
            $r.Id | Should -Be @($running.Id)
            Get-FullyQualifiedErrorId $err | Should -Be @('EngineUnreachable,PSDocker.Commands.GetContainerCommand')
        }
    }

    Context '-Detailed' {
        BeforeAll {
            $script:detailed = New-TestContainer -Parameters @{
                Environment   = @{ PSDT_DETAIL = 'yes' }
                RestartPolicy = 'unless-stopped'
                Tty           = $true
            } -Start
            $script:autoRemove = New-TestContainer -Parameters @{ AutoRemove = $true } -Start
        }

        It 'fills StartedAt, Pid, Environment, RestartPolicy, AutoRemove and Tty from the engine''s inspect data' {
            $c = Get-Container -Name $detailed.Name -Detailed -ErrorAction Stop
            $engine = Get-EngineInspect $detailed.Id
            $c.IsDetailed | Should -BeTrue
            $c.StartedAt | Should -Not -BeNullOrEmpty
            $c.StartedAt.ToUniversalTime() | Should -Be ([DateTimeOffset]::Parse($engine.State.StartedAt, [cultureinfo]::InvariantCulture).UtcDateTime)
            $c.Pid | Should -Be $engine.State.Pid
            $c.Pid | Should -BeGreaterThan 0
            $c.Environment | Should -Contain 'PSDT_DETAIL=yes'
            $c.RestartPolicy | Should -Be 'unless-stopped'
            $c.AutoRemove | Should -BeFalse
            $c.Tty | Should -BeTrue

            $a = Get-Container -Name $autoRemove.Name -Detailed -ErrorAction Stop
            $a.AutoRemove | Should -BeTrue
            $a.Tty | Should -BeFalse
            $a.RestartPolicy | Should -Be 'no'
        }

        It 'leaves those properties empty without -Detailed' {
            $c = Get-Container -Name $detailed.Name -ErrorAction Stop
            $c.IsDetailed | Should -BeFalse
            $c.StartedAt | Should -BeNullOrEmpty
            $c.Pid | Should -BeNullOrEmpty
            $c.Environment | Should -BeNullOrEmpty
        }

        It 'shows a list view by default, and the table still with Format-Table' {
            $text = Get-Container -Name $detailed.Name -Detailed -ErrorAction Stop | Out-String -Width 250 # wide: Environment is one line
            $text | Should -Match '(?m)^Name\s+: '
            $text | Should -Match '(?m)^RestartPolicy\s+: unless-stopped'
            $text | Should -Match 'PSDT_DETAIL=yes'
            Get-Container -Name $detailed.Name -Detailed | Format-Table | Out-String -Width 120 | Should -Match '(?m)^Id\s+Name\s+Image'
            Get-Container -Name $detailed.Name | Out-String -Width 120 | Should -Match '(?m)^Id\s+Name\s+Image'
        }

        It 'works with filters and several containers' {
            $r = @(Get-Container -Label $RunLabel -State Running -Detailed -ErrorAction Stop)
            ($r.Id | Sort-Object) | Should -Be (@($running.Id, $detailed.Id, $autoRemove.Id) | Sort-Object)
            $r | ForEach-Object { $_.IsDetailed | Should -BeTrue; $_.Pid | Should -BeGreaterThan 0 }
        }
    }
}
