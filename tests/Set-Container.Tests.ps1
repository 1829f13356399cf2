BeforeAll {
    . "$PSScriptRoot/common.ps1"
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Set-Container' {
    Context 'validation, before anything is sent' {
        # Nothing listens on the discard port: a call that reached the engine would be EngineUnreachable instead.
        It '<Case> is <Id>' -ForEach @(
            @{ Case = 'memory below 6MB'; P = @{ Memory = 1MB }; Id = 'InvalidMemoryLimit' }
            @{ Case = 'memory+swap below memory'; P = @{ Memory = '64m'; MemorySwap = '32m' }; Id = 'InvalidMemorySwap' }
            @{ Case = 'zero CPUs'; P = @{ Cpus = 0 }; Id = 'InvalidCpus' }
            @{ Case = 'a malformed CPU set'; P = @{ CpusetCpus = '0-' }; Id = 'InvalidCpuset' }
            @{ Case = 'an unknown restart policy'; P = @{ RestartPolicy = 'sometimes' }; Id = 'InvalidRestartPolicy' }
            @{ Case = 'a retry count without on-failure'; P = @{ RestartPolicy = 'always'; MaximumRetryCount = 3 }; Id = 'InvalidRestartPolicy' }
            @{ Case = 'two different retry counts'; P = @{ RestartPolicy = 'on-failure:2'; MaximumRetryCount = 3 }; Id = 'InvalidRestartPolicy' }
            @{ Case = 'no setting at all'; P = @{}; Id = 'NoContainerSettingGiven' }
        ) {
            $e = Get-TerminatingError { Set-Container -Name web @P -Endpoint 'tcp://127.0.0.1:9' }
            $e.FullyQualifiedErrorId | Should -Be "$Id,PSDocker.Commands.SetContainerCommand"
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
    }

    Context 'changing containers' {
        BeforeAll {
            function Test-PodmanRefusal {
                <# Podman 4 has no update call: the cmdlet says so before sending, and the container is unchanged. True on Podman. #>
                param($Container)
                if (-not $IsPodman) { return $false }
                Set-Container -Name $Container.Name -Cpus 1 -PidsLimit 20 -ErrorAction SilentlyContinue -ErrorVariable err
                Get-FullyQualifiedErrorId $err | Should -Be @('NotSupportedByEngine,PSDocker.Commands.SetContainerCommand')
                $err[0].ErrorDetails.Message | Should -BeLike '*Podman*New-Container*'
                (Get-EngineInspect $Container.Id).HostConfig.NanoCpus | Should -Be 0
                $true
            }
        }

        It 'changes memory, swap, CPUs, CPU shares, the CPU set and the process limit of a running container' {
            $c = New-TestContainer -Start
            if (Test-PodmanRefusal $c) { return }
            Set-Container -Name $c.Name -Memory '64m' -MemorySwap '128m' -Cpus 0.5 -CpuShares 512 -CpusetCpus '0' -PidsLimit 50 -ErrorAction Stop |
                Should -BeNullOrEmpty
            $h = (Get-EngineInspect $c.Id).HostConfig
            $h.Memory | Should -Be 64MB
            $h.MemorySwap | Should -Be 128MB
            $h.NanoCpus | Should -Be 500000000
            $h.CpuShares | Should -Be 512
            $h.CpusetCpus | Should -Be '0'
            $h.PidsLimit | Should -Be 50
            (Get-EngineState $c.Id) | Should -Be 'running'
        }

        It 'changes only what is given: the restart policy with its retry count, and -PassThru returns the container' {
            $c = New-TestContainer -Start
            if (Test-PodmanRefusal $c) { return }
            Set-Container -Id $c.Id -Memory '64m' -MemorySwap '128m' -ErrorAction Stop
            $out = Set-Container -Id $c.Id -RestartPolicy on-failure -MaximumRetryCount 3 -PassThru -ErrorAction Stop
            $out | Should -BeOfType PSDocker.Container
            $out.Id | Should -Be $c.Id
            $h = (Get-EngineInspect $c.Id).HostConfig
            $h.RestartPolicy.Name | Should -Be 'on-failure'
            $h.RestartPolicy.MaximumRetryCount | Should -Be 3
            $h.Memory | Should -Be 64MB
        }

        It 'takes piped containers and property names; -WhatIf names each and changes nothing' {
            $list = New-TestContainers -Count 2
            if (Test-PodmanRefusal $list[0]) { return }
            $list | Set-Container -PidsLimit 40 -ErrorAction Stop
            foreach ($c in $list) { (Get-EngineInspect $c.Id).HostConfig.PidsLimit | Should -Be 40 }
            [pscustomobject]@{ Name = $list[0].Name } | Set-Container -RestartPolicy unless-stopped -ErrorAction Stop
            (Get-EngineInspect $list[0].Id).HostConfig.RestartPolicy.Name | Should -Be 'unless-stopped'
            $list | Set-Container -PidsLimit 30 -WhatIf 6>$null
            foreach ($c in $list) { (Get-EngineInspect $c.Id).HostConfig.PidsLimit | Should -Be 40 }
        }

        It 'an engine refusal is ContainerUpdateRefused, non-terminating, naming the container: the next one is still changed' {
            $swapped = New-TestContainer -Start
            if (Test-PodmanRefusal $swapped) { return }
            Set-Container -Name $swapped.Name -Memory '64m' -MemorySwap '128m' -ErrorAction Stop
            $other = New-TestContainer
            # A memory limit above the container's memory+swap limit, without a new swap limit: the engine says no.
            $swapped.Name, $other.Name | Set-Container -Memory '256m' -MemorySwap '512m' -ErrorAction Stop
            $swapped.Name, $other.Name | Set-Container -Memory '1g' -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Contain 'ContainerUpdateRefused,PSDocker.Commands.SetContainerCommand'
            $err[0].ErrorDetails.Message | Should -BeLike "*'$($swapped.Name)'*memoryswap*-MemorySwap*"
            (Get-EngineInspect $swapped.Id).HostConfig.Memory | Should -Be 256MB
        }

        It 'a restart policy on an auto-removed container is ContainerUpdateRefused' {
            $c = New-TestContainer -Start -Parameters @{ AutoRemove = $true }
            if (Test-PodmanRefusal $c) { return }
            Set-Container -Name $c.Name -RestartPolicy always -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerUpdateRefused,PSDocker.Commands.SetContainerCommand')
            $err[0].ErrorDetails.Message | Should -BeLike '*AutoRemove*'
        }

        It 'a missing container is ContainerNotFound, non-terminating' {
            $missing = "$($script:RunPrefix)-missing"
            $c = New-TestContainer
            if (Test-PodmanRefusal $c) { return }
            $missing, $c.Name | Set-Container -PidsLimit 20 -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.SetContainerCommand')
            (Get-EngineInspect $c.Id).HostConfig.PidsLimit | Should -Be 20
        }
    }
}
