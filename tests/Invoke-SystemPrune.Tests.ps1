BeforeAll {
    . "$PSScriptRoot/common.ps1"
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

# Every prune here is scoped by this file's run label (and a case label): an unscoped prune would remove other files'
# (and other runs') objects on the shared engine.
Describe 'Invoke-SystemPrune' {
    BeforeAll {
        function New-PruneCase {
            <# A stopped container, a running one, an unused network and an unused volume, all with this file's run label and a case label. #>
            $case = [guid]::NewGuid().ToString('N')
            $labels = @{ $RunLabelKey = $RunId; 'psdtest.case' = $case }
            $stopped = New-TestContainer -Command 'true' -Label @{ 'psdtest.case' = $case } -Start
            Wait-EngineState $stopped.Id 'exited' | Should -Be 'exited'
            [pscustomobject]@{
                Case    = $case
                Stopped = $stopped
                Running = New-TestContainer -Label @{ 'psdtest.case' = $case } -Start
                Network = New-ContainerNetwork -Name "$($RunPrefix)-n-$($case.Substring(0, 6))" -Label $labels -ErrorAction Stop
                Volume  = New-ContainerVolume -Name "$($RunPrefix)-v-$($case.Substring(0, 6))" -Label $labels -ErrorAction Stop
            }
        }

        function Test-NetworkExists([string] $Name) {
            try { $null = Invoke-Engine "networks/$Name"; $true } catch { $false }
        }

        function Test-VolumeExists([string] $Name) {
            try { $null = Invoke-Engine "volumes/$Name"; $true } catch { $false }
        }
    }

    It '-WhatIf names what would be removed on which engine, and removes nothing' {
        $c = New-PruneCase
        # ShouldProcess writes "What if:" to the host, so the summary is read from a child pwsh's output.
        $manifest = Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'
        $command = "Import-Module '$manifest'; Invoke-SystemPrune -Label 'psdtest.case=$($c.Case)' -Volumes -All -Endpoint '$Endpoint' -WhatIf"
        $out = (& (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $command 2>&1 | Out-String) -replace '\s+', ' '
        $out | Should -BeLike "*all stopped containers, all networks no container uses, all volumes no container uses, with their data, all images no container uses and all build cache with label psdtest.case=$($c.Case) on $Endpoint*"
        Get-EngineState $c.Stopped.Id | Should -Be 'exited'
        Test-NetworkExists $c.Network.Name | Should -BeTrue
        Test-VolumeExists $c.Volume.Name | Should -BeTrue
    }

    It 'removes the stopped container and the unused network, keeps the running container and the volume, and says so' {
        $c = New-PruneCase
        $r = Invoke-SystemPrune -Label "psdtest.case=$($c.Case)" -Confirm:$false -ErrorAction Stop
        $r | Should -BeOfType PSDocker.SystemPruneResult
        @($r.ContainersDeleted) | Should -Be @($c.Stopped.Id)
        @($r.NetworksDeleted) | Should -Be @($c.Network.Name)
        @($r.VolumesDeleted).Count | Should -Be 0
        $r.SpaceReclaimed | Should -BeGreaterOrEqual 0
        $r.Endpoint | Should -Be $Endpoint
        Get-EngineState $c.Stopped.Id | Should -Be 'missing'
        Get-EngineState $c.Running.Id | Should -Be 'running'
        Test-NetworkExists $c.Network.Name | Should -BeFalse
        Test-VolumeExists $c.Volume.Name | Should -BeTrue
    }

    It '-Volumes removes the unused volume too' {
        $c = New-PruneCase
        $r = Invoke-SystemPrune -Label "psdtest.case=$($c.Case)" -Volumes -Confirm:$false -ErrorAction Stop
        @($r.VolumesDeleted) | Should -Be @($c.Volume.Name)
        Test-VolumeExists $c.Volume.Name | Should -BeFalse
    }

    It '-Until spares what was created after it' {
        $c = New-PruneCase
        $r = Invoke-SystemPrune -Label "psdtest.case=$($c.Case)" -Until '1h' -Confirm:$false -ErrorAction Stop
        @($r.ContainersDeleted).Count | Should -Be 0
        @($r.NetworksDeleted).Count | Should -Be 0
        Get-EngineState $c.Stopped.Id | Should -Be 'exited'
    }

    It '-Volumes with -Until is ConflictingParameters, before anything is sent' {
        $e = Get-TerminatingError { Invoke-SystemPrune -Volumes -Until '1h' -Confirm:$false -Endpoint 'tcp://127.0.0.1:9' }
        $e.FullyQualifiedErrorId | Should -Be 'ConflictingParameters,PSDocker.Commands.InvokeSystemPruneCommand'
    }

    It 'shows a list of what each step removed' {
        $c = New-PruneCase
        $text = Invoke-SystemPrune -Label "psdtest.case=$($c.Case)" -Confirm:$false | Out-String -Width 250
        $text | Should -Match 'ContainersDeleted\s*:\s*1'
        $text | Should -Match 'NetworksDeleted\s*:\s*1'
        $text | Should -Match 'SpaceReclaimed\s*:'
    }
}
