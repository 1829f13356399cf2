# Get-ContainerNetwork, New-ContainerNetwork, Remove-ContainerNetwork, Connect-ContainerNetwork,
# Disconnect-ContainerNetwork and Invoke-ContainerNetworkPrune against the private engine. Every network this
# file makes carries its run label and a name with its run prefix; AfterAll removes them. Traffic goes only
# between containers on those networks, in subnets of the test engine's own address pool: lookups of names the
# engine's own DNS knows (container aliases; never an unknown name, which it would forward upstream) and one ping.

BeforeAll {
    . "$PSScriptRoot/common.ps1"

    # A /24 for fixed-subnet tests, high in this engine's own pool (the engine hands out /24s from the bottom).
    $pool = if ($IsPodman) { $env:PSDOCKER_TEST_PODMAN_ADDRESS_POOL } else { $env:PSDOCKER_TEST_ADDRESS_POOL }
    if (-not $pool) { $pool = if ($IsPodman) { '10.215.0.0/16' } else { '10.214.0.0/16' } }
    $octets = $pool.Split('/')[0].Split('.')
    $script:FixedPrefix = "$($octets[0]).$($octets[1]).$(200 + (Get-Random -Maximum 50))"

    function New-TestNetwork {
        param([string] $Suffix = 'n', [hashtable] $Parameters = @{})
        $labels = @{ $RunLabelKey = $RunId }
        if ($Parameters.Label) { foreach ($k in $Parameters.Label.Keys) { $labels[$k] = $Parameters.Label[$k] } }
        $p = @{} + $Parameters
        $p.Label = $labels
        New-ContainerNetwork -Name (New-TestName $Suffix) @p -ErrorAction Stop
    }

    function Get-EngineNetwork {
        <# The engine's own inspect data of a network, or $null when it does not exist. #>
        param([Parameter(Mandatory, Position = 0)] [string] $Name)
        try { Invoke-Engine "networks/$([uri]::EscapeDataString($Name))" }
        catch [Microsoft.PowerShell.Commands.HttpResponseException] {
            if ([int]$_.Exception.Response.StatusCode -eq 404) { return $null }
            throw
        }
    }

    function Invoke-OnNetwork {
        <# Runs a throw-away container on a network and returns its output lines and exit code. #>
        param([string] $Network, [string[]] $Command)
        $lines = @(Invoke-Container $TestImage -Network $Network -AutoRemove -Label @{ $RunLabelKey = $RunId } -Command $Command -ErrorAction SilentlyContinue -ErrorVariable failure 2>$null)
        [pscustomobject]@{ Output = ($lines | ForEach-Object { "$_" }) -join "`n"; Failed = [bool]$failure }
    }
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
    if ($RunId) {
        foreach ($n in @((Invoke-Engine ('networks?filters=' + [uri]::EscapeDataString((@{ label = @("$RunLabelKey=$RunId") } | ConvertTo-Json -Compress)))) | ForEach-Object { $_ })) {
            try { $null = Invoke-Engine "networks/$($n.Id)" -Method DELETE } catch { Write-Warning "Could not remove test network $($n.Name): $_" }
        }
    }
}

Describe 'New-ContainerNetwork' {
    It 'creates a bridge network with a subnet from the engine''s pool and returns it' {
        $n = New-TestNetwork -Parameters @{ Label = @{ purpose = 'create' } }
        $n | Should -BeOfType PSDocker.Network
        $engine = Get-EngineNetwork $n.Name
        $engine.Id | Should -Be $n.Id
        $n.Driver | Should -Be 'bridge'
        $n.Scope | Should -Be 'local'
        $n.Internal | Should -BeFalse
        $n.EnableIPv6 | Should -BeFalse
        $n.Subnet | Should -Be $engine.IPAM.Config[0].Subnet
        $n.Gateway | Should -Be $engine.IPAM.Config[0].Gateway
        $n.Labels['purpose'] | Should -Be 'create'
        $n.Labels[$RunLabelKey] | Should -Be $RunId
        $n.Containers | Should -BeNullOrEmpty
        $n.Created | Should -BeGreaterThan ([DateTime]::Now.AddMinutes(-5))
        $n.Endpoint | Should -Be $Endpoint
        # The engine's default address pool of the test engine (engine.sh / podman.sh)
        $pool = if ($IsPodman) { $env:PSDOCKER_TEST_PODMAN_ADDRESS_POOL } else { $env:PSDOCKER_TEST_ADDRESS_POOL }
        if ($pool) { $n.Subnet | Should -BeLike ("$($pool.Split('.')[0..1] -join '.').*") }
    }

    It 'passes subnet, gateway, IP range and internal to the engine' {
        $subnet = "$FixedPrefix.0/24"
        $n = New-TestNetwork -Parameters @{ Subnet = $subnet; Gateway = "$FixedPrefix.1"; IPRange = "$FixedPrefix.128/25"; Internal = $true }
        $engine = Get-EngineNetwork $n.Name
        $engine.Internal | Should -BeTrue
        $engine.IPAM.Config[0].Subnet | Should -Be $subnet
        $engine.IPAM.Config[0].Gateway | Should -Be "$FixedPrefix.1"
        $n.Internal | Should -BeTrue
        $n.Subnets | Should -Be @($subnet)
        if ($IsPodman) {
            # Podman 4.3 keeps the range as a lease range, not as IPRange in the compatible answer.
            $n.IPRanges.Count | Should -BeLessOrEqual 1
        }
        else {
            $engine.IPAM.Config[0].IPRange | Should -Be "$FixedPrefix.128/25"
            $n.IPRanges | Should -Be @("$FixedPrefix.128/25")
        }
        Remove-ContainerNetwork $n.Name -ErrorAction Stop
    }

    It 'rejects <Case> before anything is sent' -ForEach @(
        @{ Case = 'a malformed subnet'; P = @{ Subnet = '10.1.2.0' }; Id = 'InvalidNetworkSpecification' }
        @{ Case = 'host bits in the subnet'; P = @{ Subnet = '10.1.2.5/24' }; Id = 'InvalidNetworkSpecification' }
        @{ Case = 'a gateway outside the subnet'; P = @{ Subnet = '10.1.2.0/24'; Gateway = '10.1.3.1' }; Id = 'InvalidNetworkSpecification' }
        @{ Case = 'an IP range outside the subnet'; P = @{ Subnet = '10.1.2.0/24'; IPRange = '10.1.0.0/16' }; Id = 'InvalidNetworkSpecification' }
        @{ Case = 'more gateways than subnets'; P = @{ Gateway = '10.1.2.1' }; Id = 'InvalidNetworkSpecification' }
        @{ Case = 'overlapping subnets'; P = @{ Subnet = '10.1.0.0/16', '10.1.2.0/24' }; Id = 'InvalidNetworkSpecification' }
    ) {
        $name = New-TestName 'bad'
        $err = Get-TerminatingError { New-ContainerNetwork -Name $name @P }
        $err.FullyQualifiedErrorId | Should -Be "$Id,PSDocker.Commands.NewContainerNetworkCommand"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-EngineNetwork $name | Should -BeNullOrEmpty
    }

    It 'rejects an invalid name before anything is sent' {
        $err = Get-TerminatingError { New-ContainerNetwork -Name 'bad name!' }
        $err.FullyQualifiedErrorId | Should -Be 'InvalidNetworkName,PSDocker.Commands.NewContainerNetworkCommand'
    }

    It 'reports a name in use as NetworkNameInUse' {
        $n = New-TestNetwork
        New-ContainerNetwork -Name $n.Name -ErrorAction SilentlyContinue -ErrorVariable ev | Should -BeNullOrEmpty
        $ev[0].FullyQualifiedErrorId | Should -Be 'NetworkNameInUse,PSDocker.Commands.NewContainerNetworkCommand'
        $ev[0].TargetObject | Should -Be $n.Name
        @((Invoke-Engine 'networks') | ForEach-Object { $_ } | Where-Object Name -eq $n.Name).Count | Should -Be 1
    }

    It 'creates nothing under -WhatIf' {
        $name = New-TestName 'wi'
        New-ContainerNetwork -Name $name -WhatIf | Should -BeNullOrEmpty
        Get-EngineNetwork $name | Should -BeNullOrEmpty
    }
}

Describe 'Get-ContainerNetwork' {
    BeforeAll {
        $script:NetA = New-TestNetwork 'ga' -Parameters @{ Label = @{ role = 'a' } }
        $script:NetB = New-TestNetwork 'gb' -Parameters @{ Label = @{ role = 'b' } }
        $script:Member = New-TestContainer -Parameters @{ Network = $NetA.Name; NetworkAlias = 'member-alias' } -Start
    }

    It 'lists networks with wildcards and reports a missing name' {
        $found = @(Get-ContainerNetwork "$RunPrefix-g*")
        $found.Name | Should -Contain $NetA.Name
        $found.Name | Should -Contain $NetB.Name
        Get-ContainerNetwork "$RunPrefix-missing" -ErrorAction SilentlyContinue -ErrorVariable ev | Should -BeNullOrEmpty
        $ev[0].FullyQualifiedErrorId | Should -Be 'NetworkNotFound,PSDocker.Commands.GetContainerNetworkCommand'
    }

    It 'filters by label, driver, ID prefix and -Custom' {
        @(Get-ContainerNetwork -Label "$RunLabelKey=$RunId", 'role=b').Name | Should -Be @($NetB.Name)
        @(Get-ContainerNetwork -Id $NetA.Id.Substring(0, 12)).Name | Should -Be @($NetA.Name)
        @(Get-ContainerNetwork -Driver bridge).Name | Should -Contain $NetA.Name
        $custom = @(Get-ContainerNetwork -Custom)
        $custom.Name | Should -Contain $NetA.Name
        $custom | Where-Object IsBuiltIn | Should -BeNullOrEmpty
        if (-not $IsPodman) { @(Get-ContainerNetwork -Custom).Name | Should -Not -Contain 'bridge' }
    }

    It 'shows the attached containers with their address and aliases' {
        $n = Get-ContainerNetwork $NetA.Name
        $n.Containers.Count | Should -Be 1
        $m = $n.Containers[0]
        $m | Should -BeOfType PSDocker.NetworkContainer
        $m.Name | Should -Be $Member.Name
        $m.Id | Should -Be $Member.Id
        $engine = Get-EngineInspect $Member.Id
        $m.IPv4Address | Should -Be $engine.NetworkSettings.Networks.($NetA.Name).IPAddress
        # The engine's container list leaves aliases out; inspect data (Get-Container -Detailed) has them.
        (Get-Container -Id $Member.Id -Detailed).NetworkAliases[$NetA.Name] | Should -Contain 'member-alias'
        (Get-ContainerNetwork $NetB.Name).Containers.Count | Should -Be 0
    }

    It 'binds names from the pipeline' {
        @($NetA.Name, $NetB.Name | Get-ContainerNetwork).Count | Should -Be 2
        @([pscustomobject]@{ Name = $NetB.Name } | Get-ContainerNetwork).Id | Should -Be $NetB.Id
    }
}

Describe 'Connect-ContainerNetwork and Disconnect-ContainerNetwork' {
    BeforeAll {
        $script:Net = New-TestNetwork 'cn'
        $script:Server = New-TestContainer -Start
    }

    It 'connects a running container with aliases that resolve from another container on the network' {
        Connect-ContainerNetwork $Net.Name -Container $Server.Name -Alias 'api-svc', 'web-svc' -ErrorAction Stop | Should -BeNullOrEmpty
        $engine = Get-EngineInspect $Server.Id
        $address = $engine.NetworkSettings.Networks.($Net.Name).IPAddress
        $address | Should -Not -BeNullOrEmpty
        @($engine.NetworkSettings.Networks.($Net.Name).Aliases) | Should -Contain 'api-svc'

        $lookup = Invoke-OnNetwork $Net.Name @('nslookup', 'api-svc')
        $lookup.Output | Should -Match ([regex]::Escape($address))
        $ping = Invoke-OnNetwork $Net.Name @('ping', '-c', '1', '-W', '5', 'web-svc')
        $ping.Failed | Should -BeFalse
        $ping.Output | Should -Match "1 packets received"
        $ping.Output | Should -Match ([regex]::Escape($address))
    }

    It 'reports connecting twice as ContainerAlreadyConnected, naming the network and the container' {
        Connect-ContainerNetwork $Net.Name -Container $Server.Name -ErrorAction SilentlyContinue -ErrorVariable ev
        $ev[0].FullyQualifiedErrorId | Should -Be 'ContainerAlreadyConnected,PSDocker.Commands.ConnectContainerNetworkCommand'
        "$($ev[0])" | Should -Match ([regex]::Escape($Server.Name))
        "$($ev[0])" | Should -Match ([regex]::Escape($Net.Name))
    }

    It 'reports a missing network and a missing container' {
        Connect-ContainerNetwork "$RunPrefix-nonet" -Container $Server.Name -ErrorAction SilentlyContinue -ErrorVariable ev1
        $ev1[0].FullyQualifiedErrorId | Should -Be 'NetworkNotFound,PSDocker.Commands.ConnectContainerNetworkCommand'
        Connect-ContainerNetwork $Net.Name -Container "$RunPrefix-nocontainer" -ErrorAction SilentlyContinue -ErrorVariable ev2
        $ev2[0].FullyQualifiedErrorId | Should -Be 'ContainerNotFound,PSDocker.Commands.ConnectContainerNetworkCommand'
    }

    It 'rejects a malformed -IPAddress before anything is sent' {
        $err = Get-TerminatingError { Connect-ContainerNetwork $Net.Name -Container $Server.Name -IPAddress '10.0.0.300' }
        $err.FullyQualifiedErrorId | Should -Be 'InvalidIPAddress,PSDocker.Commands.ConnectContainerNetworkCommand'
    }

    It 'gives a piped container a fixed address and writes it with -PassThru' {
        $fixed = New-TestNetwork 'fx' -Parameters @{ Subnet = "$FixedPrefix.0/24" }
        $c = New-TestContainer
        $out = $c | Connect-ContainerNetwork $fixed.Name -IPAddress "$FixedPrefix.77" -PassThru -ErrorAction Stop
        $out | Should -BeOfType PSDocker.Container
        $out.Id | Should -Be $c.Id
        $engine = Get-EngineInspect $c.Id
        # Docker shows the requested address in IPAMConfig at once; Podman 4.3 shows it only as the address once running.
        if (-not $IsPodman) { $engine.NetworkSettings.Networks.($fixed.Name).IPAMConfig.IPv4Address | Should -Be "$FixedPrefix.77" }
        $c | Start-Container -ErrorAction Stop
        (Get-EngineInspect $c.Id).NetworkSettings.Networks.($fixed.Name).IPAddress | Should -Be "$FixedPrefix.77"
        Remove-Container $c.Id -Force
        Remove-ContainerNetwork $fixed.Name -ErrorAction Stop
    }

    It 'disconnects, and reports disconnecting again as ContainerNotConnected' {
        Disconnect-ContainerNetwork $Net.Name -Container $Server.Name -ErrorAction Stop
        (Get-EngineInspect $Server.Id).NetworkSettings.Networks.PSObject.Properties.Name | Should -Not -Contain $Net.Name
        Disconnect-ContainerNetwork $Net.Name -Container $Server.Name -ErrorAction SilentlyContinue -ErrorVariable ev
        $ev[0].FullyQualifiedErrorId | Should -Be 'ContainerNotConnected,PSDocker.Commands.DisconnectContainerNetworkCommand'
    }

    It 'disconnects with -Force' {
        Connect-ContainerNetwork $Net.Name -Container $Server.Name -ErrorAction Stop
        Disconnect-ContainerNetwork $Net.Name -Container $Server.Name -Force -ErrorAction Stop
        (Get-EngineInspect $Server.Id).NetworkSettings.Networks.PSObject.Properties.Name | Should -Not -Contain $Net.Name
    }

    It 'changes nothing under -WhatIf' {
        Connect-ContainerNetwork $Net.Name -Container $Server.Name -WhatIf
        (Get-EngineInspect $Server.Id).NetworkSettings.Networks.PSObject.Properties.Name | Should -Not -Contain $Net.Name
    }
}

Describe 'Remove-ContainerNetwork' {
    It 'refuses a network with containers attached (NetworkInUse) and removes it once they are gone' {
        $n = New-TestNetwork 'rm'
        $c = New-TestContainer -Parameters @{ Network = $n.Name } -Start
        Remove-ContainerNetwork $n.Name -ErrorAction SilentlyContinue -ErrorVariable ev
        $ev[0].FullyQualifiedErrorId | Should -Be 'NetworkInUse,PSDocker.Commands.RemoveContainerNetworkCommand'
        $ev[0].TargetObject | Should -Be $n.Name
        Get-EngineNetwork $n.Name | Should -Not -BeNullOrEmpty
        Remove-Container $c.Id -Force -ErrorAction Stop
        $n | Remove-ContainerNetwork -ErrorAction Stop
        Get-EngineNetwork $n.Name | Should -BeNullOrEmpty
    }

    It 'goes on with the next network after a failure' {
        $n = New-TestNetwork 'rm2'
        Remove-ContainerNetwork "$RunPrefix-missing", $n.Name -ErrorAction SilentlyContinue -ErrorVariable ev
        $ev.Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -Be 'NetworkNotFound,PSDocker.Commands.RemoveContainerNetworkCommand'
        Get-EngineNetwork $n.Name | Should -BeNullOrEmpty
    }

    It 'refuses the engine''s own network' {
        if ($IsPodman) {
            # Podman checks for attached containers before it checks for its default network (psdtest, from podman.sh):
            # with a container on it, the answer is NetworkInUse.
            $null = New-TestContainer -Start
            Remove-ContainerNetwork psdtest -ErrorAction SilentlyContinue -ErrorVariable ev
            $ev[0].FullyQualifiedErrorId | Should -Be 'NetworkInUse,PSDocker.Commands.RemoveContainerNetworkCommand'
            Get-EngineNetwork psdtest | Should -Not -BeNullOrEmpty
        }
        else {
            Remove-ContainerNetwork bridge -ErrorAction SilentlyContinue -ErrorVariable ev
            $ev[0].FullyQualifiedErrorId | Should -Be 'NetworkOperationForbidden,PSDocker.Commands.RemoveContainerNetworkCommand'
            "$($ev[0])" | Should -Match 'pre-defined'
            Get-EngineNetwork bridge | Should -Not -BeNullOrEmpty
        }
    }

    It 'removes nothing under -WhatIf' {
        $n = New-TestNetwork 'rmw'
        $n | Remove-ContainerNetwork -WhatIf
        Get-EngineNetwork $n.Name | Should -Not -BeNullOrEmpty
    }
}

Describe 'Invoke-ContainerNetworkPrune' {
    It 'removes the unused networks that match the label and keeps the others' {
        $case = [guid]::NewGuid().ToString('N')
        $unused = New-TestNetwork 'pu' -Parameters @{ Label = @{ 'psdtest.case' = $case } }
        $used = New-TestNetwork 'pk' -Parameters @{ Label = @{ 'psdtest.case' = $case } }
        $other = New-TestNetwork 'po'
        # A network counts as used while a container runs on it (a created container holds no endpoint yet).
        $c = New-TestContainer -Parameters @{ Network = $used.Name } -Start
        Invoke-ContainerNetworkPrune -Label "psdtest.case=$case" -WhatIf | Should -BeNullOrEmpty
        Get-EngineNetwork $unused.Name | Should -Not -BeNullOrEmpty
        $r = Invoke-ContainerNetworkPrune -Label "psdtest.case=$case" -Confirm:$false
        $r | Should -BeOfType PSDocker.NetworkPruneResult
        $r.NetworksDeleted | Should -Contain $unused.Name
        $r.NetworksDeleted | Should -Not -Contain $used.Name
        Get-EngineNetwork $unused.Name | Should -BeNullOrEmpty
        Get-EngineNetwork $used.Name | Should -Not -BeNullOrEmpty
        Get-EngineNetwork $other.Name | Should -Not -BeNullOrEmpty
        Remove-Container $c.Id -Force
    }
}
