# TLS to the private engine's --tlsverify listener: the docker CLI's DOCKER_TLS_VERIFY/DOCKER_CERT_PATH,
# -TlsCertificatePath, -SkipCertificateCheck, and the security errors for a wrong CA or a missing client certificate.

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/contexts.common.ps1"
    $script:Container = New-TestContainer
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'TLS endpoints' {
    BeforeEach { $script:saved = Save-EngineVariables }
    AfterEach { Restore-EngineVariables $script:saved }

    Context 'the right certificates' {
        It 'connect through DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, as the docker CLI reads them' {
            $env:DOCKER_HOST = $TlsEndpoint
            $env:DOCKER_TLS_VERIFY = '1'
            $env:DOCKER_CERT_PATH = $TlsCerts
            $c = Get-Container -Name $Container.Name -ErrorAction Stop
            $c.Id | Should -Be $Container.Id
            $c.Endpoint | Should -Be $TlsEndpointShown
            $c.Context | Should -Be 'default'
        }

        It 'connect with -TlsCertificatePath, a relative path included' {
            Push-Location (Split-Path $TlsCerts)
            try {
                $c = Get-Container -Endpoint $TlsEndpoint -TlsCertificatePath (Split-Path $TlsCerts -Leaf) -Name $Container.Name -ErrorAction Stop
            }
            finally { Pop-Location }
            $c.Id | Should -Be $Container.Id
            $c.Endpoint | Should -Be $TlsEndpointShown
        }

        It 'connect to an https:// endpoint with the certificates of DOCKER_CERT_PATH' {
            $env:DOCKER_CERT_PATH = $TlsCerts
            $env:DOCKER_TLS_VERIFY = '1'
            $https = $TlsEndpoint -replace '^tcp://', 'https://'
            (Get-Container -Endpoint $https -Name $Container.Name -ErrorAction Stop).Id | Should -Be $Container.Id
        }

        It 'carry the TLS settings with the object: piping it on changes that engine over TLS' {
            $c = New-TestContainer -Start
            # The environment points at the unix socket and holds no TLS settings: the object's engine identity must do.
            $viaTls = Get-Container -Endpoint $TlsEndpoint -TlsCertificatePath $TlsCerts -Name $c.Name -ErrorAction Stop
            $stopped = $viaTls | Stop-Container -Timeout 5 -PassThru -ErrorAction Stop
            $stopped.Endpoint | Should -Be $TlsEndpointShown
            Get-EngineState $c.Id | Should -Be 'exited'
            $viaTls | Remove-Container -ErrorAction Stop
            Get-EngineState $c.Id | Should -Be 'missing'
        }

        It 'create and start a container over TLS' {
            $name = New-TestName -Suffix tls
            $c = New-Container -Image $TestImage -Name $name -Label @{ 'psdtest.run' = $RunId } -Command $LongRunning -Pull Never `
                -Endpoint $TlsEndpoint -TlsCertificatePath $TlsCerts -ErrorAction Stop
            $c.Endpoint | Should -Be $TlsEndpointShown
            $c | Start-Container -ErrorAction Stop
            Get-EngineState $c.Id | Should -Be 'running'
        }
    }

    Context 'a wrong CA' {
        It 'is the security error EngineCertificateUntrusted naming the endpoint and the CA file (<How>)' -ForEach @(
            @{ How = 'DOCKER_CERT_PATH'; Call = { $env:DOCKER_HOST = $TlsEndpoint; $env:DOCKER_TLS_VERIFY = '1'; $env:DOCKER_CERT_PATH = $TlsWrongCa; Get-Container } }
            @{ How = '-TlsCertificatePath'; Call = { Get-Container -Endpoint $TlsEndpoint -TlsCertificatePath $TlsWrongCa } }
        ) {
            $e = Get-TerminatingError $Call
            $e | Should -Not -BeNullOrEmpty
            $e.FullyQualifiedErrorId | Should -Be 'EngineCertificateUntrusted,PSDocker.Commands.GetContainerCommand'
            $e.CategoryInfo.Category | Should -Be 'SecurityError'
            $e.TargetObject | Should -Be $TlsEndpointShown
            "$e" | Should -BeLike "*$TlsEndpointShown*"
            "$e" | Should -BeLike "*$(Join-Path $TlsWrongCa 'ca.pem')*"
            "$e" | Should -BeLike '*-SkipCertificateCheck*'
        }

        It 'stops a state-changing cmdlet before it acts' {
            $c = New-TestContainer -Start
            $e = Get-TerminatingError { $c.Name | Stop-Container -Endpoint $TlsEndpoint -TlsCertificatePath $TlsWrongCa -Timeout 1 }
            $e.FullyQualifiedErrorId | Should -Be 'EngineCertificateUntrusted,PSDocker.Commands.StopContainerCommand'
            Get-EngineState $c.Id | Should -Be 'running'
        }
    }

    Context 'a missing client certificate' {
        It 'is the security error EngineClientCertificateRejected, saying none was sent' {
            $env:DOCKER_HOST = $TlsEndpoint
            $env:DOCKER_TLS_VERIFY = '1'
            $env:DOCKER_CERT_PATH = $TlsCaOnly
            $e = Get-TerminatingError { Get-Container }
            $e.FullyQualifiedErrorId | Should -Be 'EngineClientCertificateRejected,PSDocker.Commands.GetContainerCommand'
            $e.CategoryInfo.Category | Should -Be 'SecurityError'
            "$e" | Should -BeLike "*$TlsEndpointShown*"
            "$e" | Should -BeLike '*none was sent*cert.pem*'
        }
    }

    Context 'turning verification off' {
        It '-SkipCertificateCheck connects although the CA is wrong, still with the client certificate' {
            $c = Get-Container -Endpoint $TlsEndpoint -TlsCertificatePath $TlsWrongCa -SkipCertificateCheck -Name $Container.Name -ErrorAction Stop
            $c.Id | Should -Be $Container.Id
        }

        It 'DOCKER_TLS (TLS without verify, as docker --tls) connects although the CA is wrong' {
            $env:DOCKER_HOST = $TlsEndpoint
            $env:DOCKER_TLS = '1'
            $env:DOCKER_CERT_PATH = $TlsWrongCa
            (Get-Container -Name $Container.Name -ErrorAction Stop).Id | Should -Be $Container.Id
        }

        It 'still needs the client certificate the engine asks for' {
            $e = Get-TerminatingError { Get-Container -Endpoint $TlsEndpoint -TlsCertificatePath $TlsCaOnly -SkipCertificateCheck }
            $e.FullyQualifiedErrorId | Should -Be 'EngineClientCertificateRejected,PSDocker.Commands.GetContainerCommand'
        }
    }

    Context 'configuration errors, before anything is sent' {
        It 'DOCKER_TLS_VERIFY without ca.pem in DOCKER_CERT_PATH is InvalidTlsConfiguration naming the folder' {
            $empty = New-TestDockerConfig
            try {
                $env:DOCKER_HOST = $TlsEndpoint
                $env:DOCKER_TLS_VERIFY = '1'
                $env:DOCKER_CERT_PATH = $empty
                $e = Get-TerminatingError { Get-Container }
                $e.FullyQualifiedErrorId | Should -Be 'InvalidTlsConfiguration,PSDocker.Commands.GetContainerCommand'
                $e.CategoryInfo.Category | Should -Be 'SecurityError'
                "$e" | Should -BeLike "*ca.pem*'$empty'*"
            }
            finally { Remove-Item -LiteralPath $empty -Recurse -Force }
        }

        It 'a -TlsCertificatePath that does not exist is InvalidTlsConfiguration' {
            $e = Get-TerminatingError { Get-Container -Endpoint $TlsEndpoint -TlsCertificatePath (Join-Path $TlsCerts 'nope') }
            $e.FullyQualifiedErrorId | Should -Be 'InvalidTlsConfiguration,PSDocker.Commands.GetContainerCommand'
        }

        It 'plain HTTP to the TLS port says the engine expects TLS' {
            $e = Get-TerminatingError { Get-Container -Endpoint $TlsEndpoint }
            $e.FullyQualifiedErrorId | Should -Be 'EngineUnreachable,PSDocker.Commands.GetContainerCommand'
            "$e" | Should -BeLike '*expects TLS*-TlsCertificatePath*'
        }

        It 'ssh:// stays a clear not-supported error' {
            $e = Get-TerminatingError { Get-Container -Endpoint 'ssh://user@127.0.0.1' }
            $e.FullyQualifiedErrorId | Should -Be 'InvalidEndpoint,PSDocker.Commands.GetContainerCommand'
            "$e" | Should -BeLike '*ssh:// endpoints are not supported*'
        }
    }

    Context 'several engines, one of them untrusted' {
        It 'returns what the others have and reports the untrusted one as a non-terminating security error' {
            $out = Get-Container -Endpoint $Endpoint, $TlsEndpoint -TlsCertificatePath $TlsWrongCa -Name $Container.Name -ErrorVariable ev -ErrorAction SilentlyContinue
            @($out).Count | Should -Be 1
            $out.Endpoint | Should -Be $Endpoint
            $ids = Get-FullyQualifiedErrorId $ev
            $ids | Should -Contain 'EngineCertificateUntrusted,PSDocker.Commands.GetContainerCommand'
        }
    }
}
