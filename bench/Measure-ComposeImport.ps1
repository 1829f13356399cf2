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

    Then, when an engine is given (-Endpoint, PSDOCKER_TEST_ENDPOINT or DOCKER_HOST, a unix:// socket), the
    runtime: Start-ComposeProject -Path <file> of a -UpServices service project (one project network, every
    service a busybox sh with a TERM trap), fresh each round, against docker-compose -p <name> -f <file> up -d
    (Debian's docker-compose 1.29.2, a python process, as users run it), and against the bare API:
    POST /networks/create, then for every container at once POST /containers/create (on that network, with
    its aliases) and POST /containers/{id}/start: the engine's own time for the same containers. Between runs
    the project is taken down through the Engine API outside the timed region; each run checks that every
    container runs. Targets: <= 0.5x docker-compose up -d and <= 1.3x the bare API.
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
    # The engine for the Start-ComposeProject scenario (unix:///path); none skips it.
    [string] $Endpoint = $(if ($env:PSDOCKER_TEST_ENDPOINT) { $env:PSDOCKER_TEST_ENDPOINT } else { $env:DOCKER_HOST }),
    # An image on the engine that has busybox sh, sleep and wait (the test image).
    [string] $Image = $(if ($env:PSDOCKER_TEST_IMAGE) { $env:PSDOCKER_TEST_IMAGE } else { 'psdocker-test/busybox:1.35' }),
    # Services in the Start-ComposeProject project.
    [ValidateRange(1, 100)]
    [int] $UpServices = 10,
    # Timed runs per side of the Start-ComposeProject scenario (after one discarded warm-up run).
    [ValidateRange(1, 100)]
    [int] $UpRepeat = 7,
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$PSNativeCommandUseErrorActionPreference = $false
if ($Quick) { $Repeat = 5; $ComposeRepeat = 2; $UpRepeat = 3 }
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

# =========================================================================== Start-ComposeProject (needs an engine)

if (-not $Endpoint) { Write-Host 'No engine (-Endpoint, PSDOCKER_TEST_ENDPOINT, DOCKER_HOST): the Start-ComposeProject scenario is skipped.'; return }
if ($Endpoint -notmatch '^unix://(/.+)$') { throw "Unsupported endpoint '$Endpoint': use unix:///path." }
$socketPath = $Matches[1]
$compose = Get-Command docker-compose -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
if (-not $compose) { throw 'docker-compose (Debian''s 1.29) is not on PATH: apt-get install docker-compose.' }
$composeVersion = (& $compose.Source version --short 2>$null) -join ''
$env:DOCKER_HOST = $Endpoint

# --------------------------------------------------------------------------- the project

$upDir = Join-Path ([IO.Path]::GetTempPath()) "psdbench-composeup-$PID"
$null = New-Item -ItemType Directory -Force -Path $upDir
$upFile = Join-Path $upDir 'compose.yaml'
$names = 1..$UpServices | ForEach-Object { 's{0:00}' -f $_ }
$yaml = [Text.StringBuilder]::new("services:`n")
foreach ($n in $names) {
    $null = $yaml.Append("  ${n}:`n    image: $Image`n    command: [""sh"", ""-c"", ""trap 'exit 0' TERM; sleep 600 & wait""]`n    networks: [app]`n")
}
$null = $yaml.Append("networks:`n  app: {}`n")
Set-Content -LiteralPath $upFile -Value $yaml.ToString() -Encoding utf8NoBOM

# --------------------------------------------------------------------------- engine helper (bare API side and clean-up)

Add-Type -TypeDefinition @'
using System;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

/// <summary>The bare Engine API side of the compose bench, and its clean-up.</summary>
public sealed class PsdComposeBenchEngine : IDisposable
{
    private readonly HttpClient _http;

    public PsdComposeBenchEngine(string socketPath)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 };
        handler.ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try { await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false); return new NetworkStream(socket, true); }
            catch { socket.Dispose(); throw; }
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://localhost/v1.41/"), Timeout = TimeSpan.FromMinutes(3) };
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, object body, bool missingIsFine = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body != null) request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _http.SendAsync(request).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && !(missingIsFine && (int)response.StatusCode == 404))
            throw new InvalidOperationException(method + " " + path + ": HTTP " + (int)response.StatusCode + " " + text.Trim());
        return text.Length > 0 && (text[0] == '{' || text[0] == '[') ? JsonDocument.Parse(text) : null;
    }

    /// <summary>One network, then every container created and started at once (the engine's own time for a project).</summary>
    public void Up(string project, string image, string[] services)
    {
        string network = project + "_app";
        SendAsync(HttpMethod.Post, "networks/create", new { Name = network, Labels = new { psdbench = project } }).GetAwaiter().GetResult()?.Dispose();
        Task.WhenAll(services.Select(async s =>
        {
            string name = project + "-" + s + "-1";
            var body = new
            {
                Image = image,
                Cmd = new[] { "sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait" },
                Labels = new { psdbench = project },
                HostConfig = new { NetworkMode = network },
                NetworkingConfig = new { EndpointsConfig = new System.Collections.Generic.Dictionary<string, object> { [network] = new { Aliases = new[] { name, s } } } },
            };
            string id;
            using (JsonDocument created = await SendAsync(HttpMethod.Post, "containers/create?name=" + name, body).ConfigureAwait(false))
                id = created.RootElement.GetProperty("Id").GetString();
            (await SendAsync(HttpMethod.Post, "containers/" + id + "/start", null).ConfigureAwait(false))?.Dispose();
        })).GetAwaiter().GetResult();
    }

    /// <summary>States of the containers with a label filter.</summary>
    public string[] States(string label)
    {
        string filters = Uri.EscapeDataString(JsonSerializer.Serialize(new { label = new[] { label } }));
        using JsonDocument list = SendAsync(HttpMethod.Get, "containers/json?all=1&filters=" + filters, null).GetAwaiter().GetResult();
        return list.RootElement.EnumerateArray().Select(e => e.GetProperty("State").GetString()).ToArray();
    }

    /// <summary>Removes the containers and networks with a label filter (force, at once).</summary>
    public void Down(string label)
    {
        string filters = Uri.EscapeDataString(JsonSerializer.Serialize(new { label = new[] { label } }));
        string[] ids;
        using (JsonDocument list = SendAsync(HttpMethod.Get, "containers/json?all=1&filters=" + filters, null).GetAwaiter().GetResult())
            ids = list.RootElement.EnumerateArray().Select(e => e.GetProperty("Id").GetString()).ToArray();
        Task.WhenAll(ids.Select(async id => (await SendAsync(HttpMethod.Delete, "containers/" + id + "?force=1&v=1", null, true).ConfigureAwait(false))?.Dispose())).GetAwaiter().GetResult();
        string[] networks;
        using (JsonDocument list = SendAsync(HttpMethod.Get, "networks?filters=" + filters, null).GetAwaiter().GetResult())
            networks = list.RootElement.EnumerateArray().Select(e => e.GetProperty("Id").GetString()).ToArray();
        foreach (string n in networks) SendAsync(HttpMethod.Delete, "networks/" + n, null, true).GetAwaiter().GetResult()?.Dispose();
    }

    public void Dispose() => _http.Dispose();
}
'@

$engine = [PsdComposeBenchEngine]::new($socketPath)

function Get-Median([double[]] $Values) {
    $s = @($Values | Sort-Object)
    if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 }
}

function Assert-Up([string] $Label) {
    $states = @($engine.States($Label))
    if ($states.Count -ne $UpServices -or @($states | Where-Object { $_ -ne 'running' }).Count) {
        throw "Expected $UpServices running containers with $Label, found: $($states -join ', ')"
    }
}

# The sides, measured in rounds: each round runs every side once (a fresh project each time, taken down outside the
# timed region), starting with a different side each round, so drift on a shared machine is shared.
function Measure-Rounds([object[]] $Sides) {
    $times = @{}
    foreach ($side in $Sides) { $times[$side.Name] = [Collections.Generic.List[double]]::new() }
    for ($i = 0; $i -le $UpRepeat; $i++) {
        for ($k = 0; $k -lt $Sides.Count; $k++) {
            $side = $Sides[($i + $k) % $Sides.Count]
            $engine.Down($side.Label)
            $sw = [Diagnostics.Stopwatch]::StartNew()
            & $side.Up
            $sw.Stop()
            Assert-Up $side.Label
            $engine.Down($side.Label)
            if ($i -gt 0) { $times[$side.Name].Add($sw.Elapsed.TotalMilliseconds) }   # round 0 is the warm-up
        }
    }
    foreach ($side in $Sides) { [pscustomobject]@{ Side = $side.Name; Median = (Get-Median $times[$side.Name].ToArray()); Runs = $times[$side.Name].ToArray() } }
}

$project = "psdbench-compose"
$label = "com.docker.compose.project=$project"
$bareProject = "psdbench-bare"
try {
    $load = (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -join ''
    $psd, $dc, $bare = Measure-Rounds @(
        @{ Name = 'Start-ComposeProject'; Label = $label; Up = { $null = Start-ComposeProject -Path $upFile -ProjectName $project -ErrorAction Stop } }
        @{ Name = "docker-compose up -d ($composeVersion)"; Label = $label; Up = {
                $out = & $compose.Source -p $project -f $upFile up -d 2>&1
                if ($LASTEXITCODE -ne 0) { throw "docker-compose up failed: $($out -join "`n")" } } }
        @{ Name = 'bare API (network + concurrent create+start)'; Label = "psdbench=$bareProject"; Up = { $engine.Up($bareProject, $Image, $names) } }
    )
}
finally {
    $engine.Down($label)
    $engine.Down("psdbench=$bareProject")
    $engine.Dispose()
    Remove-Item -LiteralPath $upDir -Recurse -Force -ErrorAction SilentlyContinue
}

Write-Host "Start-ComposeProject: $UpServices services, median of $UpRepeat rounds; load before: $load"
$rows = @(
    [pscustomobject]@{ Scenario = "Start-ComposeProject ($UpServices services, fresh)"; PSDockerMs = [math]::Round($psd.Median, 1); Comparison = $dc.Side; ComparisonMs = [math]::Round($dc.Median, 1); Ratio = [math]::Round($psd.Median / $dc.Median, 2); Target = '<= 0.50x'; Met = ($psd.Median / $dc.Median) -le 0.5 }
    [pscustomobject]@{ Scenario = "Start-ComposeProject ($UpServices services, fresh)"; PSDockerMs = [math]::Round($psd.Median, 1); Comparison = $bare.Side; ComparisonMs = [math]::Round($bare.Median, 1); Ratio = [math]::Round($psd.Median / $bare.Median, 2); Target = '<= 1.30x'; Met = ($psd.Median / $bare.Median) -le 1.3 }
)
$rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
Write-Host ("Runs (ms): Start-ComposeProject {0}; docker-compose {1}; bare API {2}" -f (($psd.Runs | ForEach-Object { [math]::Round($_) }) -join ' '), (($dc.Runs | ForEach-Object { [math]::Round($_) }) -join ' '), (($bare.Runs | ForEach-Object { [math]::Round($_) }) -join ' '))
$rows
