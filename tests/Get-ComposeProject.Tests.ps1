BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/compose.common.ps1"
    $script:one = New-ComposePair (New-ComposeProjectName 'one')
    $script:two = New-ComposePair (New-ComposeProjectName 'two')
}

AfterAll {
    Remove-ComposeTestProjects
}

Describe 'Get-ComposeProject' {
    It 'lists projects from the labels on the engine, with services, containers, networks and volumes' {
        $p = Get-ComposeProject -Name $one.Project -ErrorAction Stop
        $p | Should -BeOfType ([PSDocker.ComposeProjectState])
        $p.Name | Should -Be $one.Project
        $p.Status | Should -Be 'running(2)'
        $p.ConfigFiles | Should -Be $one.File
        $p.WorkingDirectory | Should -Be (Split-Path $one.File)
        $p.Services.Name | Should -Be @('app', 'db')
        $p.Services[0].Containers[0].Name | Should -Be "$($one.Project)-app-1"
        $p.Services[0].Status | Should -Be 'running(1)'
        $p.Containers.Count | Should -Be 2
        $p.Networks | Should -Be "$($one.Project)_default"
        $p.Volumes | Should -Be "$($one.Project)_data"
        $p.Endpoint | Should -Be $script:Endpoint
    }

    It 'takes wildcards' {
        $found = @(Get-ComposeProject -Name "$($script:RunPrefix)-*" -ErrorAction Stop)
        $found.Name | Sort-Object | Should -Be (@($one.Project, $two.Project) | Sort-Object)
    }

    It 'lists every project without -Name' {
        $all = @(Get-ComposeProject -ErrorAction Stop).Name
        $all | Should -Contain $one.Project
        $all | Should -Contain $two.Project
    }

    It 'reports a missing project as ComposeProjectNotFound' {
        Get-ComposeProject -Name 'psdt-no-such-project' -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'ComposeProjectNotFound,PSDocker.Commands.GetComposeProjectCommand'
    }

    It 'binds Start-ComposeProject results by their Project property' {
        $r = Start-ComposeProject -Path $two.File -ErrorAction Stop
        @($r | Get-ComposeProject -ErrorAction Stop).Name | Should -Be $two.Project
    }

    It 'pipes to Stop-ComposeProject and Remove-ComposeProject' {
        Get-ComposeProject -Name $two.Project | Stop-ComposeProject -ErrorAction Stop
        (Get-ComposeProject -Name $two.Project).Status | Should -Be 'exited(2)'
        Get-ComposeProject -Name $two.Project | Remove-ComposeProject -Volumes -ErrorAction Stop
        (Get-ComposeEngineState $two.Project).Containers | Should -BeNullOrEmpty
    }

    It 'an engine that cannot be reached is one terminating EngineUnreachable error' {
        $e = Get-TerminatingError { Get-ComposeProject -Endpoint 'unix:///tmp/psdt-no-such-engine.sock' }
        $e.FullyQualifiedErrorId | Should -Be 'EngineUnreachable,PSDocker.Commands.GetComposeProjectCommand'
    }

    It 'completes project names from the engine' {
        $r = TabExpansion2 -inputScript "Get-ComposeProject -Name $($one.Project.Substring(0, $one.Project.Length - 2))" -cursorColumn ("Get-ComposeProject -Name $($one.Project.Substring(0, $one.Project.Length - 2))").Length
        $r.CompletionMatches.CompletionText | Should -Contain $one.Project
    }
}
