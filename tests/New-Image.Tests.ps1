BeforeAll {
    . "$PSScriptRoot/common.ps1"; . "$PSScriptRoot/images.common.ps1"
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers; Remove-TestImages; Restore-TestDockerConfig }
}

Describe 'New-Image' {
    It 'commits a piped container with a change, message and author; the new image runs with it' {
        $c = New-TestContainer -Command 'sh', '-c', 'echo committed > /marker; sleep 1' -Start
        Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
        $name = "$(New-TestImageName -Suffix com):1"
        $image = Get-Container -Name $c.Name | New-Image -Repository $name -Change 'ENV GREETING=hi', 'CMD ["sh", "-c", "cat /marker; echo $GREETING"]' -Message 'test commit' -Author 'Tester <t@example.invalid>' -ErrorAction Stop
        $image | Should -BeOfType PSDocker.Image
        $image.Name | Should -Be $name
        $image.Environment | Should -Contain 'GREETING=hi'
        $engine = Invoke-Engine "images/$([uri]::EscapeDataString($name))/json"
        $engine.Author | Should -Be 'Tester <t@example.invalid>'
        $engine.Comment | Should -Be 'test commit'
        $run = New-Container -Image $name -Name (New-TestName) -Label @{ $RunLabelKey = $RunId } -ErrorAction Stop
        Start-Container -InputObject $run -ErrorAction Stop
        Wait-EngineState $run.Id 'exited' | Should -Be 'exited'
        @(Get-ContainerLog -Name $run.Name) | Should -Be @('committed', 'hi')
    }

    It 'without -Repository the image is untagged' {
        $c = New-TestContainer -Command 'true'
        $image = New-Image -Container $c.Name -ErrorAction Stop
        $image.Repository | Should -Be '<none>'
        $image.Id | Should -Match '^sha256:[0-9a-f]{64}$'
        $null = Invoke-Engine "images/$($image.Id)?force=1" -Method DELETE
    }

    It 'a bad change or name fails before sending; a missing container is ContainerNotFound; a missing file LocalPathNotFound' {
        { New-Image -Container 'any' -Repository 'x/y:1' -Change 'RUN rm -rf /' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidImageChange,PSDocker.Commands.NewImageCommand'
        { New-Image -Container 'any' -Repository 'Bad Name' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidImageName,PSDocker.Commands.NewImageCommand'
        New-Image -Container "$RunPrefix-missing" -ErrorAction SilentlyContinue -ErrorVariable err
        Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.NewImageCommand')
        New-Image -Path (Join-Path $TestTemp 'nope.tar') -ErrorAction SilentlyContinue -ErrorVariable err2
        Get-FullyQualifiedErrorId $err2 | Should -Be @('LocalPathNotFound,PSDocker.Commands.NewImageCommand')
    }
}
