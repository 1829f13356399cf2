# Initialize-Swarm, Join-Swarm, Exit-Swarm, Get-Swarm and Get-SwarmNode against the private engine's single-node swarm
# (tests/swarm.common.ps1). The file leaves the swarm and initializes it again with the parameters engine.sh swarm uses,
# and its AfterAll restores the swarm whatever happened, so the other swarm test files find it as they expect.
# Against Podman (no swarm) every swarm cmdlet must fail with NotSupportedByEngine before sending anything.

BeforeDiscovery {
    # -Skip is decided at discovery, before BeforeAll runs: tell the engines apart from the environment build.ps1 sets.
    $OnPodman = [bool]($env:PSDOCKER_TEST_PODMAN_ENDPOINT -and $env:PSDOCKER_TEST_ENDPOINT -eq $env:PSDOCKER_TEST_PODMAN_ENDPOINT)
}

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/swarm.common.ps1"
}

AfterAll {
    Initialize-TestSwarm
}

Describe 'Swarm cmdlets on Podman' -Skip:(-not $OnPodman) {
    It '<Command> is NotSupportedByEngine' -ForEach @(
        @{ Command = 'Get-Swarm'; Arguments = @{} }
        @{ Command = 'Get-SwarmNode'; Arguments = @{} }
        @{ Command = 'Get-SwarmService'; Arguments = @{} }
        @{ Command = 'Get-SwarmTask'; Arguments = @{} }
        @{ Command = 'Initialize-Swarm'; Arguments = @{ AdvertiseAddress = '127.0.0.1' } }
        @{ Command = 'Exit-Swarm'; Arguments = @{ Force = $true } }
        @{ Command = 'Join-Swarm'; Arguments = @{ RemoteAddress = '127.0.0.1:2377'; Token = 'SWMTKN-1-x' } }
    ) {
        $e = Get-TerminatingError { & $Command @Arguments }
        $e.FullyQualifiedErrorId | Should -BeLike 'NotSupportedByEngine,*'
    }

    It '<Command> writes NotSupportedByEngine per service' -ForEach @(
        @{ Command = 'New-SwarmService'; Arguments = @{ Name = 'psdt-podman'; Image = 'psdocker-test/busybox:1.35' } }
        @{ Command = 'Set-SwarmService'; Arguments = @{ Name = 'psdt-podman'; Replicas = 2 } }
        @{ Command = 'Remove-SwarmService'; Arguments = @{ Name = 'psdt-podman' } }
        @{ Command = 'Get-SwarmServiceLog'; Arguments = @{ Name = 'psdt-podman' } }
    ) {
        $null = & $Command @Arguments -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NotSupportedByEngine,*'
    }
}

Describe 'Get-Swarm and Get-SwarmNode' -Skip:$OnPodman {
    It 'describes the swarm engine.sh made: loopback manager, data port, address pool, join tokens' {
        $s = Get-Swarm
        $s | Should -BeOfType PSDocker.SwarmInfo
        $s.Id | Should -Not -BeNullOrEmpty
        $s.NodeAddress | Should -Be '127.0.0.1'
        $s.DataPathPort | Should -Be ([uint32]$env:PSDOCKER_TEST_SWARM_DATA_PORT)
        $s.DefaultAddressPools | Should -Be @($env:PSDOCKER_TEST_SWARM_ADDRESS_POOL)
        $s.SubnetSize | Should -Be 24
        $s.WorkerJoinToken | Should -BeLike 'SWMTKN-*'
        $s.ManagerJoinToken | Should -BeLike 'SWMTKN-*'
        $s.NodeId | Should -Be (Get-EngineSwarmState).NodeId
    }

    It 'lists the one node: this engine, ready, the leader manager' {
        $nodes = @(Get-SwarmNode)
        $nodes.Count | Should -Be 1
        $n = $nodes[0]
        $n | Should -BeOfType PSDocker.SwarmNode
        $n.IsSelf | Should -BeTrue
        $n.Role | Should -Be 'manager'
        $n.State | Should -Be 'ready'
        $n.Availability | Should -Be 'active'
        $n.ManagerStatus | Should -Be 'Leader'
        $n.Id | Should -Be (Get-EngineSwarmState).NodeId
        @(Get-SwarmNode -Role worker) | Should -BeNullOrEmpty
        (Get-SwarmNode -Id $n.Id.Substring(0, 6)).Id | Should -Be $n.Id
        (Get-SwarmNode "$($n.Hostname.Substring(0, 1))*").Id | Should -Be $n.Id
        $null = Get-SwarmNode 'psdt-no-such-node' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SwarmNodeNotFound,*'
    }
}

Describe 'Initialize-Swarm, Join-Swarm and Exit-Swarm' -Skip:$OnPodman {
    It 'refuses to initialize or join an engine that is already in a swarm (SwarmAlreadyActive)' {
        $e = Get-TerminatingError { Initialize-Swarm -AdvertiseAddress 127.0.0.1 }
        $e.FullyQualifiedErrorId | Should -BeLike 'SwarmAlreadyActive,*'
        $token = (Get-Swarm).WorkerJoinToken
        $e = Get-TerminatingError { Join-Swarm 127.0.0.1:9 -Token $token }
        $e.FullyQualifiedErrorId | Should -BeLike 'SwarmAlreadyActive,*'
        (Get-EngineSwarmState).State | Should -Be 'active'
    }

    It 'checks the join token and the address pool before anything is sent' {
        $e = Get-TerminatingError { Join-Swarm 127.0.0.1 -Token 'not-a-token' }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidJoinToken,*'
        $e = Get-TerminatingError { Initialize-Swarm -DefaultAddressPool '10.300.0.0/16' }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidAddressPool,*'
        (Get-EngineSwarmState).State | Should -Be 'active'
    }

    It 'refuses to leave as the last manager without -Force (SwarmLastManager), and changes nothing under -WhatIf' {
        $e = Get-TerminatingError { Exit-Swarm }
        $e.FullyQualifiedErrorId | Should -BeLike 'SwarmLastManager,*'
        Exit-Swarm -Force -WhatIf
        (Get-EngineSwarmState).State | Should -Be 'active'
    }

    It 'leaves with -Force; then swarm cmdlets say NotSwarmManager and leaving again SwarmNotActive; Initialize-Swarm makes it a swarm again' {
        $service = New-SwarmTestName gone
        $null = New-SwarmService $service $script:TestImage -Label @{ 'psdtest.run' = $script:RunId } -- sleep 600
        try {
            Exit-Swarm -Force
            (Get-EngineSwarmState).State | Should -Be 'inactive'
            $e = Get-TerminatingError { Get-SwarmService }
            $e.FullyQualifiedErrorId | Should -BeLike 'NotSwarmManager,*'
            $e.ErrorDetails.Message | Should -Match 'Initialize-Swarm'
            (Get-TerminatingError { Get-SwarmNode }).FullyQualifiedErrorId | Should -BeLike 'NotSwarmManager,*'
            $null = New-SwarmService (New-SwarmTestName x) $script:TestImage -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'NotSwarmManager,*'
            (Get-TerminatingError { Exit-Swarm -Force }).FullyQualifiedErrorId | Should -BeLike 'SwarmNotActive,*'

            $s = Initialize-Swarm -AdvertiseAddress 127.0.0.1 -ListenAddress $env:PSDOCKER_TEST_SWARM_ADDR -DataPathAddress 127.0.0.1 `
                -DataPathPort $env:PSDOCKER_TEST_SWARM_DATA_PORT -DefaultAddressPool $env:PSDOCKER_TEST_SWARM_ADDRESS_POOL -SubnetSize 24
            $s | Should -BeOfType PSDocker.SwarmInfo
            $s.DataPathPort | Should -Be ([uint32]$env:PSDOCKER_TEST_SWARM_DATA_PORT)
            $s.NodeAddress | Should -Be '127.0.0.1'
            $state = Get-EngineSwarmState
            $state.State | Should -Be 'active'
            $state.Manager | Should -BeTrue
            # the old swarm's service went with it
            Get-EngineSwarmService -Name $service | Should -BeNullOrEmpty
        }
        finally {
            Initialize-TestSwarm
        }
    }
}
