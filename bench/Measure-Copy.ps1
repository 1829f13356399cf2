#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Measures Copy-ContainerItem (docker cp) of a 100 MB tree into a container and back, against docker cp and the bare Engine API.
.DESCRIPTION
    Runs in one pwsh process against a live engine and prints, for each direction, the median of -Repeat timed
    runs (one more warm-up run is discarded) of three sides, each round starting with a different side:

      1. Into a container: Copy-ContainerItem -Path <tree> -Destination c:/in/<n>, against docker cp <tree> c:/in/<n>,
         against the bare call: an HttpClient PUT /containers/{id}/archive whose body is a tar written by
         System.Formats.Tar into a pipe while it is sent.
      2. Out of a container: Copy-ContainerItem -Path c:/src/tree -Destination <local>, against docker cp, against the
         bare call: an HttpClient GET /containers/{id}/archive extracted with System.Formats.Tar as it arrives.

    The tree (-SmallFiles files of 4 KiB plus 3 large files, about -SizeMB MB in all) is made once in a temporary folder.
    Between runs the copies are deleted outside the timed region. Every run is checked (file count and total size).
    A missed target is reported, never an error.
.EXAMPLE
    . /tmp/psdtest/env.ps1; pwsh -File bench/Measure-Copy.ps1
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'),
    [string] $Endpoint = $(if ($env:PSDOCKER_TEST_ENDPOINT) { $env:PSDOCKER_TEST_ENDPOINT } else { $env:DOCKER_HOST }),
    [string] $Image = $(if ($env:PSDOCKER_TEST_IMAGE) { $env:PSDOCKER_TEST_IMAGE } else { 'psdocker-test/busybox:1.35' }),
    [ValidateRange(1, 100)]
    [int] $Repeat = 5,
    [ValidateRange(10, 2000)]
    [int] $SizeMB = 100,
    [ValidateRange(1, 20000)]
    [int] $SmallFiles = 2000,
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$PSNativeCommandUseErrorActionPreference = $false
if ($Quick -and -not $PSBoundParameters.ContainsKey('Repeat')) { $Repeat = 2 }
if (-not $Endpoint) { throw 'No engine: pass -Endpoint, or set PSDOCKER_TEST_ENDPOINT or DOCKER_HOST.' }
if ($Endpoint -notmatch '^unix://(/.+)$') { throw "Unsupported endpoint '$Endpoint': use unix:///path." }
$socketPath = $Matches[1]
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$env:DOCKER_HOST = $Endpoint

Add-Type -TypeDefinition @'
using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Pipelines;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;

public static class PsdBenchCopy
{
    private static HttpClient _http;

    public static void Init(string socket)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                return new NetworkStream(s, ownsSocket: true);
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://localhost/v1.41/"), Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>PUT a tar of the directory (its own name as the root), written into a pipe while it is sent.</summary>
    public static void Put(string container, string directory, string destination)
    {
        var pipe = new Pipe();
        Task writer = Task.Run(async () =>
        {
            try
            {
                await TarFile.CreateFromDirectoryAsync(directory, pipe.Writer.AsStream(), includeBaseDirectory: true);
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception ex) { await pipe.Writer.CompleteAsync(ex); }
        });
        var content = new StreamContent(pipe.Reader.AsStream(), 256 * 1024);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
        using var response = _http.PutAsync($"containers/{container}/archive?path={Uri.EscapeDataString(destination)}", content).GetAwaiter().GetResult();
        writer.GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode) throw new Exception("PUT archive: " + (int)response.StatusCode + " " + response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    /// <summary>GET a tar of a container path and extract it as it arrives.</summary>
    public static void Get(string container, string path, string destination)
    {
        using var response = _http.GetAsync($"containers/{container}/archive?path={Uri.EscapeDataString(path)}", HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode) throw new Exception("GET archive: " + (int)response.StatusCode);
        using Stream body = response.Content.ReadAsStream();
        Directory.CreateDirectory(destination);
        TarFile.ExtractToDirectoryAsync(body, destination, overwriteFiles: true).GetAwaiter().GetResult();
    }
}
'@ -ReferencedAssemblies System.Formats.Tar, System.IO.Pipelines, System.Net.Http, System.Net.Sockets, System.Net.Primitives, System.Runtime, System.Threading, System.Threading.Tasks, System.Memory, System.Collections, System.Private.CoreLib, netstandard -WarningAction SilentlyContinue -ErrorAction Stop
[PsdBenchCopy]::Init($socketPath)
Import-Module $ModulePath -Force

$work = Join-Path ([IO.Path]::GetTempPath()) "psdbench-copy-$PID"
$tree = Join-Path $work 'tree'
$outDir = Join-Path $work 'out'
$name = "psdbench-copy-$PID"

function New-Tree {
    $null = New-Item -ItemType Directory -Force -Path $tree
    $rng = [Random]::new(42)
    $small = [byte[]]::new(4096)
    foreach ($i in 0..($SmallFiles - 1)) {
        $dir = Join-Path $tree ('d{0:d2}' -f ($i % 40))
        if ($i -lt 40) { $null = New-Item -ItemType Directory -Force -Path $dir }
        $rng.NextBytes($small)
        [IO.File]::WriteAllBytes((Join-Path $dir "f$i.bin"), $small)
    }
    $bigBytes = [long](($SizeMB * 1MB - $SmallFiles * 4096) / 3)
    $chunk = [byte[]]::new(1MB)
    foreach ($b in 1..3) {
        $fs = [IO.File]::Create((Join-Path $tree "big$b.bin"))
        try {
            $left = $bigBytes
            while ($left -gt 0) { $rng.NextBytes($chunk); $n = [int][Math]::Min($chunk.Length, $left); $fs.Write($chunk, 0, $n); $left -= $n }
        }
        finally { $fs.Dispose() }
    }
}

function Get-LocalFacts([string] $Path) {
    $files = @(Get-ChildItem -LiteralPath $Path -Recurse -File)
    "$($files.Count) files, $(($files | Measure-Object Length -Sum).Sum) bytes"
}

function Get-ContainerFacts([string] $Path) {
    $count = (docker exec $name sh -c "busybox find $Path -type f | wc -l").Trim()
    $bytes = (docker exec $name sh -c "busybox find $Path -type f -exec cat {} + | wc -c").Trim()
    "$count files, $bytes bytes"
}

function Measure-Side([scriptblock] $Run) {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers()
    $sw = [Diagnostics.Stopwatch]::StartNew()
    & $Run
    $sw.Stop()
    $sw.Elapsed.TotalMilliseconds
}

try {
    docker rm -f $name 2>$null | Out-Null
    New-Tree
    $expected = Get-LocalFacts $tree
    Write-Host "Tree: $expected; engine $Endpoint; load $((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3)"
    docker run -d --name $name --label psdbench=copy $Image sleep 3600 | Out-Null
    if ($LASTEXITCODE) { throw 'docker run failed' }
    docker exec $name mkdir -p /in /src | Out-Null
    docker cp $tree "$($name):/src" | Out-Null

    $in = [ordered]@{
        'Copy-ContainerItem' = { Copy-ContainerItem -Path $tree -Destination "$($name):/in" -ProgressAction SilentlyContinue }
        'docker cp'          = { docker cp $tree "$($name):/in" | Out-Null; if ($LASTEXITCODE) { throw 'docker cp failed' } }
        'bare API'           = { [PsdBenchCopy]::Put($name, $tree, '/in') }
    }
    $out = [ordered]@{
        'Copy-ContainerItem' = { Copy-ContainerItem -Path "$($name):/src/tree" -Destination $outDir -ProgressAction SilentlyContinue }
        'docker cp'          = { docker cp "$($name):/src/tree" $outDir | Out-Null; if ($LASTEXITCODE) { throw 'docker cp failed' } }
        'bare API'           = { [PsdBenchCopy]::Get($name, '/src/tree', $outDir) }
    }
    $results = [ordered]@{}
    foreach ($direction in 'in', 'out') {
        $sides = if ($direction -eq 'in') { $in } else { $out }
        $times = @{}; foreach ($k in $sides.Keys) { $times[$k] = [Collections.Generic.List[double]]::new() }
        $keys = @($sides.Keys)
        foreach ($round in 0..$Repeat) {
            foreach ($j in 0..($keys.Count - 1)) {
                $k = $keys[($round + $j) % $keys.Count]
                # Every side copies the tree into an existing directory, so each makes <dir>/tree.
                if ($direction -eq 'in') {
                    $ms = Measure-Side $sides[$k]
                    $facts = Get-ContainerFacts /in/tree
                    if ($facts -ne $expected) { throw "$k into the container gave $facts, not $expected" }
                    docker exec $name rm -rf /in/tree | Out-Null
                }
                else {
                    $null = New-Item -ItemType Directory -Force -Path $outDir
                    $ms = Measure-Side $sides[$k]
                    $facts = Get-LocalFacts (Join-Path $outDir 'tree')
                    if ($facts -ne $expected) { throw "$k out of the container gave $facts, not $expected" }
                    Remove-Item -Recurse -Force $outDir
                }
                if ($round -gt 0) { $times[$k].Add($ms) }
            }
        }
        $results[$direction] = $times
    }

    function Median($list) { $s = @($list | Sort-Object); if ($s.Count % 2) { $s[[int][Math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 } }
    $rows = foreach ($direction in 'in', 'out') {
        $t = $results[$direction]
        $ps = Median $t['Copy-ContainerItem']; $cli = Median $t['docker cp']; $bare = Median $t['bare API']
        [pscustomobject]@{
            Direction = $(if ($direction -eq 'in') { 'into container' } else { 'out of container' })
            'Copy-ContainerItem ms' = [Math]::Round($ps)
            'docker cp ms' = [Math]::Round($cli)
            'bare API ms' = [Math]::Round($bare)
            'vs docker cp' = '{0:0.00}x' -f ($ps / $cli)
            'vs bare API' = '{0:0.00}x' -f ($ps / $bare)
            'Met (<= 1.00x docker cp)' = $(if ($ps -le $cli) { 'yes' } else { 'no' })
        }
    }
    $rows | Format-Table -AutoSize | Out-Host
    Write-Host "Medians of $Repeat runs (one warm-up discarded). Markdown:"
    Write-Host '| Copy of a 100 MB tree | Copy-ContainerItem | docker cp | bare API | vs docker cp | vs bare API |'
    Write-Host '|---|---|---|---|---|---|'
    foreach ($r in $rows) { Write-Host "| $($r.Direction) | $($r.'Copy-ContainerItem ms') ms | $($r.'docker cp ms') ms | $($r.'bare API ms') ms | $($r.'vs docker cp') | $($r.'vs bare API') |" }
}
finally {
    docker rm -f $name 2>$null | Out-Null
    if (Test-Path $work) { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
}
