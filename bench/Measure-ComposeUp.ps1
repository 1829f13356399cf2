#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Measures Start-ComposeProject against docker-compose up -d and the bare Engine API.
.DESCRIPTION
    Runs in one pwsh process against a live engine and prints, for each scenario, the median of
    -Repeat timed runs (one more warm-up run is discarded) next to the comparison's median:

      1. Start-ComposeProject -Path <file> of a -Services service project (one project network,
         every service a busybox sh with a TERM trap), fresh each round, against
         docker-compose -p <name> -f <file> up -d (Debian's docker-compose 1.29.2, a python
         process, as users run it), and against the bare API: POST /networks/create, then for
         every container at once POST /containers/create (on that network, with its aliases)
         and POST /containers/{id}/start: the engine's own time for the same containers.

    The sides run in rounds, each round every side once, starting with a different side each round.
    Between runs the project is taken down (containers and network removed through the Engine
    API) outside the timed region. Each run checks that every container runs.
    The import figures are bench/Measure-ComposeImport.ps1's.

    A missed target is reported, never an error. Any failure of a command, the engine or a
    check is an error: the script stops, cleans up, and exits non-zero.
.EXAMPLE
    pwsh -File bench/Measure-ComposeUp.ps1 -ModulePath out/PSDocker/PSDocker.psd1
.EXAMPLE
    pwsh -File bench/Measure-ComposeUp.ps1 -Quick
#>
[CmdletBinding()]
param(
    # The module manifest to measure.
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'),
    # The engine: unix:///path/docker.sock.
    [string] $Endpoint = $(if ($env:PSDOCKER_TEST_ENDPOINT) { $env:PSDOCKER_TEST_ENDPOINT } else { $env:DOCKER_HOST }),
    # An image on the engine that has busybox sh, sleep and wait (the test image).
    [string] $Image = $(if ($env:PSDOCKER_TEST_IMAGE) { $env:PSDOCKER_TEST_IMAGE } else { 'psdocker-test/busybox:1.35' }),
    # Timed runs per side (after one discarded warm-up run).
    [ValidateRange(1, 100)]
    [int] $Repeat = 7,
    # Services in the project.
    [ValidateRange(1, 100)]
    [int] $Services = 10,
    # A smoke run: 3 repetitions.
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$PSNativeCommandUseErrorActionPreference = $false   # exit codes are checked by hand
if ($Quick -and -not $PSBoundParameters.ContainsKey('Repeat')) { $Repeat = 3 }

if (-not $Endpoint) { throw 'No engine: pass -Endpoint, or set PSDOCKER_TEST_ENDPOINT or DOCKER_HOST (dot-source the test engine''s env.ps1).' }
if ($Endpoint -notmatch '^unix://(/.+)$') { throw "Unsupported endpoint '$Endpoint': use unix:///path." }
$socketPath = $Matches[1]
if (-not (Test-Path -LiteralPath $ModulePath)) { throw "Module not found: $ModulePath (build it with ./build.ps1)." }
$compose = Get-Command docker-compose -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
if (-not $compose) { throw 'docker-compose (Debian''s 1.29) is not on PATH: apt-get install docker-compose.' }
$composeVersion = (& $compose.Source version --short 2>$null) -join ''
$env:DOCKER_HOST = $Endpoint
Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath -Force

# --------------------------------------------------------------------------- the project

$dir = Join-Path ([IO.Path]::GetTempPath()) "psdbench-composeup-$PID"
$null = New-Item -ItemType Directory -Force -Path $dir
$file = Join-Path $dir 'compose.yaml'
$names = 1..$Services | ForEach-Object { 's{0:00}' -f $_ }
$yaml = [Text.StringBuilder]::new("services:`n")
foreach ($n in $names) {
    $null = $yaml.Append("  ${n}:`n    image: $Image`n    command: [""sh"", ""-c"", ""trap 'exit 0' TERM; sleep 600 & wait""]`n    networks: [app]`n")
}
$null = $yaml.Append("networks:`n  app: {}`n")
Set-Content -LiteralPath $file -Value $yaml.ToString() -Encoding utf8NoBOM

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
    if ($states.Count -ne $Services -or @($states | Where-Object { $_ -ne 'running' }).Count) {
        throw "Expected $Services running containers with $Label, found: $($states -join ', ')"
    }
}

# The sides, measured in rounds: each round runs every side once (a fresh project each time, taken down outside the
# timed region), starting with a different side each round, so drift on a shared machine is shared.
function Measure-Rounds([object[]] $Sides) {
    $times = @{}
    foreach ($side in $Sides) { $times[$side.Name] = [Collections.Generic.List[double]]::new() }
    for ($i = 0; $i -le $Repeat; $i++) {
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
        @{ Name = 'Start-ComposeProject'; Label = $label; Up = { $null = Start-ComposeProject -Path $file -ProjectName $project -ErrorAction Stop } }
        @{ Name = "docker-compose up -d ($composeVersion)"; Label = $label; Up = {
                $out = & $compose.Source -p $project -f $file up -d 2>&1
                if ($LASTEXITCODE -ne 0) { throw "docker-compose up failed: $($out -join "`n")" } } }
        @{ Name = 'bare API (network + concurrent create+start)'; Label = "psdbench=$bareProject"; Up = { $engine.Up($bareProject, $Image, $names) } }
    )
}
finally {
    $engine.Down($label)
    $engine.Down("psdbench=$bareProject")
    $engine.Dispose()
    Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
}

Write-Host "Start-ComposeProject: $Services services, median of $Repeat rounds; load before: $load"
$rows = @(
    [pscustomobject]@{ Scenario = "Start-ComposeProject ($Services services, fresh)"; PSDockerMs = [math]::Round($psd.Median, 1); Comparison = $dc.Side; ComparisonMs = [math]::Round($dc.Median, 1); Ratio = [math]::Round($psd.Median / $dc.Median, 2); Target = '<= 0.50x'; Met = ($psd.Median / $dc.Median) -le 0.5 }
    [pscustomobject]@{ Scenario = "Start-ComposeProject ($Services services, fresh)"; PSDockerMs = [math]::Round($psd.Median, 1); Comparison = $bare.Side; ComparisonMs = [math]::Round($bare.Median, 1); Ratio = [math]::Round($psd.Median / $bare.Median, 2); Target = '<= 1.30x'; Met = ($psd.Median / $bare.Median) -le 1.3 }
)
$rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
Write-Host ("Runs (ms): Start-ComposeProject {0}; docker-compose {1}; bare API {2}" -f (($psd.Runs | ForEach-Object { [math]::Round($_) }) -join ' '), (($dc.Runs | ForEach-Object { [math]::Round($_) }) -join ' '), (($bare.Runs | ForEach-Object { [math]::Round($_) }) -join ' '))
$rows
