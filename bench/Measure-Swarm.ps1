#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Measures creating a swarm service and scaling it 1 -> 5, until the replicas run: PSDocker, the docker CLI and the bare API.
.DESCRIPTION
    Three sides, each run creating a service of one replica, waiting until it runs, scaling it to five and waiting until
    five run:

      1. PSDocker: New-SwarmService -Wait, then Set-SwarmService -Replicas 5 -Wait (warm: the module loaded, the
         cmdlets run once before);
      2. the docker CLI: docker service create (which waits for convergence by default) and docker service scale
         (which does too). --no-resolve-image keeps the CLI from asking a registry for the image's digest;
      3. the bare API from the same process: POST /services/create, GET /tasks every 100 ms until the task runs,
         POST /services/{id}/update with 5 replicas, GET /tasks until five run (Invoke-RestMethod on the socket).

    The engine must be a swarm manager (tests/engine/engine.sh swarm). The services use endpoint mode dnsrr and no
    ports (the test machine has no IPVS). Sides run in rounds, each round every side once, starting with a different
    side each round; between runs the service is removed and its containers are waited for, outside the timed region.
    Every run checks that five tasks run. The target (issue 9): PSDocker no slower than the docker CLI.
    A missed target is reported, never an error.
.EXAMPLE
    pwsh -NoProfile -File bench/Measure-Swarm.ps1 -ModulePath out/PSDocker/PSDocker.psd1
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'),
    [string] $Endpoint = $(if ($env:PSDOCKER_TEST_ENDPOINT) { $env:PSDOCKER_TEST_ENDPOINT } else { $env:DOCKER_HOST }),
    [string] $Image = $(if ($env:PSDOCKER_TEST_IMAGE) { $env:PSDOCKER_TEST_IMAGE } else { 'psdocker-test/busybox:1.35' }),
    # Timed rounds (after one discarded warm-up round). Each docker CLI run takes over 10 s: the CLI watches a
    # converged service 5 s more, after the create and after the scale.
    [ValidateRange(1, 20)]
    [int] $Repeat = 3
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$PSNativeCommandUseErrorActionPreference = $true
if ($Endpoint -notmatch '^unix://(/.+)$') { throw "-Endpoint must be a unix:// socket (got '$Endpoint')." }
$socket = $Matches[1]
Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath -Force
$env:DOCKER_HOST = $Endpoint
$command = @('sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done')
$prefix = 'psdbench-sw-' + [guid]::NewGuid().ToString('N').Substring(0, 6)

function Invoke-Api([string] $Method, [string] $Path, $Body) {
    $p = @{ UnixSocket = $socket; Method = $Method; Uri = "http://localhost/v1.41/$Path"; TimeoutSec = 60 }
    if ($null -ne $Body) { $p.ContentType = 'application/json'; $p.Body = ($Body | ConvertTo-Json -Depth 20 -Compress) }
    Invoke-RestMethod @p
}
function Get-RunningCount([string] $Id) {
    $f = [uri]::EscapeDataString((@{ service = @($Id); 'desired-state' = @('running') } | ConvertTo-Json -Compress))
    @(Invoke-Api GET "tasks?filters=$f" | ForEach-Object { $_ } | Where-Object { $_.Status.State -eq 'running' }).Count
}
function Wait-Running([string] $Id, [int] $Count) {
    $deadline = [DateTime]::UtcNow.AddSeconds(120)
    while ((Get-RunningCount $Id) -ne $Count) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "service ${Id}: $Count tasks did not run within 120 s" }
        Start-Sleep -Milliseconds 100
    }
}
function Remove-BenchService([string] $Name) {
    $svc = @(Invoke-Api GET 'services' | ForEach-Object { $_ } | Where-Object { $_.Spec.Name -eq $Name })
    foreach ($s in $svc) {
        Invoke-Api DELETE "services/$($s.ID)" $null | Out-Null
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        $f = [uri]::EscapeDataString((@{ label = @("com.docker.swarm.service.id=$($s.ID)") } | ConvertTo-Json -Compress))
        while (@(Invoke-Api GET "containers/json?all=1&filters=$f" | ForEach-Object { $_ }).Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
    }
}

$sides = [ordered]@{
    'PSDocker (New-SwarmService -Wait; Set-SwarmService -Replicas 5 -Wait)' = {
        param($name)
        $s = New-SwarmService -Name $name -Image $Image -EndpointMode dnsrr -Wait -Command $command
        $scaled = Set-SwarmService -Name $s.Name -Replicas 5 -Wait -PassThru
        $scaled.Id
    }
    'docker CLI (service create; service scale)' = {
        param($name)
        $id = docker service create -q --no-resolve-image --endpoint-mode dnsrr --name $name $Image @command 2>$null
        docker service scale "$name=5" 2>$null | Out-Null
        @($id)[-1].Trim()
    }
    'bare API (create, poll /tasks, update, poll /tasks)' = {
        param($name)
        $spec = @{ Name = $name; TaskTemplate = @{ ContainerSpec = @{ Image = $Image; Args = $command } }; Mode = @{ Replicated = @{ Replicas = 1 } }; EndpointSpec = @{ Mode = 'dnsrr' } }
        $id = (Invoke-Api POST 'services/create' $spec).ID
        Wait-Running $id 1
        $svc = Invoke-Api GET "services/$id"
        $svc.Spec.Mode.Replicated.Replicas = 5
        Invoke-Api POST "services/$id/update?version=$($svc.Version.Index)" $svc.Spec | Out-Null
        Wait-Running $id 5
        $id
    }
}

$times = @{}
foreach ($k in $sides.Keys) { $times[$k] = [Collections.Generic.List[double]]::new() }
$keys = @($sides.Keys)
$n = 0
try {
    for ($round = 0; $round -le $Repeat; $round++) {
        for ($j = 0; $j -lt $keys.Count; $j++) {
            $k = $keys[($j + $round) % $keys.Count]
            $name = "$prefix-$(($n++))"
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $id = & $sides[$k] $name
            $sw.Stop()
            $running = Get-RunningCount $id
            if ($running -ne 5) { throw "$k run ${name}: $running tasks run, not 5" }
            if ($round -gt 0) { $times[$k].Add($sw.Elapsed.TotalMilliseconds) }
            Remove-BenchService $name
        }
    }
}
finally {
    foreach ($s in @(Invoke-Api GET 'services' | ForEach-Object { $_ } | Where-Object { $_.Spec.Name -like "$prefix-*" })) { Remove-BenchService $s.Spec.Name }
}

function Median($list) { $a = @($list | Sort-Object); if ($a.Count % 2) { $a[[int][math]::Floor($a.Count / 2)] } else { ($a[$a.Count / 2 - 1] + $a[$a.Count / 2]) / 2 } }
$cli = Median $times[$keys[1]]
$psd = Median $times[$keys[0]]
$rows = foreach ($k in $keys) {
    $m = Median $times[$k]
    [pscustomobject]@{ Side = $k; 'Median ms' = [math]::Round($m); 'vs docker CLI' = '{0:0.00}x' -f ($m / $cli); 'vs PSDocker' = '{0:0.00}x' -f ($m / $psd) }
}
Write-Host "Swarm service create + scale 1 -> 5 until running, median of $Repeat rounds"
$rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
foreach ($k in $keys) { Write-Host ("Runs (ms) {0}: {1}" -f $k, (($times[$k] | ForEach-Object { [math]::Round($_) }) -join ' ')) }
if ($psd -le $cli) { Write-Host "Target met: PSDocker is no slower than the docker CLI ($([math]::Round($psd)) ms vs $([math]::Round($cli)) ms)." }
else { Write-Host "Target missed: PSDocker $([math]::Round($psd)) ms, docker CLI $([math]::Round($cli)) ms." }
