# Get-ContainerContext against a temporary DOCKER_CONFIG (no engine call is involved).

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/contexts.common.ps1"
    $script:saved = Save-EngineVariables
    $script:Config = New-TestDockerConfig
    New-TestContext -Config $Config -Name 'psdt-unix' -DockerHost $Endpoint -Description 'the unix socket'
    New-TestContext -Config $Config -Name 'psdt-tls' -DockerHost $TlsEndpoint -TlsFrom $TlsCerts -Description 'the TLS port'
    New-TestContext -Config $Config -Name 'psdt-insecure' -DockerHost $TlsEndpoint -SkipTlsVerify
    New-TestContext -Config $Config -Name 'psdt-ssh' -DockerHost 'ssh://user@127.0.0.1'
    $env:DOCKER_CONFIG = $Config
}

AfterAll {
    if ($script:saved) { Restore-EngineVariables $script:saved }
    if ($script:Config) { Remove-Item -LiteralPath $script:Config -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Get-ContainerContext' {
    BeforeEach { $script:each = Save-EngineVariables }
    AfterEach {
        Restore-EngineVariables $script:each
        Remove-Item -LiteralPath (Join-Path $Config 'config.json') -ErrorAction SilentlyContinue
    }

    It 'lists "default" first, then the stored contexts by name, with endpoint, TLS and description' {
        $all = @(Get-ContainerContext)
        $all.Name | Should -Be @('default', 'psdt-insecure', 'psdt-ssh', 'psdt-tls', 'psdt-unix')
        $all | ForEach-Object { $_ | Should -BeOfType ([PSDocker.ContainerContext]) }
        $tls = $all | Where-Object Name -eq 'psdt-tls'
        $tls.Endpoint | Should -Be $TlsEndpointShown
        $tls.Tls | Should -Be 'verify, client certificate'
        $tls.Description | Should -Be 'the TLS port'
        $tls.TlsDirectory | Should -Exist
        ($all | Where-Object Name -eq 'psdt-insecure').Tls | Should -Be 'no verification'
        ($all | Where-Object Name -eq 'psdt-unix').Tls | Should -BeNullOrEmpty
        ($all | Where-Object Name -eq 'default').Endpoint | Should -Be $env:DOCKER_HOST
    }

    It 'shows a context it cannot use with the reason, as docker context ls does' {
        $ssh = Get-ContainerContext -Name psdt-ssh
        $ssh.Error | Should -BeLike '*ssh:// endpoints are not supported*'
        $ssh.Endpoint | Should -Be 'ssh://user@127.0.0.1'
    }

    It 'marks the current context: DOCKER_HOST makes it "default"' {
        $env:DOCKER_CONTEXT = 'psdt-tls'
        (Get-ContainerContext | Where-Object Current).Name | Should -Be 'default'
    }

    It 'marks the current context: DOCKER_CONTEXT, then currentContext' {
        Remove-Item Env:DOCKER_HOST
        Set-TestCurrentContext -Config $Config -Name 'psdt-unix'
        (Get-ContainerContext | Where-Object Current).Name | Should -Be 'psdt-unix'
        $env:DOCKER_CONTEXT = 'psdt-tls'
        (Get-ContainerContext | Where-Object Current).Name | Should -Be 'psdt-tls'
    }

    It 'filters by name with wildcards, from the pipeline too' {
        (Get-ContainerContext -Name 'psdt-u*').Name | Should -Be 'psdt-unix'
        ('psdt-tls', 'default' | Get-ContainerContext).Name | Should -Be @('default', 'psdt-tls')
        ([pscustomobject]@{ Name = 'psdt-unix' } | Get-ContainerContext).Name | Should -Be 'psdt-unix'
    }

    It 'reports a name without wildcards that matches nothing as ContextNotFound' {
        $out = Get-ContainerContext -Name 'psdt-none', 'psdt-unix' -ErrorVariable ev -ErrorAction SilentlyContinue
        $out.Name | Should -Be 'psdt-unix'
        Get-FullyQualifiedErrorId $ev | Should -Be 'ContextNotFound,PSDocker.Commands.GetContainerContextCommand'
        Get-ContainerContext -Name 'psdt-nothing*' | Should -BeNullOrEmpty
    }

    It 'feeds -Context by property name: each listed context''s engine answers' {
        $names = (Get-ContainerContext -Name 'psdt-unix', 'psdt-tls').Name
        $images = @(Get-Image -Context $names -Name $TestImage -ErrorAction Stop)
        $images.Context | Should -Be @('psdt-tls', 'psdt-unix')
    }

    It 'has a table view with the current context marked' {
        Remove-Item Env:DOCKER_HOST
        $env:DOCKER_CONTEXT = 'psdt-tls'
        $text = Get-ContainerContext | Out-String -Width 200
        $text | Should -Match '(?m)^Name\s+Current\s+Endpoint\s+TLS\s+Description'
        $text | Should -Match '(?m)^psdt-tls\s+\*\s+https://'
    }

    It 'completes context names' {
        $line = 'Get-ContainerContext psdt-i'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'psdt-insecure'
    }
}
