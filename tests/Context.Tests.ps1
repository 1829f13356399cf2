# Docker contexts and several engines at once, against a temporary DOCKER_CONFIG with two contexts for the
# private engine: one on its unix socket, one on its TLS endpoint (with the TLS files in the context store).
# Both reach the same dockerd, so every container shows up once per context; what tells them apart is the
# engine each object carries (Endpoint and Context), and that is what piping on must use.

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/contexts.common.ps1"
    $script:saved = Save-EngineVariables
    $script:Config = New-TestDockerConfig
    $script:Unix = 'psdt-unix'
    $script:Tls = 'psdt-tls'
    $script:Dead = 'psdt-dead'
    $script:DeadEndpoint = "tcp://127.0.0.1:$(Get-FreeTcpPort)"
    New-TestContext -Config $Config -Name $Unix -DockerHost $Endpoint -Description 'the unix socket'
    New-TestContext -Config $Config -Name $Tls -DockerHost $TlsEndpoint -TlsFrom $TlsCerts -Description 'the TLS port'
    New-TestContext -Config $Config -Name $Dead -DockerHost $DeadEndpoint -Description 'nothing listens'
    $env:DOCKER_CONFIG = $Config
    $script:Container = New-TestContainer
}

AfterAll {
    if ($script:saved) { Restore-EngineVariables $script:saved }
    if ($script:Config) { Remove-Item -LiteralPath $script:Config -Recurse -Force -ErrorAction SilentlyContinue }
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Docker contexts' {
    BeforeEach {
        $script:each = Save-EngineVariables
        Remove-Item Env:DOCKER_CONTEXT -ErrorAction SilentlyContinue
    }
    AfterEach {
        Restore-EngineVariables $script:each
        Remove-Item -LiteralPath (Join-Path $Config 'config.json') -ErrorAction SilentlyContinue
    }

    Context 'which engine a cmdlet uses, in the docker CLI''s order' {
        It '-Context picks the context''s endpoint and TLS files' {
            $c = Get-Container -Context $Tls -Name $Container.Name -ErrorAction Stop
            $c.Id | Should -Be $Container.Id
            $c.Endpoint | Should -Be $TlsEndpointShown
            $c.Context | Should -Be $Tls
        }

        It 'DOCKER_CONTEXT is used when DOCKER_HOST is not set' {
            Remove-Item Env:DOCKER_HOST
            $env:DOCKER_CONTEXT = $Tls
            $c = Get-Container -Name $Container.Name -ErrorAction Stop
            $c.Context | Should -Be $Tls
            $c.Endpoint | Should -Be $TlsEndpointShown
        }

        It 'DOCKER_HOST wins over DOCKER_CONTEXT (the default context)' {
            $env:DOCKER_HOST = $Endpoint
            $env:DOCKER_CONTEXT = $Tls
            $c = Get-Container -Name $Container.Name -ErrorAction Stop
            $c.Context | Should -Be 'default'
            $c.Endpoint | Should -Be $Endpoint
        }

        It 'currentContext in config.json is used without DOCKER_HOST and DOCKER_CONTEXT' {
            Remove-Item Env:DOCKER_HOST
            Set-TestCurrentContext -Config $Config -Name $Tls
            (Get-Container -Name $Container.Name -ErrorAction Stop).Context | Should -Be $Tls
        }

        It 'DOCKER_CONTEXT wins over currentContext' {
            Remove-Item Env:DOCKER_HOST
            Set-TestCurrentContext -Config $Config -Name $Tls
            $env:DOCKER_CONTEXT = $Unix
            (Get-Container -Name $Container.Name -ErrorAction Stop).Context | Should -Be $Unix
        }

        It '-Context wins over DOCKER_HOST, and -Context default is DOCKER_HOST' {
            $env:DOCKER_HOST = $Endpoint
            (Get-Container -Context $Tls -Name $Container.Name -ErrorAction Stop).Endpoint | Should -Be $TlsEndpointShown
            $d = Get-Container -Context default -Name $Container.Name -ErrorAction Stop
            $d.Context | Should -Be 'default'
            $d.Endpoint | Should -Be $Endpoint
        }

        It '-Endpoint with -Context is a conflict, as -H with --context is' {
            $e = Get-TerminatingError { Get-Container -Endpoint $Endpoint -Context $Unix }
            $e.FullyQualifiedErrorId | Should -Be 'ConflictingEngineParameters,PSDocker.Commands.GetContainerCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It 'an unknown context is ContextNotFound, whether from -Context or DOCKER_CONTEXT' {
            $e = Get-TerminatingError { Get-Container -Context 'psdt-none' }
            $e.FullyQualifiedErrorId | Should -Be 'ContextNotFound,PSDocker.Commands.GetContainerCommand'
            $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            "$e" | Should -BeLike "*psdt-none*$(Join-Path $Config 'contexts')*"
            Remove-Item Env:DOCKER_HOST
            $env:DOCKER_CONTEXT = 'psdt-none'
            (Get-TerminatingError { Get-Container }).FullyQualifiedErrorId | Should -Be 'ContextNotFound,PSDocker.Commands.GetContainerCommand'
        }

        It 'a context that cannot be reached is one terminating EngineUnreachable error naming the context' {
            $e = Get-TerminatingError { Get-Container -Context $Dead }
            $e.FullyQualifiedErrorId | Should -Be 'EngineUnreachable,PSDocker.Commands.GetContainerCommand'
            "$e" | Should -BeLike "*$DeadEndpoint*'$Dead'*"
        }

        It '-Context works on every cmdlet, state-changing ones included' {
            $c = New-TestContainer
            Start-Container -Context $Tls -Name $c.Name -ErrorAction Stop
            Get-EngineState $c.Id | Should -Be 'running'
            Remove-Container -Context $Tls -Name $c.Name -Force -ErrorAction Stop
            Get-EngineState $c.Id | Should -Be 'missing'
        }

        It 'every cmdlet that talks to an engine has -Endpoint, -Context, -TlsCertificatePath and -SkipCertificateCheck' {
            # Get-ContainerContext reads the context store and Import-ComposeProject reads compose files: neither talks to an engine.
            $offline = 'Get-ContainerContext', 'Import-ComposeProject'
            foreach ($command in Get-Command -Module PSDocker -CommandType Cmdlet | Where-Object Name -notin $offline) {
                foreach ($p in 'Endpoint', 'Context', 'TlsCertificatePath', 'SkipCertificateCheck') {
                    $command.Parameters.Keys | Should -Contain $p -Because "$($command.Name) selects its engine like every other cmdlet"
                }
                $command.Parameters['Context'].Attributes.Where({ $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }).Count |
                    Should -Be 1 -Because "$($command.Name) -Context completes context names"
            }
        }

        It 'completes context names for -Context' {
            $line = "Get-Container -Context psdt-t"
            $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $names | Should -Contain $Tls
            $names | Should -Not -Contain $Unix
        }
    }

    Context 'several engines at once' {
        It 'Get-Container -Context a,b returns the containers of both, each tagged with its engine, in the order given' {
            $out = @(Get-Container -Context $Unix, $Tls -Label $RunLabel -ErrorAction Stop)
            $mine = @($out | Where-Object Id -eq $Container.Id)
            $mine.Count | Should -Be 2
            $mine[0].Context | Should -Be $Unix
            $mine[0].Endpoint | Should -Be $Endpoint
            $mine[1].Context | Should -Be $Tls
            $mine[1].Endpoint | Should -Be $TlsEndpointShown
            # All of the first engine's objects come before the second's.
            $firstTls = [array]::FindIndex([object[]]$out, [Predicate[object]] { param($o) $o.Context -eq $Tls })
            @($out | Select-Object -First $firstTls | Where-Object Context -ne $Unix).Count | Should -Be 0
        }

        It 'shows the engine in the table only when several engines are in play' {
            $several = Get-Container -Context $Unix, $Tls -Name $Container.Name | Out-String -Width 200
            $several | Should -Match '(?m)^Engine\s+Id\s+Name'
            $several | Should -Match "(?m)^$Tls\s"
            $one = Get-Container -Context $Tls -Name $Container.Name | Out-String -Width 200
            $one | Should -Not -Match 'Engine'
        }

        It 'several -Endpoint values fan out too' {
            $out = @(Get-Container -Endpoint $Endpoint, $TlsEndpoint -TlsCertificatePath $TlsCerts -Name $Container.Name -ErrorAction Stop)
            $out.Endpoint | Should -Be @($Endpoint, $TlsEndpointShown)
            $out.Context | Should -Be @('default', 'default')
        }

        It 'Get-Image -Context a,b returns the image from both' {
            $images = @(Get-Image -Context $Unix, $Tls -Name $TestImage -ErrorAction Stop)
            $images.Context | Should -Be @($Unix, $Tls)
            $images[0].Id | Should -Be $images[1].Id
        }

        It 'piping on acts on each object''s own engine (the results come back through it)' {
            $c = New-TestContainer
            $started = @(Get-Container -Context $Unix, $Tls -Name $c.Name | Start-Container -PassThru -ErrorAction Stop)
            $started.Count | Should -Be 2
            $started.Context | Should -Be @($Unix, $Tls)
            $started.Endpoint | Should -Be @($Endpoint, $TlsEndpointShown)
        }

        It 'Get-Container -Context a,b | Where State -eq Stopped | Remove-Container removes each on its own engine' {
            $viaUnix = New-TestContainer -Command true -Start
            $viaTls = New-TestContainer -Command true -Start
            $running = New-TestContainer -Start
            Wait-EngineState $viaUnix.Id exited | Should -Be 'exited'
            Wait-EngineState $viaTls.Id exited | Should -Be 'exited'
            # Each stopped container is removed through one engine only: the socket for one, TLS for the other.
            $removed = Get-Container -Context $Unix, $Tls -Label $RunLabel |
                Where-Object State -eq Stopped |
                Where-Object { ($_.Context -eq $Unix -and $_.Id -eq $viaUnix.Id) -or ($_.Context -eq $Tls -and $_.Id -eq $viaTls.Id) }
            @($removed).Context | Sort-Object | Should -Be @($Tls, $Unix)
            $removed | Remove-Container -ErrorAction Stop
            Get-EngineState $viaUnix.Id | Should -Be 'missing'
            Get-EngineState $viaTls.Id | Should -Be 'missing'
            Get-EngineState $running.Id | Should -Be 'running'
        }

        It 'an unreachable engine among several is a non-terminating error naming it; the others still answer' {
            $out = @(Get-Container -Context $Unix, $Dead, $Tls -Name $Container.Name -ErrorVariable ev -ErrorAction SilentlyContinue)
            $out.Context | Should -Be @($Unix, $Tls)
            $errors = @($ev | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'EngineUnreachable,PSDocker.Commands.GetContainerCommand'
            $errors[0].TargetObject | Should -Be $DeadEndpoint
            "$($errors[0])" | Should -BeLike "*'$Dead'*"
        }

        It 'a cmdlet that changes state refuses several engines before it acts' {
            $c = New-TestContainer
            $e = Get-TerminatingError { Start-Container -Context $Unix, $Tls -Name $c.Name }
            $e.FullyQualifiedErrorId | Should -Be 'SeveralEnginesNotSupported,PSDocker.Commands.StartContainerCommand'
            "$e" | Should -BeLike '*Get-Container*'
            Get-EngineState $c.Id | Should -Be 'created'
        }
    }
}
