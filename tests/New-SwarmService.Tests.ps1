# New-SwarmService, Get-SwarmService, Remove-SwarmService and Get-SwarmTask against the single-node swarm of the private
# engine (tests/swarm.common.ps1). No IPVS on the test machine: services use endpoint mode dnsrr and host-mode ports,
# reached from the host on 127.0.0.1.

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/swarm.common.ps1"
    $script:HttpdArgs = @('httpd', '-f', '-p', '80', '-h', '/etc')
}

AfterAll {
    Remove-SwarmTestServices
    Remove-SwarmTestNetworks
}

Describe 'New-SwarmService' {
    It 'creates a dnsrr service with a host-mode port that answers HTTP on 127.0.0.1, and -Wait returns once it runs' {
        $name = New-SwarmTestName web
        $port = Get-FreeTcpPort
        $s = New-SwarmService -Name $name -Image $script:TestImage -EndpointMode dnsrr -Port "published=$port,target=80,mode=host" `
            -Label @{ 'psdtest.run' = $script:RunId } -Environment @{ GREETING = 'hi' } -Wait -- @script:HttpdArgs
        $s | Should -BeOfType PSDocker.SwarmService
        $s.Name | Should -Be $name
        $s.Replicas | Should -Be '1/1'
        $s.EndpointMode | Should -Be 'dnsrr'
        $s.Ports[0].PublishedPort | Should -Be $port
        $s.Ports[0].Mode | Should -Be 'host'
        $s.Args | Should -Be $script:HttpdArgs
        $s.Env | Should -Contain 'GREETING=hi'
        # -Wait returned: the engine has the task running already
        Get-EngineRunningTaskCount $s.Id | Should -Be 1
        $r = Invoke-LoopbackRequest -Port $port -Path '/passwd'
        [Text.Encoding]::UTF8.GetString($r.Content) | Should -Match '^root:x:0:0'
        $engine = Get-EngineSwarmService -Name $name
        $engine.Spec.EndpointSpec.Mode | Should -Be 'dnsrr'
        $engine.Spec.TaskTemplate.ContainerSpec.Env | Should -Contain 'GREETING=hi'
    }

    It 'sends replicas, mounts, networks with aliases, policies, resources, health check and stop settings as the engine spec' {
        $name = New-SwarmTestName full
        $net = New-SwarmTestName net
        $null = Invoke-RestMethod -UnixSocket $script:EngineSocket -Method POST -Uri 'http://localhost/v1.41/networks/create' -ContentType 'application/json' `
            -Body (@{ Name = $net; Driver = 'overlay'; Labels = @{ 'psdtest.run' = $script:RunId } } | ConvertTo-Json)
        $s = New-SwarmService $name $script:TestImage -Replicas 2 -EndpointMode dnsrr -Network "name=$net,alias=api" -Mount 'type=tmpfs,target=/scratch' `
            -Label @{ 'psdtest.run' = $script:RunId } -ContainerLabel @{ role = 'worker' } -Parallelism 2 -UpdateDelay 2s -UpdateOrder start-first `
            -UpdateFailureAction rollback -RollbackParallelism 1 -RestartCondition on-failure -RestartMaxAttempts 3 -LimitMemory 64m -ReserveCpu 0.1 `
            -HealthCommand 'true' -HealthInterval 5s -StopGracePeriod 3s -StopSignal SIGINT -WorkingDirectory /tmp -User nobody -Hostname '{{.Task.Name}}' `
            -Init -Constraint 'node.role==manager' -Wait -- sh -c 'trap "exit 0" INT TERM; sleep 600 & wait'
        $s.Replicas | Should -Be '2/2'
        $spec = (Get-EngineSwarmService -Name $name).Spec
        $spec.Mode.Replicated.Replicas | Should -Be 2
        $spec.TaskTemplate.ContainerSpec.Mounts[0].Type | Should -Be 'tmpfs'
        $spec.TaskTemplate.ContainerSpec.Mounts[0].Target | Should -Be '/scratch'
        $spec.TaskTemplate.Networks[0].Aliases | Should -Be @('api')
        $spec.TaskTemplate.ContainerSpec.Labels.role | Should -Be 'worker'
        $spec.UpdateConfig.Parallelism | Should -Be 2
        $spec.UpdateConfig.Delay | Should -Be 2000000000
        $spec.UpdateConfig.Order | Should -Be 'start-first'
        $spec.UpdateConfig.FailureAction | Should -Be 'rollback'
        $spec.RollbackConfig.Parallelism | Should -Be 1
        $spec.TaskTemplate.RestartPolicy.Condition | Should -Be 'on-failure'
        $spec.TaskTemplate.RestartPolicy.MaxAttempts | Should -Be 3
        $spec.TaskTemplate.Resources.Limits.MemoryBytes | Should -Be 67108864
        $spec.TaskTemplate.Resources.Reservations.NanoCPUs | Should -Be 100000000
        $spec.TaskTemplate.ContainerSpec.Healthcheck.Test | Should -Be @('CMD-SHELL', 'true')
        $spec.TaskTemplate.ContainerSpec.StopGracePeriod | Should -Be 3000000000
        $spec.TaskTemplate.ContainerSpec.StopSignal | Should -Be 'SIGINT'
        $spec.TaskTemplate.ContainerSpec.Dir | Should -Be '/tmp'
        $spec.TaskTemplate.ContainerSpec.User | Should -Be 'nobody'
        $spec.TaskTemplate.ContainerSpec.Init | Should -BeTrue
        $spec.TaskTemplate.Placement.Constraints | Should -Be @('node.role==manager')
        # the tasks resolve each other by the alias (dnsrr: the name gives the tasks' own addresses)
        $task = @(Get-SwarmTask $name -DesiredState running)[0]
        $task.Addresses | Should -Not -BeNullOrEmpty
        $out = Invoke-EngineExecOutput $task.ContainerId @('nslookup', 'api', '127.0.0.11')
        $out | Should -Match ([regex]::Escape(($task.Addresses[0] -split '/')[0]))
    }

    It 'rejects bad input before anything is sent' -ForEach @(
        @{ Case = 'a dnsrr service with an ingress port'; Arguments = @{ EndpointMode = 'dnsrr'; Port = '8080:80' }; Id = 'InvalidServiceSpecification' }
        @{ Case = 'a port that is not one'; Arguments = @{ Port = 'published=x,target=80' }; Id = 'InvalidPortSpecification' }
        @{ Case = 'a bad mount'; Arguments = @{ Mount = 'type=tmpfs' }; Id = '*' }
        @{ Case = 'global with replicas'; Arguments = @{ Global = $true; Replicas = 2 }; Id = 'InvalidServiceMode' }
        @{ Case = 'a bad secret reference'; Arguments = @{ Secret = 'target=/x' }; Id = 'InvalidSecretReference' }
    ) {
        $name = New-SwarmTestName bad
        $e = Get-TerminatingError { New-SwarmService $name $script:TestImage @Arguments }
        $e | Should -Not -BeNullOrEmpty -Because $Case
        $e.FullyQualifiedErrorId | Should -BeLike "$Id*"
        Get-EngineSwarmService -Name $name | Should -BeNullOrEmpty
    }

    It 'reports a name in use as SwarmServiceNameInUse, and a missing network as SwarmServiceReferenceNotFound' {
        $name = New-SwarmTestName dup
        $null = New-SwarmService $name $script:TestImage -Label @{ 'psdtest.run' = $script:RunId } -- sleep 600
        $null = New-SwarmService $name $script:TestImage -ErrorVariable err -ErrorAction SilentlyContinue -- sleep 600
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SwarmServiceNameInUse,*'
        $other = New-SwarmTestName nonet
        $null = New-SwarmService $other $script:TestImage -Network "psdt-missing-$([guid]::NewGuid().ToString('N').Substring(0,6))" -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'SwarmService*,*'
        Get-EngineSwarmService -Name $other | Should -BeNullOrEmpty
    }

    It 'changes nothing under -WhatIf' {
        $name = New-SwarmTestName whatif
        New-SwarmService $name $script:TestImage -WhatIf | Should -BeNullOrEmpty
        Get-EngineSwarmService -Name $name | Should -BeNullOrEmpty
    }
}

Describe 'Get-SwarmService, Get-SwarmTask and Remove-SwarmService' {
    BeforeAll {
        $script:Listed = New-SwarmTestName list
        $null = New-SwarmService $script:Listed $script:TestImage -Replicas 2 -Label @{ 'psdtest.run' = $script:RunId; tier = 'back' } -Wait -- sleep 600
    }

    It 'lists services by wildcard, ID prefix and label, with running/desired replicas' {
        $byName = Get-SwarmService "$($script:Listed.Substring(0, $script:Listed.Length - 3))*"
        $byName.Name | Should -Contain $script:Listed
        $s = Get-SwarmService $script:Listed
        $s.Replicas | Should -Be '2/2'
        $s.Mode | Should -Be 'replicated'
        (Get-SwarmService -Id $s.Id.Substring(0, 8)).Name | Should -Be $script:Listed
        (Get-SwarmService -Label 'tier=back' | Where-Object Name -eq $script:Listed) | Should -Not -BeNullOrEmpty
        Get-SwarmService -Mode global | Where-Object Name -eq $script:Listed | Should -BeNullOrEmpty
    }

    It 'writes SwarmServiceNotFound for a name that matches nothing' {
        $null = Get-SwarmService 'psdt-no-such-service' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SwarmServiceNotFound,*'
    }

    It 'lists the tasks of a piped service with their state, node and container' {
        $tasks = @(Get-SwarmService $script:Listed | Get-SwarmTask -DesiredState running)
        $tasks.Count | Should -Be 2
        $tasks | ForEach-Object { $_ | Should -BeOfType PSDocker.SwarmTask }
        ($tasks.Name | Sort-Object) | Should -Be @("$($script:Listed).1", "$($script:Listed).2")
        $tasks.State | Should -Be @('running', 'running')
        $tasks[0].NodeName | Should -Be (Get-SwarmNode | Where-Object IsSelf).Hostname
        Get-EngineState $tasks[0].ContainerId | Should -Be 'running'
        @(Get-SwarmTask $script:Listed -State failed) | Should -BeNullOrEmpty
        $null = Get-SwarmTask 'psdt-no-such-service' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SwarmServiceNotFound,*'
    }

    It 'removes a piped service; the engine removes its task containers' {
        $s = Get-SwarmService $script:Listed
        $containers = @(Get-SwarmTask $s.Name -DesiredState running).ContainerId
        $s | Remove-SwarmService
        Get-EngineSwarmService -Name $script:Listed | Should -BeNullOrEmpty
        foreach ($c in $containers) { Wait-EngineState $c 'missing' -TimeoutSec 30 | Should -Be 'missing' }
        $null = Remove-SwarmService $script:Listed -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SwarmServiceNotFound,*'
    }
}
