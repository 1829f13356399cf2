#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and runs PSDocker.
.DESCRIPTION
    Build : publishes src/PSDocker and lays out the importable module in out/PSDocker
            (manifest, DLLs, format/type files, en-US help as MAML and about_PSDocker).
    Test  : Build, then xunit for the core, then starts a private Docker engine and registry
            (tests/engine/engine.sh) and a private Podman service (tests/engine/podman.sh), installing Debian
            packages when missing, runs Pester against Docker, then the lifecycle, exec and image tests
            again against Podman, stops what it started, and prints each pass and the total
            "N passed, N failed". Exits non-zero on any failure.
    Shell : Build, then opens an interactive pwsh with PSDocker imported, listing the containers; with no engine
            answering it says how to get one and offers to start the private test engine (src/build/Start-Shell.ps1).
    Bench : Build, start the private engine, run bench/Measure-PSDocker.ps1, Measure-Images.ps1, Measure-Exec.ps1, Measure-Terminal.ps1, Measure-ComposeImport.ps1, Measure-ComposeUp.ps1, Measure-Copy.ps1, Measure-Inspect.ps1, Measure-Events.ps1, Measure-Stats.ps1, Measure-Swarm.ps1 and Measure-CallTimeout.ps1, stop the engine.
    Clean : removes out/ and the bin/obj folders.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Shell', 'Bench', 'Clean')]
    [string] $Task = 'Build',
    [string] $Configuration = 'Release',
    # Passed to Invoke-Pester as -FullNameFilter / to tests: only run matching Pester tests.
    [string[]] $PesterFilter
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$out = Join-Path $root 'out/PSDocker'
# The pwsh of this session (under 'dotnet pwsh' the process itself is dotnet, so take it from $PSHOME).
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

function Invoke-Native {
    param([scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "Command failed with exit code ${LASTEXITCODE}: $Command" }
}

function Invoke-Build {
    $manifest = Import-PowerShellDataFile (Join-Path $root 'PSDocker.psd1')
    $version = $manifest.ModuleVersion
    $publish = Join-Path $root "src/PSDocker/bin/$Configuration/publish"
    Write-Host "Building PSDocker $version ($Configuration)"
    Invoke-Native { dotnet publish (Join-Path $root 'src/PSDocker/PSDocker.csproj') -c $Configuration -o $publish "-p:Version=$version" --nologo -v quiet }

    if (Test-Path $out) { Remove-Item $out -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $out, (Join-Path $out 'en-US')

    # An explicit allow-list: never the whole publish folder, never a DLL PowerShell ships. The cmdlets and the types
    # users see load into PowerShell's default context from the module folder; PSDocker.Core and its dependencies load
    # from dependencies/ into PSDocker's own AssemblyLoadContext (src/PSDocker.Models/DependencyLoadContext.cs), so another
    # module's YamlDotNet or Microsoft.Extensions.* of another version cannot clash with ours.
    $files = @('PSDocker.dll', 'PSDocker.Models.dll')
    $dependencies = @(
        'PSDocker.Core.dll'
        'YamlDotNet.dll'
        'Microsoft.Extensions.Http.dll'
        'Microsoft.Extensions.DependencyInjection.dll', 'Microsoft.Extensions.DependencyInjection.Abstractions.dll'
        'Microsoft.Extensions.Logging.dll', 'Microsoft.Extensions.Logging.Abstractions.dll'
        'Microsoft.Extensions.Options.dll', 'Microsoft.Extensions.Options.ConfigurationExtensions.dll'
        'Microsoft.Extensions.Primitives.dll'
        'Microsoft.Extensions.Configuration.dll', 'Microsoft.Extensions.Configuration.Abstractions.dll', 'Microsoft.Extensions.Configuration.Binder.dll'
        'Microsoft.Extensions.Diagnostics.dll', 'Microsoft.Extensions.Diagnostics.Abstractions.dll'
    )
    $dependencyFolder = Join-Path $out 'dependencies'
    $null = New-Item -ItemType Directory -Path $dependencyFolder
    foreach ($f in $files + $dependencies) {
        $src = Join-Path $publish $f
        if (-not (Test-Path $src)) { throw "Expected build output is missing: $f" }
        Copy-Item $src $(if ($f -in $files) { $out } else { $dependencyFolder })
    }
    Copy-Item (Join-Path $root 'PSDocker.psd1') $out
    Copy-Item (Join-Path $root 'src/PSDocker/PSDocker.Format.ps1xml'), (Join-Path $root 'src/PSDocker/PSDocker.Types.ps1xml') $out

    $helpBuilder = Join-Path $root 'src/build/ConvertTo-MamlHelp.ps1'
    if (Test-Path $helpBuilder) {
        & $helpBuilder -Path (Join-Path $root 'en-US') -OutputPath (Join-Path $out 'en-US')
    }
    Write-Host "Module ready: $out"
}

function Get-PesterPath {
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $path = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $path)) {
        # tests/PSDocker.Core.Tests carries a PackageDownload of Pester 5.7.1.
        Invoke-Native { dotnet restore (Join-Path $root 'tests/PSDocker.Core.Tests/PSDocker.Core.Tests.csproj') --nologo -v quiet }
    }
    if (-not (Test-Path $path)) { throw "Pester 5.7.1 was not restored to $path" }
    $path
}

function Get-TestRoot { if ($env:PSDOCKER_TEST_ROOT) { $env:PSDOCKER_TEST_ROOT } else { '/tmp/psdtest' } }

function Start-TestEngine {
    param([switch] $Podman)
    Invoke-Native { bash (Join-Path $root 'tests/engine/engine.sh') start }
    . (Join-Path (Get-TestRoot) 'env.ps1')
    # The Docker pass runs on a single-node swarm (the swarm tests need it; tests/swarm.common.ps1 re-creates it
    # when a test left it). engine.sh stop leaves it again.
    Invoke-Native { bash (Join-Path $root 'tests/engine/engine.sh') swarm }
    if ($Podman) {
        # The second engine: Podman's Docker-compatible service, its store private to the test root (installs podman if missing).
        Invoke-Native { bash (Join-Path $root 'tests/engine/podman.sh') start }
        . (Join-Path (Get-TestRoot) 'podman-env.ps1')
    }
}

function Stop-TestEngine {
    # Podman first: engine.sh stop unmounts everything under the test root, Podman's storage included.
    if (Test-Path (Join-Path (Get-TestRoot) 'podman')) { bash (Join-Path $root 'tests/engine/podman.sh') stop }
    bash (Join-Path $root 'tests/engine/engine.sh') stop
}

# The Pester files that also run against Podman: lifecycle, exec and image tests. A name whose file does not
# exist is left out. Not (yet) here:
# Invoke-ImagePush (Podman 4.3 reports another digest than the registry holds), Invoke-ImagePull (an image pushed from
# Podman keeps several digests of one repository, so the one a pull reports varies, and Podman refuses to remove a
# digest reference of an image that has other names: the file's between-test cleanup fails), Invoke-ImageBuild, Invoke-ImagePrune,
# Connect-Registry, and the TLS, context and terminal tests, which are about the Docker engine's own listeners.
$PodmanTestFiles = @(
    'Lifecycle', 'Get-ContainerEngine', 'Invoke-Container'
    'Get-Container', 'New-Container', 'Start-Container', 'Stop-Container', 'Suspend-Container', 'Resume-Container'
    'Restart-Container', 'Remove-Container', 'Wait-Container', 'Get-ContainerLog', 'Invoke-ContainerPrune'
    'Invoke-ContainerCommand', 'DockerHabits', 'EngineProtocol', 'InputValidation'
    'Get-Image', 'Add-ImageTag', 'Remove-Image', 'Get-ImageHistory'
    'Rename-Container', 'Get-ContainerChange', 'FirstMinutes'
    'Get-ContainerStatistic', 'Set-Container', 'Get-ContainerEvent', 'Invoke-SystemPrune'
    'Copy-ContainerItem', 'Export-Container', 'New-Image', 'Save-Image', 'Import-Image'
    'Networks', 'Volumes', 'New-Container.Options'
    'Start-ComposeProject', 'Get-ComposeProject', 'Stop-ComposeProject', 'Restart-ComposeProject', 'Remove-ComposeProject'
    'Swarm', 'SwarmSecret', 'SwarmConfig', 'Deploy-SwarmStack'
)

function Invoke-PesterPass {
    <# Runs Pester in a child pwsh (a loaded binary module cannot be unloaded) and returns @{ Passed; Failed; Seconds }. #>
    param(
        [Parameter(Mandatory)] [string] $Label,
        [Parameter(Mandatory)] [string[]] $Path,
        # Points the tests (and DOCKER_HOST) at another engine than env.ps1's.
        [string] $Endpoint
    )
    $pester = Get-PesterPath
    $resultFile = Join-Path ([IO.Path]::GetTempPath()) "psdocker-pester-$PID-$([guid]::NewGuid().ToString('N').Substring(0, 8)).json"
    $filter = if ($PesterFilter) { ($PesterFilter | ForEach-Object { "'" + ($_ -replace "'", "''") + "'" }) -join ',' } else { '' }
    $paths = ($Path | ForEach-Object { "'" + ($_ -replace "'", "''") + "'" }) -join ','
    $script = @"
`$ErrorActionPreference = 'Stop'
$(if ($Endpoint) { "`$env:PSDOCKER_TEST_DOCKER_ENDPOINT = `$env:PSDOCKER_TEST_ENDPOINT; `$env:PSDOCKER_TEST_ENDPOINT = '$Endpoint'; `$env:DOCKER_HOST = '$Endpoint'" })
Import-Module '$pester' -MinimumVersion 5.7.1
`$config = New-PesterConfiguration
`$config.Run.Path = @($paths)
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.Output.CIFormat = 'None'
$(if ($filter) { "`$config.Filter.FullName = @($filter)" })
`$r = Invoke-Pester -Configuration `$config
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount } | ConvertTo-Json | Set-Content '$resultFile'
"@
    $watch = [Diagnostics.Stopwatch]::StartNew()
    # Out-Host: the child's report goes to the console, not into this function's result.
    & $pwsh -NoProfile -NonInteractive -Command $script | Out-Host
    $seconds = [Math]::Round($watch.Elapsed.TotalSeconds)
    if (Test-Path $resultFile) {
        $r = Get-Content $resultFile -Raw | ConvertFrom-Json
        Remove-Item $resultFile
        @{ Passed = [int]$r.Passed; Failed = [int]$r.Failed; Seconds = $seconds }
    }
    else {
        Write-Host "Pester ($Label) did not report a result."
        @{ Passed = 0; Failed = 1; Seconds = $seconds }
    }
}

function Invoke-Test {
    Invoke-Build
    $passed = 0; $failed = 0

    Write-Host "`n== xunit: tests/PSDocker.Core.Tests"
    $xunitOutput = & dotnet test (Join-Path $root 'tests/PSDocker.Core.Tests/PSDocker.Core.Tests.csproj') -c $Configuration --nologo 2>&1
    $xunitExit = $LASTEXITCODE
    $xunitOutput | ForEach-Object { Write-Host $_ }
    $summary = $xunitOutput | Select-String -Pattern 'Failed:\s*(\d+),\s*Passed:\s*(\d+)' | Select-Object -Last 1
    if ($summary) {
        $failed += [int]$summary.Matches[0].Groups[1].Value
        $passed += [int]$summary.Matches[0].Groups[2].Value
    }
    elseif ($xunitExit -ne 0) { $failed += 1 }
    if ($xunitExit -ne 0 -and $failed -eq 0) { $failed += 1 }

    $docker = $null; $podman = $null
    try {
        Start-TestEngine -Podman
        Write-Host "`n== Pester: tests/*.Tests.ps1 against the private Docker engine ($env:PSDOCKER_TEST_ENDPOINT)"
        $docker = Invoke-PesterPass -Label 'Docker' -Path (Join-Path $root 'tests')
        $passed += $docker.Passed; $failed += $docker.Failed

        $files = @($PodmanTestFiles | ForEach-Object { Join-Path $root "tests/$_.Tests.ps1" } | Where-Object { Test-Path $_ })
        Write-Host "`n== Pester: $($files.Count) lifecycle, exec and image test files against Podman ($env:PSDOCKER_TEST_PODMAN_ENDPOINT)"
        $podman = Invoke-PesterPass -Label 'Podman' -Path $files -Endpoint $env:PSDOCKER_TEST_PODMAN_ENDPOINT
        $passed += $podman.Passed; $failed += $podman.Failed
    }
    catch {
        Write-Host "Test run failed: $_"
        $failed += 1
    }
    finally {
        Stop-TestEngine
    }
    Write-Host ''
    if ($docker) { Write-Host "Pester against Docker: $($docker.Passed) passed, $($docker.Failed) failed in $($docker.Seconds) s" }
    if ($podman) { Write-Host "Pester against Podman: $($podman.Passed) passed, $($podman.Failed) failed in $($podman.Seconds) s" }
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

switch ($Task) {
    'Clean' {
        Remove-Item (Join-Path $root 'out') -Recurse -Force -ErrorAction SilentlyContinue
        Get-ChildItem $root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
    }
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Shell' {
        Invoke-Build
        $manifestPath = Join-Path $out 'PSDocker.psd1'
        # Lists the containers; with no engine answering, says how to get one (and offers to start one when interactive).
        & $pwsh -NoExit -NoProfile -File (Join-Path $root 'src/build/Start-Shell.ps1') -ModulePath $manifestPath -Root $root
        exit $LASTEXITCODE
    }
    'Bench' {
        Invoke-Build
        try {
            Start-TestEngine
            foreach ($bench in 'Measure-PSDocker.ps1', 'Measure-Images.ps1', 'Measure-Exec.ps1', 'Measure-Terminal.ps1', 'Measure-ComposeImport.ps1', 'Measure-ComposeUp.ps1', 'Measure-Copy.ps1', 'Measure-Inspect.ps1', 'Measure-Events.ps1', 'Measure-Stats.ps1', 'Measure-Swarm.ps1', 'Measure-CallTimeout.ps1') {
                & $pwsh -NoProfile -File (Join-Path $root "bench/$bench") -ModulePath (Join-Path $out 'PSDocker.psd1')
            }
        }
        finally { Stop-TestEngine }
    }
}
