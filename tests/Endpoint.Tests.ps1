BeforeAll {
    . "$PSScriptRoot/common.ps1"
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Endpoints' {
    Context 'an unreachable engine is one terminating EngineUnreachable error naming the endpoint' {
        BeforeDiscovery {
            $script:cmdletCases = @(
                @{ Command = 'Get-Container'; Call = { param($ep) Get-Container -Endpoint $ep } }
                @{ Command = 'New-Container'; Call = { param($ep) New-Container -Image 'psdocker-test/busybox:1.35' -Endpoint $ep } }
                @{ Command = 'Start-Container'; Call = { param($ep) 'psdt-a', 'psdt-b', 'psdt-c' | Start-Container -Endpoint $ep } }
                @{ Command = 'Stop-Container'; Call = { param($ep) Stop-Container -Name 'psdt-a', 'psdt-b' -Timeout 1 -Endpoint $ep } }
                @{ Command = 'Suspend-Container'; Call = { param($ep) Suspend-Container -Name 'psdt-a', 'psdt-b' -Endpoint $ep } }
                @{ Command = 'Resume-Container'; Call = { param($ep) Resume-Container -Name 'psdt-a', 'psdt-b' -Endpoint $ep } }
                @{ Command = 'Restart-Container'; Call = { param($ep) Restart-Container -Name 'psdt-a', 'psdt-b' -Timeout 1 -Endpoint $ep } }
                @{ Command = 'Remove-Container'; Call = { param($ep) [pscustomobject]@{ Id = 'abc' }, [pscustomobject]@{ Id = 'def' } | Remove-Container -Force -Endpoint $ep } }
                @{ Command = 'Wait-Container'; Call = { param($ep) Wait-Container -Name 'psdt-a', 'psdt-b' -Endpoint $ep } }
                @{ Command = 'Get-ContainerLog'; Call = { param($ep) Get-ContainerLog -Name 'psdt-a', 'psdt-b' -Endpoint $ep } }
                @{ Command = 'Invoke-Container'; Call = { param($ep) Invoke-Container -Image 'psdocker-test/busybox:1.35' -Command 'true' -Endpoint $ep } }
                @{ Command = 'Invoke-ContainerPrune'; Call = { param($ep) Invoke-ContainerPrune -Label 'psdtest.none' -Confirm:$false -Endpoint $ep } }
            )
        }

        It '<Command> -Endpoint <Endpoint>' -ForEach @(
            foreach ($case in $cmdletCases) {
                @{ Command = $case.Command; Call = $case.Call; Endpoint = 'unix:///tmp/nonexistent.sock'; Cause = 'does not exist' }
                @{ Command = $case.Command; Call = $case.Call; Endpoint = 'tcp://127.0.0.1:1'; Cause = 'refused' }
            }
        ) {
            $errorsBefore = $global:Error.Count
            $caught = $null; $out = $null
            try { $out = & $Call $Endpoint } catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty -Because 'an unreachable engine is a terminating error'
            $noun = $Command -replace '-', ''
            $caught.FullyQualifiedErrorId | Should -Be "EngineUnreachable,PSDocker.Commands.${noun}Command"
            $caught.CategoryInfo.Category | Should -Be 'ConnectionError'
            $caught.TargetObject | Should -Be $Endpoint
            "$caught" | Should -BeLike "*$Endpoint*"
            "$caught" | Should -BeLike "*$Cause*"
            $out | Should -BeNullOrEmpty
            ($global:Error.Count - $errorsBefore) | Should -Be 1 -Because 'one error for the whole pipeline, not one per item'
        }
    }

    Context 'a malformed endpoint' {
        It 'is InvalidEndpoint (InvalidArgument) for <Endpoint>' -ForEach @(
            @{ Endpoint = 'ftp://127.0.0.1' }
            @{ Endpoint = 'unix://relative.sock' }
            @{ Endpoint = 'tcp://127.0.0.1:99999' }
            @{ Endpoint = 'ssh://user@127.0.0.1' }
        ) {
            $e = Get-TerminatingError { Get-Container -Endpoint $Endpoint }
            $e | Should -Not -BeNullOrEmpty
            $e.FullyQualifiedErrorId | Should -Be 'InvalidEndpoint,PSDocker.Commands.GetContainerCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $e.TargetObject | Should -Be $Endpoint
        }

        It 'fails before any pipeline input is processed' {
            $c = New-TestContainer
            $e = Get-TerminatingError { $c | Start-Container -Endpoint 'ftp://127.0.0.1' }
            $e.FullyQualifiedErrorId | Should -Be 'InvalidEndpoint,PSDocker.Commands.StartContainerCommand'
            Get-EngineState $c.Id | Should -Be 'created'
        }
    }

    Context 'choosing the endpoint' {
        BeforeEach {
            $script:savedDockerHost = $env:DOCKER_HOST
        }
        AfterEach {
            $env:DOCKER_HOST = $savedDockerHost
        }

        It 'uses DOCKER_HOST when no -Endpoint is given' {
            $c = New-TestContainer
            $env:DOCKER_HOST = $Endpoint
            (Get-Container -Name $c.Name -ErrorAction Stop).Endpoint | Should -Be $Endpoint
            $env:DOCKER_HOST = 'unix:///tmp/nonexistent.sock'
            $e = Get-TerminatingError { Get-Container -Name $c.Name }
            $e.FullyQualifiedErrorId | Should -Be 'EngineUnreachable,PSDocker.Commands.GetContainerCommand'
            "$e" | Should -BeLike '*unix:///tmp/nonexistent.sock*'
        }

        It '-Endpoint wins over DOCKER_HOST' {
            $c = New-TestContainer
            $env:DOCKER_HOST = 'unix:///tmp/nonexistent.sock'
            $r = Get-Container -Name $c.Name -Endpoint $Endpoint -ErrorAction Stop
            $r.Id | Should -Be $c.Id
            $r.Endpoint | Should -Be $Endpoint
        }

        It 'a piped Container is acted on at the engine it came from' {
            $c = New-TestContainer
            $env:DOCKER_HOST = 'unix:///tmp/nonexistent.sock'
            Get-Container -Name $c.Name -Endpoint $Endpoint | Start-Container -ErrorAction Stop
            Get-EngineState $c.Id | Should -Be 'running'
            $c | Stop-Container -Kill -ErrorAction Stop
            Get-EngineState $c.Id | Should -Be 'exited'
            $c | Remove-Container -ErrorAction Stop
            Get-EngineState $c.Id | Should -Be 'missing'
        }

        It 'an explicit -Endpoint also applies to piped Container objects' {
            $c = New-TestContainer
            $e = Get-TerminatingError { $c | Start-Container -Endpoint 'unix:///tmp/nonexistent.sock' }
            $e.FullyQualifiedErrorId | Should -Be 'EngineUnreachable,PSDocker.Commands.StartContainerCommand'
            Get-EngineState $c.Id | Should -Be 'created'
        }

        It 'trims white space around -Endpoint' {
            $c = New-TestContainer
            (Get-Container -Name $c.Name -Endpoint "$Endpoint " -ErrorAction Stop).Id | Should -Be $c.Id
        }
    }
}
