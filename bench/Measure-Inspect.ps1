#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Measures a script's loop of exact-name lookups: Get-Container -Name x -Detailed against docker inspect and the bare API.
.DESCRIPTION
    With -Containers containers on the engine (made through the Engine API outside the timed region, labelled
    psdbench=inspect, removed at the start and the end), times -Loop lookups of one container by its exact name,
    as a script's loop does them, in one pwsh process:

      1. foreach: $c = Get-Container -Name <name> -Detailed            (one inspect call per lookup)
      2. foreach: $c = docker inspect <name> | ConvertFrom-Json       (the docker CLI, a process per lookup)
      3. foreach: $c = Invoke-RestMethod .../containers/<name>/json     (the bare API call)
      4. foreach: $c = Get-Container -Name <name>* -Detailed           (a wildcard: the list, then inspect; what an
                                                                        exact name cost before it went to inspect)

    Prints the median of -Repeat timed loops (after one discarded warm-up loop) and the ratios side by side. The
    target is PSDocker at 0.10x of the docker loop or less. A missed target is reported, never an error.
.EXAMPLE
    pwsh -File bench/Measure-Inspect.ps1 -ModulePath out/PSDocker/PSDocker.psd1
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'),
    [string] $Endpoint = $(if ($env:PSDOCKER_TEST_ENDPOINT) { $env:PSDOCKER_TEST_ENDPOINT } else { $env:DOCKER_HOST }),
    [string] $Image = $env:PSDOCKER_TEST_IMAGE,
    [ValidateRange(1, 100)] [int] $Repeat = 5,
    [ValidateRange(1, 5000)] [int] $Containers = 200,
    [ValidateRange(1, 1000)] [int] $Loop = 50
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$PSNativeCommandUseErrorActionPreference = $false

if (-not $Endpoint -or $Endpoint -notmatch '^unix://(/.+)$') { throw 'Pass -Endpoint unix:///path/docker.sock, or dot-source the test engine''s env.ps1.' }
$socket = $Matches[1]
if (-not $Image) { throw 'No image: pass -Image or set PSDOCKER_TEST_IMAGE.' }
if (-not (Get-Command docker -CommandType Application -ErrorAction SilentlyContinue)) { throw 'The docker CLI is not on PATH.' }
$env:DOCKER_HOST = $Endpoint
$api = 'http://localhost/v1.41'
Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath -Force

function Invoke-Api([string] $Method, [string] $Path, $Body) {
    $p = @{ UnixSocket = $socket; Uri = "$api/$Path"; Method = $Method }
    if ($null -ne $Body) { $p.Body = ($Body | ConvertTo-Json -Depth 5 -Compress); $p.ContentType = 'application/json' }
    Invoke-RestMethod @p
}

function Remove-BenchContainers {
    $filters = [uri]::EscapeDataString('{"label":["psdbench=inspect"]}')
    $list = Invoke-Api GET "containers/json?all=1&filters=$filters" # one array object: foreach enumerates it
    foreach ($c in $list) { $null = Invoke-Api DELETE "containers/$($c.Id)?force=1" }
}

function Measure-Median([scriptblock] $Body) {
    & $Body # warm-up
    $times = foreach ($r in 1..$Repeat) { (Measure-Command $Body).TotalMilliseconds }
    ($times | Sort-Object)[[int][Math]::Floor($Repeat / 2)]
}

Remove-BenchContainers
try {
    $run = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $names = foreach ($i in 1..$Containers) { "psdbench-$run-$i" }
    foreach ($n in $names) {
        $null = Invoke-Api POST "containers/create?name=$n" @{ Image = $Image; Cmd = @('true'); Labels = @{ psdbench = 'inspect' } }
    }
    $target = $names[[int]($Containers / 2)]
    $all = Invoke-Api GET "containers/json?all=1"
    Write-Host "Engine $Endpoint, $($all.Count) containers; $Loop lookups of '$target' per loop, median of $Repeat loops."

    # Each check once, outside the timing: all four find the same container.
    $id = (Get-Container -Name $target -Detailed).Id
    if ((docker inspect $target | ConvertFrom-Json).Id -ne $id -or (Invoke-Api GET "containers/$target/json").Id -ne $id -or (Get-Container -Name "$target*" -Detailed).Id -ne $id) {
        throw 'The four lookups disagree.'
    }

    $psd = Measure-Median { foreach ($i in 1..$Loop) { $c = Get-Container -Name $target -Detailed } }
    $cli = Measure-Median { foreach ($i in 1..$Loop) { $c = docker inspect $target | ConvertFrom-Json } }
    $bare = Measure-Median { foreach ($i in 1..$Loop) { $c = Invoke-RestMethod -UnixSocket $socket -Uri "$api/containers/$target/json" } }
    $wild = Measure-Median { foreach ($i in 1..$Loop) { $c = Get-Container -Name "$target*" -Detailed } }

    $rows = @(
        [pscustomobject]@{ Loop = "$Loop x Get-Container -Name x -Detailed"; Ms = $psd; PerCall = $psd / $Loop; VsDocker = $psd / $cli; VsBareApi = $psd / $bare }
        [pscustomobject]@{ Loop = "$Loop x docker inspect x | ConvertFrom-Json"; Ms = $cli; PerCall = $cli / $Loop; VsDocker = 1.0; VsBareApi = $cli / $bare }
        [pscustomobject]@{ Loop = "$Loop x Invoke-RestMethod /containers/x/json"; Ms = $bare; PerCall = $bare / $Loop; VsDocker = $bare / $cli; VsBareApi = 1.0 }
        [pscustomobject]@{ Loop = "$Loop x Get-Container -Name x* -Detailed (list)"; Ms = $wild; PerCall = $wild / $Loop; VsDocker = $wild / $cli; VsBareApi = $wild / $bare }
    )
    $rows | Format-Table Loop, @{ n = 'ms'; e = { '{0:N1}' -f $_.Ms }; a = 'Right' }, @{ n = 'ms/call'; e = { '{0:N2}' -f $_.PerCall }; a = 'Right' },
        @{ n = 'vs docker'; e = { '{0:N3}x' -f $_.VsDocker }; a = 'Right' }, @{ n = 'vs bare API'; e = { '{0:N2}x' -f $_.VsBareApi }; a = 'Right' } -AutoSize | Out-Host
    $ratio = $psd / $cli
    Write-Host ('Get-Container -Name x -Detailed vs docker inspect: {0:N3}x (target <= 0.10x): {1}' -f $ratio, $(if ($ratio -le 0.10) { 'met' } else { 'MISSED' }))
}
finally {
    Remove-BenchContainers
}
