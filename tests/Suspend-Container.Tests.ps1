BeforeAll {
    . "$PSScriptRoot/common.ps1"
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Suspend-Container' {
    Context 'pausing' {
        It 'pauses a running container (engine: paused) and returns nothing without -PassThru' {
            $c = New-TestContainer -Start
            $out = Suspend-Container -Name $c.Name -ErrorAction Stop
            $out | Should -BeNullOrEmpty
            $engine = Get-EngineInspect $c.Id
            $engine.State.Status | Should -Be 'paused'
            $engine.State.Paused | Should -BeTrue
            (Get-Container -Name $c.Name).State | Should -Be ([PSDocker.ContainerState]::Paused)
        }

        It '-PassThru returns the paused Container' {
            $c = New-TestContainer -Start
            $out = @(Suspend-Container -InputObject $c -PassThru -ErrorAction Stop)
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType PSDocker.Container
            $out[0].Id | Should -Be $c.Id
            $out[0].State | Should -Be ([PSDocker.ContainerState]::Paused)
        }

        It 'is not an error to pause a paused container; it stays paused' {
            $c = New-TestContainer -Start
            Suspend-Container -Name $c.Name -ErrorAction Stop
            $out = Suspend-Container -Name $c.Name -PassThru -ErrorAction SilentlyContinue -ErrorVariable err
            $err | Should -BeNullOrEmpty
            $out.State | Should -Be ([PSDocker.ContainerState]::Paused)
            Get-EngineState $c.Id | Should -Be 'paused'
        }
    }

    Context 'pipeline binding' {
        BeforeAll {
            $script:p1, $script:p2, $script:p3, $script:p4, $script:p5 = New-TestContainers -Count 5 -Start
        }

        It 'binds Container objects by value' {
            $out = @($p1, $p2 | Suspend-Container -PassThru -ErrorAction Stop)
            $out.Id | Should -Be @($p1.Id, $p2.Id)
            Get-EngineState $p1.Id | Should -Be 'paused'
            Get-EngineState $p2.Id | Should -Be 'paused'
        }

        It 'binds strings by value' {
            $p3.Name | Suspend-Container -ErrorAction Stop
            Get-EngineState $p3.Id | Should -Be 'paused'
        }

        It 'binds [pscustomobject]@{Id=...} by property name' {
            [pscustomobject]@{ Id = $p4.Id } | Suspend-Container -ErrorAction Stop
            Get-EngineState $p4.Id | Should -Be 'paused'
        }

        It 'binds [pscustomobject]@{Name=...} by property name' {
            [pscustomobject]@{ Name = $p5.Name } | Suspend-Container -ErrorAction Stop
            Get-EngineState $p5.Id | Should -Be 'paused'
        }
    }

    Context 'errors' {
        It 'reports a missing container as ContainerNotFound (ObjectNotFound), non-terminating: the next item is still paused' {
            $missing = "$RunPrefix-missing"
            $c = New-TestContainer -Start
            $out = @($missing, $c.Name | Suspend-Container -PassThru -ErrorAction SilentlyContinue -ErrorVariable err)
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.SuspendContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be $missing
            $out.Id | Should -Be @($c.Id)
            Get-EngineState $c.Id | Should -Be 'paused'
        }

        It 'reports pausing a stopped container as ContainerNotRunning and leaves it stopped' {
            $c = New-TestContainer -Command 'true' -Start
            Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
            Suspend-Container -Name $c.Name -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotRunning,PSDocker.Commands.SuspendContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            Get-EngineState $c.Id | Should -Be 'exited'
        }

        It 'reports pausing a created container as ContainerNotRunning and leaves it created' {
            $c = New-TestContainer
            Suspend-Container -Name $c.Name -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotRunning,PSDocker.Commands.SuspendContainerCommand')
            Get-EngineState $c.Id | Should -Be 'created'
        }
    }

    Context '-WhatIf' {
        It 'pauses nothing' {
            $c = New-TestContainer -Start
            Suspend-Container -Name $c.Name -PassThru -WhatIf -ErrorAction Stop | Should -BeNullOrEmpty
            Get-EngineState $c.Id | Should -Be 'running'
        }
    }
}
