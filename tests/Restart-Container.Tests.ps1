BeforeAll {
    . "$PSScriptRoot/common.ps1"
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Restart-Container' {
    Context 'restarting' {
        It 'restarts a running container: the engine''s StartedAt and Pid change, it runs again' {
            $c = New-TestContainer -Start
            $before = Get-EngineInspect $c.Id
            $out = Restart-Container -Name $c.Name -Timeout 1 -ErrorAction Stop
            $out | Should -BeNullOrEmpty
            $after = Get-EngineInspect $c.Id
            $after.State.Status | Should -Be 'running'
            $after.State.StartedAt | Should -Not -Be $before.State.StartedAt
            [DateTimeOffset]::Parse($after.State.StartedAt, [cultureinfo]::InvariantCulture) |
                Should -BeGreaterThan ([DateTimeOffset]::Parse($before.State.StartedAt, [cultureinfo]::InvariantCulture))
            $after.State.Pid | Should -Not -Be $before.State.Pid
        }

        It '-PassThru returns the Container with the new StartedAt' {
            $c = New-TestContainer -Start
            $out = @(Restart-Container -InputObject $c -Timeout 1 -PassThru -ErrorAction Stop)
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType PSDocker.Container
            $out[0].State | Should -Be ([PSDocker.ContainerState]::Running)
            $out[0].StartedAt | Should -BeGreaterThan $c.StartedAt
            $engine = Get-EngineInspect $c.Id
            $out[0].StartedAt.ToUniversalTime() | Should -Be ([DateTimeOffset]::Parse($engine.State.StartedAt, [cultureinfo]::InvariantCulture).UtcDateTime)
        }

        It 'starts a stopped container' {
            $c = New-TestContainer -Start
            Stop-Container -InputObject $c -Kill -ErrorAction Stop
            Get-EngineState $c.Id | Should -Be 'exited'
            Restart-Container -Id $c.Id -Timeout 1 -ErrorAction Stop
            Get-EngineState $c.Id | Should -Be 'running'
        }

        It '-Timeout bounds the wait for a container that ignores SIGTERM (killed, then started again)' {
            $c = New-TestContainer -Command 'sh', '-c', 'trap "" TERM; echo ready; while :; do sleep 1; done' -Start -WaitReady
            $before = Get-EngineInspect $c.Id
            Restart-Container -Name $c.Name -Timeout 1 -ErrorAction Stop
            $after = Get-EngineInspect $c.Id
            $after.State.Status | Should -Be 'running'
            $after.State.StartedAt | Should -Not -Be $before.State.StartedAt
        }
    }

    Context 'pipeline binding' {
        BeforeAll {
            $script:p = New-TestContainers -Count 5 -Start
            $script:started = @{}
            foreach ($c in $p) { $started[$c.Id] = (Get-EngineInspect $c.Id).State.StartedAt }
            function Test-Restarted($c) { (Get-EngineInspect $c.Id).State.StartedAt -ne $started[$c.Id] }
        }

        It 'binds Container objects by value' {
            $out = @($p[0], $p[1] | Restart-Container -Timeout 1 -PassThru -ErrorAction Stop)
            $out.Id | Should -Be @($p[0].Id, $p[1].Id)
            Test-Restarted $p[0] | Should -BeTrue
            Test-Restarted $p[1] | Should -BeTrue
        }

        It 'binds strings by value' {
            $p[2].Name | Restart-Container -Timeout 1 -ErrorAction Stop
            Test-Restarted $p[2] | Should -BeTrue
        }

        It 'binds [pscustomobject]@{Id=...} by property name' {
            [pscustomobject]@{ Id = $p[3].Id } | Restart-Container -Timeout 1 -ErrorAction Stop
            Test-Restarted $p[3] | Should -BeTrue
        }

        It 'binds [pscustomobject]@{Name=...} by property name' {
            [pscustomobject]@{ Name = $p[4].Name } | Restart-Container -Timeout 1 -ErrorAction Stop
            Test-Restarted $p[4] | Should -BeTrue
        }
    }

    Context 'errors' {
        It 'reports a missing container as ContainerNotFound (ObjectNotFound), non-terminating: the next item is still restarted' {
            $missing = "$RunPrefix-missing"
            $c = New-TestContainer -Start
            $before = (Get-EngineInspect $c.Id).State.StartedAt
            $out = @($missing, $c.Name | Restart-Container -Timeout 1 -PassThru -ErrorAction SilentlyContinue -ErrorVariable err)
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.RestartContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be $missing
            $out.Id | Should -Be @($c.Id)
            (Get-EngineInspect $c.Id).State.StartedAt | Should -Not -Be $before
        }
    }

    Context '-WhatIf' {
        It 'restarts nothing' {
            $c = New-TestContainer -Start
            $before = Get-EngineInspect $c.Id
            Restart-Container -Name $c.Name -PassThru -WhatIf -ErrorAction Stop | Should -BeNullOrEmpty
            $after = Get-EngineInspect $c.Id
            $after.State.Status | Should -Be 'running'
            $after.State.StartedAt | Should -Be $before.State.StartedAt
            $after.State.Pid | Should -Be $before.State.Pid
        }
    }
}
