#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Measures Get-ContainerStatistic for -Count running containers against docker stats --no-stream and the bare API calls.
.DESCRIPTION
    -Count busybox containers (labelled psdbench=stats) are started through the Engine API. Each round times, in one process:
      1. Get-ContainerStatistic -Id <ids>          (one sample each, concurrently)
      2. docker stats --no-stream <ids>            (the CLI)
      3. GET /containers/{id}/stats?stream=false for every container at once (ForEach-Object -Parallel, Invoke-RestMethod)
    and prints the medians and the ratios. Docker's one-sample answer waits for its next reading (about 1-2 s), so all
    three are bound by the engine; what differs is the client's overhead and concurrency. Nothing here asserts.
.EXAMPLE
    . /tmp/psdtest/env.ps1; pwsh -File bench/Measure-Stats.ps1
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'),
    [string] $Endpoint = $(if ($env:PSDOCKER_TEST_ENDPOINT) { $env:PSDOCKER_TEST_ENDPOINT } else { $env:DOCKER_HOST }),
    [string] $Image = $(if ($env:PSDOCKER_TEST_IMAGE) { $env:PSDOCKER_TEST_IMAGE } else { 'psdocker-test/busybox:1.35' }),
    [ValidateRange(1, 100)]
    [int] $Count = 10,
    [ValidateRange(1, 50)]
    [int] $Repeat = 5
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$PSNativeCommandUseErrorActionPreference = $false
if ($Endpoint -notmatch '^unix://(/.+)$') { throw "Unsupported endpoint '$Endpoint': use unix:///path." }
$socketPath = $Matches[1]
Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$env:DOCKER_HOST = $Endpoint
$api = 'http://localhost/v1.41'

function Invoke-Api([string] $Method, [string] $Path, $Body) {
    $p = @{ UnixSocket = $socketPath; Method = $Method; Uri = "$api/$Path"; TimeoutSec = 120 }
    if ($null -ne $Body) { $p.Body = ($Body | ConvertTo-Json -Compress -Depth 5); $p.ContentType = 'application/json' }
    Invoke-RestMethod @p
}

function Get-Median([double[]] $Values) {
    $s = @($Values | Sort-Object)
    if ($s.Count % 2) { $s[[int][Math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 }
}

$ids = @(foreach ($i in 1..$Count) { (Invoke-Api POST 'containers/create' @{ Image = $Image; Cmd = @('sleep', '3600'); Labels = @{ psdbench = 'stats' } }).Id })
foreach ($id in $ids) { $null = Invoke-Api POST "containers/$id/start" $null }
try {
    $sides = [ordered]@{
        "Get-ContainerStatistic ($Count ids)"  = { $out = @(Get-ContainerStatistic -Id $ids); if ($out.Count -ne $Count) { throw "Got $($out.Count) samples." } }
        "docker stats --no-stream ($Count ids)" = { $out = @(& docker -H $Endpoint stats --no-stream @ids); if ($LASTEXITCODE -ne 0 -or $out.Count -ne $Count + 1) { throw 'docker stats failed.' } }
        "bare: $Count x GET stats, in parallel"  = {
            $s = $socketPath
            $out = @($ids | ForEach-Object -ThrottleLimit $Count -Parallel { Invoke-RestMethod -UnixSocket $using:s -Uri "http://localhost/v1.41/containers/$_/stats?stream=false" })
            if ($out.Count -ne $Count) { throw 'bare stats failed.' }
        }
    }
    $times = @{}
    foreach ($name in $sides.Keys) { $times[$name] = [System.Collections.Generic.List[double]]::new() }
    foreach ($round in 0..$Repeat) {
        foreach ($name in $sides.Keys) {
            $sw = [Diagnostics.Stopwatch]::StartNew()
            & $sides[$name]
            if ($round -gt 0) { $times[$name].Add($sw.Elapsed.TotalMilliseconds) }   # round 0 warms up
        }
    }
    Write-Host "PSDocker stats benchmark: one sample of $Count running containers"
    Write-Host ("  engine   {0}; pwsh {1} on {2} cores; median of {3} rounds, one warm-up discarded" -f $Endpoint, $PSVersionTable.PSVersion, [Environment]::ProcessorCount, $Repeat)
    if (Test-Path /proc/loadavg) { Write-Host ("  load     {0}" -f ((Get-Content /proc/loadavg -Raw).Split(' ')[0..2] -join ' ')) }
    $names = @($sides.Keys)
    $ours = Get-Median $times[$names[0]]
    foreach ($name in $names) { Write-Host ('  {0,-40} median {1,8:N0} ms' -f $name, (Get-Median $times[$name])) }
    foreach ($name in $names[1..2]) { Write-Host ('  ratio Get-ContainerStatistic / {0,-32} {1,6:N2}x' -f $name, ($ours / (Get-Median $times[$name]))) }
}
finally {
    foreach ($id in $ids) { $null = Invoke-Api DELETE "containers/$($id)?force=1" $null }
}
