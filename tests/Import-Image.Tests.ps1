BeforeAll {
    . "$PSScriptRoot/common.ps1"; . "$PSScriptRoot/images.common.ps1"
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers; Remove-TestImages; Restore-TestDockerConfig }
}

Describe 'Import-Image' {
    It 'loads piped tar files (Get-ChildItem) quietly and returns the images' {
        $a = "$(New-TestImageName -Suffix ia):1"
        $id = New-TestImage -Name $a
        $dir = Join-Path $TestTemp 'tars'
        $null = New-Item -ItemType Directory -Force -Path $dir
        Save-Image -Name $a -Path (Join-Path $dir 'one.tar') -ErrorAction Stop
        Remove-EngineImage $a
        $loaded = @(Get-ChildItem $dir -Filter *.tar | Import-Image -Quiet -ErrorAction Stop)
        $loaded.Count | Should -Be 1
        $loaded[0].Id | Should -Be $id
        $loaded[0].Name | Should -Be $a
    }

    It 'a missing file is LocalPathNotFound; a tar that is no image is ImageLoadFailed' {
        Import-Image -Path (Join-Path $TestTemp 'nope*.tar') -ErrorAction SilentlyContinue -ErrorVariable err
        Get-FullyQualifiedErrorId $err | Should -Be @('LocalPathNotFound,PSDocker.Commands.ImportImageCommand')
        $junk = Join-Path $TestTemp 'junk.tar'
        $src = Join-Path $TestTemp 'junksrc'
        $null = New-Item -ItemType Directory -Force -Path $src
        Set-Content -Path "$src/x.txt" -Value 'x'
        tar -cf $junk -C $src x.txt
        $out = Import-Image -LiteralPath $junk -ErrorAction SilentlyContinue -ErrorVariable err2
        $out | Should -BeNullOrEmpty
        Get-FullyQualifiedErrorId $err2 | Should -Be @('ImageLoadFailed,PSDocker.Commands.ImportImageCommand')
    }
}
