BeforeAll {
    . "$PSScriptRoot/common.ps1"

    function New-PausedContainer {
        $c = New-TestContainer -Start
        Suspend-Container -InputObject $c -PassThru -ErrorAction Stop
    }
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Resume-Container' {
    Context 'resuming' {
        It 'resumes a paused container (engine: running) and returns nothing without -PassThru' {
            $c = New-PausedContainer
            Get-EngineState $c.Id | Should -Be 'paused'
            $out = Resume-Container -Name $c.Name -ErrorAction Stop
            $out | Should -BeNullOrEmpty
            $engine = Get-EngineInspect $c.Id
            $engine.State.Status | Should -Be 'running'
            $engine.State.Paused | Should -BeFalse
            (Get-Container -Name $c.Name).State | Should -Be ([PSDocker.ContainerState]::Running)
        }

        It '-PassThru returns the running Container' {
            $c = New-PausedContainer
            $out = @(Resume-Container -InputObject $c -PassThru -ErrorAction Stop)
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType PSDocker.Container
            $out[0].Id | Should -Be $c.Id
            $out[0].State | Should -Be ([PSDocker.ContainerState]::Running)
        }

        It 'is not an error to resume a running container; it keeps running' {
            $c = New-TestContainer -Start
            $pidBefore = (Get-EngineInspect $c.Id).State.Pid
            $out = Resume-Container -Name $c.Name -PassThru -ErrorAction SilentlyContinue -ErrorVariable err
            $err | Should -BeNullOrEmpty
            $out.State | Should -Be ([PSDocker.ContainerState]::Running)
            $engine = Get-EngineInspect $c.Id
            $engine.State.Status | Should -Be 'running'
            $engine.State.Pid | Should -Be $pidBefore
        }
    }

    Context 'pipeline binding' {
        BeforeAll {
            $script:p1, $script:p2, $script:p3, $script:p4, $script:p5 = New-TestContainers -Count 5 -Start | Suspend-Container -PassThru -ErrorAction Stop
        }

        It 'binds Container objects by value' {
            $out = @($p1, $p2 | Resume-Container -PassThru -ErrorAction Stop)
            $out.Id | Should -Be @($p1.Id, $p2.Id)
            Get-EngineState $p1.Id | Should -Be 'running'
            Get-EngineState $p2.Id | Should -Be 'running'
        }

        It 'binds strings by value' {
            $p3.Name | Resume-Container -ErrorAction Stop
            Get-EngineState $p3.Id | Should -Be 'running'
        }

        It 'binds [pscustomobject]@{Id=...} by property name' {
            [pscustomobject]@{ Id = $p4.Id } | Resume-Container -ErrorAction Stop
            Get-EngineState $p4.Id | Should -Be 'running'
        }

        It 'binds [pscustomobject]@{Name=...} by property name' {
            [pscustomobject]@{ Name = $p5.Name } | Resume-Container -ErrorAction Stop
            Get-EngineState $p5.Id | Should -Be 'running'
        }
    }

    Context 'errors' {
        It 'reports a missing container as ContainerNotFound (ObjectNotFound), non-terminating: the next item is still resumed' {
            $missing = "$RunPrefix-missing"
            $c = New-PausedContainer
            $out = @($missing, $c.Name | Resume-Container -PassThru -ErrorAction SilentlyContinue -ErrorVariable err)
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.ResumeContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be $missing
            $out.Id | Should -Be @($c.Id)
            Get-EngineState $c.Id | Should -Be 'running'
        }

        It 'reports resuming a stopped container as ContainerNotRunning and leaves it stopped' {
            $c = New-TestContainer -Command 'true' -Start
            Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
            Resume-Container -Name $c.Name -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotRunning,PSDocker.Commands.ResumeContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            Get-EngineState $c.Id | Should -Be 'exited'
        }
    }

    Context '-WhatIf' {
        It 'resumes nothing' {
            $c = New-PausedContainer
            Resume-Container -Name $c.Name -PassThru -WhatIf -ErrorAction Stop | Should -BeNullOrEmpty
            Get-EngineState $c.Id | Should -Be 'paused'
        }
    }
}
