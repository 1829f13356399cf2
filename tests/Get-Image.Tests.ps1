BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/images.common.ps1"

    # One image with two names in one repository and a third in another, and one dangling image.
    $script:RepoA = New-TestImageName -Suffix geta
    $script:RepoB = New-TestImageName -Suffix getb
    $script:Label = "psdtest.get=$([guid]::NewGuid().ToString('N'))"
    $script:ImageId = New-TestImage -Name "$($script:RepoA):one" -Label @{ 'psdtest.get' = $script:Label.Split('=')[1] }
    foreach ($n in "$($script:RepoA):two", "$($script:RepoB):three") {
        $r = [PSDocker.ImageReference]::Parse($n)
        $null = Invoke-Engine "images/$($script:ImageId)/tag?repo=$($r.FamiliarRepository)&tag=$($r.Tag)" -Method POST
    }
    $script:DanglingId = New-TestImage
}

AfterAll {
    Remove-TestImages
    Restore-TestDockerConfig
}

Describe 'Get-Image' {
    It 'lists images, one row per repository:tag' {
        $rows = @(PSDocker\Get-Image -ErrorAction Stop | Where-Object Id -EQ $script:ImageId)
        $rows | Should -HaveCount 3
        $rows | ForEach-Object { $_ | Should -BeOfType PSDocker.Image }
        @($rows.Name | Sort-Object) | Should -Be @("$($script:RepoA):one", "$($script:RepoA):two", "$($script:RepoB):three")
        $one = $rows | Where-Object Tag -EQ 'one'
        $one.Repository | Should -Be $script:RepoA
        $one.RepoTags | Should -Contain "$($script:RepoB):three"
        $one.Size | Should -BeGreaterThan 0
        $one.Endpoint | Should -Be $script:Endpoint
    }

    It 'finds an exact repository:tag' {
        $rows = @(PSDocker\Get-Image "$($script:RepoA):two" -ErrorAction Stop)
        $rows | Should -HaveCount 1
        $rows[0].Tag | Should -Be 'two'
        $rows[0].Id | Should -Be $script:ImageId
    }

    It 'finds every tag of a repository given without a tag' {
        $rows = @(PSDocker\Get-Image $script:RepoA -ErrorAction Stop)
        @($rows.Tag | Sort-Object) | Should -Be @('one', 'two')
    }

    It 'matches wildcards' {
        @(PSDocker\Get-Image "$($script:ImagePrefix)-get*" -ErrorAction Stop).Name | Sort-Object |
            Should -Be @("$($script:RepoA):one", "$($script:RepoA):two", "$($script:RepoB):three")
        @(PSDocker\Get-Image "$($script:RepoA):t*" -ErrorAction Stop).Name | Should -Be "$($script:RepoA):two"
        @(PSDocker\Get-Image "$($script:ImagePrefix)-nothing-*" -ErrorAction Stop) | Should -HaveCount 0
    }

    It 'reports an exact name it cannot find as ImageNotFound, non-terminating' {
        $missing = (New-TestImageName -Suffix missing) + ':v1'
        $rows = @(PSDocker\Get-Image $missing, "$($script:RepoA):one" -ErrorAction SilentlyContinue -ErrorVariable err)
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ImageNotFound,PSDocker.Commands.GetImageCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be $missing
        $rows | Should -HaveCount 1
        $rows[0].Tag | Should -Be 'one'
    }

    It 'finds images by ID prefix, with or without sha256:' {
        $hex = $script:ImageId.Substring(7)
        @(PSDocker\Get-Image -Id $hex.Substring(0, 12) -ErrorAction Stop) | Should -HaveCount 3
        @(PSDocker\Get-Image -Id "sha256:$($hex.Substring(0, 16))" -ErrorAction Stop).Id | Select-Object -Unique | Should -Be $script:ImageId
        PSDocker\Get-Image -Id ('0' * 12) -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'ImageNotFound,PSDocker.Commands.GetImageCommand'
    }

    It 'lists only dangling images with -Dangling' {
        $rows = @(PSDocker\Get-Image -Dangling -ErrorAction Stop)
        $rows.Id | Should -Contain $script:DanglingId
        $rows.Id | Should -Not -Contain $script:ImageId
        $rows | ForEach-Object { $_.Tag | Should -Be '<none>' }
        ($rows | Where-Object Id -EQ $script:DanglingId).Repository | Should -Be '<none>'
    }

    It 'filters by -Label' {
        $rows = @(PSDocker\Get-Image -Label $script:Label -ErrorAction Stop)
        @($rows.Id | Select-Object -Unique) | Should -Be @($script:ImageId)
    }

    It 'fills Architecture, Os, Layers and the config with -Detailed' {
        $plain = PSDocker\Get-Image "$($script:RepoA):one" -ErrorAction Stop
        $plain.IsDetailed | Should -BeFalse
        $d = PSDocker\Get-Image "$($script:RepoA):one" -Detailed -ErrorAction Stop
        $d | Should -HaveCount 1
        $d.IsDetailed | Should -BeTrue
        $engine = Get-EngineImage $script:ImageId
        $d.Architecture | Should -Be $engine.Architecture
        $d.Os | Should -Be 'linux'
        $d.Layers | Should -Not -BeNullOrEmpty
        @($d.Layers) | Should -Be @($engine.RootFS.Layers)
        $d.Labels['psdtest.get'] | Should -Be $script:Label.Split('=')[1]
        $d.Command | Should -Be @('/bin/sh')
        $d.Tag | Should -Be 'one'
    }

    It 'returns a dangling image with -Detailed too' {
        $d = @(PSDocker\Get-Image -Id $script:DanglingId -Detailed -ErrorAction Stop)
        $d | Should -HaveCount 1
        $d[0].IsDetailed | Should -BeTrue
        $d[0].Layers | Should -Not -BeNullOrEmpty
    }

    It 'shows a table like docker images, with a human size' {
        $image = PSDocker\Get-Image "$($script:RepoA):one" -ErrorAction Stop
        $text = $image | Format-Table | Out-String -Width 200
        $text | Should -Match 'Repository\s+Tag\s+Id\s+Created\s+Size'
        $text | Should -Match ([regex]::Escape($image.ShortId))
        $text | Should -Match '\b\d+(\.\d{1,2})?(B|kB|MB|GB)\b'
        $text | Should -Not -Match "\b$($image.Size)\b"
    }

    It 'takes names from the pipeline' {
        @("$($script:RepoA):one", "$($script:RepoB):three" | PSDocker\Get-Image -ErrorAction Stop).Tag | Sort-Object | Should -Be @('one', 'three')
    }
}
