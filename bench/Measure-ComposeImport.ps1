#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Measures Import-ComposeProject on a generated 50-service compose file, next to docker-compose config.
.DESCRIPTION
    Generates a compose project of -Services services (images, environment in list and map form, ports,
    bind and named volumes, a depends_on chain with healthcheck conditions, labels, networks, a healthcheck,
    an x- anchor merged into every service with <<, ${VAR:-default} interpolation and a .env file) in a
    temporary directory, then prints the median of -Repeat timed runs (after one discarded warm-up run) of:

      1. Import-ComposeProject (warm: the module loaded, the cmdlet run once before; the file unchanged, so its parsed
         YAML comes from the loader's cache, which compares the file's whole text);
      2. the same with the file changed before every run (a comment line appended), so the YAML is parsed each time;
      3. Import-ComposeProject -AsYaml;
      4. docker-compose config (Debian's docker-compose 1.29.2, when on PATH): a process per run, so it
         includes the Python start-up, which is what a user waits for.

    Every run is checked (the project has all services, the YAML names them all). No engine is needed.
    The target (issue 8): Import-ComposeProject of a 50-service file under 50 ms warm. A missed target is
    reported, never an error.
.EXAMPLE
    pwsh -NoProfile -File bench/Measure-ComposeImport.ps1
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'),
    [ValidateRange(1, 1000)]
    [int] $Services = 50,
    [ValidateRange(1, 1000)]
    [int] $Repeat = 25,
    # Runs of docker-compose config (each starts a Python process).
    [ValidateRange(1, 100)]
    [int] $ComposeRepeat = 5,
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$PSNativeCommandUseErrorActionPreference = $false
if ($Quick) { $Repeat = 5; $ComposeRepeat = 2 }
if (-not (Test-Path -LiteralPath $ModulePath)) { throw "Module not found: $ModulePath (build it with ./build.ps1)." }
Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath -Force

$dir = Join-Path ([IO.Path]::GetTempPath()) ("psdbench-compose-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Path $dir

function New-BenchProject {
    $sb = [Text.StringBuilder]::new()
    $null = $sb.AppendLine('x-common: &common')
    $null = $sb.AppendLine('  restart: unless-stopped')
    $null = $sb.AppendLine('  labels:')
    $null = $sb.AppendLine('    com.example.team: bench')
    $null = $sb.AppendLine('  logging:')
    $null = $sb.AppendLine('    driver: json-file')
    $null = $sb.AppendLine('    options: { max-size: 10m }')
    $null = $sb.AppendLine('services:')
    for ($i = 1; $i -le $Services; $i++) {
        $name = 'svc{0:d2}' -f $i
        $null = $sb.AppendLine("  ${name}:")
        $null = $sb.AppendLine('    <<: *common')
        $null = $sb.AppendLine("    image: `"registry.example.com/bench/${name}:`${TAG:-1.0}`"")
        $null = $sb.AppendLine("    command: [`"/app/$name`", `"--port`", `"80`"]")
        $null = $sb.AppendLine('    environment:')
        $null = $sb.AppendLine("      - SERVICE=$name")
        $null = $sb.AppendLine('      - LOG_LEVEL=${LOG_LEVEL:-info}')
        $null = $sb.AppendLine("      - INDEX=$i")
        $null = $sb.AppendLine('    ports:')
        $null = $sb.AppendLine("      - `"127.0.0.1:$(18000 + $i):80`"")
        $null = $sb.AppendLine('    volumes:')
        $null = $sb.AppendLine("      - ./config/${name}:/etc/app:ro")
        $null = $sb.AppendLine("      - data${i}:/var/lib/app")
        $null = $sb.AppendLine('    networks: [front, back]')
        $null = $sb.AppendLine('    healthcheck:')
        $null = $sb.AppendLine('      test: ["CMD", "wget", "-q", "-O-", "http://localhost/health"]')
        $null = $sb.AppendLine('      interval: 10s')
        $null = $sb.AppendLine('      timeout: 2s')
        $null = $sb.AppendLine('      retries: 3')
        if ($i -gt 1) {
            $null = $sb.AppendLine('    depends_on:')
            $null = $sb.AppendLine(('      svc{0:d2}:' -f ($i - 1)))
            $null = $sb.AppendLine('        condition: service_healthy')
        }
    }
    $null = $sb.AppendLine('networks:')
    $null = $sb.AppendLine('  front: {}')
    $null = $sb.AppendLine('  back: { internal: true }')
    $null = $sb.AppendLine('volumes:')
    for ($i = 1; $i -le $Services; $i++) { $null = $sb.AppendLine("  data${i}: {}") }
    Set-Content -LiteralPath (Join-Path $dir 'docker-compose.yml') -Value $sb.ToString() -NoNewline
    Set-Content -LiteralPath (Join-Path $dir '.env') -Value "TAG=2.1`nLOG_LEVEL=debug`n"
}

function Measure-Median([scriptblock] $Action, [int] $Runs) {
    $null = & $Action   # warm-up
    $times = foreach ($r in 1..$Runs) {
        [GC]::Collect()
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $null = & $Action
        $sw.Elapsed.TotalMilliseconds
    }
    $sorted = @($times | Sort-Object)
    [pscustomobject]@{ Median = $sorted[[int][Math]::Floor($sorted.Count / 2)]; Min = $sorted[0]; Max = $sorted[-1] }
}

try {
    New-BenchProject
    $file = Join-Path $dir 'docker-compose.yml'
    $lines = (Get-Content -LiteralPath $file).Count

    $check = Import-ComposeProject -Path $file
    if ($check.Services.Count -ne $Services) { throw "Import-ComposeProject returned $($check.Services.Count) services, not $Services." }
    if ($check.Services['svc01'].Image -ne 'registry.example.com/bench/svc01:2.1') { throw "Interpolation failed: $($check.Services['svc01'].Image)" }

    $import = Measure-Median { $p = Import-ComposeProject -Path $file; if ($p.Services.Count -ne $Services) { throw 'short project' }; $p } $Repeat
    $script:edit = 0
    $changed = Measure-Median {
        $script:edit++
        Add-Content -LiteralPath $file -Value "# edit $($script:edit)"
        $p = Import-ComposeProject -Path $file; if ($p.Services.Count -ne $Services) { throw 'short project' }; $p
    } $Repeat
    $yaml = Measure-Median { $y = Import-ComposeProject -Path $file -AsYaml; if ($y -notmatch "svc$Services") { throw 'short YAML' }; $y } $Repeat

    $compose = $null
    if (Get-Command docker-compose -CommandType Application -ErrorAction SilentlyContinue) {
        $composeVersion = (docker-compose version --short 2>$null)
        $compose = Measure-Median {
            Push-Location $dir
            try {
                $out = docker-compose config 2>&1
                if ($LASTEXITCODE -ne 0) { throw "docker-compose config failed: $out" }
                if (-not ($out -match "svc$Services")) { throw 'docker-compose config printed a short project' }
            }
            finally { Pop-Location }
        } $ComposeRepeat
    }

    $load = Get-Content /proc/loadavg -ErrorAction SilentlyContinue
    Write-Host "Import-ComposeProject: $Services services, $lines lines; median of $Repeat runs (docker-compose: $ComposeRepeat); load $load"
    $rows = @(
        [pscustomobject]@{ Measure = 'Import-ComposeProject (warm)'; 'Median ms' = [Math]::Round($import.Median, 1); 'Min ms' = [Math]::Round($import.Min, 1); 'Max ms' = [Math]::Round($import.Max, 1); Target = '< 50 ms'; Met = $(if ($import.Median -lt 50) { 'yes' } else { 'no' }) }
        [pscustomobject]@{ Measure = 'Import-ComposeProject, file changed before each run'; 'Median ms' = [Math]::Round($changed.Median, 1); 'Min ms' = [Math]::Round($changed.Min, 1); 'Max ms' = [Math]::Round($changed.Max, 1); Target = ''; Met = '' }
        [pscustomobject]@{ Measure = 'Import-ComposeProject -AsYaml (warm)'; 'Median ms' = [Math]::Round($yaml.Median, 1); 'Min ms' = [Math]::Round($yaml.Min, 1); 'Max ms' = [Math]::Round($yaml.Max, 1); Target = ''; Met = '' }
    )
    if ($compose) {
        $rows += [pscustomobject]@{ Measure = "docker-compose config ($composeVersion, a process)"; 'Median ms' = [Math]::Round($compose.Median, 1); 'Min ms' = [Math]::Round($compose.Min, 1); 'Max ms' = [Math]::Round($compose.Max, 1); Target = ''; Met = '' }
    }
    $rows | Format-Table -AutoSize | Out-Host
    if ($compose) {
        Write-Host ("Ratio Import-ComposeProject / docker-compose config: {0:0.000}x" -f ($import.Median / $compose.Median))
    }
    Write-Host ''
    Write-Host '| Measure | Median | Target | Met |'
    Write-Host '|---|---|---|---|'
    foreach ($r in $rows) { Write-Host ("| {0} | {1} ms | {2} | {3} |" -f $r.Measure, $r.'Median ms', $r.Target, $r.Met) }
}
finally {
    Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
}
