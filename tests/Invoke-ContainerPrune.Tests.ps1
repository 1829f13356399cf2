BeforeAll {
    . "$PSScriptRoot/common.ps1"

    # A container that has run and exited, with the given labels.
    function New-StoppedContainer([hashtable] $Label = @{}) {
        $c = New-TestContainer -Command 'true' -Label $Label -Start
        Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
        $c
    }
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

# Every prune here is scoped by this file's run label (and a case label): an unscoped prune would
# remove other files' (and other runs') stopped containers on the shared engine.
Describe 'Invoke-ContainerPrune' {
    Context 'removing stopped containers matching -Label' {
        BeforeAll {
            $script:case = [guid]::NewGuid().ToString('N')
            $started = @(
                New-TestContainer -Command 'true' -Label @{ 'psdtest.case' = $case; 'psdtest.prune' = 'yes' }
                New-TestContainer -Command 'true' -Label @{ 'psdtest.case' = $case; 'psdtest.prune' = 'no' }
                New-TestContainer -Command 'true' -Label @{ 'psdtest.case' = $case }
                New-TestContainer -Label @{ 'psdtest.case' = $case; 'psdtest.prune' = 'yes' }
                New-TestContainer -Label @{ 'psdtest.case' = $case; 'psdtest.prune' = 'yes' }
            ) | Start-Container -PassThru -ErrorAction Stop
            $script:target, $script:otherValue, $script:unlabelled, $script:running, $pausing = $started
            $script:paused = $pausing | Suspend-Container -PassThru -ErrorAction Stop
            foreach ($c in $target, $otherValue, $unlabelled) { Wait-EngineState $c.Id 'exited' | Should -Be 'exited' }
            $script:result = @(Invoke-ContainerPrune -Label $RunLabel, "psdtest.case=$case", 'psdtest.prune=yes' -Confirm:$false -ErrorAction Stop)
        }

        It 'returns one ContainerPruneResult' {
            $result.Count | Should -Be 1
            $result[0] | Should -BeOfType PSDocker.ContainerPruneResult
            $result[0].Endpoint | Should -Be $Endpoint
        }

        It 'lists exactly the removed container in ContainersDeleted' {
            @($result[0].ContainersDeleted) | Should -Be @($target.Id)
        }

        It 'reports SpaceReclaimed as a byte count' {
            $result[0].SpaceReclaimed | Should -BeOfType [long]
            $result[0].SpaceReclaimed | Should -BeGreaterOrEqual 0
        }

        It 'removed the stopped container with the label' {
            Get-EngineInspect $target.Id | Should -BeNullOrEmpty
        }

        It 'kept the stopped containers without that label value' {
            Get-EngineState $otherValue.Id | Should -Be 'exited'
            Get-EngineState $unlabelled.Id | Should -Be 'exited'
        }

        It 'kept the running and paused containers with the label' {
            Get-EngineState $running.Id | Should -Be 'running'
            Get-EngineState $paused.Id | Should -Be 'paused'
        }
    }

    Context 'label forms' {
        It 'takes a label key alone, and !key to exclude' {
            $case = [guid]::NewGuid().ToString('N')
            $keep = New-StoppedContainer @{ 'psdtest.case' = $case; 'psdtest.keep' = '1' }
            $drop = New-StoppedContainer @{ 'psdtest.case' = $case }
            $r = Invoke-ContainerPrune -Label $RunLabel, "psdtest.case=$case", '!psdtest.keep' -Confirm:$false -ErrorAction Stop
            @($r.ContainersDeleted) | Should -Be @($drop.Id)
            Get-EngineInspect $drop.Id | Should -BeNullOrEmpty
            Get-EngineState $keep.Id | Should -Be 'exited'

            $r2 = Invoke-ContainerPrune -Label $RunLabel, 'psdtest.keep' -Confirm:$false -ErrorAction Stop
            @($r2.ContainersDeleted) | Should -Be @($keep.Id)
            Get-EngineInspect $keep.Id | Should -BeNullOrEmpty
        }

        It 'returns an empty result when nothing matches' {
            $r = Invoke-ContainerPrune -Label $RunLabel, "psdtest.case=$([guid]::NewGuid().ToString('N'))" -Confirm:$false -ErrorAction Stop
            $r | Should -Not -BeNullOrEmpty
            @($r.ContainersDeleted) | Should -BeNullOrEmpty
            $r.SpaceReclaimed | Should -Be 0
        }
    }

    Context '-Until' {
        It 'only removes containers created before that time' {
            $case = [guid]::NewGuid().ToString('N')
            $c = New-StoppedContainer @{ 'psdtest.case' = $case }
            $r = Invoke-ContainerPrune -Label $RunLabel, "psdtest.case=$case" -Until (Get-Date).AddHours(-1) -Confirm:$false -ErrorAction Stop
            @($r.ContainersDeleted) | Should -BeNullOrEmpty
            Get-EngineState $c.Id | Should -Be 'exited'

            $r = Invoke-ContainerPrune -Label $RunLabel, "psdtest.case=$case" -Until (Get-Date).AddMinutes(1) -Confirm:$false -ErrorAction Stop
            @($r.ContainersDeleted) | Should -Be @($c.Id)
            Get-EngineInspect $c.Id | Should -BeNullOrEmpty
        }
    }

    Context '-WhatIf' {
        It 'removes nothing and returns nothing' {
            $case = [guid]::NewGuid().ToString('N')
            $c = New-StoppedContainer @{ 'psdtest.case' = $case }
            $r = Invoke-ContainerPrune -Label $RunLabel, "psdtest.case=$case" -WhatIf -ErrorAction Stop
            $r | Should -BeNullOrEmpty
            Get-EngineState $c.Id | Should -Be 'exited'
        }
    }
}
