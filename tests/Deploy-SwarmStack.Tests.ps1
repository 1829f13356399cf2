# Deploy-SwarmStack, Get-SwarmStack, Remove-SwarmStack against the private engine (a single-node swarm: no IPVS here, so
# the services use endpoint_mode dnsrr and host-mode ports); against Podman each stops with NotSupportedByEngine.
BeforeDiscovery {
    $OnDocker = -not ($env:PSDOCKER_TEST_PODMAN_ENDPOINT -and $env:PSDOCKER_TEST_ENDPOINT -eq $env:PSDOCKER_TEST_PODMAN_ENDPOINT)
}

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/swarm.common.ps1"

    $script:Stack = "$($script:RunPrefix)-st"
    $script:Port = Get-FreeTcpPort
    $script:Token = 'tok-' + [guid]::NewGuid().ToString('N')
    $script:Page = 'page-' + [guid]::NewGuid().ToString('N')
    $script:Dir = Join-Path $TestDrive 'stack'
    $null = New-Item -ItemType Directory -Path $script:Dir
    Set-Content -Path (Join-Path $script:Dir 'token.txt') -Value $script:Token -NoNewline
    Set-Content -Path (Join-Path $script:Dir 'index.html') -Value $script:Page -NoNewline

    function Write-StackFile {
        <# The test stack: web (httpd on a host-mode port serving a config, holding a secret), worker; an attachable overlay network. #>
        param([int] $WorkerReplicas = 1, [switch] $NoWorker, [string] $Name = 'compose.yaml')
        $worker = if ($NoWorker) { '' } else { @"
  worker:
    image: $($script:TestImage)
    command: ["sleep", "600"]
    container_name: not-used-by-swarm
    networks: [back]
    deploy:
      endpoint_mode: dnsrr
      replicas: $WorkerReplicas

"@ }
        $path = Join-Path $script:Dir $Name
        Set-Content -Path $path -Value @"
services:
  web:
    image: $($script:TestImage)
    command: ["httpd", "-f", "-p", "8080", "-h", "/srv"]
    ports:
      - { target: 8080, published: $($script:Port), mode: host }
    secrets:
      - token
    configs:
      - source: page
        target: /srv/index.html
    networks: [back]
    healthcheck:
      test: ["CMD", "true"]
      interval: 2s
    deploy:
      endpoint_mode: dnsrr
      replicas: 1
      labels: { $($script:RunLabelKey): $($script:RunId) }
$worker
networks:
  back: { attachable: true }
secrets:
  token: { file: ./token.txt }
configs:
  page: { file: ./index.html }
"@
        $path
    }

    function Get-StackObjects {
        <# Everything on the engine carrying the stack's namespace label (REST oracle). #>
        $f = ConvertTo-EngineFilter @{ label = @("com.docker.stack.namespace=$($script:Stack)") }
        [pscustomobject]@{
            Services = @(Invoke-Engine "services?filters=$f" | ForEach-Object { $_ })
            Networks = @(Invoke-Engine "networks?filters=$f" | ForEach-Object { $_ })
            Secrets  = @(Invoke-Engine "secrets?filters=$f" | ForEach-Object { $_ })
            Configs  = @(Invoke-Engine "configs?filters=$f" | ForEach-Object { $_ })
        }
    }
}

AfterAll {
    if (-not $IsPodman) {
        Remove-SwarmTestServices
        Remove-SwarmTestNetworks
        foreach ($kind in 'secrets', 'configs') {
            foreach ($o in @(Invoke-Engine $kind | ForEach-Object { $_ } | Where-Object { $_.Spec.Name.StartsWith($script:RunPrefix) })) {
                try { $null = Invoke-Engine "$kind/$($o.ID)" -Method DELETE } catch { Write-Warning "$kind $($o.Spec.Name): $_" }
            }
        }
    }
}

Describe 'Stacks on Podman' {
    if (-not $OnDocker) {
        It '<Name> stops with NotSupportedByEngine before sending' -ForEach @(
            @{ Name = 'Deploy-SwarmStack'; Call = { Deploy-SwarmStack $script:Stack (Write-StackFile) -ErrorAction Stop } }
            @{ Name = 'Get-SwarmStack'; Call = { Get-SwarmStack -ErrorAction Stop } }
            @{ Name = 'Remove-SwarmStack'; Call = { Remove-SwarmStack $script:Stack -ErrorAction Stop } }
        ) {
            $e = Get-TerminatingError $Call
            $e.FullyQualifiedErrorId | Should -BeLike 'NotSupportedByEngine,*'
            $e.ToString() | Should -Match 'Podman'
        }
    }
}

Describe 'Deploy-SwarmStack' {
    It 'stops on a file a stack cannot hold before anything is sent' {
        $bad = Join-Path $TestDrive 'bad.yaml'
        Set-Content $bad "services:`n  app:`n    build: .`n"
        Deploy-SwarmStack badstack $bad -Endpoint tcp://127.0.0.1:9 -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidStackFile,PSDocker.Commands.DeploySwarmStackCommand'
        $err[0].ToString() | Should -Match "service 'app'"
        { Deploy-SwarmStack 'Bad Name' $bad -Endpoint tcp://127.0.0.1:9 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidStackName,PSDocker.Commands.DeploySwarmStackCommand'
    }

    if ($OnDocker) {
        It 'stops when an external secret is missing, and makes nothing' {
            $file = Join-Path $script:Dir 'external.yaml'
            Set-Content $file @"
services:
  app:
    image: $($script:TestImage)
    secrets: [gone]
secrets:
  gone: { external: true, name: $($script:RunPrefix)-missing }
"@
            $e = Get-TerminatingError { Deploy-SwarmStack "$($script:Stack)-x" $file -ErrorAction Stop }
            $e.FullyQualifiedErrorId | Should -Be 'StackExternalNotFound,PSDocker.Commands.DeploySwarmStackCommand'
            $e.ToString() | Should -Match 'missing'
            @(Get-EngineSwarmService -Name "$($script:Stack)-x_app").Count | Should -Be 0
            @(Invoke-Engine 'networks' | ForEach-Object { $_ } | Where-Object Name -eq "$($script:Stack)-x_default").Count | Should -Be 0
        }

        It 'lists under -WhatIf what it would make, and makes nothing' {
            $out = Get-WhatIfText { Deploy-SwarmStack $script:Stack (Write-StackFile) -WhatIf 3>$null } | Out-String
            $out | Should -Match ([regex]::Escape("$($script:Stack)_web"))
            $out | Should -Match 'Create service'
            $o = Get-StackObjects
            ($o.Services.Count + $o.Networks.Count + $o.Secrets.Count + $o.Configs.Count) | Should -Be 0
        }

        It 'deploys services, an overlay network, a secret and a config in the stack''s namespace' {
            $changes = Deploy-SwarmStack $script:Stack (Write-StackFile) -WarningVariable warn 3>$null
            $changes | ForEach-Object { $_ | Should -BeOfType PSDocker.SwarmStackChange }
            @($changes | Where-Object Action -eq Created).Count | Should -Be 5
            ($changes | Where-Object Kind -eq Network).Name | Should -Be "$($script:Stack)_back"
            ($warn -join "`n") | Should -Match 'container_name'

            $o = Get-StackObjects
            @($o.Services.Spec.Name | Sort-Object) | Should -Be @("$($script:Stack)_web", "$($script:Stack)_worker")
            $web = $o.Services | Where-Object { $_.Spec.Name -eq "$($script:Stack)_web" }
            $web.Spec.Labels.'com.docker.stack.image' | Should -Be $script:TestImage
            $web.Spec.TaskTemplate.ContainerSpec.Labels.'com.docker.stack.namespace' | Should -Be $script:Stack
            $web.Spec.EndpointSpec.Mode | Should -Be 'dnsrr'
            $web.Spec.EndpointSpec.Ports[0].PublishMode | Should -Be 'host'
            $o.Networks[0].Driver | Should -Be 'overlay'
            $o.Networks[0].Attachable | Should -BeTrue
            $o.Secrets.Spec.Name | Should -Be "$($script:Stack)_token"
            $o.Configs.Spec.Name | Should -Be "$($script:Stack)_page"

            $table = $changes | Out-String -Width 300
            $table | Should -Match 'Created'
        }

        It 'runs the tasks: HTTP on the host-mode port serves the config, and the secret file is readable in the task' {
            Wait-EngineServiceRunning "$($script:Stack)_web" 1 | Should -Be 1
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            do {
                try { $body = (Invoke-WebRequest "http://127.0.0.1:$($script:Port)/" -TimeoutSec 5).Content } catch { $body = $null; Start-Sleep -Milliseconds 300 }
            } while (-not $body -and [DateTime]::UtcNow -lt $deadline)
            $body | Should -Be $script:Page
            $task = @(Get-EngineSwarmTask "$($script:Stack)_web" -DesiredState running)[0]
            Invoke-ContainerCommand $task.Status.ContainerStatus.ContainerID cat /run/secrets/token | Should -Be $script:Token
        }

        It 're-deploys in place: the worker is updated to 2 replicas, the rest is kept' {
            $before = (Get-EngineSwarmService -Name "$($script:Stack)_worker").Version.Index
            $changes = Deploy-SwarmStack $script:Stack (Write-StackFile -WorkerReplicas 2) 3>$null
            ($changes | Where-Object Name -eq "$($script:Stack)_worker").Action | Should -Be 'Updated'
            @($changes | Where-Object { $_.Kind -ne 'Service' } | Where-Object Action -ne 'Unchanged').Count | Should -Be 0
            $after = Get-EngineSwarmService -Name "$($script:Stack)_worker"
            $after.Version.Index | Should -BeGreaterThan $before
            $after.Spec.Mode.Replicated.Replicas | Should -Be 2
            Wait-EngineServiceRunning "$($script:Stack)_worker" 2 | Should -Be 2
        }

        It 'Get-SwarmStack lists the stack with its services' {
            $s = Get-SwarmStack $script:Stack
            $s.Services | Should -Be 2
            $s.Orchestrator | Should -Be 'Swarm'
            $s.ServiceNames | Should -Contain "$($script:Stack)_worker"
            (Get-SwarmStack "$($script:RunPrefix)*").Name | Should -Contain $script:Stack
            Get-SwarmStack "missing-$(New-Guid)" -ErrorAction SilentlyContinue -ErrorVariable err
            $err[0].FullyQualifiedErrorId | Should -Be 'StackNotFound,PSDocker.Commands.GetSwarmStackCommand'
            ($s | Out-String) | Should -Match ([regex]::Escape($script:Stack))
        }

        It '-Prune removes the services the file no longer has (after a -WhatIf that removes nothing)' {
            $file = Write-StackFile -NoWorker -Name 'noworker.yaml'
            $out = Get-WhatIfText { Deploy-SwarmStack $script:Stack $file -Prune -WhatIf 3>$null } | Out-String
            $out | Should -Match 'Remove service'
            @(Get-EngineSwarmService -Name "$($script:Stack)_worker").Count | Should -Be 1
            $changes = Deploy-SwarmStack $script:Stack $file -Prune 3>$null
            ($changes | Where-Object Name -eq "$($script:Stack)_worker").Action | Should -Be 'Removed'
            @(Get-EngineSwarmService -Name "$($script:Stack)_worker").Count | Should -Be 0
        }

        It 'Remove-SwarmStack -WhatIf removes nothing; Remove-SwarmStack leaves nothing of the stack' {
            $out = Get-WhatIfText { Remove-SwarmStack $script:Stack -WhatIf } | Out-String
            $out | Should -Match ([regex]::Escape("Remove network of stack $($script:Stack)"))
            (Get-StackObjects).Services.Count | Should -Be 1
            $removed = Get-SwarmStack $script:Stack | Remove-SwarmStack -PassThru
            @($removed.Kind | ForEach-Object ToString | Sort-Object -Unique) | Should -Be @('Config', 'Network', 'Secret', 'Service')
            $o = Get-StackObjects
            @($o.Services.Spec.Name) + @($o.Networks.Name) + @($o.Secrets.Spec.Name) + @($o.Configs.Spec.Name) | Where-Object { $_ } | Should -BeNullOrEmpty
            Remove-SwarmStack $script:Stack -ErrorAction SilentlyContinue -ErrorVariable err
            $err[0].FullyQualifiedErrorId | Should -Be 'StackNotFound,PSDocker.Commands.RemoveSwarmStackCommand'
        }
    }
}
