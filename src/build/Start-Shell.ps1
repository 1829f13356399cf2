<#
.SYNOPSIS
    The start of `build.ps1 -Task Shell`: imports the built module and lists the containers; with no engine answering,
    says what the cmdlets need and how to get it, and (only when someone can answer) offers to start the project's
    private Docker engine or Podman service. Without a terminal the default is to start nothing.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Root
)

Import-Module $ModulePath
$endpoint = $env:DOCKER_HOST ? $env:DOCKER_HOST : 'the default socket'

function Test-Engine {
    try {
        $null = Get-ContainerEngine -ErrorAction Stop
        $true
    }
    catch {
        $false
    }
}

if (Test-Engine) {
    Write-Host "PSDocker imported. Engine: $endpoint"
    Get-Container | Out-Host
    return
}
$Error.Clear() # the probe's error is the message below, not a failure of the shell

$testRoot = $env:PSDOCKER_TEST_ROOT ? $env:PSDOCKER_TEST_ROOT : '/tmp/psdtest'
$engineScript = Join-Path $Root 'tests/engine/engine.sh'
$podmanScript = Join-Path $Root 'tests/engine/podman.sh'
Write-Host "PSDocker imported, but no container engine answers at ${endpoint}: its cmdlets need a Docker or Podman engine."
Write-Host 'To get one:'
if ($IsLinux) {
    Write-Host "  Docker  : the project's private engine (as root; installs docker.io when missing):"
    Write-Host "              bash $engineScript start; . $testRoot/env.ps1   # sets DOCKER_HOST to its socket"
    Write-Host "  Podman  : the project's private Podman service (as root):"
    Write-Host "              bash $podmanScript start; . $testRoot/podman-env.ps1; `$env:DOCKER_HOST = `$env:PSDOCKER_TEST_PODMAN_ENDPOINT"
}
Write-Host "  Your own: install Docker Engine or Docker Desktop (https://docs.docker.com/engine/install/) or Podman (podman system service),"
Write-Host "            then set `$env:DOCKER_HOST (unix:///var/run/docker.sock, npipe:////./pipe/docker_engine, tcp://host:2376) or pass -Endpoint / -Context."

$interactive = [Environment]::UserInteractive -and -not [Console]::IsInputRedirected -and $IsLinux
if (-not $interactive) {
    Write-Host 'Nothing started (no one to ask). The shell is open; start an engine as above, then run Get-Container.'
    return
}

$choices = [System.Management.Automation.Host.ChoiceDescription[]] @(
    [System.Management.Automation.Host.ChoiceDescription]::new('&Docker', "bash $engineScript start, then DOCKER_HOST points at it")
    [System.Management.Automation.Host.ChoiceDescription]::new('&Podman', "bash $podmanScript start, then DOCKER_HOST points at it")
    [System.Management.Automation.Host.ChoiceDescription]::new('&Nothing', 'Start nothing now')
)
$choice = $Host.UI.PromptForChoice('No container engine', 'Start a private one now?', $choices, 2)
switch ($choice) {
    0 {
        & bash $engineScript start
        if ($LASTEXITCODE -eq 0) {
            . (Join-Path $testRoot 'env.ps1')
            Write-Host "Engine: $env:DOCKER_HOST (stop it with: bash $engineScript stop)"
            Get-Container | Out-Host
        }
    }
    1 {
        & bash $podmanScript start
        if ($LASTEXITCODE -eq 0) {
            . (Join-Path $testRoot 'podman-env.ps1')
            $env:DOCKER_HOST = $env:PSDOCKER_TEST_PODMAN_ENDPOINT
            Write-Host "Engine: $env:DOCKER_HOST (stop it with: bash $podmanScript stop)"
            Get-Container | Out-Host
        }
    }
    default { Write-Host 'Nothing started. Start an engine as above, then run Get-Container.' }
}
