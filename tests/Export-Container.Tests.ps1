BeforeAll {
    . "$PSScriptRoot/common.ps1"; . "$PSScriptRoot/images.common.ps1"
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers; Remove-TestImages; Restore-TestDockerConfig }
}

Describe 'Export-Container' {
    It 'exports a container; the tar imported as an image runs' {
        $c = New-TestContainer -Command 'sh', '-c', 'echo exported > /marker; sleep 1' -Start
        Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
        $file = Join-Path $TestTemp 'rootfs.tar'
        $out = $c | Export-Container -Path $file -PassThru -ErrorAction Stop
        $out | Should -BeOfType System.IO.FileInfo
        @(tar -tf $file) | Should -Contain 'marker'
        $name = "$(New-TestImageName -Suffix exp):1"
        $image = New-Image -Path $file -Repository $name -Change 'CMD ["cat", "/marker"]' -ErrorAction Stop
        $image.Name | Should -Be $name
        $run = New-Container -Image $name -Name (New-TestName) -Label @{ $RunLabelKey = $RunId } -ErrorAction Stop
        Start-Container -InputObject $run -ErrorAction Stop
        Wait-EngineState $run.Id 'exited' | Should -Be 'exited'
        (Get-ContainerLog -Name $run.Name) | Should -Be 'exported'
    }

    It 'an existing file needs -Force; a missing container is ContainerNotFound; one container per file' {
        $c = New-TestContainer -Command 'true'
        $file = Join-Path $TestTemp 'exists.tar'
        Set-Content -Path $file -Value 'old'
        Export-Container -Name $c.Name -Path $file -ErrorAction SilentlyContinue -ErrorVariable err
        Get-FullyQualifiedErrorId $err | Should -Be @('DestinationExists,PSDocker.Commands.ExportContainerCommand')
        Export-Container -Name $c.Name -Path $file -Force -ErrorAction Stop
        (Get-Item $file).Length | Should -BeGreaterThan 1MB
        Export-Container -Name "$RunPrefix-missing" -Path (Join-Path $TestTemp 'm.tar') -ErrorAction SilentlyContinue -ErrorVariable err2
        Get-FullyQualifiedErrorId $err2 | Should -Be @('ContainerNotFound,PSDocker.Commands.ExportContainerCommand')
        Test-Path (Join-Path $TestTemp 'm.tar') | Should -BeFalse
        $other = New-TestContainer -Command 'true'
        Export-Container -Name $c.Name, $other.Name -Path (Join-Path $TestTemp 'two.tar') -ErrorAction SilentlyContinue -ErrorVariable err3
        Get-FullyQualifiedErrorId $err3 | Should -Be @('OneContainerPerExport,PSDocker.Commands.ExportContainerCommand')
    }
}
