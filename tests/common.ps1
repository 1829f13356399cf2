# Shared setup for the PSDocker Pester tests. Dot-source it from each file's BeforeAll:
#
#   BeforeAll { . "$PSScriptRoot/common.ps1" }
#   AfterAll  { if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers } }
#
# It imports the built module (out/PSDocker) once per process, points the tests at the private
# engine ($env:PSDOCKER_TEST_ENDPOINT, written by tests/engine/engine.sh into /tmp/psdtest/env.ps1)
# and gives every test file its own run label (psdtest.run=<guid>), so a file only ever touches
# containers it made itself, even while other files or other test runs share the same engine.
#
# The helpers that read the engine (Get-EngineInspect, Get-EngineContainer, ...) talk to the
# engine's REST API with Invoke-RestMethod -UnixSocket: they are an oracle independent of PSDocker.

if ([string]::IsNullOrWhiteSpace($env:PSDOCKER_TEST_ENDPOINT)) {
    throw ('PSDOCKER_TEST_ENDPOINT is not set, so there is no engine to test against. ' +
        'Start the private engine with "bash tests/engine/engine.sh start", then dot-source /tmp/psdtest/env.ps1 ' +
        '(or run "./build.ps1 -Task Test", which does both).')
}
if ($env:PSDOCKER_TEST_ENDPOINT -notmatch '^unix://(/.+)$') {
    throw "PSDOCKER_TEST_ENDPOINT must be a unix:// socket endpoint (got '$($env:PSDOCKER_TEST_ENDPOINT)')."
}
$script:EngineSocket = $Matches[1]
$script:Endpoint = $env:PSDOCKER_TEST_ENDPOINT
# Docker or Podman? Podman's Docker-compatible service answers /_ping with a Libpod-Api-Version header
# (build.ps1 runs the lifecycle, exec and image tests a second time against tests/engine/podman.sh).
# Tests whose Docker behaviour Podman does not have assert Podman's clear error instead, under `if ($IsPodman)`.
$script:IsPodman = $false
$script:PodmanVersion = $null
try {
    $ping = Invoke-WebRequest -UnixSocket $script:EngineSocket -Uri 'http://localhost/_ping' -TimeoutSec 30
    if ($ping.Headers.ContainsKey('Libpod-Api-Version')) {
        $script:IsPodman = $true
        $script:PodmanVersion = @($ping.Headers['Libpod-Api-Version'])[0]
    }
}
catch {
    Write-Warning "Could not ask the test engine at $($script:Endpoint) whether it is Podman: $_"
}
$global:PSDockerTestIsPodman = $script:IsPodman
# The cmdlets default to DOCKER_HOST: make it the test engine for every file (env.ps1 sets it too).
$env:DOCKER_HOST = $script:Endpoint
$global:PSDockerTestImage = if ($env:PSDOCKER_TEST_IMAGE) { $env:PSDOCKER_TEST_IMAGE } else { 'psdocker-test/busybox:1.35' }
$script:TestImage = $global:PSDockerTestImage
# The private registry on 127.0.0.1 (engine.sh starts it). Image names that must be missing live there, so a
# pull attempt never leaves the machine (an unqualified name would make the engine try docker.io).
$script:TestRegistry = if ($env:PSDOCKER_TEST_REGISTRY) { $env:PSDOCKER_TEST_REGISTRY } else { '127.0.0.1:5310' }

if (-not (Get-Module -Name PSDocker)) {
    $manifest = Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'
    if (-not (Test-Path $manifest)) { throw "The module is not built: $manifest is missing. Run ./build.ps1 first." }
    Import-Module $manifest -Force -ErrorAction Stop
}

# One run label per test file (each file dot-sources this script in its own BeforeAll).
$script:RunId = [guid]::NewGuid().ToString('N')
$script:RunLabelKey = 'psdtest.run'
$script:RunLabel = "$($script:RunLabelKey)=$($script:RunId)"
# A short, unique prefix for the names of this file's containers.
$script:RunPrefix = 'psdt-' + $script:RunId.Substring(0, 10)

# A command that runs until it is stopped, and exits 0 at once on SIGTERM (sleep as PID 1 would
# ignore SIGTERM and make every stop wait for its timeout). It prints 'ready' once its trap is set:
# New-TestContainer -Start waits for that, so a stop sent right after the start is never lost.
$script:LongRunning = @('sh', '-c', 'trap "exit 0" TERM; echo ready; sleep 600 & wait')

function New-TestName {
    <# A container name unique to this file and call: psdt-<run>-<suffix>-<random>. #>
    param([string] $Suffix = 'c')
    "$($script:RunPrefix)-$Suffix-" + [guid]::NewGuid().ToString('N').Substring(0, 8)
}

function New-TestContainer {
    <#
    Creates a container with New-Container, the file's run label and a unique name.
    Without -Command it runs $script:LongRunning. -Start starts it and returns it as inspected after the start.
    -Parameters passes any other New-Container parameters (a hashtable to splat).
    #>
    [CmdletBinding()]
    param(
        [string[]] $Command = $script:LongRunning,
        [string] $Name = (New-TestName),
        [hashtable] $Label = @{},
        [hashtable] $Parameters = @{},
        [switch] $Start,
        # After -Start, wait until the container printed 'ready' (the default command does, once its TERM trap is set).
        [switch] $WaitReady
    )
    $labels = @{ $script:RunLabelKey = $script:RunId }
    foreach ($k in $Label.Keys) { $labels[$k] = $Label[$k] }
    $c = New-Container -Image $script:TestImage -Name $Name -Command $Command -Label $labels @Parameters -ErrorAction Stop
    if (-not $c) { throw "New-Container returned nothing for $Name." }
    if ($Start) {
        $c = Start-Container -InputObject $c -PassThru -ErrorAction Stop
        if ($WaitReady -or -not $PSBoundParameters.ContainsKey('Command')) { Wait-ContainerOutput $c.Id 'ready' }
    }
    $c
}

function Wait-ContainerOutput {
    <# Polls the engine's log of a container until it contains $Text (bounded by -TimeoutSec; throws on timeout). #>
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Id,
        [Parameter(Mandatory, Position = 1)] [string] $Text,
        [double] $TimeoutSec = 30
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $r = Invoke-WebRequest -UnixSocket $script:EngineSocket -Uri "http://localhost/v1.41/containers/$([uri]::EscapeDataString($Id))/logs?stdout=1&stderr=1" -TimeoutSec 10
        $content = if ($r.Content -is [byte[]]) { [Text.Encoding]::UTF8.GetString($r.Content) } else { "$($r.Content)" }
        if ($content.Contains($Text)) { return }
        if ([DateTime]::UtcNow -ge $deadline) { throw "Container $Id did not print '$Text' within $TimeoutSec s." }
        Start-Sleep -Milliseconds 50
    }
}

function New-TestContainers {
    <# Creates -Count containers like New-TestContainer; -Start starts them all in one Start-Container call (concurrently). Returns them in creation order. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [int] $Count,
        [string[]] $Command = $script:LongRunning,
        [hashtable] $Label = @{},
        [hashtable] $Parameters = @{},
        [switch] $Start
    )
    $list = @(1..$Count | ForEach-Object { New-TestContainer -Command $Command -Label $Label -Parameters $Parameters })
    if ($Start) {
        $list = @($list | Start-Container -PassThru -ErrorAction Stop)
        if ($list.Count -ne $Count) { throw "Start-Container -PassThru returned $($list.Count) of $Count containers." }
        if (-not $PSBoundParameters.ContainsKey('Command')) { foreach ($c in $list) { Wait-ContainerOutput $c.Id 'ready' } }
    }
    $list
}

function Invoke-Engine {
    <# A raw call to the test engine's REST API (independent of PSDocker). #>
    param(
        [string] $Path,
        [string] $Method = 'GET',
        [int] $TimeoutSec = 30
    )
    Invoke-RestMethod -UnixSocket $script:EngineSocket -Method $Method -Uri "http://localhost/v1.41/$($Path.TrimStart('/'))" -TimeoutSec $TimeoutSec
}

function ConvertTo-FamiliarImageName {
    <# An image name as Docker shows it: Podman's inspect data says docker.io/psdocker-test/busybox:1.35 for psdocker-test/busybox:1.35. #>
    param([Parameter(Mandatory, Position = 0)] [AllowEmptyString()] [string] $Name)
    $n = $Name -replace '^docker\.io/', ''
    if ($n -match '^library/[^/]+$') { $n = $n.Substring(8) }
    $n
}

function Get-EngineInspect {
    <# The engine's own inspect data of a container (GET /containers/{id}/json), or $null when it does not exist (404). #>
    param([Parameter(Mandatory, Position = 0)] [string] $Id)
    try {
        Invoke-Engine "containers/$([uri]::EscapeDataString($Id))/json"
    }
    catch [Microsoft.PowerShell.Commands.HttpResponseException] {
        if ([int]$_.Exception.Response.StatusCode -eq 404) { return $null }
        throw
    }
}

function Get-EngineState {
    <# The engine's State.Status of a container (created, running, paused, exited, ...), or 'missing' when it does not exist. #>
    param([Parameter(Mandatory, Position = 0)] [string] $Id)
    $i = Get-EngineInspect $Id
    if ($null -eq $i) { 'missing' } else { $i.State.Status }
}

function Get-EngineContainer {
    <# The engine's container list (GET /containers/json?all=1), optionally filtered by labels (key or key=value). #>
    param([string[]] $Label)
    $path = 'containers/json?all=1'
    if ($Label) {
        $filters = @{ label = @($Label) } | ConvertTo-Json -Compress
        $path += '&filters=' + [uri]::EscapeDataString($filters)
    }
    # Invoke-RestMethod writes a JSON array as one object: enumerate it.
    $list = Invoke-Engine $path
    foreach ($c in $list) { $c }
}

function Wait-EngineState {
    <# Polls the engine until the container's State.Status is one of $Status ('missing' for removed). Bounded by -TimeoutSec; returns the last status seen. #>
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Id,
        [Parameter(Mandatory, Position = 1)] [string[]] $Status,
        [double] $TimeoutSec = 20
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    do {
        # Podman answers 500 for a container while it is being removed: keep polling.
        try { $s = Get-EngineState $Id } catch { $s = "error: $($_.Exception.Message)" }
        if ($s -in $Status) { return $s }
        Start-Sleep -Milliseconds 100
    } while ([DateTime]::UtcNow -lt $deadline)
    $s
}

function Invoke-EngineExec {
    <# Runs a command in a running container through the engine's exec API (detached), e.g. to signal a test container to go on. #>
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Id,
        [Parameter(Mandatory, Position = 1)] [string[]] $Command
    )
    $exec = Invoke-RestMethod -UnixSocket $script:EngineSocket -Method POST -Uri "http://localhost/v1.41/containers/$([uri]::EscapeDataString($Id))/exec" `
        -ContentType 'application/json' -Body (@{ Cmd = @($Command) } | ConvertTo-Json) -TimeoutSec 30
    $null = Invoke-RestMethod -UnixSocket $script:EngineSocket -Method POST -Uri "http://localhost/v1.41/exec/$($exec.Id)/start" `
        -ContentType 'application/json' -Body (@{ Detach = $true } | ConvertTo-Json) -TimeoutSec 30
}

function Remove-TestContainers {
    <# AfterAll cleanup: force-removes every container carrying this file's run label, through the engine's REST API. #>
    param([string] $Label = $script:RunLabel)
    if (-not $script:EngineSocket -or -not $Label) { return }
    $socket = $script:EngineSocket
    # In parallel: removing a running container waits for its kill, and a file may leave a dozen behind.
    Get-EngineContainer -Label $Label | ForEach-Object -ThrottleLimit 8 -Parallel {
        try { $null = Invoke-RestMethod -UnixSocket $using:socket -Method DELETE -Uri "http://localhost/v1.41/containers/$($_.Id)?force=1&v=1" -TimeoutSec 60 }
        catch { Write-Warning "Could not remove test container $($_.Id): $_" }
    }
}

function Get-FreeTcpPort {
    <# A TCP port that is free on 127.0.0.1 right now. #>
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    try {
        $listener.Start()
        ([System.Net.IPEndPoint]$listener.LocalEndpoint).Port
    }
    finally { $listener.Stop() }
}

function Invoke-LoopbackRequest {
    <# GETs http://127.0.0.1:<port><path>, retrying briefly until it answers. Only ever loopback. Returns the response or throws the last error. #>
    param(
        [Parameter(Mandatory)] [int] $Port,
        [string] $Path = '/',
        [double] $TimeoutSec = 15
    )
    $uri = "http://127.0.0.1:$Port$Path"
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        try {
            return Invoke-WebRequest -Uri $uri -TimeoutSec 3 -NoProxy -ErrorAction Stop
        }
        catch {
            if ([DateTime]::UtcNow -ge $deadline) { throw }
            Start-Sleep -Milliseconds 200
        }
    }
}

function Get-TerminatingError {
    <# Runs a script block and returns the ErrorRecord it threw (terminating), or $null when it did not throw. #>
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    try {
        $null = & $ScriptBlock
        $null
    }
    catch {
        $_
    }
}

function Get-FullyQualifiedErrorId {
    <# The FullyQualifiedErrorId of each error record. #>
    param([object[]] $ErrorRecord)
    @($ErrorRecord | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object FullyQualifiedErrorId)
}
