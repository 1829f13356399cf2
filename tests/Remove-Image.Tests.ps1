BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/images.common.ps1"
}

AfterAll {
    Remove-TestContainers
    Remove-TestImages
    Restore-TestDockerConfig
}

Describe 'Remove-Image' {
    It 'untags one name of an image with several names and keeps the image; -PassThru returns Untagged' {
        $a = (New-TestImageName -Suffix rm) + ':a'
        $b = (New-TestImageName -Suffix rm) + ':b'
        $id = New-TestImage -Name $a
        $null = Invoke-Engine "images/$id/tag?repo=$([uri]::EscapeDataString($b.Split(':')[0]))&tag=b" -Method POST

        $out = @(Remove-Image $a -PassThru -ErrorAction Stop)
        $out | Should -HaveCount 1
        $out[0] | Should -BeOfType PSDocker.ImageDeleteResult
        $out[0].Untagged | Should -Be $a
        $out[0].Deleted | Should -BeNullOrEmpty
        Get-EngineImage $a | Should -BeNullOrEmpty
        (Get-EngineImage $b).Id | Should -Be $id
    }

    It 'deletes an image with its last name; -PassThru returns Untagged and Deleted' {
        $name = (New-TestImageName -Suffix rm) + ':v1'
        $id = New-TestImage -Name $name
        $out = @(Remove-Image $name -PassThru -ErrorAction Stop)
        ($out | Where-Object Untagged).Untagged | Should -Be $name
        ($out | Where-Object Deleted).Deleted | Should -Contain $id
        Get-EngineImage $id | Should -BeNullOrEmpty
    }

    It 'returns nothing without -PassThru' {
        $name = (New-TestImageName -Suffix rm) + ':v1'
        $id = New-TestImage -Name $name
        Remove-Image $name -ErrorAction Stop | Should -BeNullOrEmpty
        Get-EngineImage $id | Should -BeNullOrEmpty
    }

    It 'removes by ID' {
        $id = New-TestImage -Name ((New-TestImageName -Suffix rm) + ':v1')
        $out = @(Remove-Image $id -PassThru -ErrorAction Stop)
        $out.Deleted | Should -Contain $id
        Get-EngineImage $id | Should -BeNullOrEmpty
    }

    It 'removes images from Get-Image through the pipeline' {
        $repo = New-TestImageName -Suffix rmpipe
        $ids = foreach ($t in 'a', 'b') { New-TestImage -Name "$($repo):$t" }
        $out = @(PSDocker\Get-Image "$repo*" | Remove-Image -PassThru -ErrorAction Stop)
        @($out.Untagged | Where-Object { $_ } | Sort-Object) | Should -Be @("$($repo):a", "$($repo):b")
        foreach ($id in $ids) { Get-EngineImage $id | Should -BeNullOrEmpty }
    }

    It 'changes nothing under -WhatIf, from the pipeline too' {
        $name = (New-TestImageName -Suffix rm) + ':v1'
        $id = New-TestImage -Name $name
        Remove-Image $name -PassThru -WhatIf | Should -BeNullOrEmpty
        PSDocker\Get-Image $name | Remove-Image -PassThru -WhatIf | Should -BeNullOrEmpty
        (Get-EngineImage $name).Id | Should -Be $id
    }

    It 'reports a missing image as ImageNotFound and goes on with the next' {
        $missing = (New-TestImageName -Suffix missing) + ':v1'
        $name = (New-TestImageName -Suffix rm) + ':v1'
        $id = New-TestImage -Name $name
        $out = @(Remove-Image $missing, $name -PassThru -ErrorAction SilentlyContinue -ErrorVariable err)
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ImageNotFound,PSDocker.Commands.RemoveImageCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be $missing
        $out.Deleted | Should -Contain $id
    }

    It 'refuses an image a container uses (ImageInUse) and keeps it' {
        $name = (New-TestImageName -Suffix inuse) + ':v1'
        $id = New-TestImage -Name $name
        $c = New-Container -Image $name -Name (New-TestName) -Label @{ $script:RunLabelKey = $script:RunId } -ErrorAction Stop

        foreach ($target in $name, $id) {
            $out = Remove-Image $target -PassThru -ErrorAction SilentlyContinue -ErrorVariable err
            $out | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be 'ImageInUse,PSDocker.Commands.RemoveImageCommand'
            $err[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
            $err[0].ToString() | Should -Match 'in use'
            $err[0].ToString() | Should -Match 'container'
            $err[0].ToString() | Should -Match ([regex]::Escape($c.Id.Substring(0, 12)))
            (Get-EngineImage $name).Id | Should -Be $id
        }
    }

    It 'removes a name used by a stopped container with -Force' {
        $name = (New-TestImageName -Suffix force) + ':v1'
        $id = New-TestImage -Name $name
        $c = New-Container -Image $name -Name (New-TestName) -Label @{ $script:RunLabelKey = $script:RunId } -ErrorAction Stop
        if ($IsPodman) {
            # Podman's forced removal would remove the container too: the cmdlet refuses and says so; both are kept.
            $out = @(Remove-Image $name -Force -PassThru -ErrorAction SilentlyContinue -ErrorVariable err)
            $out | Should -BeNullOrEmpty
            Get-FullyQualifiedErrorId $err | Should -Be @('NotSupportedByEngine,PSDocker.Commands.RemoveImageCommand')
            "$($err[0])" | Should -BeLike "Podman $PodmanVersion at $Endpoint does not support removing an image that containers use (-Force)*Remove the containers that use it first*"
            Get-EngineImage $name | Should -Not -BeNullOrEmpty
            Get-EngineInspect $c.Id | Should -Not -BeNullOrEmpty
            return
        }
        $out = @(Remove-Image $name -Force -PassThru -ErrorAction Stop)
        $out.Untagged | Should -Contain $name
        Get-EngineImage $name | Should -BeNullOrEmpty
        Get-EngineInspect $c.Id | Should -Not -BeNullOrEmpty
    }
}
