#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Measures what the call time limit costs per call: Get-Container with the default limit against -TimeoutSec 0
    (no limit: the call runs without the linked cancellation source and the call record), and the bare API call.
    -TimeoutSec 100 against -TimeoutSec 0 separates the limit's cost from the cost of binding one more parameter.
.DESCRIPTION
    Runs in one pwsh process against a live engine (-Endpoint, else $env:PSDOCKER_TEST_ENDPOINT / DOCKER_HOST), after a
    warm-up. Each round times -Calls calls of each form, interleaved; the medians of -Rounds rounds are printed per call,
    with the ratios. The limit is a per-call CancellationTokenSource with CancelAfter and an AsyncLocal record of the
    request: its cost should be lost in the noise of an HTTP round trip over the unix socket.
#>
[CmdletBinding()]
param(
    [string] $Endpoint = $(if ($env:PSDOCKER_TEST_ENDPOINT) { $env:PSDOCKER_TEST_ENDPOINT } else { $env:DOCKER_HOST }),
    [int] $Calls = 50,
    [int] $Rounds = 15,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
if ($Endpoint -notlike 'unix://*') { throw "-Endpoint must be a unix:// socket (the bare call uses Invoke-RestMethod -UnixSocket); got '$Endpoint'." }
$socket = $Endpoint.Substring(7)

$forms = [ordered]@{
    'Get-Container (default limit, 100 s)' = { Get-Container -Endpoint $Endpoint }
    'Get-Container -TimeoutSec 100' = { Get-Container -Endpoint $Endpoint -TimeoutSec 100 }
    'Get-Container -TimeoutSec 0 (no limit)' = { Get-Container -Endpoint $Endpoint -TimeoutSec 0 }
    'Invoke-RestMethod GET /containers/json (bare API)' = { Invoke-RestMethod -UnixSocket $socket -Uri 'http://localhost/v1.41/containers/json?all=1' }
}
foreach ($f in $forms.Values) { 1..10 | ForEach-Object { $null = & $f } }
$times = @{}
foreach ($name in $forms.Keys) { $times[$name] = [System.Collections.Generic.List[double]]::new() }
for ($r = 0; $r -lt $Rounds; $r++) {
    foreach ($name in $forms.Keys) {
        $f = $forms[$name]
        $ms = (Measure-Command { for ($i = 0; $i -lt $Calls; $i++) { $null = & $f } }).TotalMilliseconds / $Calls
        $times[$name].Add($ms)
    }
}
function Median($xs) { $s = @($xs | Sort-Object); if ($s.Count % 2) { $s[[int][Math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 } }
$containers = @(Get-Container -Endpoint $Endpoint).Count
$base = Median $times['Get-Container -TimeoutSec 0 (no limit)']
"Per call, median of $Rounds rounds of $Calls calls, $containers containers, $Endpoint"
'| Form | ms per call | vs no limit |'
'|---|--:|--:|'
foreach ($name in $forms.Keys) {
    $m = Median $times[$name]
    '| {0} | {1:N2} | {2:N2}x |' -f $name, $m, ($m / $base)
}
