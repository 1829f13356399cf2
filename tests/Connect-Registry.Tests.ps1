BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/images.common.ps1"

    # An image of its own in the registry with auth, to pull with the stored credentials.
    $script:Repo = New-TestImageName -Suffix login -Registry $script:AuthRegistry
    $script:ImageName = "$($script:Repo):v1"
    $script:ImageId = New-TestImage -Name $script:ImageName
    $null = Invoke-ImagePush $script:ImageName -Credential $script:AuthCredential -ErrorAction Stop
    Add-PushedReference $script:ImageName
    Remove-EngineImage $script:ImageName

    # A docker credential helper (docker-credential-psdtest): get/store/erase/list, one file per server.
    $script:HelperDir = New-TestTempDirectory -Name helper
    $script:HelperStore = Join-Path $script:HelperDir 'store'
    $helper = Join-Path $script:HelperDir 'docker-credential-psdtest'
    Set-Content -Path $helper -Value @"
#!/bin/sh
# A test credential helper: keeps each server's credential JSON in a file under $($script:HelperStore).
store='$($script:HelperStore)'
mkdir -p "`$store"
input=`$(cat)
case "`$1" in
store)
    url=`$(printf '%s' "`$input" | sed -n 's/.*"ServerURL" *: *"\([^"]*\)".*/\1/p')
    key=`$(printf '%s' "`$url" | tr -c 'A-Za-z0-9._-' '_')
    umask 077
    printf '%s' "`$input" > "`$store/`$key" ;;
get)
    key=`$(printf '%s' "`$input" | tr -c 'A-Za-z0-9._-' '_')
    if [ -f "`$store/`$key" ]; then cat "`$store/`$key"; else echo 'credentials not found in native keychain'; exit 1; fi ;;
erase)
    key=`$(printf '%s' "`$input" | tr -c 'A-Za-z0-9._-' '_')
    if [ -f "`$store/`$key" ]; then rm -f "`$store/`$key"; else echo 'credentials not found in native keychain'; exit 1; fi ;;
list)
    echo '{}' ;;
*)
    echo "unknown action `$1" >&2; exit 2 ;;
esac
"@
    chmod 755 $helper
    $env:PATH = "$($script:HelperDir)$([IO.Path]::PathSeparator)$env:PATH"
    $script:HelperKey = $script:AuthRegistry -replace '[^A-Za-z0-9._-]', '_'

    function New-DockerConfig {
        <# Points DOCKER_CONFIG at a new directory; with -Content, writes that config.json (mode -Mode). Returns the file path. #>
        param([hashtable] $Content, [string] $Mode = '644')
        $env:DOCKER_CONFIG = New-TestTempDirectory -Name config
        $file = Join-Path $env:DOCKER_CONFIG 'config.json'
        if ($Content) {
            Set-Content -Path $file -Value ($Content | ConvertTo-Json -Depth 5)
            chmod $Mode $file
        }
        $file
    }

    function Read-DockerConfig {
        param([string] $Path)
        Get-Content -Raw $Path | ConvertFrom-Json -AsHashtable
    }

    function Assert-PullsWithoutCredential {
        Remove-EngineImage $script:ImageName
        $image = Invoke-ImagePull $script:ImageName -ErrorAction Stop
        $image.Id | Should -Be $script:ImageId
        Remove-EngineImage $script:ImageName
    }
}

AfterAll {
    Remove-TestImages
    Restore-TestDockerConfig
}

Describe 'Connect-Registry and Disconnect-Registry with config.json' {
    BeforeEach { $Error.Clear() }

    It 'stores the credential in config.json (mode 600, other keys kept); a plain pull then uses it; Disconnect-Registry removes it' {
        $other = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('someone:other-secret'))
        $file = New-DockerConfig -Content @{
            auths = @{ 'other.registry.invalid:5000' = @{ auth = $other } }
            detachKeys = 'ctrl-x,x'
            psFormat = 'table {{.ID}}'
        }
        (stat -c %a $file) | Should -Be '644'

        $out = Connect-Registry $script:AuthRegistry -Credential $script:AuthCredential -ErrorAction Stop
        $out | Should -BeNullOrEmpty

        (stat -c %a $file) | Should -Be '600'
        $config = Read-DockerConfig $file
        $config.detachKeys | Should -Be 'ctrl-x,x'
        $config.psFormat | Should -Be 'table {{.ID}}'
        $config.auths['other.registry.invalid:5000'].auth | Should -Be $other
        $entry = $config.auths[$script:AuthRegistry]
        $entry | Should -Not -BeNullOrEmpty
        [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($entry.auth)) | Should -Be "$($script:AuthUser):$($script:AuthPassword)"

        Assert-PullsWithoutCredential

        Disconnect-Registry $script:AuthRegistry -ErrorAction Stop -WarningVariable warn
        $warn | Should -BeNullOrEmpty
        $config = Read-DockerConfig $file
        $config.auths.Keys | Should -Not -Contain $script:AuthRegistry
        $config.auths['other.registry.invalid:5000'].auth | Should -Be $other
        $config.detachKeys | Should -Be 'ctrl-x,x'
        (stat -c %a $file) | Should -Be '600'

        # Signed out: the pull is refused again.
        Invoke-ImagePull $script:ImageName -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'ImagePullUnauthorized,PSDocker.Commands.InvokeImagePullCommand'
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'creates config.json with mode 600 when there is none, and returns the answer with -PassThru' {
        $file = New-DockerConfig
        Test-Path $file | Should -BeFalse
        $records = @(& { Connect-Registry -Registry "http://$($script:AuthRegistry)/" -Credential $script:AuthCredential -PassThru -Verbose -Debug -ErrorAction Stop } *>&1)
        $result = $records | Where-Object { $_ -is [PSDocker.RegistryLoginResult] }
        $result | Should -HaveCount 1
        $result.Status | Should -BeLike '*Login Succeeded*'
        $text = Get-AllRecordText $records
        foreach ($secret in (Get-SecretForm -User $script:AuthUser -Password $script:AuthPassword -Registry $script:AuthRegistry)) {
            $text.Contains($secret) | Should -BeFalse -Because 'the password must not appear in any output'
        }
        (stat -c %a $file) | Should -Be '600'
        (Read-DockerConfig $file).auths.Keys | Should -Be @($script:AuthRegistry)
        Disconnect-Registry $script:AuthRegistry -ErrorAction Stop
    }

    It 'Disconnect-Registry warns when nothing is stored' {
        $file = New-DockerConfig -Content @{ auths = @{} }
        Disconnect-Registry $script:AuthRegistry -WarningVariable warn -WarningAction SilentlyContinue -ErrorAction Stop
        $warn | Should -HaveCount 1
        "$($warn[0])" | Should -BeLike "*$($script:AuthRegistry)*"
    }

    It 'changes nothing under -WhatIf' {
        $file = New-DockerConfig -Content @{ auths = @{} }
        $before = Get-Content -Raw $file
        Connect-Registry $script:AuthRegistry -Credential $script:AuthCredential -WhatIf
        Get-Content -Raw $file | Should -Be $before

        Connect-Registry $script:AuthRegistry -Credential $script:AuthCredential -ErrorAction Stop
        $stored = Get-Content -Raw $file
        Disconnect-Registry $script:AuthRegistry -WhatIf
        Get-Content -Raw $file | Should -Be $stored
        Disconnect-Registry $script:AuthRegistry -ErrorAction Stop
    }

    It 'refuses a wrong password (RegistryLoginUnauthorized), stores nothing, and shows the secret nowhere' {
        $file = New-DockerConfig -Content @{ auths = @{} }
        $before = Get-Content -Raw $file
        $records = @(& { Connect-Registry $script:AuthRegistry -Credential $script:WrongCredential -PassThru -Verbose -Debug -ErrorAction Continue } *>&1)
        $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'RegistryLoginUnauthorized,PSDocker.Commands.ConnectRegistryCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $errors[0].ToString() | Should -BeLike "Cannot sign in to $($script:AuthRegistry) as $($script:AuthUser):*"
        $errors[0].ToString() | Should -Match '\w[.!?] Check the user name and password\.$'
        @($records | Where-Object { $_ -is [PSDocker.RegistryLoginResult] }) | Should -HaveCount 0
        $text = Get-AllRecordText ($records + @($Error))
        foreach ($secret in (Get-SecretForm -User $script:AuthUser -Password $script:WrongPassword -Registry $script:AuthRegistry)) {
            $text.Contains($secret) | Should -BeFalse -Because 'the password must not appear in any output'
        }
        Get-Content -Raw $file | Should -Be $before
    }
}

Describe 'Connect-Registry and Disconnect-Registry with a credential helper' {
    It 'stores with the credsStore helper (not in config.json); a plain pull gets it from the helper; Disconnect-Registry erases it' {
        $file = New-DockerConfig -Content @{ credsStore = 'psdtest'; auths = @{} }
        $stored = Join-Path $script:HelperStore $script:HelperKey

        Connect-Registry $script:AuthRegistry -Credential $script:AuthCredential -ErrorAction Stop

        Test-Path $stored | Should -BeTrue
        $credential = Get-Content -Raw $stored | ConvertFrom-Json
        $credential.ServerURL | Should -Be $script:AuthRegistry
        $credential.Username | Should -Be $script:AuthUser
        $credential.Secret | Should -Be $script:AuthPassword
        $raw = Get-Content -Raw $file
        $raw.Contains($script:AuthPassword) | Should -BeFalse
        $raw.Contains([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("$($script:AuthUser):$($script:AuthPassword)"))) | Should -BeFalse
        $config = Read-DockerConfig $file
        $config.credsStore | Should -Be 'psdtest'
        $config.auths.Keys | Should -Contain $script:AuthRegistry
        (stat -c %a $file) | Should -Be '600'

        Assert-PullsWithoutCredential

        Disconnect-Registry $script:AuthRegistry -ErrorAction Stop
        Test-Path $stored | Should -BeFalse
        (Read-DockerConfig $file).auths.Keys | Should -Not -Contain $script:AuthRegistry
        (Read-DockerConfig $file).credsStore | Should -Be 'psdtest'
    }

    It 'pulls with what a credHelpers entry for the registry holds' {
        $file = New-DockerConfig -Content @{ credHelpers = @{ $script:AuthRegistry = 'psdtest' } }
        $null = New-Item -ItemType Directory -Force -Path $script:HelperStore
        $json = @{ ServerURL = $script:AuthRegistry; Username = $script:AuthUser; Secret = $script:AuthPassword } | ConvertTo-Json -Compress
        Set-Content -Path (Join-Path $script:HelperStore $script:HelperKey) -Value $json -NoNewline
        try {
            Assert-PullsWithoutCredential
        }
        finally {
            Remove-Item (Join-Path $script:HelperStore $script:HelperKey) -ErrorAction SilentlyContinue
        }
    }

    It 'pulls without a credential when the helper holds none: a security error' {
        $file = New-DockerConfig -Content @{ credsStore = 'psdtest' }
        Remove-EngineImage $script:ImageName
        Invoke-ImagePull $script:ImageName -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ImagePullUnauthorized,PSDocker.Commands.InvokeImagePullCommand'
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
    }
}
