#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Measures how fast Get-ContainerEvent -Follow hands an engine event to the pipeline, against the docker CLI and a bare
    HttpClient stream, all three listening to the same events at the same time.
.DESCRIPTION
    Three listeners follow the engine's events for one bench container, side by side in this process:

      1. PSDocker: Get-ContainerEvent -Follow -Filter @{ container = <id> } in a runspace of its own; the time is taken
         in the next pipeline command (ForEach-Object), so it includes the cmdlet's reading, parsing and WriteObject.
      2. docker CLI: docker events --format '{{json .}}' --filter container=<id>, its standard output read line by line.
      3. bare: HttpClient over the engine's unix socket, GET /events?filters=..., the body read line by line
         (no parsing: the floor of what any client can do).

    Then -Count times, the container is paused or unpaused through the Engine API (Invoke-RestMethod), and the time
    from the engine's own timestamp on the event (timeNano, the host's clock) to each listener's arrival of it is
    recorded (the engine sends the event before its HTTP answer to the pause call arrives, so that answer is no
    reference). The script prints the
    median and 95th percentile per listener and the ratios PSDocker / CLI and PSDocker / bare, and whether PSDocker met
    the 50 ms target. Nothing here asserts: a missed target is reported.
.EXAMPLE
    . /tmp/psdtest/env.ps1; pwsh -File bench/Measure-Events.ps1
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'),
    [string] $Endpoint = $(if ($env:PSDOCKER_TEST_ENDPOINT) { $env:PSDOCKER_TEST_ENDPOINT } else { $env:DOCKER_HOST }),
    [string] $Image = $(if ($env:PSDOCKER_TEST_IMAGE) { $env:PSDOCKER_TEST_IMAGE } else { 'psdocker-test/busybox:1.35' }),
    # Engine events triggered (pause and unpause alternately).
    [ValidateRange(4, 1000)]
    [int] $Count = 40,
    # The latency PSDocker should stay under (the issue's target).
    [double] $TargetMs = 50
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
if (-not $Endpoint) { throw 'No engine: pass -Endpoint, or set PSDOCKER_TEST_ENDPOINT or DOCKER_HOST.' }
if ($Endpoint -notmatch '^unix://(/.+)$') { throw "Unsupported endpoint '$Endpoint': use unix:///path." }
$socketPath = $Matches[1]
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$env:DOCKER_HOST = $Endpoint
$api = 'http://localhost/v1.41'

# The bare listener: HttpClient with a unix-socket ConnectCallback, the body read line by line, the clock read per line.
Add-Type -TypeDefinition @'
using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

public static class BareEventListener
{
    public static Task Start(string socketPath, string pathAndQuery, ConcurrentQueue<long> arrivals, TaskCompletionSource<bool> ready, CancellationToken ct)
    {
        return Task.Run(async () =>
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, token) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            };
            using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            using var response = await http.GetAsync("http://localhost" + pathAndQuery, HttpCompletionOption.ResponseHeadersRead, ct);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            ready.TrySetResult(true);
            try
            {
                while (await reader.ReadLineAsync(ct) is string line)
                    if (line.Length > 0) arrivals.Enqueue(DateTime.UtcNow.Ticks);
            }
            catch (OperationCanceledException) { }
        });
    }

    public static void Pump(StreamReader output, ConcurrentQueue<long> arrivals)
    {
        new Thread(() =>
        {
            string line;
            while ((line = output.ReadLine()) != null)
                if (line.Length > 0) arrivals.Enqueue(DateTime.UtcNow.Ticks);
        }) { IsBackground = true }.Start();
    }
}
'@

function Invoke-Api([string] $Method, [string] $Path, $Body) {
    $p = @{ UnixSocket = $socketPath; Method = $Method; Uri = "$api/$Path"; TimeoutSec = 120 }
    if ($null -ne $Body) { $p.Body = ($Body | ConvertTo-Json -Compress -Depth 5); $p.ContentType = 'application/json' }
    Invoke-RestMethod @p
}

function Get-Percentile([double[]] $Values, [double] $P) {
    $sorted = @($Values | Sort-Object)
    $sorted[[Math]::Min($sorted.Count - 1, [int][Math]::Ceiling($P / 100 * $sorted.Count) - 1)]
}

$id = (Invoke-Api POST 'containers/create' @{ Image = $Image; Cmd = @('sleep', '3600'); Labels = @{ psdbench = 'events' } }).Id
$null = Invoke-Api POST "containers/$id/start" $null
$tick = [TimeSpan]::TicksPerMillisecond
$epoch = [DateTime]::UnixEpoch.Ticks
# When the engine stamped each event (its timeNano), in the order PSDocker received them.
$sent = [System.Collections.Concurrent.ConcurrentQueue[long]]::new()
$queues = [ordered]@{
    'Get-ContainerEvent -Follow' = [System.Collections.Concurrent.ConcurrentQueue[long]]::new()
    'docker events (CLI)'        = [System.Collections.Concurrent.ConcurrentQueue[long]]::new()
    'bare HttpClient stream'     = [System.Collections.Concurrent.ConcurrentQueue[long]]::new()
}
$cts = [Threading.CancellationTokenSource]::new()
$ps = $null; $cli = $null
try {
    # 1. PSDocker, in a runspace of its own; the clock is read in the next pipeline command.
    $ps = [powershell]::Create()
    $null = $ps.AddScript({
            param($Manifest, $Id, $Queue, $Sent)
            Import-Module $Manifest
            Get-ContainerEvent -Follow -Filter @{ container = $Id } | ForEach-Object { $Queue.Enqueue([DateTime]::UtcNow.Ticks); $Sent.Enqueue($_.TimeNano) }
        }).AddArgument($ModulePath).AddArgument($id).AddArgument($queues['Get-ContainerEvent -Follow']).AddArgument($sent)
    $psAsync = $ps.BeginInvoke()

    # 2. The docker CLI, its output read line by line on a thread.
    $start = [Diagnostics.ProcessStartInfo]::new('docker')
    foreach ($a in '-H', $Endpoint, 'events', '--format', '{{json .}}', '--filter', "container=$id") { $start.ArgumentList.Add($a) }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $cli = [Diagnostics.Process]::Start($start)
    [BareEventListener]::Pump($cli.StandardOutput, $queues['docker events (CLI)'])

    # 3. Bare HttpClient.
    $ready = [System.Threading.Tasks.TaskCompletionSource[bool]]::new()
    $filters = [uri]::EscapeDataString((@{ container = @($id) } | ConvertTo-Json -Compress))
    $bare = [BareEventListener]::Start($socketPath, "/v1.41/events?filters=$filters", $queues['bare HttpClient stream'], $ready, $cts.Token)
    $null = $ready.Task.Wait(10000)

    # Let every listener subscribe: trigger events until each has seen one, then start counting afresh.
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    $paused = $false
    while (@($queues.Values | Where-Object { $_.Count -eq 0 }).Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) {
        $null = Invoke-Api POST "containers/$id/$(if ($paused) { 'unpause' } else { 'pause' })" $null
        $paused = -not $paused
        Start-Sleep -Milliseconds 300
    }
    if (@($queues.Values | Where-Object { $_.Count -eq 0 }).Count -gt 0) { throw 'A listener saw no event within 30 s.' }
    Start-Sleep -Milliseconds 300
    foreach ($q in $queues.Values) { $drop = 0L; while ($q.TryDequeue([ref]$drop)) { } }
    $drop = 0L; while ($sent.TryDequeue([ref]$drop)) { }

    $latency = @{}
    foreach ($name in $queues.Keys) { $latency[$name] = [System.Collections.Generic.List[double]]::new() }
    for ($i = 0; $i -lt $Count; $i++) {
        $null = Invoke-Api POST "containers/$id/$(if ($paused) { 'unpause' } else { 'pause' })" $null
        $paused = -not $paused
        $wait = [DateTime]::UtcNow.AddSeconds(5)
        while (@($queues.Values | Where-Object { $_.Count -eq 0 }).Count -gt 0 -and [DateTime]::UtcNow -lt $wait) { [Threading.Thread]::Sleep(1) }
        $nanos = 0L
        if (-not $sent.TryDequeue([ref]$nanos)) { continue }
        $t0 = $epoch + [long]($nanos / 100)
        foreach ($name in $queues.Keys) {
            $arrived = 0L
            if ($queues[$name].TryDequeue([ref]$arrived)) { $latency[$name].Add(($arrived - $t0) / $tick) }
        }
        Start-Sleep -Milliseconds 50
    }

    Write-Host 'PSDocker events benchmark: engine event to pipeline'
    Write-Host ("  engine   {0}; docker CLI {1}; pwsh {2} on {3} cores" -f $Endpoint, (& docker version --format '{{.Client.Version}}' 2>$null), $PSVersionTable.PSVersion, [Environment]::ProcessorCount)
    if (Test-Path /proc/loadavg) { Write-Host ("  load     {0}" -f ((Get-Content /proc/loadavg -Raw).Split(' ')[0..2] -join ' ')) }
    Write-Host ("  events   {0} (pause/unpause), time from the engine's timestamp on the event (timeNano) to arrival" -f $Count)
    Write-Host ''
    $stats = [ordered]@{}
    foreach ($name in $queues.Keys) {
        $v = [double[]]$latency[$name]
        $stats[$name] = @{ Median = (Get-Percentile $v 50); P95 = (Get-Percentile $v 95); N = $v.Count }
        Write-Host ('  {0,-28} median {1,7:N1} ms   p95 {2,7:N1} ms   max {3,7:N1} ms   n={4}' -f $name, $stats[$name].Median, $stats[$name].P95, ($v | Measure-Object -Maximum).Maximum, $v.Count)
    }
    $ours = $stats['Get-ContainerEvent -Follow']
    foreach ($other in 'docker events (CLI)', 'bare HttpClient stream') {
        Write-Host ('  PSDocker - {0,-22} median {1,7:N1} ms   p95 {2,7:N1} ms' -f $other, ($ours.Median - $stats[$other].Median), ($ours.P95 - $stats[$other].P95))
        if ($stats[$other].Median -gt 0) {
            Write-Host ('  PSDocker / {0,-22} median {1,7:N2}x   p95 {2,7:N2}x' -f $other, ($ours.Median / $stats[$other].Median), ($ours.P95 / [Math]::Max($stats[$other].P95, 0.001)))
        }
    }
    Write-Host ('  target   p95 <= {0} ms: {1}' -f $TargetMs, $(if ($ours.P95 -le $TargetMs -and $ours.N -eq $Count) { 'met' } else { 'MISSED' }))
}
finally {
    $cts.Cancel()
    if ($ps) { $ps.Stop(); $ps.Dispose() }
    if ($cli -and -not $cli.HasExited) { $cli.Kill() }
    $null = Invoke-Api DELETE "containers/$($id)?force=1" $null
}
