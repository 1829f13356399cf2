BeforeAll {
    . "$PSScriptRoot/common.ps1"; . "$PSScriptRoot/images.common.ps1"
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers; Remove-TestImages; Restore-TestDockerConfig }
}

Describe 'Save-Image' {
    It 'saves two images into one tar; after removing them Import-Image loads the same IDs and tags' {
        $a = "$(New-TestImageName -Suffix sa):1"; $b = "$(New-TestImageName -Suffix sb):2"
        $idA = New-TestImage -Name $a; $idB = New-TestImage -Name $b
        $file = Join-Path $TestTemp 'two.tar'
        $out = Save-Image -Name $a, $b -Path $file -PassThru -ErrorAction Stop
        $out | Should -BeOfType System.IO.FileInfo
        $out.Length | Should -BeGreaterThan 1MB
        # No temporary file is left beside it.
        @(Get-ChildItem -Force $TestTemp -Filter '.two.tar.partial-*').Count | Should -Be 0
        Remove-EngineImage $a; Remove-EngineImage $b
        $loaded = @(Import-Image -Path $file -ErrorAction Stop)
        $loaded | ForEach-Object { $_ | Should -BeOfType PSDocker.Image }
        @($loaded.Id | Sort-Object) | Should -Be @($idA, $idB | Sort-Object)
        @($loaded.Name | Sort-Object) | Should -Be @($a, $b | Sort-Object)
        (Invoke-Engine "images/$([uri]::EscapeDataString($a))/json").Id | Should -Be $idA
    }

    It 'collects piped Image objects into ONE tar' {
        $a = "$(New-TestImageName -Suffix pa):1"; $b = "$(New-TestImageName -Suffix pb):1"
        $null = New-TestImage -Name $a; $null = New-TestImage -Name $b
        $file = Join-Path $TestTemp 'piped.tar'
        Get-Image -Name $a, $b | Save-Image -Path $file -ErrorAction Stop
        # Podman writes fully qualified names (docker.io/library/...): compare them as Docker shows them.
        $names = @(tar -xOf $file manifest.json | ConvertFrom-Json | ForEach-Object { $_.RepoTags } | ForEach-Object { ConvertTo-FamiliarImageName $_ })
        @($names | Sort-Object) | Should -Be @($a, $b | Sort-Object)
    }

    It 'an existing file needs -Force; a missing image is ImageNotFound and writes no file' {
        $a = "$(New-TestImageName -Suffix fa):1"; $null = New-TestImage -Name $a
        $file = Join-Path $TestTemp 'exists.tar'
        Set-Content -Path $file -Value 'old'
        Save-Image -Name $a -Path $file -ErrorAction SilentlyContinue -ErrorVariable err
        Get-FullyQualifiedErrorId $err | Should -Be @('DestinationExists,PSDocker.Commands.SaveImageCommand')
        (Get-Content -Raw $file).Trim() | Should -Be 'old'
        Save-Image -Name $a -Path $file -Force -ErrorAction Stop
        (Get-Item $file).Length | Should -BeGreaterThan 1MB
        $missingFile = Join-Path $TestTemp 'missing.tar'
        Save-Image -Name "$TestRegistry/$(New-TestImageName -Suffix none):1" -Path $missingFile -ErrorAction SilentlyContinue -ErrorVariable err2
        Get-FullyQualifiedErrorId $err2 | Should -Be @('ImageNotFound,PSDocker.Commands.SaveImageCommand')
        Test-Path $missingFile | Should -BeFalse
    }
}
