BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/compose.common.ps1"
    $script:pair = New-ComposePair (New-ComposeProjectName 'stop')
}

AfterAll {
    Remove-ComposeTestProjects
}

Describe 'Stop-ComposeProject' {
    It 'makes no change under -WhatIf' {
        Stop-ComposeProject -Name $pair.Project -WhatIf -ErrorAction Stop
        (Get-ComposeEngineState $pair.Project).Containers.State | Sort-Object -Unique | Should -Be 'running'
    }

    It 'stops one service with -Service' {
        Stop-ComposeProject -Name $pair.Project -Service app -ErrorAction Stop
        (Get-ServiceContainers $pair.Project app).State | Should -Be 'exited'
        (Get-ServiceContainers $pair.Project db).State | Should -Be 'running'
    }

    It 'stops every container by project name alone (no file), dependents first, and -PassThru returns the project' {
        $p = Stop-ComposeProject -Name $pair.Project -PassThru -ErrorAction Stop
        $p.Status | Should -Be 'exited(2)'
        $db = Get-EngineInspect (Get-ServiceContainers $pair.Project db)[0].Id
        $app = Get-EngineInspect (Get-ServiceContainers $pair.Project app)[0].Id
        [datetime]$db.State.FinishedAt | Should -BeGreaterOrEqual ([datetime]$app.State.FinishedAt)
    }

    It 'is undone by Start-ComposeProject, which starts the same containers (Started)' {
        $ids = (Get-ComposeEngineState $pair.Project).Containers.Id | Sort-Object
        $r = Start-ComposeProject -Path $pair.File -ErrorAction Stop
        $r.Action | Sort-Object -Unique | Should -Be 'Started'
        (Get-ComposeEngineState $pair.Project).Containers.Id | Sort-Object | Should -Be $ids
        (Get-ComposeEngineState $pair.Project).Containers.State | Sort-Object -Unique | Should -Be 'running'
    }

    It 'completes -Service with the project''s services' {
        $line = "Stop-ComposeProject -Name $($pair.Project) -Service "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('app', 'db')
    }

    It 'reports a missing project as ComposeProjectNotFound' {
        Stop-ComposeProject -Name 'psdt-no-such-project' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'ComposeProjectNotFound,PSDocker.Commands.StopComposeProjectCommand'
    }
}
