BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/compose.common.ps1"
}

AfterAll {
    Remove-ComposeTestProjects
}

Describe 'Remove-ComposeProject' {
    It 'makes no change under -WhatIf' {
        $pair = New-ComposePair (New-ComposeProjectName 'whatif')
        Remove-ComposeProject -Name $pair.Project -Volumes -WhatIf -ErrorAction Stop
        $state = Get-ComposeEngineState $pair.Project
        $state.Containers.Count | Should -Be 2
        $state.Volumes.Count | Should -Be 1
    }

    It 'removes containers and networks but keeps named volumes without -Volumes' {
        $pair = New-ComposePair (New-ComposeProjectName 'keepvol')
        Remove-ComposeProject -Name $pair.Project -ErrorAction Stop
        $state = Get-ComposeEngineState $pair.Project
        $state.Containers | Should -BeNullOrEmpty
        $state.Networks | Should -BeNullOrEmpty
        $state.Volumes.Name | Should -Be "$($pair.Project)_data"
        # Listed by its volume alone until it is removed with -Volumes.
        (Get-ComposeProject -Name $pair.Project).Volumes | Should -Be "$($pair.Project)_data"
        Remove-ComposeProject -Name $pair.Project -Volumes -ErrorAction Stop
        (Get-ComposeEngineState $pair.Project).Volumes | Should -BeNullOrEmpty
    }

    It 'with a project from Import-ComposeProject, leaves orphans unless -RemoveOrphans' {
        $p = New-ComposeProjectName 'orphans'
        $pair = New-ComposePair $p
        $smaller = New-ComposeTestFile -Project $p -Directory (Split-Path $pair.File) -FileName 'only-db.yaml' -Yaml @'
name: {PROJECT}
services:
  db:
    image: {IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
'@
        Import-ComposeProject -Path $smaller -ErrorAction Stop | Remove-ComposeProject -ErrorAction Stop -WarningVariable warn 3>$null
        "$warn" | Should -Match 'orphan'
        (Get-ServiceContainers $p app).Count | Should -Be 1
        (Get-ServiceContainers $p db).Count | Should -Be 0
        Import-ComposeProject -Path $smaller -ErrorAction Stop | Remove-ComposeProject -RemoveOrphans -Volumes -ErrorAction Stop
        $state = Get-ComposeEngineState $p
        $state.Containers.Count + $state.Networks.Count + $state.Volumes.Count | Should -Be 0
    }

    It 'reports a missing project as ComposeProjectNotFound' {
        Remove-ComposeProject -Name 'psdt-no-such-project' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'ComposeProjectNotFound,PSDocker.Commands.RemoveComposeProjectCommand'
    }
}
