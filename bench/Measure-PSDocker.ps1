#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Measures PSDocker against the bare Engine API and the docker CLI.
.DESCRIPTION
    Runs in one pwsh process against a live engine and prints, for each scenario, the median of
    -Repeat timed runs (one more warm-up run is discarded) next to the comparison's median:

      1. Get-Container with -Containers containers on the engine, against
         Invoke-RestMethod on /containers/json?all=1 and against
         docker ps -a --format '{{json .}}' | ConvertFrom-Json   (all three assign to a variable)
      2. Get-Container -Label psdbench=batch | Start-Container on -Batch created containers,
         against docker start <the same IDs>
      3. Stop-Container on -Batch running containers against docker stop, and
         Remove-Container -Force on -Batch running containers against docker rm -f
      4. Import-Module: median of pwsh -NoProfile -c 'Import-Module <path>' minus the median of
         pwsh -NoProfile -c '$null', with the executable of this process

    Containers are set up outside the timed region through the Engine API (a small C# helper
    compiled with Add-Type), labelled psdbench=<scenario>, and removed at the start and the end.
    Containers that are stopped run busybox sh with a TERM trap, so a stop takes the engine's
    time, not the stop timeout; each run checks that they exited with 0.

    A missed target is reported, never an error. Any failure of a command, the engine or a
    check is an error: the script stops, cleans up, and exits non-zero.
.EXAMPLE
    pwsh -File bench/Measure-PSDocker.ps1 -ModulePath out/PSDocker/PSDocker.psd1
.EXAMPLE
    pwsh -File bench/Measure-PSDocker.ps1 -Quick
#>
[CmdletBinding()]
param(
    # The module manifest to measure.
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'),
    # The engine: unix:///path/docker.sock or tcp://host:port.
    [string] $Endpoint = $(if ($env:PSDOCKER_TEST_ENDPOINT) { $env:PSDOCKER_TEST_ENDPOINT } else { $env:DOCKER_HOST }),
    # An image on the engine that has busybox sh, sleep and wait (the test image).
    [string] $Image = $env:PSDOCKER_TEST_IMAGE,
    # Timed runs per measurement (after one discarded warm-up run).
    [ValidateRange(1, 1000)]
    [int] $Repeat = 9,
    # Containers on the engine while Get-Container is measured.
    [ValidateRange(1, 5000)]
    [int] $Containers = 200,
    # Containers per start / stop / remove run.
    [ValidateRange(1, 500)]
    [int] $Batch = 30,
    # A smoke run: 3 repetitions, 50 containers, batches of 10 (unless given explicitly).
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$PSNativeCommandUseErrorActionPreference = $false   # exit codes are checked by hand

if ($Quick) {
    if (-not $PSBoundParameters.ContainsKey('Repeat')) { $Repeat = 3 }
    if (-not $PSBoundParameters.ContainsKey('Containers')) { $Containers = 50 }
    if (-not $PSBoundParameters.ContainsKey('Batch')) { $Batch = 10 }
}

# --------------------------------------------------------------------------- inputs

if (-not $Endpoint) { throw 'No engine: pass -Endpoint, or set PSDOCKER_TEST_ENDPOINT or DOCKER_HOST (dot-source the test engine''s env.ps1).' }
if (-not $Image) { throw 'No image: pass -Image or set PSDOCKER_TEST_IMAGE.' }
if (-not (Test-Path -LiteralPath $ModulePath)) { throw "Module not found: $ModulePath (build it with ./build.ps1)." }
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
if (-not (Get-Command docker -CommandType Application -ErrorAction SilentlyContinue)) { throw 'The docker CLI is not on PATH.' }

# The API version of the bare call (and of the setup helper). Engines serve older versions, and
# PSDocker negotiates 1.41 with Docker 20.10 and Podman 4.
$ApiVersion = '1.41'
$socketPath = $null
$tcpBase = $null
if ($Endpoint -match '^unix://(/.+)$') { $socketPath = $Matches[1] }
elseif ($Endpoint -match '^(?:tcp|http)://([^/]+)/?$') { $tcpBase = "http://$($Matches[1])/" }
else { throw "Unsupported endpoint '$Endpoint': use unix:///path or tcp://host:port." }
$apiUrl = if ($socketPath) { "http://localhost/v$ApiVersion/containers/json?all=1" } else { "${tcpBase}v$ApiVersion/containers/json?all=1" }

# PSDocker and the docker CLI both read DOCKER_HOST; the CLI also gets -H.
$env:DOCKER_HOST = $Endpoint
# Quieter, steadier child pwsh processes (no update check or telemetry at start-up).
$env:POWERSHELL_UPDATECHECK = 'Off'
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'

# This process's executable. Under `dotnet pwsh` that is dotnet itself, which needs pwsh.dll.
$selfPath = (Get-Process -Id $PID).Path
$pwshCommand = @(if ([IO.Path]::GetFileNameWithoutExtension($selfPath) -eq 'dotnet') { $selfPath; Join-Path $PSHOME 'pwsh.dll' } else { $selfPath })

# --------------------------------------------------------------------------- engine helper (setup only)

Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

/// <summary>Parallel Engine API calls for setting up and checking benchmark containers.</summary>
public sealed class PsdBenchEngine : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _api;

    public PsdBenchEngine(string socketPath, string tcpBase, string apiVersion)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 };
        // PowerShell passes $null to a string parameter as "": test for empty, not null.
        if (!string.IsNullOrEmpty(socketPath))
        {
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        _http = new HttpClient(handler) { BaseAddress = new Uri(!string.IsNullOrEmpty(socketPath) ? "http://localhost/" : tcpBase), Timeout = TimeSpan.FromMinutes(3) };
        _api = "v" + apiVersion + "/";
    }

    public string Send(string method, string path, string body) => SendAsync(new HttpMethod(method), path, body, false).GetAwaiter().GetResult();

    private async Task<string> SendAsync(HttpMethod method, string path, string body, bool missingIsFine)
    {
        using var request = new HttpRequestMessage(method, path.StartsWith("_") ? path : _api + path);
        if (!string.IsNullOrEmpty(body)) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _http.SendAsync(request).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified) return text;
        if (missingIsFine && response.StatusCode == HttpStatusCode.NotFound) return text;
        throw new InvalidOperationException(method + " " + path + ": HTTP " + (int)response.StatusCode + " " + text.Trim());
    }

    private static T[] RunAll<T>(IEnumerable<Func<Task<T>>> work, int parallel)
    {
        using var gate = new SemaphoreSlim(parallel);
        Task<T>[] tasks = work.Select(async w =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try { return await w().ConfigureAwait(false); }
            finally { gate.Release(); }
        }).ToArray();
        return Task.WhenAll(tasks).GetAwaiter().GetResult();
    }

    /// <summary>Creates count containers from one create body; returns their IDs.</summary>
    public string[] Create(string body, int count, int parallel) =>
        RunAll(Enumerable.Range(0, count).Select(_ => (Func<Task<string>>)(async () =>
        {
            string text = await SendAsync(HttpMethod.Post, "containers/create", body, false).ConfigureAwait(false);
            using JsonDocument doc = JsonDocument.Parse(text);
            return doc.RootElement.GetProperty("Id").GetString();
        })), parallel);

    public void Start(string[] ids, int parallel) =>
        RunAll(ids.Select(id => (Func<Task<string>>)(() => SendAsync(HttpMethod.Post, "containers/" + id + "/start", null, false))), parallel);

    /// <summary>Force-removes containers (with anonymous volumes); already gone is fine.</summary>
    public void Remove(string[] ids, int parallel) =>
        RunAll(ids.Select(id => (Func<Task<string>>)(() => SendAsync(HttpMethod.Delete, "containers/" + id + "?force=1&v=1", null, true))), parallel);

    /// <summary>IDs of the containers with a label (key or key=value), optionally in one state.</summary>
    public string[] List(string label, string status)
    {
        var filters = new Dictionary<string, string[]> { ["label"] = new[] { label } };
        if (!string.IsNullOrEmpty(status)) filters["status"] = new[] { status };
        string text = SendAsync(HttpMethod.Get, "containers/json?all=1&filters=" + Uri.EscapeDataString(JsonSerializer.Serialize(filters)), null, false).GetAwaiter().GetResult();
        using JsonDocument doc = JsonDocument.Parse(text);
        return doc.RootElement.EnumerateArray().Select(e => e.GetProperty("Id").GetString()).ToArray();
    }

    /// <summary>"status:exitcode" of each container, from inspect.</summary>
    public string[] States(string[] ids, int parallel) =>
        RunAll(ids.Select(id => (Func<Task<string>>)(async () =>
        {
            string text = await SendAsync(HttpMethod.Get, "containers/" + id + "/json", null, false).ConfigureAwait(false);
            using JsonDocument doc = JsonDocument.Parse(text);
            JsonElement state = doc.RootElement.GetProperty("State");
            return state.GetProperty("Status").GetString() + ":" + state.GetProperty("ExitCode").GetInt32();
        })), parallel);

    public void Dispose() => _http.Dispose();
}
'@

$engine = [PsdBenchEngine]::new($socketPath, $tcpBase, $ApiVersion)
$parallel = 8
$termCommand = @('sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait')

function New-BenchContainer {
    param([string] $Label, [int] $Count, [switch] $Start)
    $body = @{ Image = $Image; Cmd = $termCommand; Labels = @{ psdbench = $Label } } | ConvertTo-Json -Compress -Depth 5
    [string[]] $ids = $engine.Create($body, $Count, $parallel)
    if ($Start) {
        $engine.Start($ids, $parallel)
        # Let each shell install its TERM trap before anything signals it.
        Start-Sleep -Milliseconds 500
    }
    , $ids
}

function Remove-BenchContainer {
    param([string] $Label)   # $null: every bench container
    $filter = if ($Label) { "psdbench=$Label" } else { 'psdbench' }
    [string[]] $ids = $engine.List($filter, $null)
    if ($ids.Count -gt 0) { $engine.Remove($ids, $parallel) }
    $left = $engine.List($filter, $null)
    if ($left.Count -gt 0) { throw "$($left.Count) container(s) labelled $filter are still there after removal." }
}

function Assert-Native([string] $What) {
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE." }
}

# --------------------------------------------------------------------------- timing

function Get-Median([double[]] $Values) {
    $s = [double[]]($Values | Sort-Object)
    $n = $s.Count
    if ($n % 2) { $s[($n - 1) / 2] } else { ($s[$n / 2 - 1] + $s[$n / 2]) / 2 }
}

function Measure-Once([scriptblock] $Block) {
    [GC]::Collect()
    [GC]::WaitForPendingFinalizers()
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $null = & $Block
    $sw.Stop()
    $sw.Elapsed.TotalMilliseconds
}

<#
 Sides: an ordered dictionary name -> @{ Setup = {..}; Run = {..}; Check = {..} } (Setup and Check
 optional, both untimed). One warm-up round, then $Repeat rounds; each round runs every side once,
 starting with a different side each round so drift is shared. Returns name -> samples (ms).
#>
function Measure-Sides {
    param([string] $Title, [System.Collections.Specialized.OrderedDictionary] $Sides)
    $names = @($Sides.Keys)
    $samples = [ordered]@{}
    $warmup = [ordered]@{}
    foreach ($name in $names) { $samples[$name] = [Collections.Generic.List[double]]::new() }
    Write-Host "  $Title " -NoNewline
    for ($round = 0; $round -le $Repeat; $round++) {
        for ($k = 0; $k -lt $names.Count; $k++) {
            $name = $names[($round + $k) % $names.Count]
            $side = $Sides[$name]
            if ($side.Contains('Setup')) { $null = & $side.Setup }
            if ($side.Contains('Reported')) {
                # The run reports its own time (ms, invariant culture) as its last line of output.
                [GC]::Collect()
                $ms = [double]::Parse([string](@(& $side.Run)[-1]), [cultureinfo]::InvariantCulture)
            }
            else { $ms = Measure-Once $side.Run }
            if ($side.Contains('Check')) { $null = & $side.Check }
            if ($round -eq 0) { $warmup[$name] = $ms } else { $samples[$name].Add($ms) }
        }
        Write-Host '.' -NoNewline
    }
    Write-Host ''
    foreach ($name in $names) {
        $s = $samples[$name]
        Write-Host ('    {0,-34} median {1,8:N1} ms   min {2,8:N1}   max {3,8:N1}   warm-up {4,8:N1}   n={5}' -f $name, (Get-Median $s), ($s | Measure-Object -Minimum).Minimum, ($s | Measure-Object -Maximum).Maximum, $warmup[$name], $s.Count)
    }
    # Rounds pair the sides in time: the median of the per-round ratios is less sensitive to drift.
    $first = $samples[$names[0]]
    foreach ($name in ($names | Select-Object -Skip 1 | Where-Object { -not $Sides[$_].Contains('Reported') })) {
        $ratios = for ($i = 0; $i -lt $first.Count; $i++) { $first[$i] / $samples[$name][$i] }
        Write-Host ('    paired: median of per-round ratios {0} / {1} = {2:N2}x' -f $names[0], $name, (Get-Median $ratios))
    }
    [pscustomobject]@{ Samples = $samples; Warmup = $warmup }
}

$results = [Collections.Generic.List[object]]::new()
function Add-Result {
    param([string] $Scenario, [double] $Ours, [string] $Comparison, [double] $Theirs, [string] $Target, [bool] $Met, [string] $Ratio)
    $results.Add([pscustomobject]@{
        Scenario = $Scenario; PSDockerMs = $Ours; Comparison = $Comparison; ComparisonMs = $Theirs
        Ratio = $Ratio; Target = $Target; Met = $(if ($Met) { 'yes' } else { 'no' })
    })
}
function Format-Ratio([double] $a, [double] $b) { '{0:N2}x' -f ($a / $b) }

# --------------------------------------------------------------------------- run

$serverVersion = ($engine.Send('GET', 'version', $null) | ConvertFrom-Json)
$null = $engine.Send('GET', "images/$Image/json", $null)   # the image must exist
$dockerVersion = (docker -H $Endpoint version --format '{{.Client.Version}}' 2>$null)
Assert-Native 'docker version'

Import-Module $ModulePath -Force
$module = Get-Module PSDocker
if (-not $module -or $module.ModuleBase -ne (Split-Path $ModulePath -Parent)) { throw "Imported the wrong PSDocker: $($module.ModuleBase)" }

Write-Host "PSDocker benchmark"
Write-Host ("  module   {0} {1}" -f $module.Version, $module.ModuleBase)
Write-Host ("  engine   {0} (Docker {1}, API {2}, {3})" -f $Endpoint, $serverVersion.Version, $serverVersion.ApiVersion, $serverVersion.Os)
Write-Host ("  docker   CLI {0}" -f $dockerVersion)
Write-Host ("  pwsh     {0} ({1}) on {2} cores" -f $PSVersionTable.PSVersion, ($pwshCommand -join ' '), [Environment]::ProcessorCount)
if (Test-Path /proc/loadavg) { Write-Host ("  load     {0} (1/5/15 min load average at the start; other work on the machine adds noise)" -f ((Get-Content /proc/loadavg -Raw).Split(' ')[0..2] -join ' ')) }
Write-Host ("  runs     median of {0}, one warm-up discarded; {1} containers listed; batches of {2}" -f $Repeat, $Containers, $Batch)
Write-Host ''

$script:sink = $null
$script:ids = @()
$total = [Diagnostics.Stopwatch]::StartNew()
try {
    Remove-BenchContainer $null

    # ---- 1. Get-Container with N containers ------------------------------------
    Write-Host "1. Listing $Containers containers"
    $null = New-BenchContainer -Label list -Count $Containers
    # Each result must hold all the bench containers (others on a shared engine may come and go).
    function Assert-Listed([int] $Found) { if ($Found -ne $Containers) { throw "Expected $Containers containers labelled psdbench=list in the list, found $Found." } }
    $irmRun = if ($socketPath) { { $script:sink = Invoke-RestMethod -UnixSocket $socketPath $apiUrl } } else { { $script:sink = Invoke-RestMethod $apiUrl } }
    $list = Measure-Sides 'Get-Container' ([ordered]@{
        'Get-Container'       = @{
            Run   = { $script:sink = Get-Container }
            Check = { Assert-Listed @($script:sink | Where-Object { $_.Labels.ContainsKey('psdbench') -and $_.Labels['psdbench'] -eq 'list' }).Count }
        }
        'Invoke-RestMethod'   = @{
            Run   = $irmRun
            Check = { Assert-Listed @($script:sink | Where-Object { $_.Labels -and $_.Labels.psobject.Properties['psdbench'] -and $_.Labels.psdbench -eq 'list' }).Count }
        }
        'docker ps -a | json' = @{
            Run   = { $script:sink = docker -H $Endpoint ps -a --format '{{json .}}' | ConvertFrom-Json }
            Check = { Assert-Native 'docker ps'; Assert-Listed @($script:sink | Where-Object { $_.Labels -match '(^|,)psdbench=list(,|$)' }).Count }
        }
    })
    Write-Host ("    first Get-Container in this process (the warm-up run): {0:N1} ms" -f $list.Warmup['Get-Container'])
    $gc = Get-Median $list.Samples['Get-Container']
    $irm = Get-Median $list.Samples['Invoke-RestMethod']
    $cli = Get-Median $list.Samples['docker ps -a | json']
    Add-Result "Get-Container ($Containers containers)" $gc 'Invoke-RestMethod /containers/json' $irm '<= 1.25x' ($gc -le 1.25 * $irm) (Format-Ratio $gc $irm)
    Add-Result "Get-Container ($Containers containers)" $gc "docker ps -a --format '{{json .}}' | ConvertFrom-Json" $cli '< 1.00x' ($gc -lt $cli) (Format-Ratio $gc $cli)
    Remove-BenchContainer list
    Write-Host ''

    # ---- 2. Start N created containers -----------------------------------------
    Write-Host "2. Starting $Batch created containers"
    $setupCreated = { Remove-BenchContainer batch; $script:ids = New-BenchContainer -Label batch -Count $Batch }
    $checkRunning = {
        $running = $engine.List('psdbench=batch', 'running')
        if ($running.Count -ne $Batch) { throw "Expected $Batch running containers, found $($running.Count)." }
    }
    $start = Measure-Sides 'Start' ([ordered]@{
        'Get-Container | Start-Container' = @{ Setup = $setupCreated; Run = { Get-Container -Label psdbench=batch | Start-Container }; Check = $checkRunning }
        'docker start'                    = @{ Setup = $setupCreated; Run = { $script:sink = docker -H $Endpoint start $script:ids }; Check = { Assert-Native 'docker start'; & $checkRunning } }
    })
    $ours = Get-Median $start.Samples['Get-Container | Start-Container']
    $theirs = Get-Median $start.Samples['docker start']
    Add-Result "Get-Container -Label | Start-Container ($Batch)" $ours 'docker start <ids>' $theirs '<= 0.75x' ($ours -le 0.75 * $theirs) (Format-Ratio $ours $theirs)
    Remove-BenchContainer batch
    Write-Host ''

    # ---- 3. Stop and remove N running containers -------------------------------
    Write-Host "3. Stopping and removing $Batch running containers"
    $stopTimeout = 10   # the containers exit on SIGTERM at once; the check below proves the timeout never hit
    $setupRunning = { Remove-BenchContainer stop; $script:ids = New-BenchContainer -Label stop -Count $Batch -Start }
    $checkStopped = {
        $bad = @($engine.States($script:ids, $parallel) | Where-Object { $_ -ne 'exited:0' })
        if ($bad.Count -gt 0) { throw "$($bad.Count) container(s) did not exit on SIGTERM with 0 (e.g. $($bad[0])); the stop timing would include the stop timeout." }
    }
    $stop = Measure-Sides 'Stop' ([ordered]@{
        'Stop-Container' = @{ Setup = $setupRunning; Run = { Stop-Container -Id $script:ids -Timeout $stopTimeout }; Check = $checkStopped }
        'docker stop'    = @{ Setup = $setupRunning; Run = { $script:sink = docker -H $Endpoint stop -t $stopTimeout $script:ids }; Check = { Assert-Native 'docker stop'; & $checkStopped } }
    })
    $ours = Get-Median $stop.Samples['Stop-Container']
    $theirs = Get-Median $stop.Samples['docker stop']
    Add-Result "Stop-Container ($Batch running)" $ours "docker stop -t $stopTimeout <ids>" $theirs '<= 1.00x' ($ours -le $theirs) (Format-Ratio $ours $theirs)
    Remove-BenchContainer stop

    $setupRunningRm = { Remove-BenchContainer rm; $script:ids = New-BenchContainer -Label rm -Count $Batch -Start }
    $checkGone = {
        $left = $engine.List('psdbench=rm', $null)
        if ($left.Count -ne 0) { throw "$($left.Count) container(s) were not removed." }
    }
    $remove = Measure-Sides 'Remove' ([ordered]@{
        'Remove-Container -Force' = @{ Setup = $setupRunningRm; Run = { Remove-Container -Id $script:ids -Force }; Check = $checkGone }
        'docker rm -f'            = @{ Setup = $setupRunningRm; Run = { $script:sink = docker -H $Endpoint rm -f $script:ids }; Check = { Assert-Native 'docker rm'; & $checkGone } }
    })
    $ours = Get-Median $remove.Samples['Remove-Container -Force']
    $theirs = Get-Median $remove.Samples['docker rm -f']
    Add-Result "Remove-Container -Force ($Batch running)" $ours 'docker rm -f <ids>' $theirs '<= 1.00x' ($ours -le $theirs) (Format-Ratio $ours $theirs)
    Remove-BenchContainer rm
    Write-Host ''

    # ---- 4. Import-Module cost -------------------------------------------------
    Write-Host '4. Import-Module cost (child pwsh processes)'
    $pwshExe = $pwshCommand[0]
    [string[]] $pwshPre = @($pwshCommand | Select-Object -Skip 1)
    $importCommand = "Import-Module '$($ModulePath -replace "'", "''")'"
    # For reference, not for the target: what the first Import-Module of a process costs for a module
    # with nothing in it (PowerShell's own module machinery, which pwsh -c '$null' never starts).
    $emptyModule = Join-Path ([IO.Path]::GetTempPath()) "psdbench-$PID/PSDBenchEmpty/PSDBenchEmpty.psd1"
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $emptyModule)
    Set-Content -LiteralPath $emptyModule -Value "@{ ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @(); CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"
    $emptyCommand = "Import-Module '$($emptyModule -replace "'", "''")'"
    # And the import alone, timed inside the child: free of process start-up noise.
    $timedImportCommand = "`$s = [Diagnostics.Stopwatch]::StartNew(); $importCommand; `$s.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)"
    try {
        $import = Measure-Sides 'Import' ([ordered]@{
            'pwsh -c Import-Module PSDocker' = @{ Run = { & $pwshExe @pwshPre -NoProfile -c $importCommand }; Check = { Assert-Native 'pwsh -c Import-Module' } }
            'pwsh -c $null'                  = @{ Run = { & $pwshExe @pwshPre -NoProfile -c '$null' }; Check = { Assert-Native 'pwsh -c $null' } }
            'pwsh -c Import-Module <empty>'  = @{ Run = { & $pwshExe @pwshPre -NoProfile -c $emptyCommand }; Check = { Assert-Native 'pwsh -c Import-Module <empty>' } }
            'Import-Module, child stopwatch' = @{ Reported = $true; Run = { & $pwshExe @pwshPre -NoProfile -c $timedImportCommand }; Check = { Assert-Native 'pwsh -c (timed Import-Module)' } }
        })
    }
    finally { Remove-Item -LiteralPath (Split-Path (Split-Path $emptyModule)) -Recurse -Force -ErrorAction SilentlyContinue }
    $withImport = Get-Median $import.Samples['pwsh -c Import-Module PSDocker']
    $bare = Get-Median $import.Samples['pwsh -c $null']
    $emptyImport = Get-Median $import.Samples['pwsh -c Import-Module <empty>']
    $cost = $withImport - $bare
    Write-Host ("    Import-Module cost: {0:N1} ms ({1:N1} - {2:N1})" -f $cost, $withImport, $bare)
    Write-Host ("    for reference, an empty module by the same measure: {0:N1} ms (PowerShell's first Import-Module of a process)" -f ($emptyImport - $bare))
    Write-Host ("    cross-check, Import-Module timed inside the child: {0:N1} ms" -f (Get-Median $import.Samples['Import-Module, child stopwatch']))
    Add-Result 'Import-Module (child pwsh, minus bare start-up)' $cost "pwsh -NoProfile -c '`$null' (start-up)" $bare '<= 150 ms' ($cost -le 150) 'n/a'
    Write-Host ''
}
finally {
    $cleanupError = $null
    try { Remove-BenchContainer $null } catch { $cleanupError = $_ }
    $engine.Dispose()
    if ($cleanupError) { Write-Warning "Cleanup failed: $cleanupError" }
}

# --------------------------------------------------------------------------- report

$loadNow = if (Test-Path /proc/loadavg) { '; load average now ' + ((Get-Content /proc/loadavg -Raw).Split(' ')[0..2] -join ' ') } else { '' }
Write-Host ("Results (medians of {0} runs; ratio = PSDocker / comparison; {1:N0} s in all{2})" -f $Repeat, $total.Elapsed.TotalSeconds, $loadNow)
$results | Format-Table -AutoSize -Wrap @(
    @{ Label = 'Scenario'; Expression = { $_.Scenario } }
    @{ Label = 'PSDocker ms'; Expression = { '{0:N1}' -f $_.PSDockerMs }; Align = 'Right' }
    @{ Label = 'Comparison'; Expression = { $_.Comparison } }
    @{ Label = 'Comparison ms'; Expression = { '{0:N1}' -f $_.ComparisonMs }; Align = 'Right' }
    @{ Label = 'Ratio'; Expression = { $_.Ratio }; Align = 'Right' }
    @{ Label = 'Target'; Expression = { $_.Target } }
    @{ Label = 'Met'; Expression = { $_.Met } }
) | Out-String -Width 220 | Write-Host

$missed = @($results | Where-Object Met -EQ 'no')
Write-Host ("{0} of {1} targets met{2}" -f ($results.Count - $missed.Count), $results.Count, $(if ($missed) { '; missed: ' + (($missed | ForEach-Object { "$($_.Scenario) vs $($_.Comparison)" }) -join '; ') } else { '' }))
Write-Host ''
Write-Host 'Markdown:'
Write-Host ''
Write-Host "| Scenario | PSDocker ms | Comparison | Comparison ms | Ratio | Target | Met |"
Write-Host "|---|--:|---|--:|--:|---|---|"
foreach ($r in $results) {
    $comparison = $r.Comparison -replace '\|', '\|'
    Write-Host ("| {0} | {1:N1} | ``{2}`` | {3:N1} | {4} | {5} | {6} |" -f ($r.Scenario -replace '\|', '\|'), $r.PSDockerMs, $comparison, $r.ComparisonMs, $r.Ratio, ($r.Target -replace '<=', '≤'), $r.Met)
}
Write-Host ''
Write-Host ("_PSDocker {0}, Docker {1} (API {2}), docker CLI {3}, pwsh {4}, {5} cores; medians of {6} runs after one warm-up._" -f $module.Version, $serverVersion.Version, $serverVersion.ApiVersion, $dockerVersion, $PSVersionTable.PSVersion, [Environment]::ProcessorCount, $Repeat)
