BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/images.common.ps1"

    $script:Source = (New-TestImageName -Suffix src) + ':v1'
    $script:ImageId = New-TestImage -Name $script:Source
}

AfterAll {
    Remove-TestImages
    Restore-TestDockerConfig
}

Describe 'Add-ImageTag' {
    It 'gives an image another name; -PassThru returns the image under the new name' {
        $target = (New-TestImageName -Suffix tag) + ':t1'
        $out = Add-ImageTag $script:Source $target -PassThru -ErrorAction Stop
        $out | Should -HaveCount 1
        $out | Should -BeOfType PSDocker.Image
        $out.Name | Should -Be $target
        $out.Id | Should -Be $script:ImageId
        (Get-EngineImage $target).Id | Should -Be $script:ImageId
        (Get-EngineImage $script:Source).Id | Should -Be $script:ImageId
    }

    It 'returns nothing without -PassThru' {
        $target = (New-TestImageName -Suffix tag) + ':t2'
        Add-ImageTag $script:Source $target -ErrorAction Stop | Should -BeNullOrEmpty
        (Get-EngineImage $target).Id | Should -Be $script:ImageId
    }

    It 'tags as latest when the new name has no tag' {
        $repo = New-TestImageName -Suffix tag
        $out = Add-ImageTag $script:Source $repo -PassThru -ErrorAction Stop
        $out.Tag | Should -Be 'latest'
        (Get-EngineImage "$($repo):latest").Id | Should -Be $script:ImageId
    }

    It 'takes the source as a full ID or a short ID' {
        $a = (New-TestImageName -Suffix tag) + ':full'
        $b = (New-TestImageName -Suffix tag) + ':short'
        Add-ImageTag $script:ImageId $a -ErrorAction Stop
        Add-ImageTag $script:ImageId.Substring(7, 12) $b -ErrorAction Stop
        (Get-EngineImage $a).Id | Should -Be $script:ImageId
        (Get-EngineImage $b).Id | Should -Be $script:ImageId
    }

    It 'tags for a registry (the name a push needs)' {
        $target = (New-TestImageName -Suffix tag -Registry $script:Registry) + ':v1'
        $out = Add-ImageTag $script:Source $target -PassThru -ErrorAction Stop
        $out.Repository | Should -Be $target.Substring(0, $target.LastIndexOf(':'))
        (Get-EngineImage $target).Id | Should -Be $script:ImageId
    }

    It 'tags images from Get-Image through the pipeline' {
        $target = (New-TestImageName -Suffix tag) + ':piped'
        PSDocker\Get-Image $script:Source | Add-ImageTag -Tag $target -ErrorAction Stop
        (Get-EngineImage $target).Id | Should -Be $script:ImageId
    }

    It 'changes nothing under -WhatIf' {
        $target = (New-TestImageName -Suffix tag) + ':whatif'
        Add-ImageTag $script:Source $target -PassThru -WhatIf | Should -BeNullOrEmpty
        Get-EngineImage $target | Should -BeNullOrEmpty
    }

    It 'reports a missing source as ImageNotFound (non-terminating)' {
        $missing = (New-TestImageName -Suffix missing) + ':v1'
        $target = (New-TestImageName -Suffix tag) + ':v1'
        $out = Add-ImageTag $missing $target -PassThru -ErrorAction SilentlyContinue -ErrorVariable err
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ImageNotFound,PSDocker.Commands.AddImageTagCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be $missing
        Get-EngineImage $target | Should -BeNullOrEmpty
    }

    It 'rejects an invalid new name before asking the engine' {
        $err = Get-TerminatingError { Add-ImageTag $script:Source 'Bad/Name:v1' -Endpoint unix:///tmp/nonexistent.sock }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Not -BeLike 'EngineUnreachable*'
        # -Tag is an ImageReference: the name fails parameter binding, with the parser's reason.
        $err.Exception | Should -BeOfType System.Management.Automation.ParameterBindingException
        $err.ToString() | Should -BeLike "*Invalid image name 'Bad/Name:v1': repository names must be lowercase*"
    }

    It 'rejects an invalid source name before asking the engine' {
        $err = Get-TerminatingError { Add-ImageTag 'Bad Name' 'psdt-x:v1' -Endpoint unix:///tmp/nonexistent.sock }
        $err.FullyQualifiedErrorId | Should -Be 'InvalidImageName,PSDocker.Commands.AddImageTagCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'rejects a digest as the new name' {
        $err = Get-TerminatingError { Add-ImageTag $script:Source "psdt-x@sha256:$('b' * 64)" -Endpoint unix:///tmp/nonexistent.sock }
        $err.FullyQualifiedErrorId | Should -Be 'InvalidTag,PSDocker.Commands.AddImageTagCommand'
    }
}
