BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/images.common.ps1"

    $script:Labels = @{ $script:RunLabelKey = $script:RunId; 'psdtest.build' = 'yes' }
    $script:Unique = [guid]::NewGuid().ToString('N')

    # A context with files .dockerignore keeps out, a '**' pattern, and an '!' exception.
    $script:Context = New-TestTempDirectory -Name context
    $dockerfile = @"
FROM $($script:TestImage) AS base
ARG GREETING=unset
RUN echo "greeting=`$GREETING" > /greeting && echo $($script:Unique) > /unique
COPY . /ctx/
FROM base AS final
RUN echo final > /final
CMD ["cat", "/greeting"]
"@
    Set-Content -Path (Join-Path $script:Context 'Dockerfile') -Value $dockerfile
    Set-Content -Path (Join-Path $script:Context '.dockerignore') -Value "# test rules`nsecret.txt`n**/*.log`n!**/important.log`ntmp*/"
    foreach ($f in 'keep.txt', 'secret.txt', 'top.log', 'logs/a/b/debug.log', 'logs/a/b/important.log', 'logs/a/b/notes.txt', 'tmpdir/inside.txt') {
        $path = Join-Path $script:Context $f
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $path)
        Set-Content -Path $path -Value $f
    }

    # 1. The first stage, with a build argument and labels; everything written to the host captured.
    $script:BaseName = (New-TestImageName -Suffix build) + ':base'
    $script:BaseOutput = @(Invoke-ImageBuild $script:Context -Tag $script:BaseName -BuildArg @{ GREETING = 'hello' } -Label $script:Labels -Target base -ErrorAction Stop 6>&1)
    $script:BaseImage = $script:BaseOutput | Where-Object { $_ -is [PSDocker.Image] }
    $script:BaseListing = @(Invoke-Container -Image $script:BaseName -AutoRemove -Label @{ $script:RunLabelKey = $script:RunId } -ErrorAction Stop -Command sh, -c, @'
cat /greeting; cd /ctx && ls -a . logs/a/b; test -e /final && echo has-final || echo no-final
'@)

    # 2. A Dockerfile outside the context (-File), all stages, no build argument.
    $outside = New-TestTempDirectory -Name outside
    $script:OutsideFile = Join-Path $outside 'Build.dockerfile'
    Set-Content -Path $script:OutsideFile -Value ($dockerfile + "`nRUN echo outside > /outside`n")
    $script:FinalName = (New-TestImageName -Suffix build) + ':final'
    $script:FinalImage = Invoke-ImageBuild $script:Context -File $script:OutsideFile -Tag $script:FinalName -Label $script:Labels -ErrorAction Stop 6>$null
}

AfterAll {
    Remove-TestContainers
    # The classic builder keeps the container of a failed step (docker build without --force-rm does too);
    # it has no run label, but its command holds this file's unique string.
    foreach ($c in (Invoke-Engine 'containers/json?all=1')) {
        if ($c.Command -like "*$($script:Unique)*") { $null = Invoke-Engine "containers/$($c.Id)?force=1" -Method DELETE }
    }
    Remove-TestImages
    Restore-TestDockerConfig
}

Describe 'Invoke-ImageBuild' {
    It 'returns the built image under its tag' {
        $script:BaseImage | Should -HaveCount 1
        $script:BaseImage.Name | Should -Be $script:BaseName
        (Get-EngineImage $script:BaseName).Id | Should -Be $script:BaseImage.Id
    }

    It 'writes the build output to the information stream' {
        $info = @($script:BaseOutput | Where-Object { $_ -is [System.Management.Automation.InformationRecord] })
        $info | Should -Not -BeNullOrEmpty
        $text = ($info | ForEach-Object { "$($_.MessageData)" }) -join "`n"
        $text | Should -Match 'Step 1/\d+ : FROM'
        $text | Should -Match 'RUN echo "greeting=\$GREETING"'
        $text | Should -Match 'Successfully tagged'
    }

    It 'runs the built image with Invoke-Container' {
        Invoke-Container -Image $script:FinalName -AutoRemove -Label @{ $script:RunLabelKey = $script:RunId } -ErrorAction Stop | Should -Be 'greeting=unset'
    }

    It 'passes -BuildArg to the Dockerfile' {
        $script:BaseListing[0] | Should -Be 'greeting=hello'
    }

    It 'leaves out what .dockerignore excludes' {
        $script:BaseListing | Should -Contain 'keep.txt'
        $script:BaseListing | Should -Contain 'Dockerfile'
        $script:BaseListing | Should -Contain 'notes.txt'
        $script:BaseListing | Should -Not -Contain 'secret.txt'
        $script:BaseListing | Should -Not -Contain 'tmpdir'
    }

    It 'applies a ** pattern at every depth' {
        $script:BaseListing | Should -Not -Contain 'top.log'
        $script:BaseListing | Should -Not -Contain 'debug.log'
    }

    It 're-includes what an ! exception names' {
        $script:BaseListing | Should -Contain 'important.log'
    }

    It 'stops at the -Target stage' {
        $script:BaseListing | Should -Contain 'no-final'
        (Get-EngineImage $script:FinalName).Id | Should -Not -Be $script:BaseImage.Id
    }

    It 'sets -Label, visible with Get-Image -Detailed' {
        $d = PSDocker\Get-Image $script:BaseName -Detailed -ErrorAction Stop
        $d.Labels['psdtest.build'] | Should -Be 'yes'
        $d.Labels[$script:RunLabelKey] | Should -Be $script:RunId
        (Get-EngineImage $script:BaseName).Config.Labels.'psdtest.build' | Should -Be 'yes'
    }

    It 'builds with a Dockerfile outside the context (-File)' {
        $script:FinalImage.Name | Should -Be $script:FinalName
        $out = @(Invoke-Container -Image $script:FinalName -AutoRemove -Label @{ $script:RunLabelKey = $script:RunId } -Command sh, -c, 'cat /outside /final; ls /ctx' -ErrorAction Stop)
        $out | Should -Contain 'outside'
        $out | Should -Contain 'final'
        $out | Should -Contain 'keep.txt'
        $out | Should -Not -Contain 'secret.txt'
        # The generated name of the outside Dockerfile does not land in the image.
        @($out | Where-Object { $_ -like '.dockerfile*' }) | Should -HaveCount 0
    }

    It 'reports a failing step as ImageBuildFailed, naming the command' {
        $ctx = New-TestTempDirectory -Name failing
        Set-Content -Path (Join-Path $ctx 'Dockerfile') -Value "FROM $($script:TestImage)`nRUN echo $($script:Unique) && exit 3`nRUN echo never"
        $name = (New-TestImageName -Suffix fail) + ':v1'
        $out = Invoke-ImageBuild $ctx -Tag $name -Label $script:Labels -ErrorAction SilentlyContinue -ErrorVariable err 6>$null
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ImageBuildFailed,PSDocker.Commands.InvokeImageBuildCommand'
        $err[0].ToString() | Should -BeLike "*echo $($script:Unique) && exit 3*"
        $err[0].ToString() | Should -BeLike '*code: 3*'
        Get-EngineImage $name | Should -BeNullOrEmpty
    }

    It 'builds nothing under -WhatIf' {
        $name = (New-TestImageName -Suffix whatif) + ':v1'
        Invoke-ImageBuild $script:Context -Tag $name -WhatIf 6>$null | Should -BeNullOrEmpty
        Get-EngineImage $name | Should -BeNullOrEmpty
    }

    It 'reports a missing context before asking the engine' {
        $err = Get-TerminatingError { Invoke-ImageBuild (Join-Path $script:TestTemp 'no-such-dir') -Tag psdt-x:v1 -Endpoint unix:///tmp/nonexistent.sock }
        $err.FullyQualifiedErrorId | Should -Be 'BuildContextNotFound,PSDocker.Commands.InvokeImageBuildCommand'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
