# Import-ComposeProject reads files only: these tests need the built module, not an engine.

BeforeAll {
    if (-not (Get-Module -Name PSDocker)) {
        $manifest = Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'
        if (-not (Test-Path $manifest)) { throw "The module is not built: $manifest is missing. Run ./build.ps1 first." }
        Import-Module $manifest -Force -ErrorAction Stop
    }

    function New-ComposeFile {
        param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Text)
        $path = Join-Path $TestDrive $Name
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $path)
        Set-Content -LiteralPath $path -Value $Text -NoNewline
        $path
    }

    function Get-ImportError {
        <# Runs Import-ComposeProject with the arguments and returns the one error record it wrote. #>
        param([hashtable] $Arguments)
        $errs = $null
        $out = Import-ComposeProject @Arguments -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0]
    }

    $script:SavedVariables = @{}
    foreach ($n in 'COMPOSE_PROJECT_NAME', 'COMPOSE_PROFILES', 'COMPOSE_FILE', 'PSD_TAG', 'PSD_REQUIRED') {
        $script:SavedVariables[$n] = [Environment]::GetEnvironmentVariable($n)
        # Remove-Item: [Environment]::SetEnvironmentVariable($n, $null) from PowerShell sets an empty value.
        Remove-Item "env:$n" -ErrorAction SilentlyContinue
    }
}

AfterAll {
    foreach ($n in $script:SavedVariables.Keys) {
        if ($null -ne $script:SavedVariables[$n]) { Set-Item "env:$n" $script:SavedVariables[$n] }
    }
}

Describe 'Import-ComposeProject' {
    BeforeEach {
        Get-ChildItem $TestDrive -Force | Remove-Item -Recurse -Force
        Push-Location $TestDrive
    }
    AfterEach { Pop-Location }

    It 'finds compose.yaml in the current directory, reads .env and returns the typed project' {
        New-ComposeFile compose.yaml @'
services:
  web:
    image: "nginx:${PSD_TAG}"
    ports: ["127.0.0.1:8080:80"]
    depends_on:
      db: { condition: service_healthy }
  db:
    image: postgres:16
    healthcheck: { test: pg_isready, interval: 2s }
'@ | Out-Null
        New-ComposeFile .env "PSD_TAG=1.27`n" | Out-Null
        $p = Import-ComposeProject
        $p | Should -BeOfType ([PSDocker.Core.Compose.ComposeProject])
        $p.Name | Should -Be ((Split-Path $TestDrive -Leaf).ToLowerInvariant() -replace '[^a-z0-9_-]', '')
        $p.WorkingDirectory | Should -Be $TestDrive.ToString()
        $p.EnvFiles | Should -Be @(Join-Path $TestDrive '.env')
        @($p.Services.Keys) | Should -Be @('web', 'db')
        $p.Services['web'].Image | Should -Be 'nginx:1.27'
        $p.Services.web.Image | Should -Be 'nginx:1.27'
        $p.Services.web.DependsOn.db.Condition | Should -Be 'service_healthy'
        $p.Services['web'].Ports[0].ToString() | Should -Be '127.0.0.1:8080:80/tcp'
        $p.Services['web'].DependsOn['db'].Condition | Should -Be 'service_healthy'
        $p.Services['db'].Healthcheck.Interval | Should -Be ([timespan]::FromSeconds(2))
        @($p.GetStartOrder().Name) | Should -Be @('db', 'web')
        $p.Networks['default'].Name | Should -Be "$($p.Name)_default"
        $p.Services['web'].ConfigHash | Should -Match '^[0-9a-f]{64}$'
    }

    It 'the process environment wins over .env' {
        New-ComposeFile compose.yaml "services:`n  a:`n    image: busybox:`${PSD_TAG}`n" | Out-Null
        New-ComposeFile .env "PSD_TAG=from-dotenv`n" | Out-Null
        $env:PSD_TAG = 'from-env'
        try { (Import-ComposeProject).Services['a'].Image | Should -Be 'busybox:from-env' }
        finally { $env:PSD_TAG = $null }
    }

    It 'merges two -Path files in order' {
        $base = New-ComposeFile base.yaml @'
name: shop
services:
  api:
    image: shop/api:1
    command: ["serve"]
    environment: [LOG=info, PORT=80]
    ports: ["8080:80"]
'@
        $prod = New-ComposeFile prod/prod.yaml @'
services:
  api:
    image: shop/api:2
    command: serve --prod
    environment:
      LOG: warn
    ports: ["8443:443"]
    deploy: { replicas: 3 }
'@
        $p = Import-ComposeProject -Path $base, $prod
        $p.Name | Should -Be 'shop'
        $p.ConfigFiles | Should -Be @($base, $prod)
        $api = $p.Services['api']
        $api.Image | Should -Be 'shop/api:2'
        $api.Command | Should -Be @('serve', '--prod')
        $api.Environment['LOG'] | Should -Be 'warn'
        $api.Environment['PORT'] | Should -Be '80'
        @($api.Ports.Published) | Should -Be @('8080', '8443')
        $api.Replicas | Should -Be 3
    }

    It 'takes relative paths from the current location and files from the pipeline, one project each' {
        New-ComposeFile one/compose.yaml "services:`n  a:`n    image: busybox`n" | Out-Null
        New-ComposeFile two/compose.yaml "name: second`nservices:`n  b:`n    image: busybox`n" | Out-Null
        (Import-ComposeProject one/compose.yaml).Name | Should -Be 'one'
        $projects = Get-ChildItem -Path $TestDrive -Filter compose.yaml -Recurse | Sort-Object FullName | Import-ComposeProject
        @($projects.Name) | Should -Be @('one', 'second')
        # A project piped back in reloads from its files and directory.
        ($projects[1] | Import-ComposeProject).Services.Keys | Should -Be 'b'
    }

    It 'takes several -EnvFile files in order, -ProjectName and -Profile' {
        New-ComposeFile compose.yaml @'
services:
  app:
    image: "${IMAGE}"
    user: "${RUN_AS}"
  debug:
    image: busybox
    profiles: [debug]
'@ | Out-Null
        New-ComposeFile a.env "IMAGE=busybox`nRUN_AS=a`n" | Out-Null
        New-ComposeFile b.env "RUN_AS=b-`${IMAGE}`n" | Out-Null
        $p = Import-ComposeProject -EnvFile a.env, b.env -ProjectName custom -Profile debug
        $p.Name | Should -Be 'custom'
        $p.Services['app'].User | Should -Be 'b-busybox'
        @($p.Services.Keys) | Should -Be @('app', 'debug')
        @((Import-ComposeProject -EnvFile a.env).DisabledServices.Keys) | Should -Be @('debug')
    }

    It '-AsYaml prints YAML that imports to the same project' {
        New-ComposeFile compose.yaml @'
name: roundtrip
x-common: &common
  restart: unless-stopped
  labels: { team: core }
services:
  web:
    <<: *common
    image: nginx
    ports: ["80:80", "443"]
    volumes: ["./site:/usr/share/nginx/html:ro", "logs:/var/log/nginx"]
    environment: { MODE: "on", RETRIES: "3" }
    networks: [front]
  worker:
    <<: *common
    image: busybox
    command: sh -c 'sleep 1000'
    stop_grace_period: 1m30s
    mem_limit: 256m
networks:
  front: {}
volumes:
  logs: {}
'@ | Out-Null
        $yaml = Import-ComposeProject -AsYaml
        $yaml | Should -BeOfType ([string])
        $yaml | Should -Match 'MODE: "on"'
        $yaml | Should -Match 'stop_grace_period: 1m30s'
        $printed = New-ComposeFile printed/compose.yaml $yaml
        $first = Import-ComposeProject
        $second = Import-ComposeProject -Path $printed
        $second.Name | Should -Be 'roundtrip'
        Import-ComposeProject -Path $printed -AsYaml | Should -Be $yaml
        foreach ($name in $first.Services.Keys) {
            $second.Services[$name].ConfigHash | Should -Be $first.Services[$name].ConfigHash
        }
        $second.Services['worker'].MemLimit | Should -Be 256MB
    }

    It 'completes -Profile with the profiles the files declare' {
        $f = New-ComposeFile sub/compose.yaml "services:`n  a: { image: busybox }`n  b: { image: busybox, profiles: [debug, tools] }`n  c: { image: busybox, profiles: [docs] }`n"
        $line = "Import-ComposeProject -Path '$f' -Profile d"
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        @($result.CompletionMatches.CompletionText) | Should -Be @('debug', 'docs')
        # Without -Path: the files found from the current location.
        Set-Location (Split-Path $f)
        $line = 'Import-ComposeProject -Profile '
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        @($result.CompletionMatches.CompletionText) | Should -Be @('debug', 'docs', 'tools')
    }

    It 'reads YAML with its own YamlDotNet when the session loaded another version first' {
        $nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
        $otherYaml = @('net8.0', 'net6.0', 'netstandard2.1', 'netstandard2.0' | ForEach-Object { Join-Path $nuget "yamldotnet/11.2.1/lib/$_/YamlDotNet.dll" } | Where-Object { Test-Path $_ })[0]
        $otherYaml | Should -Not -BeNullOrEmpty -Because 'tests/PSDocker.Core.Tests restores YamlDotNet 11.2.1 (PackageDownload)'
        New-ComposeFile compose.yaml "x-base: &base`n  image: busybox`nservices:`n  a:`n    <<: *base`n    ports: ['8080:80']`n" | Out-Null
        $manifest = Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1' | Resolve-Path | ForEach-Object Path
        $script = @"
`$ErrorActionPreference = 'Stop'
`$null = [Reflection.Assembly]::LoadFrom('$otherYaml')
Import-Module '$manifest'
Set-Location '$TestDrive'
`$p = Import-ComposeProject
`$yaml = Import-ComposeProject -AsYaml
@{
    Image = `$p.Services.a.Image
    Port = `$p.Services.a.Ports[0].ToString()
    Printed = [bool](`$yaml -match 'published: "8080"')
    Session = [YamlDotNet.Serialization.Deserializer]::new().Deserialize[object]('a: 1')['a']
} | ConvertTo-Json -Compress
"@
        $self = (Get-Process -Id $PID).Path
        $pwsh = if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'pwsh') { $self } else { Join-Path $PSHOME 'pwsh' }
        $out = & $pwsh -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $facts = ($out | Where-Object { $_ -is [string] }) -join '' | ConvertFrom-Json
        $facts.Image | Should -Be 'busybox'
        $facts.Port | Should -Be '8080:80/tcp'
        $facts.Printed | Should -BeTrue
        $facts.Session | Should -Be '1'
    }

    It 'formats projects and services as tables' {
        New-ComposeFile compose.yaml "services:`n  web:`n    image: nginx`n    ports: ['8080:80']`n    depends_on: { db: { condition: service_healthy } }`n  db:`n    image: postgres`n" | Out-Null
        $p = Import-ComposeProject
        $table = $p | Format-Table | Out-String
        $table | Should -Match 'web, db'
        $services = $p.Services.Values | Format-Table | Out-String
        $services | Should -Match 'db \(healthy\)'
        $services | Should -Match '8080:80/tcp'
    }
}

Describe 'Import-ComposeProject errors' {
    BeforeEach {
        Get-ChildItem $TestDrive -Force | Remove-Item -Recurse -Force
        Push-Location $TestDrive
    }
    AfterEach { Pop-Location }

    It 'a missing file is ComposeFileNotFound' {
        $e = Get-ImportError @{ Path = 'missing.yaml' }
        $e.FullyQualifiedErrorId | Should -Be 'ComposeFileNotFound,PSDocker.Commands.ImportComposeProjectCommand'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.Exception.Message | Should -BeLike "*$(Join-Path $TestDrive 'missing.yaml')*"
    }

    It 'no compose file anywhere up the tree is ComposeNoComposeFile' {
        $empty = Join-Path ([IO.Path]::GetTempPath()) ("psd-empty-" + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $empty
        try {
            Push-Location $empty
            try { $e = Get-ImportError @{} } finally { Pop-Location }
            $e.FullyQualifiedErrorId | Should -BeLike 'ComposeNoComposeFile,*'
            $e.Exception.Message | Should -BeLike '*No compose file found*'
        }
        finally { Remove-Item $empty -Recurse -Force }
    }

    It 'invalid YAML is ComposeInvalidYaml with the line and column' {
        $f = New-ComposeFile compose.yaml "services:`n  web:`n    image: nginx`n    ports: [80`n"
        $e = Get-ImportError @{ Path = $f }
        $e.FullyQualifiedErrorId | Should -BeLike 'ComposeInvalidYaml,*'
        $e.CategoryInfo.Category | Should -Be 'ParserError'
        $e.Exception.File | Should -Be $f
        $e.Exception.Line | Should -BeGreaterOrEqual 4
        $e.Exception.Column | Should -BeGreaterThan 0
        $e.Exception.Message | Should -BeLike "*compose.yaml:$($e.Exception.Line):$($e.Exception.Column))"
    }

    It 'a wrong type names the path in the project, the line and the column' {
        $f = New-ComposeFile compose.yaml "services:`n  web:`n    image: nginx`n    ports:`n      - '80:80'`n      - { published: 8080 }`n"
        $e = Get-ImportError @{ Path = $f }
        $e.FullyQualifiedErrorId | Should -BeLike 'ComposeInvalidValue,*'
        $e.Exception.ModelPath | Should -Be 'services.web.ports[1]'
        $e.Exception.Line | Should -Be 6
        $e.Exception.Message | Should -BeLike "*'target' is required*"
    }

    It 'an unknown service in depends_on is ComposeUnknownService with its line' {
        $f = New-ComposeFile compose.yaml "services:`n  web:`n    image: nginx`n    depends_on:`n      - api`n"
        $e = Get-ImportError @{ Path = $f }
        $e.FullyQualifiedErrorId | Should -BeLike 'ComposeUnknownService,*'
        $e.Exception.Message | Should -BeLike "*'web' depends on undefined service 'api'*"
        $e.Exception.Line | Should -Be 5
        $e.Exception.Column | Should -Be 9
    }

    It 'a dependency cycle is ComposeDependencyCycle naming the cycle' {
        $f = New-ComposeFile compose.yaml "services:`n  a: { image: busybox, depends_on: [b] }`n  b: { image: busybox, depends_on: [a] }`n"
        $e = Get-ImportError @{ Path = $f }
        $e.FullyQualifiedErrorId | Should -BeLike 'ComposeDependencyCycle,*'
        $e.Exception.Message | Should -BeLike '*a -> b -> a*'
    }

    It 'an unset ${X:?message} is ComposeRequiredVariable with the message' {
        $f = New-ComposeFile compose.yaml "services:`n  web:`n    image: nginx`n    environment:`n      KEY: `${PSD_REQUIRED:?give the API key}`n"
        $e = Get-ImportError @{ Path = $f }
        $e.FullyQualifiedErrorId | Should -BeLike 'ComposeRequiredVariable,*'
        $e.Exception.Message | Should -BeLike '*required variable PSD_REQUIRED is missing a value: give the API key*'
        $e.Exception.Line | Should -Be 5
        $env:PSD_REQUIRED = 'k'
        try { (Import-ComposeProject $f).Services['web'].Environment['KEY'] | Should -Be 'k' }
        finally { $env:PSD_REQUIRED = $null }
    }

    It 'an invalid -ProjectName is ComposeInvalidProjectName' {
        $f = New-ComposeFile compose.yaml "services:`n  a: { image: busybox }`n"
        $e = Get-ImportError @{ Path = $f; ProjectName = 'My Project' }
        $e.FullyQualifiedErrorId | Should -BeLike 'ComposeInvalidProjectName,*'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'an unknown key is an error unless it is an x- extension' {
        $f = New-ComposeFile compose.yaml "services:`n  a:`n    image: busybox`n    x-note: fine`n    restrat: always`n"
        $e = Get-ImportError @{ Path = $f }
        $e.Exception.ModelPath | Should -Be 'services.a.restrat'
        $e.Exception.Line | Should -Be 5
    }

    It 'one bad project among piped ones is a non-terminating error naming it' {
        New-ComposeFile good/compose.yaml "services:`n  a: { image: busybox }`n" | Out-Null
        $bad = New-ComposeFile bad/compose.yaml "services:`n  a: [`n"
        $errs = $null
        $projects = @(Join-Path $TestDrive good/compose.yaml), $bad | Import-ComposeProject -ErrorVariable errs -ErrorAction SilentlyContinue
        @($projects).Count | Should -Be 1
        $projects.Name | Should -Be 'good'
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be $bad
    }

    It 'warns about unset variables and the obsolete version key' {
        $f = New-ComposeFile compose.yaml "version: '3.8'`nservices:`n  a:`n    image: busybox`n    user: `${PSD_UNSET_USER}`n"
        $warnings = $null
        $p = Import-ComposeProject $f -WarningVariable warnings -WarningAction SilentlyContinue
        $p.Services['a'].User | Should -Be ''
        ($warnings -join "`n") | Should -BeLike '*"PSD_UNSET_USER" variable is not set*'
        ($warnings -join "`n") | Should -BeLike '*version* is obsolete*'
    }
}
