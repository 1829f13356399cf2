BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/images.common.ps1"

    # A committed image on top of the imported test image: two steps, the newest first.
    $script:Repo = New-TestImageName -Suffix hist
    $script:Name = "$($script:Repo):one"
    $script:ImageId = New-TestImage -Name $script:Name
    $script:BaseId = (Get-EngineImage $script:TestImage).Id
    function Get-EngineHistory([string] $Image) {
        # Invoke-RestMethod writes a JSON array as one object: enumerate it.
        $list = Invoke-Engine "images/$Image/history"
        foreach ($h in $list) { $h }
    }
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestImages -ErrorAction SilentlyContinue) { Remove-TestImages }
    if (Get-Command Restore-TestDockerConfig -ErrorAction SilentlyContinue) { Restore-TestDockerConfig }
}

Describe 'Get-ImageHistory' {
    Context 'listing' {
        It 'lists the steps newest first as typed rows: the commit, then the imported base image' {
            $out = @(Get-ImageHistory -Name $Name -ErrorAction Stop)
            $out.Count | Should -BeGreaterOrEqual 2
            $out | ForEach-Object { $_ | Should -BeOfType PSDocker.ImageHistoryItem }
            $out[0].Id | Should -Be $ImageId
            $out[0].ShortId | Should -Be $ImageId.Substring(7, 12)
            $out[0].Image | Should -Be $Name
            $out[-1].Id | Should -Be $BaseId
            if (-not $IsPodman) {
                # Podman 4.3 sends no Tags and its own comments in the history.
                $out[0].Tags | Should -Contain $Name
                $out[-1].Tags | Should -Contain $TestImage
                $out[-1].Comment | Should -Be 'Imported from -'
            }
            $out[-1].Size | Should -BeGreaterThan 500KB    # the busybox binary
        }

        It 'matches the engine''s own history entry for entry (Id, Created, CreatedBy, Size, Comment)' {
            $engine = @(Get-EngineHistory $ImageId)
            $out = @(Get-ImageHistory -Id $ImageId -ErrorAction Stop)
            $out.Count | Should -Be $engine.Count
            for ($i = 0; $i -lt $engine.Count; $i++) {
                # Podman sends bare hexadecimal IDs; the cmdlet writes sha256:<hex> on both engines.
                $out[$i].Id | Should -Be $(if ($engine[$i].Id -match '^[0-9a-f]{64}$') { "sha256:$($engine[$i].Id)" } else { $engine[$i].Id })
                $out[$i].CreatedBy | Should -Be "$($engine[$i].CreatedBy)"
                $out[$i].Size | Should -Be $engine[$i].Size
                $out[$i].Comment | Should -Be "$($engine[$i].Comment)"
                ([DateTimeOffset]$out[$i].Created).ToUnixTimeSeconds() | Should -Be $engine[$i].Created
            }
        }
    }

    Context 'pipeline binding' {
        It 'piped Image objects, names and objects with an Id property are each listed, in input order' {
            $fromImage = @(Get-Image -Name $Name | Get-ImageHistory -ErrorAction Stop)
            $fromImage[0].Id | Should -Be $ImageId
            $out = @($TestImage, $Name | Get-ImageHistory -ErrorAction Stop)
            $out[0].Id | Should -Be $BaseId
            $out[0].Image | Should -Be $TestImage
            $out[-1].Image | Should -Be $Name
            $byId = @([pscustomobject]@{ Id = $BaseId } | Get-ImageHistory -ErrorAction Stop)
            $byId.Count | Should -Be 1
            $byId[0].Id | Should -Be $BaseId
        }
    }

    Context 'errors' {
        It 'a missing image is ImageNotFound (ObjectNotFound), non-terminating: the next one is still listed' {
            $missing = "$($Repo)-missing:none"
            $out = @($missing, $Name | Get-ImageHistory -ErrorAction SilentlyContinue -ErrorVariable err)
            Get-FullyQualifiedErrorId $err | Should -Be @('ImageNotFound,PSDocker.Commands.GetImageHistoryCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be $missing
            $out[0].Id | Should -Be $ImageId
        }

        It 'a malformed name is InvalidImageName, terminating, before anything is sent' {
            $e = Get-TerminatingError { Get-ImageHistory 'Bad Name:x' }
            $e.FullyQualifiedErrorId | Should -Be 'InvalidImageName,PSDocker.Commands.GetImageHistoryCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
    }
}
