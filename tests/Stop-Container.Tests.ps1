BeforeAll {
    . "$PSScriptRoot/common.ps1"

    # Exits 0 on SIGTERM, 10 on SIGUSR1; prints 'ready' once both traps are set (the tests wait for it).
    $script:TrapCommand = @('sh', '-c', 'trap "exit 10" USR1; trap "exit 0" TERM; echo ready; sleep 600 & wait')
    # Ignores SIGTERM: only SIGKILL (after the stop timeout) ends it.
    $script:IgnoreTermCommand = @('sh', '-c', 'trap "" TERM; echo ready; while :; do sleep 1; done')
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Stop-Container' {
    Context 'stopping' {
        It 'stops a running container gracefully (SIGTERM: its trap exits 0)' {
            $c = New-TestContainer -Command $TrapCommand -Start -WaitReady
            $out = Stop-Container -Name $c.Name -Timeout 10 -ErrorAction Stop
            $out | Should -BeNullOrEmpty
            $engine = Get-EngineInspect $c.Id
            $engine.State.Status | Should -Be 'exited'
            $engine.State.ExitCode | Should -Be 0
            (Get-Container -Name $c.Name).State | Should -Be ([PSDocker.ContainerState]::Stopped)
        }

        It '-PassThru returns the stopped Container with its exit code' {
            $c = New-TestContainer -Command $TrapCommand -Start -WaitReady
            $out = @(Stop-Container -InputObject $c -Timeout 10 -PassThru -ErrorAction Stop)
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType PSDocker.Container
            $out[0].Id | Should -Be $c.Id
            $out[0].State | Should -Be ([PSDocker.ContainerState]::Stopped)
            $out[0].ExitCode | Should -Be 0
            $out[0].FinishedAt | Should -Not -BeNullOrEmpty
        }

        It 'is not an error to stop a stopped container' {
            $c = New-TestContainer -Command 'true' -Start
            Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
            $finished = (Get-EngineInspect $c.Id).State.FinishedAt
            $out = Stop-Container -Name $c.Name -Timeout 1 -PassThru -ErrorAction SilentlyContinue -ErrorVariable err
            $err | Should -BeNullOrEmpty
            $out.State | Should -Be ([PSDocker.ContainerState]::Stopped)
            $engine = Get-EngineInspect $c.Id
            $engine.State.Status | Should -Be 'exited'
            $engine.State.FinishedAt | Should -Be $finished
        }

        It 'is not an error to stop a created (never started) container' {
            $c = New-TestContainer
            Stop-Container -Name $c.Name -Timeout 1 -ErrorAction SilentlyContinue -ErrorVariable err
            $err | Should -BeNullOrEmpty
            Get-EngineState $c.Id | Should -Be 'created'
        }

        It '-Timeout: a container that ignores SIGTERM is killed after the timeout (exit 137)' {
            $c = New-TestContainer -Command $IgnoreTermCommand -Start -WaitReady
            $out = Stop-Container -Name $c.Name -Timeout 1 -PassThru -ErrorAction Stop
            $out.ExitCode | Should -Be 137
            $engine = Get-EngineInspect $c.Id
            $engine.State.Status | Should -Be 'exited'
            $engine.State.ExitCode | Should -Be 137
        }

        It '-Signal sends that signal instead of SIGTERM' {
            $c = New-TestContainer -Command $TrapCommand -Start -WaitReady
            $out = Stop-Container -Name $c.Name -Signal SIGUSR1 -Timeout 10 -PassThru -ErrorAction Stop
            $out.ExitCode | Should -Be 10
            $engine = Get-EngineInspect $c.Id
            $engine.State.Status | Should -Be 'exited'
            $engine.State.ExitCode | Should -Be 10
        }

        It '-Signal on a stopped container is not an error' {
            $c = New-TestContainer -Command 'true' -Start
            Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
            Stop-Container -Name $c.Name -Signal SIGUSR1 -Timeout 1 -ErrorAction SilentlyContinue -ErrorVariable err
            $err | Should -BeNullOrEmpty
            Get-EngineState $c.Id | Should -Be 'exited'
        }

        It 'rejects a malformed -Signal before calling the engine' {
            $c = New-TestContainer -Start
            { Stop-Container -Name $c.Name -Signal 'not a signal' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,PSDocker.Commands.StopContainerCommand'
            Get-EngineState $c.Id | Should -Be 'running'
        }
    }

    Context '-Kill' {
        It 'kills at once with SIGKILL (exit 137), even a container that would stop gracefully' {
            $c = New-TestContainer -Command $TrapCommand -Start -WaitReady
            $out = Stop-Container -Name $c.Name -Kill -PassThru -ErrorAction Stop
            $out.State | Should -Be ([PSDocker.ContainerState]::Stopped)
            $out.ExitCode | Should -Be 137
            $engine = Get-EngineInspect $c.Id
            $engine.State.Status | Should -Be 'exited'
            $engine.State.ExitCode | Should -Be 137
        }

        It '-Kill -Signal sends that signal' {
            $c = New-TestContainer -Command $TrapCommand -Start -WaitReady
            Stop-Container -Name $c.Name -Kill -Signal USR1 -ErrorAction Stop
            Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
            (Get-EngineInspect $c.Id).State.ExitCode | Should -Be 10
        }

        It 'is not an error to kill a stopped container' {
            $c = New-TestContainer -Command 'true' -Start
            Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
            $out = Stop-Container -Name $c.Name -Kill -PassThru -ErrorAction SilentlyContinue -ErrorVariable err
            $err | Should -BeNullOrEmpty
            $out.ExitCode | Should -Be 0
            (Get-EngineInspect $c.Id).State.ExitCode | Should -Be 0
        }
    }

    Context 'pipeline binding' {
        BeforeAll {
            $script:p1, $script:p2, $script:p3, $script:p4, $script:p5 = New-TestContainers -Count 5 -Start
        }

        It 'binds Container objects by value' {
            $out = @($p1, $p2 | Stop-Container -Kill -PassThru -ErrorAction Stop)
            $out.Id | Should -Be @($p1.Id, $p2.Id)
            Get-EngineState $p1.Id | Should -Be 'exited'
            Get-EngineState $p2.Id | Should -Be 'exited'
        }

        It 'binds strings by value' {
            $p3.Name | Stop-Container -Kill -ErrorAction Stop
            Get-EngineState $p3.Id | Should -Be 'exited'
        }

        It 'binds [pscustomobject]@{Id=...} by property name' {
            [pscustomobject]@{ Id = $p4.Id } | Stop-Container -Kill -ErrorAction Stop
            Get-EngineState $p4.Id | Should -Be 'exited'
        }

        It 'binds [pscustomobject]@{Name=...} by property name' {
            [pscustomobject]@{ Name = $p5.Name } | Stop-Container -Kill -ErrorAction Stop
            Get-EngineState $p5.Id | Should -Be 'exited'
        }
    }

    Context 'errors' {
        It 'reports a missing container as ContainerNotFound (ObjectNotFound), non-terminating: the next item is still stopped' {
            $missing = "$RunPrefix-missing"
            $c = New-TestContainer -Start
            $out = @($missing, $c.Name | Stop-Container -Kill -PassThru -ErrorAction SilentlyContinue -ErrorVariable err)
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.StopContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be $missing
            $out.Id | Should -Be @($c.Id)
            Get-EngineState $c.Id | Should -Be 'exited'
        }

        It 'reports a missing container without -Kill too' {
            Stop-Container -Name "$RunPrefix-missing" -Timeout 1 -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.StopContainerCommand')
        }
    }

    Context '-WhatIf' {
        It 'stops nothing (with and without -Kill)' {
            $c = New-TestContainer -Start
            Stop-Container -Name $c.Name -WhatIf -ErrorAction Stop | Should -BeNullOrEmpty
            Stop-Container -Name $c.Name -Kill -PassThru -WhatIf -ErrorAction Stop | Should -BeNullOrEmpty
            Get-EngineState $c.Id | Should -Be 'running'
        }
    }
}
