# Get-SwarmSecret, New-SwarmSecret, Remove-SwarmSecret against the private engine (a single-node swarm) and Podman
# (whose own secret store serves the same API).
BeforeDiscovery {
    # Swarm services (which Podman has not) exist only on Docker: the tests that need one are only there.
    $OnDocker = -not ($env:PSDOCKER_TEST_PODMAN_ENDPOINT -and $env:PSDOCKER_TEST_ENDPOINT -eq $env:PSDOCKER_TEST_PODMAN_ENDPOINT)
}

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/swarm.common.ps1"

    function Get-EngineSecret {
        <# The engine's secrets (GET /secrets) whose name starts with this file's prefix. #>
        @(Invoke-Engine 'secrets' | ForEach-Object { $_ } | Where-Object { $_.Spec.Name.StartsWith($script:RunPrefix) })
    }
    function New-SecretTestName { param([string] $Suffix = 'sec') "$($script:RunPrefix)-$Suffix-$([guid]::NewGuid().ToString('N').Substring(0, 6))" }
    function New-EngineService {
        <# A one-replica dnsrr service made through the REST API (an oracle independent of PSDocker) using the given secret. #>
        param([string] $Name, [string] $SecretId, [string] $SecretName)
        $spec = @{
            Name = $Name; Labels = @{ 'psdtest.run' = $script:RunId }
            TaskTemplate = @{ ContainerSpec = @{ Image = $script:TestImage; Args = @('sleep', '600')
                    Secrets = @(@{ SecretID = $SecretId; SecretName = $SecretName; File = @{ Name = $SecretName; UID = '0'; GID = '0'; Mode = 292 } }) } }
            Mode = @{ Replicated = @{ Replicas = 0 } }; EndpointSpec = @{ Mode = 'dnsrr' }
        }
        Invoke-RestMethod -UnixSocket $script:EngineSocket -Method POST -Uri 'http://localhost/v1.41/services/create' -ContentType 'application/json' -Body ($spec | ConvertTo-Json -Depth 10)
    }
    $script:Plain = 'p@ss-' + [guid]::NewGuid().ToString('N')
    $script:Secure = ConvertTo-SecureString $script:Plain -AsPlainText -Force
}

AfterAll {
    Remove-SwarmTestServices
    foreach ($s in (Get-EngineSecret)) { try { $null = Invoke-Engine "secrets/$($s.ID)" -Method DELETE } catch { Write-Warning "secret $($s.Spec.Name): $_" } }
}

Describe 'New-SwarmSecret' {
    It 'creates a secret from a SecureString with labels, and never shows the value (output, format views, ToString, verbose)' {
        $name = New-SecretTestName
        $verbose = New-SwarmSecret $name $script:Secure -Label @{ team = 'qa' } -Verbose 4>&1
        $secret = $verbose | Where-Object { $_ -is [PSDocker.SwarmSecret] }
        $secret.Name | Should -Be $name
        $secret.Labels.team | Should -Be 'qa'
        $secret.Id | Should -Not -BeNullOrEmpty
        (Get-EngineSecret | Where-Object { $_.Spec.Name -eq $name }).ID | Should -Be $secret.Id

        $shown = @(
            ($verbose | Out-String -Width 500)
            ($secret | Format-Table | Out-String -Width 500)
            ($secret | Format-List | Out-String -Width 500)
            ($secret | Format-List * | Out-String -Width 500)
            ($secret | ConvertTo-Json -Depth 5)
            $secret.ToString()
        ) -join "`n"
        $shown | Should -Match ([regex]::Escape($name))
        $shown | Should -Not -Match ([regex]::Escape($script:Plain))
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
    }

    It 'creates a secret from a file and from piped bytes' {
        $file = Join-Path $TestDrive 'token.txt'
        [IO.File]::WriteAllText($file, 'file-secret')
        $a = New-SwarmSecret (New-SecretTestName 'file') -Path $file
        $b = [Text.Encoding]::UTF8.GetBytes('piped-secret') | New-SwarmSecret (New-SecretTestName 'pipe')
        @(Get-EngineSecret | Where-Object { $_.ID -in $a.Id, $b.Id }).Count | Should -Be 2
    }

    if ($OnDocker) {
        It 'delivers the value to a service task as a file' {
            $secret = New-SwarmSecret (New-SecretTestName 'svc') $script:Secure
            $svc = New-SwarmTestName 'sec'
            $null = Invoke-RestMethod -UnixSocket $script:EngineSocket -Method POST -Uri 'http://localhost/v1.41/services/create' -ContentType 'application/json' -Body (@{
                    Name = $svc; Labels = @{ 'psdtest.run' = $script:RunId }
                    TaskTemplate = @{ ContainerSpec = @{ Image = $script:TestImage; Args = @('sleep', '600')
                            Secrets = @(@{ SecretID = $secret.Id; SecretName = $secret.Name; File = @{ Name = 'value'; UID = '0'; GID = '0'; Mode = 292 } }) } }
                    Mode = @{ Replicated = @{ Replicas = 1 } }; EndpointSpec = @{ Mode = 'dnsrr' }
                } | ConvertTo-Json -Depth 10)
            Wait-EngineServiceRunning $svc 1 | Should -Be 1
            $task = @(Get-EngineSwarmTask $svc -DesiredState running)[0]
            $out = Invoke-ContainerCommand $task.Status.ContainerStatus.ContainerID cat /run/secrets/value
            $out | Should -Be $script:Plain
        }
    }

    It 'rejects a bad name, an empty value and an oversized file before anything is sent' {
        { New-SwarmSecret 'bad name!' $script:Secure -Endpoint tcp://127.0.0.1:9 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSwarmObjectName,PSDocker.Commands.NewSwarmSecretCommand'
        { New-SwarmSecret ok-name (New-Object System.Security.SecureString) -Endpoint tcp://127.0.0.1:9 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSwarmObjectSize,PSDocker.Commands.NewSwarmSecretCommand'
        $big = Join-Path $TestDrive 'big.bin'
        [IO.File]::WriteAllBytes($big, [byte[]]::new(600KB))
        { New-SwarmSecret ok-name -Path $big -Endpoint tcp://127.0.0.1:9 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSwarmObjectSize,PSDocker.Commands.NewSwarmSecretCommand'
    }

    It 'reports a name in use as SecretNameInUse without the value in the message' {
        $name = New-SecretTestName 'dup'
        $null = New-SwarmSecret $name $script:Secure
        New-SwarmSecret $name $script:Secure -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'SecretNameInUse,PSDocker.Commands.NewSwarmSecretCommand'
        "$($err[0]) $($err[0].Exception.Message)" | Should -Not -Match ([regex]::Escape($script:Plain))
    }

    It 'makes no call under -WhatIf, and the WhatIf text shows the name and size only' {
        $out = Get-WhatIfText { New-SwarmSecret whatif-secret $script:Secure -Endpoint tcp://127.0.0.1:9 -WhatIf } | Out-String
        $out | Should -Match 'whatif-secret'
        $out | Should -Not -Match ([regex]::Escape($script:Plain))
    }
}

Describe 'Get-SwarmSecret' {
    BeforeAll {
        $script:Listed = New-SwarmSecret (New-SecretTestName 'list') $script:Secure -Label @{ $script:RunLabelKey = $script:RunId; role = 'get' }
    }

    It 'lists by wildcard, name, ID prefix and label' {
        @(Get-SwarmSecret "$($script:RunPrefix)-list-*").Id | Should -Contain $script:Listed.Id
        (Get-SwarmSecret $script:Listed.Name).Id | Should -Be $script:Listed.Id
        (Get-SwarmSecret $script:Listed.Id.Substring(0, 8)).Name | Should -Be $script:Listed.Name
        @(Get-SwarmSecret -Label "$($script:RunLabel)", 'role=get').Name | Should -Be @($script:Listed.Name)
        (Get-SwarmSecret -Label "$($script:RunLabel)").Labels.role | Should -Be 'get'
    }

    It 'reports a missing literal name as SecretNotFound' {
        Get-SwarmSecret "missing-$(New-Guid)" -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'SecretNotFound,PSDocker.Commands.GetSwarmSecretCommand'
    }

    It 'shows the default table view with the name and labels' {
        $text = $script:Listed | Out-String -Width 300
        $text | Should -Match 'Name'
        $text | Should -Match ([regex]::Escape($script:Listed.Name))
        $text | Should -Match 'role=get'
    }
}

Describe 'Remove-SwarmSecret' {
    It 'removes secrets given by name and piped from Get-SwarmSecret' {
        $a = New-SwarmSecret (New-SecretTestName 'rm') $script:Secure
        $b = New-SwarmSecret (New-SecretTestName 'rm') $script:Secure
        Remove-SwarmSecret $a.Name
        Get-SwarmSecret $b.Name | Remove-SwarmSecret
        @(Get-EngineSecret | Where-Object { $_.ID -in $a.Id, $b.Id }).Count | Should -Be 0
    }

    It 'reports a missing secret as SecretNotFound and goes on with the next' {
        $a = New-SwarmSecret (New-SecretTestName 'rm') $script:Secure
        "missing-$(New-Guid)", $a.Name | Remove-SwarmSecret -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'SecretNotFound,PSDocker.Commands.RemoveSwarmSecretCommand'
        @(Get-EngineSecret | Where-Object { $_.ID -eq $a.Id }).Count | Should -Be 0
    }

    if ($OnDocker) {
        It 'keeps a secret a service uses: SecretInUse names the secret and the service' {
            $secret = New-SwarmSecret (New-SecretTestName 'used') $script:Secure
            $svc = New-SwarmTestName 'user'
            $null = New-EngineService -Name $svc -SecretId $secret.Id -SecretName $secret.Name
            Remove-SwarmSecret $secret.Name -ErrorAction SilentlyContinue -ErrorVariable err
            $err[0].FullyQualifiedErrorId | Should -Be 'SecretInUse,PSDocker.Commands.RemoveSwarmSecretCommand'
            $err[0].ToString() | Should -Match ([regex]::Escape($secret.Name))
            $err[0].ToString() | Should -Match ([regex]::Escape($svc))
            $err[0].ToString() | Should -Match 'Remove-SwarmService'
            @(Get-EngineSecret | Where-Object { $_.ID -eq $secret.Id }).Count | Should -Be 1
        }
    }

    It 'makes no call under -WhatIf' {
        Remove-SwarmSecret whatif-secret -Endpoint tcp://127.0.0.1:9 -WhatIf -ErrorAction Stop
    }
}
