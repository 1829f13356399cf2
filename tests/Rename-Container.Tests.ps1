BeforeAll {
    . "$PSScriptRoot/common.ps1"
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Rename-Container' {
    Context 'renaming' {
        It 'renames a container by -Name: the engine knows it by the new name only, and nothing is written' {
            $c = New-TestContainer
            $new = New-TestName 'renamed'
            $out = Rename-Container -Name $c.Name -NewName $new -ErrorAction Stop
            $out | Should -BeNullOrEmpty
            (Get-EngineInspect $c.Id).Name | Should -Be "/$new"
            Get-EngineInspect $c.Name | Should -BeNullOrEmpty
        }

        It 'renames a running container by -Id (positional -NewName), and it keeps running' {
            $c = New-TestContainer -Start
            $new = New-TestName 'run'
            Rename-Container -Id $c.Id.Substring(0, 12) $new -ErrorAction Stop
            $i = Get-EngineInspect $c.Id
            $i.Name | Should -Be "/$new"
            $i.State.Status | Should -Be 'running'
        }

        It '-PassThru returns the Container under its new name; a piped Container binds to -InputObject' {
            $c = New-TestContainer
            $new = New-TestName 'pt'
            $out = @($c | Rename-Container -NewName $new -PassThru -ErrorAction Stop)
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType PSDocker.Container
            $out[0].Id | Should -Be $c.Id
            $out[0].Name | Should -Be $new
        }

        It 'a piped string binds to -Name, and an object with an Id property to -Id' {
            $a = New-TestContainer
            $b = New-TestContainer
            $newA = New-TestName 'pa'
            $newB = New-TestName 'pb'
            $a.Name | Rename-Container -NewName $newA -ErrorAction Stop
            [pscustomobject]@{ Id = $b.Id } | Rename-Container -NewName $newB -ErrorAction Stop
            (Get-EngineInspect $a.Id).Name | Should -Be "/$newA"
            (Get-EngineInspect $b.Id).Name | Should -Be "/$newB"
        }

        It '-WhatIf renames nothing' {
            $c = New-TestContainer
            Rename-Container $c.Name (New-TestName 'wi') -WhatIf
            (Get-EngineInspect $c.Id).Name | Should -Be "/$($c.Name)"
        }
    }

    Context 'errors' {
        It 'refuses an invalid -NewName before anything is sent: InvalidContainerName, terminating' {
            $c = New-TestContainer
            foreach ($bad in 'a', '-x1', 'has space', 'sl/ash') {
                $e = Get-TerminatingError { Rename-Container $c.Name $bad }
                $e.FullyQualifiedErrorId | Should -Be 'InvalidContainerName,PSDocker.Commands.RenameContainerCommand'
                $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            }
            (Get-EngineInspect $c.Id).Name | Should -Be "/$($c.Name)"
        }

        It 'a name another container has is NameInUse (ResourceExists), non-terminating; both keep their names' {
            $a = New-TestContainer
            $b = New-TestContainer
            Rename-Container $a.Name $b.Name -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('NameInUse,PSDocker.Commands.RenameContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $err[0].ErrorDetails.Message | Should -BeLike "Cannot rename container '$($a.Name)'*already in use*-NewName*"
            (Get-EngineInspect $a.Id).Name | Should -Be "/$($a.Name)"
            (Get-EngineInspect $b.Id).Name | Should -Be "/$($b.Name)"
        }

        It 'a missing container is ContainerNotFound (ObjectNotFound), naming it' {
            $missing = "$RunPrefix-missing"
            Rename-Container $missing (New-TestName 'nf') -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.RenameContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be $missing
        }

        It 'several containers for one new name: the first is renamed, the others get OneContainerPerRename and keep their names' {
            $a = New-TestContainer
            $b = New-TestContainer
            $new = New-TestName 'one'
            $a.Name, $b.Name | Rename-Container -NewName $new -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('OneContainerPerRename,PSDocker.Commands.RenameContainerCommand')
            (Get-EngineInspect $a.Id).Name | Should -Be "/$new"
            (Get-EngineInspect $b.Id).Name | Should -Be "/$($b.Name)"
        }
    }
}
