BeforeAll {
    . "$PSScriptRoot/common.ps1"
}

Describe 'PSDocker.ImageReference' {
    It 'parses <Text>' -ForEach @(
        @{ Text = 'bitnami/python:3.9.15'; Registry = 'docker.io'; Repository = 'bitnami/python'; Tag = '3.9.15'; Digest = $null
            FamiliarName = 'bitnami/python:3.9.15'; FullName = 'docker.io/bitnami/python:3.9.15'; String = 'docker.io/bitnami/python:3.9.15' }
        @{ Text = 'nginx'; Registry = 'docker.io'; Repository = 'library/nginx'; Tag = $null; Digest = $null
            FamiliarName = 'nginx'; FullName = 'docker.io/library/nginx:latest'; String = 'docker.io/library/nginx' }
        @{ Text = 'docker.io/library/nginx:1.25'; Registry = 'docker.io'; Repository = 'library/nginx'; Tag = '1.25'; Digest = $null
            FamiliarName = 'nginx:1.25'; FullName = 'docker.io/library/nginx:1.25'; String = 'docker.io/library/nginx:1.25' }
        @{ Text = 'index.docker.io/library/nginx'; Registry = 'docker.io'; Repository = 'library/nginx'; Tag = $null; Digest = $null
            FamiliarName = 'nginx'; FullName = 'docker.io/library/nginx:latest'; String = 'docker.io/library/nginx' }
        @{ Text = 'localhost:5000/team/app:1'; Registry = 'localhost:5000'; Repository = 'team/app'; Tag = '1'; Digest = $null
            FamiliarName = 'localhost:5000/team/app:1'; FullName = 'localhost:5000/team/app:1'; String = 'localhost:5000/team/app:1' }
        @{ Text = "127.0.0.1:5310/app@sha256:$('c' * 64)"; Registry = '127.0.0.1:5310'; Repository = 'app'; Tag = $null; Digest = "sha256:$('c' * 64)"
            FamiliarName = "127.0.0.1:5310/app@sha256:$('c' * 64)"; FullName = "127.0.0.1:5310/app@sha256:$('c' * 64)"; String = "127.0.0.1:5310/app@sha256:$('c' * 64)" }
        @{ Text = 'ghcr.io/owner/tool:v2.0_rc-1'; Registry = 'ghcr.io'; Repository = 'owner/tool'; Tag = 'v2.0_rc-1'; Digest = $null
            FamiliarName = 'ghcr.io/owner/tool:v2.0_rc-1'; FullName = 'ghcr.io/owner/tool:v2.0_rc-1'; String = 'ghcr.io/owner/tool:v2.0_rc-1' }
    ) {
        $r = [PSDocker.ImageReference]::Parse($Text)
        $r.Registry | Should -Be $Registry
        $r.Repository | Should -Be $Repository
        $r.Tag | Should -Be $Tag
        $r.Digest | Should -Be $Digest
        $r.FamiliarName | Should -Be $FamiliarName
        $r.FullName | Should -Be $FullName
        $r.ToString() | Should -Be $String
        "$r" | Should -Be $String
    }

    It 'casts from a string' {
        $r = [PSDocker.ImageReference]'nginx'
        $r | Should -BeOfType PSDocker.ImageReference
        $r.Registry | Should -Be 'docker.io'
        $r.Repository | Should -Be 'library/nginx'
        $r.FamiliarName | Should -Be 'nginx'
        $r.FullName | Should -Be 'docker.io/library/nginx:latest'
        $r.ToString() | Should -Be 'docker.io/library/nginx'
        $r.Tag | Should -BeNullOrEmpty
        $r.EffectiveTag | Should -Be 'latest'
    }

    It 'treats equal names as equal' {
        [PSDocker.ImageReference]::Parse('nginx') | Should -Be ([PSDocker.ImageReference]::Parse('docker.io/library/nginx'))
        [PSDocker.ImageReference]::Parse('nginx:1') | Should -Not -Be ([PSDocker.ImageReference]::Parse('nginx:2'))
    }

    It 'gives a copy with another tag, dropping a digest' {
        $r = [PSDocker.ImageReference]::Parse("localhost:5000/app@sha256:$('d' * 64)").WithTag('v3')
        $r.Tag | Should -Be 'v3'
        $r.Digest | Should -BeNullOrEmpty
        $r.FamiliarName | Should -Be 'localhost:5000/app:v3'
    }

    It 'rejects ''<Show>'' with a clear message' -ForEach @(
        @{ Text = ''; Show = ''; Why = 'it is empty.' }
        @{ Text = 'UPPER/Case'; Show = 'UPPER/Case'; Why = 'repository names must be lowercase.' }
        @{ Text = 'UPPER/case'; Show = 'UPPER/case'; Why = 'repository names must be lowercase.' }
        @{ Text = 'my image'; Show = 'my image'; Why = 'it contains white space.' }
        @{ Text = 'nginx:'; Show = 'nginx:'; Why = "the tag after ':' is empty." }
        @{ Text = 'nginx:-bad'; Show = 'nginx:-bad'; Why = "the tag '-bad' may hold only*" }
        @{ Text = 'nginx@sha256:abc'; Show = 'nginx@sha256:abc'; Why = "the digest 'sha256:abc' is not algorithm:hex*" }
        @{ Text = 'a//b'; Show = 'a//b'; Why = "a repository path component is empty*" }
        @{ Text = 'a/b/'; Show = 'a/b/'; Why = "a repository path component is empty*" }
        @{ Text = 'bad_host:5000:/x'; Show = 'bad_host:5000:/x'; Why = "'bad_host:5000:' is not a valid registry host[[]:port[]]." }
        @{ Text = ('e' * 64); Show = ('e' * 64); Why = 'a 64-character hexadecimal string is an image ID*' }
        @{ Show = '(256 letters)'; Text = ('a' * 256); Why = 'the repository name is longer than 255 characters.' }
    ) {
        $err = Get-TerminatingError { [PSDocker.ImageReference]::Parse($Text) }
        $err | Should -Not -BeNullOrEmpty
        $err.Exception.InnerException | Should -BeOfType System.FormatException
        $err.Exception.InnerException.Message | Should -BeLike "Invalid image name '$([WildcardPattern]::Escape($Text))': $Why"
        [PSDocker.ImageReference]::TryParse($Text, [ref]$null) | Should -BeFalse
    }

    It 'fails a cast of an invalid name with the reason' {
        $err = Get-TerminatingError { [PSDocker.ImageReference]'Bad Name' }
        $err.ToString() | Should -BeLike "*Invalid image name 'Bad Name': it contains white space*"
    }
}

Describe 'Invalid image names on cmdlets fail before the engine is asked' {
    BeforeAll {
        # Nothing listens there: reaching the engine would give EngineUnreachable.
        $script:NoEngine = 'unix:///tmp/nonexistent.sock'
    }

    It '<Command> rejects an invalid ImageReference parameter at binding' -ForEach @(
        @{ Command = 'Invoke-ImagePull'; Call = { Invoke-ImagePull 'UPPER/Case' -Endpoint $script:NoEngine } }
        @{ Command = 'Invoke-ImagePush'; Call = { Invoke-ImagePush 'UPPER/Case' -Endpoint $script:NoEngine } }
        @{ Command = 'Add-ImageTag'; Call = { Add-ImageTag 'psdocker-test/busybox:1.35' 'UPPER/Case' -Endpoint $script:NoEngine } }
    ) {
        $err = Get-TerminatingError $Call
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Not -BeLike 'EngineUnreachable*'
        $err.Exception | Should -BeOfType System.Management.Automation.ParameterBindingException
        $err.ToString() | Should -BeLike "*Invalid image name 'UPPER/Case': repository names must be lowercase*"
    }

    It '<Command> rejects an invalid image name with InvalidImageName' -ForEach @(
        @{ Command = 'New-Container'; Call = { New-Container -Image 'UPPER/Case' -Endpoint $script:NoEngine } }
        @{ Command = 'Invoke-Container'; Call = { Invoke-Container -Image 'UPPER/Case' -AutoRemove -Endpoint $script:NoEngine } }
        @{ Command = 'Invoke-ImageBuild'; Call = { Invoke-ImageBuild $PSScriptRoot -Tag 'UPPER/Case' -Endpoint $script:NoEngine } }
        @{ Command = 'Add-ImageTag'; Call = { Add-ImageTag 'UPPER/Case' 'psdt-x:v1' -Endpoint $script:NoEngine } }
    ) {
        $err = Get-TerminatingError $Call
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidImageName,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.ToString() | Should -Be "Invalid image name 'UPPER/Case': repository names must be lowercase."
    }
}
