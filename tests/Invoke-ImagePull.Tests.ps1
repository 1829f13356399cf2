BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/images.common.ps1"

    # One image of its own, pushed to the open registry under three tags (v1, latest, other) of one repository.
    $script:Repo = New-TestImageName -Suffix pull -Registry $script:Registry
    $script:ImageId = New-TestImage -Name "$($script:Repo):v1"
    $null = Invoke-Engine "images/$($script:ImageId)/tag?repo=$([uri]::EscapeDataString($script:Repo))&tag=latest" -Method POST
    $null = Invoke-Engine "images/$($script:ImageId)/tag?repo=$([uri]::EscapeDataString($script:Repo))&tag=other" -Method POST
    $script:Pushed = @{}
    foreach ($t in 'v1', 'latest', 'other') {
        $script:Pushed[$t] = Invoke-ImagePush "$($script:Repo):$t" -ErrorAction Stop
        Add-PushedReference "$($script:Repo):$t"
    }
    # The digest the registry holds (Docker's push reports the same; Podman 4.3's push reports another one).
    $script:Digest = Get-RegistryDigest -Registry $script:Registry -Repository $script:Repo.Substring($script:Registry.Length + 1) -Tag v1

    # The same image in the registry with auth.
    $script:AuthRepo = New-TestImageName -Suffix pullauth -Registry $script:AuthRegistry
    $null = Invoke-Engine "images/$($script:ImageId)/tag?repo=$([uri]::EscapeDataString($script:AuthRepo))&tag=v1" -Method POST
    $null = Invoke-ImagePush "$($script:AuthRepo):v1" -Credential $script:AuthCredential -ErrorAction Stop
    Add-PushedReference "$($script:AuthRepo):v1"

    function Clear-LocalRepository {
        <# Removes every local tag and digest of a repository, so the next pull has to fetch it. #>
        param([Parameter(Mandatory)] [string] $Repository)
        foreach ($t in @(Get-EngineImageTag -Repository $Repository)) { Remove-EngineImage $t }
        foreach ($i in (Invoke-Engine 'images/json')) {
            foreach ($d in @($i.RepoDigests)) { if ($d -and $d.StartsWith("$Repository@")) { Remove-EngineImage $d } }
        }
        if (Get-EngineImageTag -Repository $Repository) { throw "Could not clear $Repository." }
    }
}

AfterAll {
    Remove-TestContainers
    Remove-TestImages
    Restore-TestDockerConfig
}

Describe 'Invoke-ImagePull from the local registry' {
    BeforeEach { Clear-LocalRepository $script:Repo }

    It 'pulls by tag and returns the image' {
        $image = Invoke-ImagePull "$($script:Repo):v1" -ErrorAction Stop
        $image | Should -HaveCount 1
        $image | Should -BeOfType PSDocker.Image
        $image.Repository | Should -Be $script:Repo
        $image.Tag | Should -Be 'v1'
        $image.Id | Should -Be $script:ImageId
        $image.Digest | Should -Be $script:Digest
        (Get-EngineImage "$($script:Repo):v1").Id | Should -Be $script:ImageId
    }

    It 'pulls by digest (the Digest of the pushed image)' {
        $script:Digest | Should -Match '^sha256:[0-9a-f]{64}$'
        $image = Invoke-ImagePull "$($script:Repo)@$($script:Digest)" -ErrorAction Stop
        $image.Id | Should -Be $script:ImageId
        $image.Digest | Should -Be $script:Digest
        (Get-EngineImage "$($script:Repo)@$($script:Digest)").RepoDigests | Should -Contain "$($script:Repo)@$($script:Digest)"
        # A pull by digest makes no tag.
        Get-EngineImageTag -Repository $script:Repo | Should -BeNullOrEmpty
    }

    It 'pulls latest, and only latest, when no tag is given' {
        $image = Invoke-ImagePull $script:Repo -ErrorAction Stop
        $image.Tag | Should -Be 'latest'
        $image.Repository | Should -Be $script:Repo
        $tags = @(Get-EngineImageTag -Repository $script:Repo)
        $tags | Should -Contain "$($script:Repo):latest"
        $tags | Should -Not -Contain "$($script:Repo):other"
        $tags | Should -Not -Contain "$($script:Repo):v1"
    }

    It 'pulls every tag with -AllTags' {
        if ($IsPodman) {
            # Podman's compatible /images/create pulls only :latest when no tag is given: the cmdlet says so instead.
            $images = @(Invoke-ImagePull $script:Repo -AllTags -ErrorAction SilentlyContinue -ErrorVariable err)
            $images | Should -BeNullOrEmpty
            Get-FullyQualifiedErrorId $err | Should -Be @('NotSupportedByEngine,PSDocker.Commands.InvokeImagePullCommand')
            $err[0].CategoryInfo.Category | Should -Be 'NotImplemented'
            "$($err[0])" | Should -BeLike "Podman $PodmanVersion at $Endpoint does not support pulling every tag*Pull each tag by name."
            Get-EngineImageTag -Repository $script:Repo | Should -BeNullOrEmpty
            return
        }
        $images = @(Invoke-ImagePull $script:Repo -AllTags -ErrorAction Stop)
        $tags = @(Get-EngineImageTag -Repository $script:Repo)
        foreach ($t in 'v1', 'latest', 'other') { $tags | Should -Contain "$($script:Repo):$t" }
        @($images.Tag | Sort-Object) | Should -Be @('latest', 'other', 'v1')
        $images.Repository | Select-Object -Unique | Should -Be $script:Repo
    }

    It 'refuses -AllTags with a tag before pulling' {
        $err = Get-TerminatingError { Invoke-ImagePull "$($script:Repo):v1" -AllTags }
        $err.FullyQualifiedErrorId | Should -Be 'TagWithAllTags,PSDocker.Commands.InvokeImagePullCommand'
        Get-EngineImageTag -Repository $script:Repo | Should -BeNullOrEmpty
    }

    It 'reports a missing tag as ImageNotFound and pulls nothing' {
        $out = Invoke-ImagePull "$($script:Repo):no-such-tag" -ErrorAction SilentlyContinue -ErrorVariable err
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ImageNotFound,PSDocker.Commands.InvokeImagePullCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].ToString() | Should -BeLike '*no-such-tag*'
        Get-EngineImageTag -Repository $script:Repo | Should -BeNullOrEmpty
    }

    It 'reports a missing repository as ImageNotFound, goes on with the next name, and pulls nothing for it' {
        $missing = New-TestImageName -Suffix missing -Registry $script:Registry
        $out = Invoke-ImagePull "$($missing):v1", "$($script:Repo):v1" -ErrorAction SilentlyContinue -ErrorVariable err
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ImageNotFound,PSDocker.Commands.InvokeImagePullCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be "$($missing):v1"
        $out | Should -HaveCount 1
        $out.Tag | Should -Be 'v1'
        Get-EngineImageTag -Repository $missing | Should -BeNullOrEmpty
    }

    It 'pulls names from the pipeline' {
        $out = @("$($script:Repo):v1", "$($script:Repo):other" | Invoke-ImagePull -ErrorAction Stop)
        $out.Tag | Should -Be @('v1', 'other')
    }

    It 'pulls nothing under -WhatIf' {
        $out = Invoke-ImagePull "$($script:Repo):v1" -WhatIf
        $out | Should -BeNullOrEmpty
        Get-EngineImageTag -Repository $script:Repo | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-ImagePull from the registry with auth' {
    BeforeEach {
        Clear-LocalRepository $script:AuthRepo
        $Error.Clear()
    }

    It 'pulls with the right -Credential, and shows the secret nowhere' {
        $records = @(& { Invoke-ImagePull "$($script:AuthRepo):v1" -Credential $script:AuthCredential -Verbose -Debug -ErrorAction Stop } *>&1)
        $image = $records | Where-Object { $_ -is [PSDocker.Image] }
        $image | Should -HaveCount 1
        $image.Repository | Should -Be $script:AuthRepo
        $text = Get-AllRecordText $records
        foreach ($secret in (Get-SecretForm -User $script:AuthUser -Password $script:AuthPassword -Registry $script:AuthRegistry)) {
            $text.Contains($secret) | Should -BeFalse -Because 'the password must not appear in any output'
        }
        $image.Id | Should -Be $script:ImageId
        Get-EngineImageTag -Repository $script:AuthRepo | Should -Be "$($script:AuthRepo):v1"
    }

    It 'fails with a security error and no secret in any stream on a wrong -Credential' {
        $records = @(& {
                Invoke-ImagePull "$($script:AuthRepo):v1" -Credential $script:WrongCredential -Verbose -Debug -ErrorAction Continue
            } *>&1)
        $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ImagePullUnauthorized,PSDocker.Commands.InvokeImagePullCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'SecurityError'
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -Not -BeNullOrEmpty
        $text = Get-AllRecordText ($records + @($Error))
        $text | Should -BeLike '*unauthorized*'
        foreach ($secret in (Get-SecretForm -User $script:AuthUser -Password $script:WrongPassword -Registry $script:AuthRegistry)) {
            $text.Contains($secret) | Should -BeFalse -Because 'the password must not appear in any output'
        }
        Get-EngineImageTag -Repository $script:AuthRepo | Should -BeNullOrEmpty
    }

    It 'fails with a security error without any credential' {
        $out = Invoke-ImagePull "$($script:AuthRepo):v1" -ErrorAction SilentlyContinue -ErrorVariable err
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ImagePullUnauthorized,PSDocker.Commands.InvokeImagePullCommand'
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $err[0].ToString() | Should -BeLike '*Connect-Registry*'
        Get-EngineImageTag -Repository $script:AuthRepo | Should -BeNullOrEmpty
    }
}

Describe 'New-Container and Invoke-Container pull the image (-Pull)' {
    BeforeEach { Clear-LocalRepository $script:Repo }

    It 'Invoke-Container pulls a missing image from the local registry first' {
        $out = Invoke-Container -Image "$($script:Repo):v1" -AutoRemove -Command echo, hi -Label @{ $script:RunLabelKey = $script:RunId } -ErrorAction Stop
        $out | Should -Be 'hi'
        (Get-EngineImage "$($script:Repo):v1").Id | Should -Be $script:ImageId
    }

    It 'New-Container pulls a missing image from the registry with auth with -Credential' {
        Clear-LocalRepository $script:AuthRepo
        $c = New-Container -Image "$($script:AuthRepo):v1" -Credential $script:AuthCredential -Label @{ $script:RunLabelKey = $script:RunId } -ErrorAction Stop
        $c.Id | Should -Not -BeNullOrEmpty
        (Get-EngineInspect $c.Id).Image | Should -Be $script:ImageId
    }

    It 'reports an image missing from the registry as ImageNotFound and creates nothing' {
        $missing = New-TestImageName -Suffix missing -Registry $script:Registry
        $name = New-TestName
        $out = New-Container -Image "$($missing):v1" -Name $name -Label @{ $script:RunLabelKey = $script:RunId } -ErrorAction SilentlyContinue -ErrorVariable err
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-EngineInspect $name | Should -BeNullOrEmpty
    }

    It '-Pull Never does not pull a missing image: ImageNotFound' {
        $name = New-TestName
        $out = New-Container -Image "$($script:Repo):v1" -Name $name -Pull Never -Label @{ $script:RunLabelKey = $script:RunId } -ErrorAction SilentlyContinue -ErrorVariable err
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ImageNotFound,PSDocker.Commands.NewContainerCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-EngineImageTag -Repository $script:Repo | Should -BeNullOrEmpty
        Get-EngineInspect $name | Should -BeNullOrEmpty
    }

    It '-Pull Always pulls even when the image is present; the default (Missing) does not' {
        # The registry gets a new image under :moving while the engine keeps the old one under that name.
        $null = Invoke-ImagePull "$($script:Repo):v1" -ErrorAction Stop
        $moving = "$($script:Repo):moving"
        $newId = New-TestImage -Name $moving
        $null = Invoke-ImagePush $moving -ErrorAction Stop
        Add-PushedReference $moving
        $null = Invoke-Engine "images/$($script:ImageId)/tag?repo=$([uri]::EscapeDataString($script:Repo))&tag=moving" -Method POST
        (Get-EngineImage $moving).Id | Should -Be $script:ImageId

        $kept = New-Container -Image $moving -Label @{ $script:RunLabelKey = $script:RunId } -ErrorAction Stop
        (Get-EngineInspect $kept.Id).Image | Should -Be $script:ImageId

        $pulled = New-Container -Image $moving -Pull Always -Label @{ $script:RunLabelKey = $script:RunId } -ErrorAction Stop
        (Get-EngineInspect $pulled.Id).Image | Should -Be $newId
        (Get-EngineImage $moving).Id | Should -Be $newId
    }
}
