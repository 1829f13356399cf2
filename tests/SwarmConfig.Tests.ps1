# Get-SwarmConfig, New-SwarmConfig, Remove-SwarmConfig against the private engine (a single-node swarm); against Podman
# (which has no configs) each stops with NotSupportedByEngine before sending.
BeforeDiscovery {
    $OnDocker = -not ($env:PSDOCKER_TEST_PODMAN_ENDPOINT -and $env:PSDOCKER_TEST_ENDPOINT -eq $env:PSDOCKER_TEST_PODMAN_ENDPOINT)
}

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/swarm.common.ps1"

    function Get-EngineConfig { @(Invoke-Engine 'configs' | ForEach-Object { $_ } | Where-Object { $_.Spec.Name.StartsWith($script:RunPrefix) }) }
    function New-ConfigTestName { param([string] $Suffix = 'cfg') "$($script:RunPrefix)-$Suffix-$([guid]::NewGuid().ToString('N').Substring(0, 6))" }
}

AfterAll {
    Remove-SwarmTestServices
    if (-not $IsPodman) {
        foreach ($c in (Get-EngineConfig)) { try { $null = Invoke-Engine "configs/$($c.ID)" -Method DELETE } catch { Write-Warning "config $($c.Spec.Name): $_" } }
    }
}

Describe 'Swarm configs on Podman' {
    if (-not $OnDocker) {
        It '<Name> stops with NotSupportedByEngine naming Podman' -ForEach @(
            @{ Name = 'New-SwarmConfig'; Call = { New-SwarmConfig podman-cfg 'x' -ErrorAction Stop } }
            @{ Name = 'Get-SwarmConfig'; Call = { Get-SwarmConfig -ErrorAction Stop } }
            @{ Name = 'Remove-SwarmConfig'; Call = { Remove-SwarmConfig podman-cfg -ErrorAction Stop } }
        ) {
            $e = Get-TerminatingError $Call
            $e.FullyQualifiedErrorId | Should -BeLike 'NotSupportedByEngine,*'
            $e.ToString() | Should -Match 'Podman'
        }
    }
}

Describe 'New-SwarmConfig, Get-SwarmConfig, Remove-SwarmConfig' {
    if ($OnDocker) {
        It 'creates a config from text and from a file; Text and Data give its content, the views its size' {
            $a = New-SwarmConfig (New-ConfigTestName) "server { listen 80; }" -Label @{ app = 'web' }
            $a.Text | Should -Be 'server { listen 80; }'
            $a.Size | Should -Be 21
            $a.Labels.app | Should -Be 'web'
            $file = Join-Path $TestDrive 'c.bin'
            [IO.File]::WriteAllBytes($file, [byte[]](0, 1, 2, 255))
            $b = New-SwarmConfig (New-ConfigTestName 'file') -Path $file
            $b.Data | Should -Be ([byte[]](0, 1, 2, 255))
            $engine = Get-EngineConfig | Where-Object ID -eq $a.Id
            [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($engine.Spec.Data)) | Should -Be 'server { listen 80; }'
            $table = $a | Out-String -Width 300
            $table | Should -Match ([regex]::Escape($a.Name))
            $table | Should -Match '\b21\b'
            $table | Should -Not -Match 'listen 80'
        }

        It 'creates a config from piped bytes and lists it by wildcard, ID prefix and label' {
            $c = [Text.Encoding]::UTF8.GetBytes('piped') | New-SwarmConfig (New-ConfigTestName 'pipe') -Label @{ $script:RunLabelKey = $script:RunId }
            (Get-SwarmConfig "$($script:RunPrefix)-pipe-*").Text | Should -Be 'piped'
            (Get-SwarmConfig $c.Id.Substring(0, 8)).Name | Should -Be $c.Name
            @(Get-SwarmConfig -Label $script:RunLabel).Id | Should -Be @($c.Id)
        }

        It 'reports a missing config as ConfigNotFound and a taken name as ConfigNameInUse' {
            Get-SwarmConfig "missing-$(New-Guid)" -ErrorAction SilentlyContinue -ErrorVariable e1
            $e1[0].FullyQualifiedErrorId | Should -Be 'ConfigNotFound,PSDocker.Commands.GetSwarmConfigCommand'
            $name = New-ConfigTestName 'dup'
            $null = New-SwarmConfig $name 'one'
            New-SwarmConfig $name 'two' -ErrorAction SilentlyContinue -ErrorVariable e2
            $e2[0].FullyQualifiedErrorId | Should -Be 'ConfigNameInUse,PSDocker.Commands.NewSwarmConfigCommand'
        }

        It 'removes configs by name and piped, and keeps one a service uses (ConfigInUse names the service)' {
            $a = New-SwarmConfig (New-ConfigTestName 'rm') 'a'
            $used = New-SwarmConfig (New-ConfigTestName 'used') 'b'
            $svc = New-SwarmTestName 'cfg'
            $null = Invoke-RestMethod -UnixSocket $script:EngineSocket -Method POST -Uri 'http://localhost/v1.41/services/create' -ContentType 'application/json' -Body (@{
                    Name = $svc; Labels = @{ 'psdtest.run' = $script:RunId }
                    TaskTemplate = @{ ContainerSpec = @{ Image = $script:TestImage; Args = @('sleep', '600')
                            Configs = @(@{ ConfigID = $used.Id; ConfigName = $used.Name; File = @{ Name = '/app.conf'; UID = '0'; GID = '0'; Mode = 292 } }) } }
                    Mode = @{ Replicated = @{ Replicas = 0 } }; EndpointSpec = @{ Mode = 'dnsrr' }
                } | ConvertTo-Json -Depth 10)
            Get-SwarmConfig $a.Name, $used.Name | Remove-SwarmConfig -ErrorAction SilentlyContinue -ErrorVariable err
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'ConfigInUse,PSDocker.Commands.RemoveSwarmConfigCommand'
            $err[0].ToString() | Should -Match ([regex]::Escape($svc))
            @(Get-EngineConfig | Where-Object ID -eq $a.Id).Count | Should -Be 0
            @(Get-EngineConfig | Where-Object ID -eq $used.Id).Count | Should -Be 1
        }
    }

    It 'checks the name and the size before sending, and makes no call under -WhatIf' {
        { New-SwarmConfig '-bad' 'x' -Endpoint tcp://127.0.0.1:9 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSwarmObjectName,PSDocker.Commands.NewSwarmConfigCommand'
        { New-SwarmConfig ok '' -Endpoint tcp://127.0.0.1:9 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSwarmObjectSize,PSDocker.Commands.NewSwarmConfigCommand'
        New-SwarmConfig whatif-cfg 'x' -Endpoint tcp://127.0.0.1:9 -WhatIf -ErrorAction Stop
        Remove-SwarmConfig whatif-cfg -Endpoint tcp://127.0.0.1:9 -WhatIf -ErrorAction Stop
    }
}
