BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/compose.common.ps1"
    $script:pair = New-ComposePair (New-ComposeProjectName 'restart')
}

AfterAll {
    Remove-ComposeTestProjects
}

Describe 'Restart-ComposeProject' {
    It 'makes no change under -WhatIf' {
        $before = (Get-EngineInspect (Get-ServiceContainers $pair.Project db)[0].Id).State.StartedAt
        Restart-ComposeProject -Name $pair.Project -WhatIf -ErrorAction Stop
        (Get-EngineInspect (Get-ServiceContainers $pair.Project db)[0].Id).State.StartedAt | Should -Be $before
    }

    It 'restarts every container of the project, by name alone' {
        $before = @{}
        foreach ($c in (Get-ComposeEngineState $pair.Project).Containers) { $before[$c.Id] = (Get-EngineInspect $c.Id).State.StartedAt }
        $p = Restart-ComposeProject -Name $pair.Project -PassThru -ErrorAction Stop
        $p.Status | Should -Be 'running(2)'
        foreach ($id in $before.Keys) { (Get-EngineInspect $id).State.StartedAt | Should -Not -Be $before[$id] }
    }

    It 'starts stopped containers too, and restarts only the services given' {
        Stop-ComposeProject -Name $pair.Project -Service app -ErrorAction Stop
        $db = (Get-EngineInspect (Get-ServiceContainers $pair.Project db)[0].Id).State.StartedAt
        Restart-ComposeProject -Name $pair.Project -Service app -ErrorAction Stop
        (Get-ServiceContainers $pair.Project app).State | Should -Be 'running'
        (Get-EngineInspect (Get-ServiceContainers $pair.Project db)[0].Id).State.StartedAt | Should -Be $db
    }

    It 'reports a missing project as ComposeProjectNotFound' {
        Restart-ComposeProject -Name 'psdt-no-such-project' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'ComposeProjectNotFound,PSDocker.Commands.RestartComposeProjectCommand'
    }
}
