BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/images.common.ps1"

    $script:ImageId = New-TestImage
    function New-PushName {
        <# Tags this file's image with a new unique name in a registry; returns the name (repository:tag). #>
        param([string] $Registry = $script:Registry, [string] $Tag = 'v1')
        $repo = New-TestImageName -Suffix push -Registry $Registry
        $null = Invoke-Engine "images/$($script:ImageId)/tag?repo=$([uri]::EscapeDataString($repo))&tag=$Tag" -Method POST
        Add-PushedReference "$($repo):$Tag"
        "$($repo):$Tag"
    }
    function Split-Name {
        param([string] $Name)
        $r = [PSDocker.ImageReference]::Parse($Name)
        @{ Registry = $r.Registry; Repository = $r.Repository; Tag = $(if ($r.Tag) { $r.Tag } else { 'latest' }) }
    }
}

AfterAll {
    Remove-TestImages
    Restore-TestDockerConfig
}

Describe 'Invoke-ImagePush to the local registry' {
    It 'pushes a tag and returns the image with the digest the registry holds' {
        $name = New-PushName
        $image = Invoke-ImagePush $name -ErrorAction Stop
        $image | Should -HaveCount 1
        $image | Should -BeOfType PSDocker.Image
        $image.Name | Should -Be $name
        $image.Id | Should -Be $script:ImageId
        $image.Digest | Should -Match '^sha256:[0-9a-f]{64}$'
        $n = Split-Name $name
        Get-RegistryDigest @n | Should -Be $image.Digest
        $repo = $name.Substring(0, $name.LastIndexOf(':'))
        (Get-EngineImage $name).RepoDigests | Should -Contain "$repo@$($image.Digest)"
    }

    It 'pushes latest when no tag is given' {
        $name = New-PushName -Tag latest
        $repo = $name.Substring(0, $name.LastIndexOf(':'))
        $image = Invoke-ImagePush $repo -ErrorAction Stop
        $image.Tag | Should -Be 'latest'
        $s = Split-Name $name
        Get-RegistryDigest @s | Should -Be $image.Digest
    }

    It 'pushes images from Get-Image through the pipeline' {
        $a = New-PushName
        $b = New-PushName
        $out = @(PSDocker\Get-Image $a, $b | Invoke-ImagePush -ErrorAction Stop)
        $out | Should -HaveCount 2
        foreach ($n in $a, $b) {
            $s = Split-Name $n
            Get-RegistryDigest @s | Should -Match '^sha256:'
        }
    }

    It 'pushes nothing under -WhatIf' {
        $name = New-PushName
        $out = Invoke-ImagePush $name -WhatIf
        $out | Should -BeNullOrEmpty
        $s = Split-Name $name
        Get-RegistryDigest @s | Should -BeNullOrEmpty
    }

    It 'refuses a digest reference before asking the engine' {
        $err = Get-TerminatingError { Invoke-ImagePush "$($script:Registry)/x@sha256:$('a' * 64)" -Endpoint unix:///tmp/nonexistent.sock }
        $err.FullyQualifiedErrorId | Should -Be 'DigestNotPushable,PSDocker.Commands.InvokeImagePushCommand'
    }

    It 'reports an image the engine does not have as ImageNotFound' {
        $missing = (New-TestImageName -Suffix missing -Registry $script:Registry) + ':v1'
        $out = Invoke-ImagePush $missing -ErrorAction SilentlyContinue -ErrorVariable err
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ImageNotFound,PSDocker.Commands.InvokeImagePushCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Invoke-ImagePush to the registry with auth' {
    BeforeEach { $Error.Clear() }

    It 'pushes with the right -Credential' {
        $name = New-PushName -Registry $script:AuthRegistry
        $image = Invoke-ImagePush $name -Credential $script:AuthCredential -ErrorAction Stop
        $image.Digest | Should -Match '^sha256:[0-9a-f]{64}$'
        $s = Split-Name $name
        Get-RegistryDigest @s | Should -Be $image.Digest
    }

    It 'fails with a security error without any credential, and pushes nothing' {
        $name = New-PushName -Registry $script:AuthRegistry
        $out = Invoke-ImagePush $name -ErrorAction SilentlyContinue -ErrorVariable err
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ImagePushUnauthorized,PSDocker.Commands.InvokeImagePushCommand'
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $s = Split-Name $name
        Get-RegistryDigest @s | Should -BeNullOrEmpty
    }

    It 'fails with a security error and no secret in any stream on a wrong -Credential' {
        $name = New-PushName -Registry $script:AuthRegistry
        $records = @(& { Invoke-ImagePush $name -Credential $script:WrongCredential -Verbose -Debug -ErrorAction Continue } *>&1)
        $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ImagePushUnauthorized,PSDocker.Commands.InvokeImagePushCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $text = Get-AllRecordText ($records + @($Error))
        foreach ($secret in (Get-SecretForm -User $script:AuthUser -Password $script:WrongPassword -Registry $script:AuthRegistry)) {
            $text.Contains($secret) | Should -BeFalse -Because 'the password must not appear in any output'
        }
        $s = Split-Name $name
        Get-RegistryDigest @s | Should -BeNullOrEmpty
    }
}
