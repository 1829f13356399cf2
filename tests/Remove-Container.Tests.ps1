BeforeAll {
    . "$PSScriptRoot/common.ps1"
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Remove-Container' {
    Context 'removing' {
        It 'removes a stopped container (the engine answers 404) and returns nothing' {
            $c = New-TestContainer -Command 'true' -Start
            Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
            $out = Remove-Container -Name $c.Name -ErrorAction Stop
            $out | Should -BeNullOrEmpty
            Get-EngineInspect $c.Id | Should -BeNullOrEmpty
        }

        It 'removes a created container' {
            $c = New-TestContainer
            Remove-Container -Id $c.Id -ErrorAction Stop
            Get-EngineInspect $c.Id | Should -BeNullOrEmpty
        }

        It 'removes a running container with -Force' {
            $c = New-TestContainer -Start
            Remove-Container -Name $c.Name -Force -ErrorAction Stop
            Get-EngineInspect $c.Id | Should -BeNullOrEmpty
        }

        It 'removes a paused container with -Force' {
            $c = New-TestContainer -Start | Suspend-Container -PassThru
            Get-EngineState $c.Id | Should -Be 'paused'
            Remove-Container -InputObject $c -Force -ErrorAction Stop
            Get-EngineInspect $c.Id | Should -BeNullOrEmpty
        }

        It '-Volumes also removes the container''s anonymous volumes' {
            $keep = New-TestContainer -Parameters @{ Volume = '/anon' }
            $drop = New-TestContainer -Parameters @{ Volume = '/anon' }
            $keepVolume = @((Get-EngineInspect $keep.Id).Mounts | Where-Object Destination -eq '/anon')[0].Name
            $dropVolume = @((Get-EngineInspect $drop.Id).Mounts | Where-Object Destination -eq '/anon')[0].Name
            $keepVolume | Should -Not -BeNullOrEmpty
            $dropVolume | Should -Not -BeNullOrEmpty
            try {
                Remove-Container -InputObject $keep -ErrorAction Stop
                Remove-Container -InputObject $drop -Volumes -ErrorAction Stop
                Get-EngineInspect $keep.Id | Should -BeNullOrEmpty
                Get-EngineInspect $drop.Id | Should -BeNullOrEmpty
                { Invoke-Engine "volumes/$keepVolume" } | Should -Not -Throw
                { Invoke-Engine "volumes/$dropVolume" } | Should -Throw
            }
            finally {
                try { $null = Invoke-Engine "volumes/$keepVolume" -Method DELETE } catch { }
            }
        }
    }

    Context 'pipeline binding' {
        BeforeAll {
            $script:p = 1..5 | ForEach-Object { New-TestContainer }
        }

        It 'binds Container objects by value' {
            $p[0], $p[1] | Remove-Container -ErrorAction Stop
            Get-EngineInspect $p[0].Id | Should -BeNullOrEmpty
            Get-EngineInspect $p[1].Id | Should -BeNullOrEmpty
        }

        It 'binds strings by value' {
            $p[2].Name | Remove-Container -ErrorAction Stop
            Get-EngineInspect $p[2].Id | Should -BeNullOrEmpty
        }

        It 'binds [pscustomobject]@{Id=...} by property name' {
            [pscustomobject]@{ Id = $p[3].Id } | Remove-Container -ErrorAction Stop
            Get-EngineInspect $p[3].Id | Should -BeNullOrEmpty
        }

        It 'binds [pscustomobject]@{Name=...} by property name' {
            [pscustomobject]@{ Name = $p[4].Name } | Remove-Container -ErrorAction Stop
            Get-EngineInspect $p[4].Id | Should -BeNullOrEmpty
        }
    }

    Context 'errors' {
        It 'reports a missing container as ContainerNotFound (ObjectNotFound), non-terminating: the next item is still removed' {
            $missing = "$RunPrefix-missing"
            $c = New-TestContainer
            $missing, $c.Name | Remove-Container -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.RemoveContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be $missing
            Get-EngineInspect $c.Id | Should -BeNullOrEmpty
        }

        It 'refuses to remove a running container without -Force (ContainerIsRunning), which keeps running' {
            $c = New-TestContainer -Start
            $pidBefore = (Get-EngineInspect $c.Id).State.Pid
            Remove-Container -Name $c.Name -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerIsRunning,PSDocker.Commands.RemoveContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $err[0].TargetObject | Should -Be $c.Name
            $engine = Get-EngineInspect $c.Id
            $engine.State.Status | Should -Be 'running'
            $engine.State.Pid | Should -Be $pidBefore
        }

        It 'goes on to the next container after refusing a running one' {
            $running = New-TestContainer -Start
            $stopped = New-TestContainer
            $running, $stopped | Remove-Container -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerIsRunning,PSDocker.Commands.RemoveContainerCommand')
            Get-EngineState $running.Id | Should -Be 'running'
            Get-EngineInspect $stopped.Id | Should -BeNullOrEmpty
        }
    }

    Context '-WhatIf' {
        It 'removes nothing (with and without -Force)' {
            $stopped = New-TestContainer
            $running = New-TestContainer -Start
            Remove-Container -InputObject $stopped -WhatIf -ErrorAction Stop
            Remove-Container -InputObject $running -Force -WhatIf -ErrorAction Stop
            Get-EngineState $stopped.Id | Should -Be 'created'
            Get-EngineState $running.Id | Should -Be 'running'
        }
    }
}
