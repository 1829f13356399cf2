# Shared setup for the swarm Pester tests (nodes, services, tasks, service logs, secrets, configs, stacks).
# Dot-source it after common.ps1:
#
#   BeforeAll { . "$PSScriptRoot/common.ps1"; . "$PSScriptRoot/swarm.common.ps1" }
#   AfterAll  { Remove-SwarmTestServices; Remove-SwarmTestNetworks; Remove-TestContainers }
#
# It makes sure the private Docker engine is a single-node swarm manager: build.ps1's Start-TestEngine runs
# `engine.sh swarm`, and this file runs it again (idempotent, about a second) when the engine is not an active
# manager, e.g. after a test that left the swarm or when a file is run on its own. Against Podman (no swarm) it
# does nothing: $script:SwarmReady is $false and the tests assert NotSupportedByEngine instead.
#
# Networking on the test machine (see the swarm block of tests/engine/engine.sh): no IPVS, so services use
# endpoint mode dnsrr and host-mode published ports (reached from the host on 127.0.0.1); a VIP answers nothing
# and an ingress-mode published port opens no listener.
#
# Everything a file makes carries its run label (psdtest.run=<RunId>) or its name prefix; the helpers below
# read and clean through the engine's REST API (an oracle independent of PSDocker).

$script:SwarmReady = $false

function Get-EngineSwarmState {
    <# The engine's Swarm.LocalNodeState (inactive, pending, active, error, locked) and whether this node is a manager. #>
    $info = Invoke-Engine 'info'
    [pscustomobject]@{ State = [string]$info.Swarm.LocalNodeState; Manager = [bool]$info.Swarm.ControlAvailable; NodeId = [string]$info.Swarm.NodeID }
}

function Initialize-TestSwarm {
    <#
    Makes the test engine a single-node swarm manager through tests/engine/engine.sh swarm (idempotent) unless it
    already is one. Tests that leave or re-initialise the swarm call it in their AfterAll/AfterEach to restore it.
    #>
    if ($script:IsPodman) { return }
    $s = Get-EngineSwarmState
    if ($s.State -eq 'active' -and $s.Manager) { $script:SwarmReady = $true; return }
    if (-not $env:PSDOCKER_TEST_ROOT) {
        throw 'PSDOCKER_TEST_ROOT is not set: dot-source the env.ps1 that tests/engine/engine.sh start wrote (it names the engine engine.sh swarm works on).'
    }
    $expected = "unix://$($env:PSDOCKER_TEST_ROOT.TrimEnd('/'))/docker.sock"
    if ($expected -ne $script:Endpoint) {
        throw "PSDOCKER_TEST_ROOT ($env:PSDOCKER_TEST_ROOT) is not the root of the test engine $($script:Endpoint): dot-source that engine's env.ps1."
    }
    $out = & bash (Join-Path $PSScriptRoot 'engine/engine.sh') swarm 2>&1
    if ($LASTEXITCODE -ne 0) { throw "engine.sh swarm failed: $($out -join "`n")" }
    $s = Get-EngineSwarmState
    if (-not ($s.State -eq 'active' -and $s.Manager)) { throw "engine.sh swarm ran but the engine's swarm state is '$($s.State)'." }
    $script:SwarmReady = $true
}

Initialize-TestSwarm

function New-SwarmTestName {
    <# A service (or network) name unique to this file and call, lower case: psdt-<run>-<suffix>-<random>. #>
    param([string] $Suffix = 's')
    ("$($script:RunPrefix)-$Suffix-" + [guid]::NewGuid().ToString('N').Substring(0, 6)).ToLowerInvariant()
}

function ConvertTo-EngineFilter {
    param([hashtable] $Filter)
    [uri]::EscapeDataString(($Filter | ConvertTo-Json -Compress))
}

function Get-EngineSwarmService {
    <# The engine's services (GET /services), optionally only those with a label (key or key=value) or one name/ID. #>
    param([string] $Label, [string] $Name)
    $f = @{}
    if ($Label) { $f.label = @($Label) }
    if ($Name) { $f.name = @($Name) }
    $path = 'services'
    if ($f.Count) { $path += '?filters=' + (ConvertTo-EngineFilter $f) }
    foreach ($s in (Invoke-Engine $path)) { if (-not $Name -or $s.Spec.Name -eq $Name -or $s.ID -eq $Name) { $s } }
}

function Get-EngineSwarmTask {
    <# The engine's tasks of one service (GET /tasks?filters={"service":[...]}), optionally only those whose desired state is -DesiredState. #>
    param([Parameter(Mandatory, Position = 0)] [string] $Service, [string] $DesiredState)
    $f = @{ service = @($Service) }
    if ($DesiredState) { $f.'desired-state' = @($DesiredState) }
    foreach ($t in (Invoke-Engine ('tasks?filters=' + (ConvertTo-EngineFilter $f)))) { $t }
}

function Get-EngineRunningTaskCount {
    <# How many tasks of a service the engine has running (desired and actual state running). #>
    param([Parameter(Mandatory, Position = 0)] [string] $Service)
    @(Get-EngineSwarmTask $Service -DesiredState running | Where-Object { $_.Status.State -eq 'running' }).Count
}

function Wait-EngineServiceRunning {
    <# Polls the engine until -Count tasks of the service run (and no more are meant to). Bounded; returns the last count seen. #>
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Service,
        [Parameter(Mandatory, Position = 1)] [int] $Count,
        [double] $TimeoutSec = 60
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    do {
        $tasks = @(Get-EngineSwarmTask $Service -DesiredState running)
        $n = @($tasks | Where-Object { $_.Status.State -eq 'running' }).Count
        if ($n -eq $Count -and $tasks.Count -eq $Count) { return $n }
        Start-Sleep -Milliseconds 200
    } while ([DateTime]::UtcNow -lt $deadline)
    $n
}

function Remove-SwarmTestServices {
    <#
    AfterAll cleanup: removes every service carrying this file's run label (or whose name starts with the file's
    prefix), then waits (bounded) until their task containers are gone, so host ports and networks are free again.
    #>
    param([string] $Label = $script:RunLabel)
    if (-not $script:SwarmReady) { return }
    $state = Get-EngineSwarmState
    if (-not ($state.State -eq 'active' -and $state.Manager)) { return }
    # Invoke-RestMethod writes a JSON array as one object: enumerate it before filtering.
    $services = Invoke-Engine 'services' | ForEach-Object { $_ } | Where-Object {
            ($_.Spec.Labels -and $_.Spec.Labels.'psdtest.run' -eq $script:RunId) -or $_.Spec.Name.StartsWith($script:RunPrefix.ToLowerInvariant())
        }
    $services = @($services)
    foreach ($s in $services) {
        try { $null = Invoke-Engine "services/$($s.ID)" -Method DELETE }
        catch { Write-Warning "Could not remove test service $($s.Spec.Name): $_" }
    }
    if ($services.Count -eq 0) { return }
    $ids = @($services.ID)
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    do {
        $left = @(Get-EngineContainer -Label 'com.docker.swarm.service.id' | Where-Object { $_.Labels.'com.docker.swarm.service.id' -in $ids })
        if ($left.Count -eq 0) { return }
        Start-Sleep -Milliseconds 200
    } while ([DateTime]::UtcNow -lt $deadline)
    Write-Warning "$($left.Count) task container(s) of this file's services are still there after 60 s."
}

function Remove-SwarmTestNetworks {
    <# AfterAll cleanup (after Remove-SwarmTestServices): removes the networks carrying this file's run label or name prefix. #>
    if (-not $script:SwarmReady) { return }
    foreach ($n in @(Invoke-Engine 'networks' | ForEach-Object { $_ } | Where-Object {
                ($_.Labels -and $_.Labels.'psdtest.run' -eq $script:RunId) -or $_.Name.StartsWith($script:RunPrefix.ToLowerInvariant())
            })) {
        # a network is in use until the last task container on it is gone: retry briefly
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while ($true) {
            try { $null = Invoke-Engine "networks/$($n.Id)" -Method DELETE; break }
            catch {
                if ([int]$_.Exception.Response.StatusCode -eq 404) { break }
                if ([DateTime]::UtcNow -ge $deadline) { Write-Warning "Could not remove test network $($n.Name): $_"; break }
                Start-Sleep -Milliseconds 300
            }
        }
    }
}

function Get-WhatIfText {
    <# Runs a -WhatIf call and returns the "What if:" lines it wrote: PowerShell writes them to the host, not to a stream, so a transcript catches them. #>
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $ScriptBlock)
    $path = Join-Path ([IO.Path]::GetTempPath()) "psd-whatif-$([guid]::NewGuid().ToString('N')).txt"
    $null = Start-Transcript -Path $path
    try { $null = & $ScriptBlock } finally { $null = Stop-Transcript }
    try { (Get-Content -Raw $path) -split "`r?`n" | Where-Object { $_ -like 'What if:*' } } finally { Remove-Item $path -ErrorAction SilentlyContinue }
}

function Invoke-EngineExecOutput {
    <# Runs a command in a container through the engine's exec API and returns its output as text (the stream framing bytes included; match on it). #>
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Id,
        [Parameter(Mandatory, Position = 1)] [string[]] $Command
    )
    $exec = Invoke-RestMethod -UnixSocket $script:EngineSocket -Method POST -Uri "http://localhost/v1.41/containers/$Id/exec" -ContentType 'application/json' `
        -Body (@{ Cmd = @($Command); AttachStdout = $true; AttachStderr = $true } | ConvertTo-Json) -TimeoutSec 30
    $r = Invoke-WebRequest -UnixSocket $script:EngineSocket -Method POST -Uri "http://localhost/v1.41/exec/$($exec.Id)/start" -ContentType 'application/json' `
        -Body (@{ Detach = $false; Tty = $false } | ConvertTo-Json) -TimeoutSec 30
    if ($r.Content -is [byte[]]) { [Text.Encoding]::Latin1.GetString($r.Content) } else { [string]$r.Content }
}
