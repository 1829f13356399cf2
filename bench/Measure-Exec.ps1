#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Measures Invoke-ContainerCommand (docker exec) against the docker CLI and the bare Engine API calls.
.DESCRIPTION
    Runs in one pwsh process against a live engine and prints, for each scenario, the median of
    -Repeat timed runs (one more warm-up run is discarded) next to the comparison's median:

      1. One call: $x = Invoke-ContainerCommand c echo hi, against $x = docker exec c echo hi and
         against the bare API calls a client must make (POST /containers/{id}/exec, POST
         /exec/{id}/start, GET /exec/{id}/json) with Invoke-RestMethod / Invoke-WebRequest.
      2. -Count containers from the pipeline: $containers | Invoke-ContainerCommand -Command echo hi,
         against -Count docker exec calls one after another, and against -Count Invoke-ContainerCommand
         calls one after another (what the concurrency gains).

    Containers run busybox sleep and are made (and removed at the start and the end) through the
    Engine API, labelled psdbench=exec. Every run checks its output ('hi' from each container).
    A missed target is reported, never an error; a failing command or check stops the script.
.EXAMPLE
    . /tmp/psdtest/env.ps1; pwsh -File bench/Measure-Exec.ps1
.EXAMPLE
    pwsh -File bench/Measure-Exec.ps1 -Quick
#>
[CmdletBinding()]
param(
    # The module manifest to measure.
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'),
    # The engine: a unix:///path/docker.sock endpoint (the docker CLI gets the same with -H).
    [string] $Endpoint = $(if ($env:PSDOCKER_TEST_ENDPOINT) { $env:PSDOCKER_TEST_ENDPOINT } else { $env:DOCKER_HOST }),
    # An image on the engine with busybox sleep and echo (the test image).
    [string] $Image = $(if ($env:PSDOCKER_TEST_IMAGE) { $env:PSDOCKER_TEST_IMAGE } else { 'psdocker-test/busybox:1.35' }),
    # Timed runs per measurement (after one discarded warm-up run).
    [ValidateRange(1, 1000)]
    [int] $Repeat = 15,
    # Containers in scenario 2.
    [ValidateRange(2, 200)]
    [int] $Count = 20,
    # A smoke run: 3 repetitions (unless -Repeat is given).
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$PSNativeCommandUseErrorActionPreference = $false   # exit codes are checked by hand
if ($Quick -and -not $PSBoundParameters.ContainsKey('Repeat')) { $Repeat = 3 }

if (-not $Endpoint) { throw 'No engine: pass -Endpoint, or set PSDOCKER_TEST_ENDPOINT or DOCKER_HOST (dot-source the test engine''s env.ps1).' }
if ($Endpoint -notmatch '^unix://(/.+)$') { throw "Unsupported endpoint '$Endpoint': use unix:///path (the bare calls go through Invoke-RestMethod -UnixSocket)." }
$socketPath = $Matches[1]
if (-not (Test-Path -LiteralPath $ModulePath)) { throw "Module not found: $ModulePath (build it with ./build.ps1)." }
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
if (-not (Get-Command docker -CommandType Application -ErrorAction SilentlyContinue)) { throw 'The docker CLI is not on PATH.' }
$env:DOCKER_HOST = $Endpoint
$api = 'http://localhost/v1.41'

# --------------------------------------------------------------------------- engine helpers (setup only)

function Invoke-Api([string] $Method, [string] $Path, $Body) {
    $p = @{ UnixSocket = $socketPath; Method = $Method; Uri = "$api/$Path"; TimeoutSec = 120 }
    if ($null -ne $Body) { $p.Body = ($Body | ConvertTo-Json -Compress -Depth 5); $p.ContentType = 'application/json' }
    Invoke-RestMethod @p
}

function New-ExecContainers([int] $N) {
    $ids = foreach ($i in 1..$N) {
        (Invoke-Api POST 'containers/create' @{ Image = $Image; Cmd = @('sleep', '3600'); Labels = @{ psdbench = 'exec' } }).Id
    }
    foreach ($id in $ids) { $null = Invoke-Api POST "containers/$id/start" $null }
    , @($ids)
}

function Remove-ExecContainers {
    $filters = [uri]::EscapeDataString('{"label":["psdbench=exec"]}')
    # Invoke-RestMethod writes a JSON array as one object: foreach enumerates it (and nothing when it is empty).
    $list = Invoke-Api GET "containers/json?all=1&filters=$filters" $null
    foreach ($c in $list) {
        $null = Invoke-Api DELETE "containers/$($c.Id)?force=1" $null
    }
}

function Assert-Native([string] $What) {
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE." }
}

# --------------------------------------------------------------------------- timing (as Measure-PSDocker.ps1)

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
            $ms = Measure-Once $side.Run
            if ($side.Contains('Check')) { $null = & $side.Check }
            if ($round -eq 0) { $warmup[$name] = $ms } else { $samples[$name].Add($ms) }
        }
        Write-Host '.' -NoNewline
    }
    Write-Host ''
    foreach ($name in $names) {
        $s = $samples[$name]
        Write-Host ('    {0,-44} median {1,8:N1} ms   min {2,8:N1}   max {3,8:N1}   warm-up {4,8:N1}   n={5}' -f $name, (Get-Median $s), ($s | Measure-Object -Minimum).Minimum, ($s | Measure-Object -Maximum).Maximum, $warmup[$name], $s.Count)
    }
    $first = $samples[$names[0]]
    foreach ($name in ($names | Select-Object -Skip 1)) {
        $ratios = for ($i = 0; $i -lt $first.Count; $i++) { $first[$i] / $samples[$name][$i] }
        Write-Host ('    paired: median of per-round ratios {0} / {1} = {2:N2}x' -f $names[0], $name, (Get-Median $ratios))
    }
    $samples
}

$results = [Collections.Generic.List[object]]::new()
function Add-Result {
    param([string] $Scenario, [double] $Ours, [string] $Comparison, [double] $Theirs, [string] $Target, [bool] $Met)
    $results.Add([pscustomobject]@{
        Scenario = $Scenario; PSDockerMs = $Ours; Comparison = $Comparison; ComparisonMs = $Theirs
        Ratio = '{0:N2}x' -f ($Ours / $Theirs); Target = $Target; Met = $(if ($Met) { 'yes' } else { 'no' })
    })
}

# --------------------------------------------------------------------------- run

$serverVersion = Invoke-Api GET 'version' $null
$null = Invoke-Api GET "images/$Image/json" $null
$dockerVersion = (docker -H $Endpoint version --format '{{.Client.Version}}' 2>$null)
Assert-Native 'docker version'
Import-Module $ModulePath -Force
$module = Get-Module PSDocker

Write-Host 'PSDocker exec benchmark'
Write-Host ("  module   {0} {1}" -f $module.Version, $module.ModuleBase)
Write-Host ("  engine   {0} (Docker {1}, API {2})" -f $Endpoint, $serverVersion.Version, $serverVersion.ApiVersion)
Write-Host ("  docker   CLI {0}" -f $dockerVersion)
Write-Host ("  pwsh     {0} on {1} cores" -f $PSVersionTable.PSVersion, [Environment]::ProcessorCount)
if (Test-Path /proc/loadavg) { Write-Host ("  load     {0} (1/5/15 min load average at the start)" -f ((Get-Content /proc/loadavg -Raw).Split(' ')[0..2] -join ' ')) }
Write-Host ("  runs     median of {0}, one warm-up discarded; {1} containers in scenario 2" -f $Repeat, $Count)
Write-Host ''

$total = [Diagnostics.Stopwatch]::StartNew()
$script:sink = $null
try {
    Remove-ExecContainers
    [string[]] $ids = New-ExecContainers ($Count)
    $one = $ids[0]
    $containers = @(Get-Container -Label psdbench=exec)
    if ($containers.Count -ne $Count) { throw "Expected $Count bench containers, found $($containers.Count)." }

    # ---- 1. One exec ------------------------------------------------------------
    Write-Host '1. One exec: echo hi'
    $checkHi = { if ("$($script:sink)".Trim() -ne 'hi') { throw "Expected 'hi', got '$($script:sink)'." } }
    $bare = {
        $exec = Invoke-RestMethod -UnixSocket $socketPath -Method POST -Uri "$api/containers/$one/exec" -ContentType 'application/json' `
            -Body '{"AttachStdout":true,"AttachStderr":true,"Cmd":["echo","hi"]}'
        # Without the upgrade headers the engine still streams the (multiplexed) output, then closes.
        $r = Invoke-WebRequest -UnixSocket $socketPath -Method POST -Uri "$api/exec/$($exec.Id)/start" -ContentType 'application/json' -Body '{"Detach":false,"Tty":false}'
        $bytes = if ($r.Content -is [byte[]]) { $r.Content } else { [Text.Encoding]::UTF8.GetBytes($r.Content) }
        $inspect = Invoke-RestMethod -UnixSocket $socketPath -Uri "$api/exec/$($exec.Id)/json"
        if ($inspect.ExitCode -ne 0) { throw "exit code $($inspect.ExitCode)" }
        # Strip the 8-byte frame header.
        $script:sink = [Text.Encoding]::UTF8.GetString($bytes, 8, $bytes.Length - 8)
    }
    $single = Measure-Sides 'exec' ([ordered]@{
        'Invoke-ContainerCommand c echo hi' = @{ Run = { $script:sink = Invoke-ContainerCommand $one echo hi }; Check = $checkHi }
        'docker exec c echo hi'             = @{ Run = { $script:sink = docker -H $Endpoint exec $one echo hi }; Check = { Assert-Native 'docker exec'; & $checkHi } }
        'bare API (create, start, inspect)' = @{ Run = $bare; Check = $checkHi }
    })
    $ours = Get-Median $single['Invoke-ContainerCommand c echo hi']
    Add-Result 'Invoke-ContainerCommand c echo hi' $ours 'docker exec c echo hi' (Get-Median $single['docker exec c echo hi']) '<= 1.00x' ($ours -le (Get-Median $single['docker exec c echo hi']))
    Add-Result 'Invoke-ContainerCommand c echo hi' $ours 'Invoke-RestMethod/-WebRequest: exec create + start + inspect' (Get-Median $single['bare API (create, start, inspect)']) 'n/a (reference)' $true
    Write-Host ''

    # ---- 2. Many containers ---------------------------------------------------------
    Write-Host "2. $Count containers: echo hi in each"
    $checkAll = {
        $lines = @($script:sink)
        if ($lines.Count -ne $Count -or @($lines | Where-Object { "$_".Trim() -ne 'hi' }).Count -gt 0) { throw "Expected $Count x 'hi', got $($lines.Count) line(s): $($lines -join ',')" }
    }
    $many = Measure-Sides 'exec x N' ([ordered]@{
        'containers | Invoke-ContainerCommand'   = @{ Run = { $script:sink = $containers | Invoke-ContainerCommand -Command echo, hi }; Check = $checkAll }
        'docker exec, one after another'         = @{ Run = { $script:sink = foreach ($id in $ids) { docker -H $Endpoint exec $id echo hi; Assert-Native 'docker exec' } }; Check = $checkAll }
        'Invoke-ContainerCommand, one after another' = @{ Run = { $script:sink = foreach ($id in $ids) { Invoke-ContainerCommand $id echo hi } }; Check = $checkAll }
    })
    $ours = Get-Median $many['containers | Invoke-ContainerCommand']
    $cli = Get-Median $many['docker exec, one after another']
    $seq = Get-Median $many['Invoke-ContainerCommand, one after another']
    Add-Result "$Count containers | Invoke-ContainerCommand" $ours "$Count x docker exec, sequential" $cli '<= 0.50x' ($ours -le 0.5 * $cli)
    Add-Result "$Count containers | Invoke-ContainerCommand" $ours "$Count x Invoke-ContainerCommand, sequential" $seq '< 1.00x (concurrency gain)' ($ours -lt $seq)
    Write-Host ''
}
finally {
    try { Remove-ExecContainers } catch { Write-Warning "Cleanup failed: $_" }
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

Write-Host 'Markdown:'
Write-Host ''
Write-Host '| Scenario | PSDocker ms | Comparison | Comparison ms | Ratio | Target | Met |'
Write-Host '|---|--:|---|--:|--:|---|---|'
foreach ($r in $results) {
    Write-Host ("| {0} | {1:N1} | {2} | {3:N1} | {4} | {5} | {6} |" -f ($r.Scenario -replace '\|', '\|'), $r.PSDockerMs, ($r.Comparison -replace '\|', '\|'), $r.ComparisonMs, $r.Ratio, ($r.Target -replace '<=', '≤'), $r.Met)
}
Write-Host ''
Write-Host ("_PSDocker {0}, Docker {1} (API {2}), docker CLI {3}, pwsh {4}, {5} cores; medians of {6} runs after one warm-up._" -f $module.Version, $serverVersion.Version, $serverVersion.ApiVersion, $dockerVersion, $PSVersionTable.PSVersion, [Environment]::ProcessorCount, $Repeat)
