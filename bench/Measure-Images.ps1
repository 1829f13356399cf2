#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Measures PSDocker's image cmdlets against the docker CLI and the bare Engine API.
.DESCRIPTION
    Runs in one pwsh process against a live engine and its local registry, and prints, for each
    scenario, the median of -Repeat timed runs (one more warm-up run is discarded) next to the
    comparison's median:

      1. Invoke-ImagePull of a ~108 MB image with 6 layers of incompressible data (plus the base
         layer, already present) from the local registry, against docker pull of the same image.
         The image is removed (and its dangling layers pruned) before every run. PSDocker is
         measured with progress on, as a user gets it, and again with -ProgressAction
         SilentlyContinue, so the cost of progress is visible; the bare API call
         (Invoke-WebRequest POST /images/create) is shown for reference.
      2. Invoke-ImageBuild of a context of -Files small files (100-500 bytes, in subdirectories)
         with a .dockerignore (*.tmp, **/*.tmp, logs, !logs/keep.log), against
         DOCKER_BUILDKIT=0 docker build on the same context. The Dockerfile is FROM <image> plus a
         LABEL (cached after the warm-up), so the time is the context's upload and unpacking.
         Once, untimed: the tar each sends (docker's "Sending build context" against the bytes of
         PSDocker's BuildContext), and a build of each with COPY . /ctx whose /ctx file lists are
         compared with each other and with the list .dockerignore should let through.
      3. Get-Image with -Tags tags (psdbench/tag:N) of the test image, against Invoke-RestMethod on
         /images/json, and docker images --format '{{json .}}' | ConvertFrom-Json for reference.

    The image of scenario 1 is built without any outside registry: FROM the test image with RUN
    steps writing /dev/urandom data, built with the classic builder, pushed once to -Registry
    as <registry>/bench/big:1 and removed locally.

    Everything the script makes (images and tags named psdbench/* and <registry>/bench/big:1,
    containers labelled psdbench-images, the manifest of bench/big:1 in the registry, its temp
    directory) is removed at the start (a previous run may have been aborted) and at the end,
    also after an error. The registry keeps the blobs of a deleted manifest until its garbage
    collection runs.

    Progress is drawn only when the output is a terminal (the header says whether it is): run it
    in a terminal to see what progress costs a user.

    A missed target is reported, never an error. Any failure of a command, the engine or a
    check is an error: the script stops, cleans up, and exits non-zero.
.EXAMPLE
    pwsh -File bench/Measure-Images.ps1
.EXAMPLE
    pwsh -File bench/Measure-Images.ps1 -Quick
#>
[CmdletBinding()]
param(
    # The module manifest to measure.
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'),
    # The engine: unix:///path/docker.sock or tcp://host:port.
    [string] $Endpoint = $(if ($env:PSDOCKER_TEST_ENDPOINT) { $env:PSDOCKER_TEST_ENDPOINT } else { $env:DOCKER_HOST }),
    # An image on the engine with busybox sh and head (the test image).
    [string] $Image = $env:PSDOCKER_TEST_IMAGE,
    # A registry the engine can push to and pull from over plain HTTP (host:port), with delete enabled.
    [string] $Registry = $env:PSDOCKER_TEST_REGISTRY,
    # Timed runs per measurement (after one discarded warm-up run).
    [ValidateRange(1, 1000)]
    [int] $Repeat = 5,
    # A smoke run: 3 repetitions, a 5 x 4 MB image, 1,000 context files, 50 tags (unless -Repeat is given).
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$PSNativeCommandUseErrorActionPreference = $false   # exit codes are checked by hand

# Sizes of the scenarios.
$LayerCount = 6
$LayerBytes = 18000000
$Files = 5000
$Tags = 200
if ($Quick) {
    if (-not $PSBoundParameters.ContainsKey('Repeat')) { $Repeat = 3 }
    $LayerCount = 5
    $LayerBytes = 4000000
    $Files = 1000
    $Tags = 50
}

# --------------------------------------------------------------------------- inputs

if (-not $Endpoint) { throw 'No engine: pass -Endpoint, or set PSDOCKER_TEST_ENDPOINT or DOCKER_HOST (dot-source the test engine''s env.ps1).' }
if (-not $Image) { throw 'No image: pass -Image or set PSDOCKER_TEST_IMAGE.' }
if (-not $Registry) { throw 'No registry: pass -Registry or set PSDOCKER_TEST_REGISTRY (host:port of a local registry).' }
if ($Registry -notmatch '^[A-Za-z0-9.-]+:\d+$') { throw "Registry '$Registry' should be host:port." }
if (-not (Test-Path -LiteralPath $ModulePath)) { throw "Module not found: $ModulePath (build it with ./build.ps1)." }
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
if (-not (Get-Command docker -CommandType Application -ErrorAction SilentlyContinue)) { throw 'The docker CLI is not on PATH.' }

$ApiVersion = '1.41'
$socketPath = $null
$tcpBase = $null
if ($Endpoint -match '^unix://(/.+)$') { $socketPath = $Matches[1] }
elseif ($Endpoint -match '^(?:tcp|http)://([^/]+)/?$') { $tcpBase = "http://$($Matches[1])/" }
else { throw "Unsupported endpoint '$Endpoint': use unix:///path or tcp://host:port." }
$apiBase = if ($socketPath) { "http://localhost/v$ApiVersion/" } else { "${tcpBase}v$ApiVersion/" }

# PSDocker and the docker CLI both read DOCKER_HOST; the CLI also gets -H. docker build uses the classic builder.
$savedEnv = @{ DOCKER_HOST = $env:DOCKER_HOST; DOCKER_BUILDKIT = $env:DOCKER_BUILDKIT }
$env:DOCKER_HOST = $Endpoint
$env:DOCKER_BUILDKIT = '0'

# Names of everything the script makes.
$BigRepo = 'bench/big'
$BigRef = "$Registry/${BigRepo}:1"
$LocalPrefix = 'psdbench/'                 # psdbench/tag:N, psdbench/ctx:*, psdbench/verify:*
$BenchLabel = 'psdbench=images'            # on the images it builds (for a prune limited to them)
$ContainerLabel = 'psdbench-images'        # on the containers it creates to read /ctx
$TempPrefix = 'psdbench-images-'
$TempDir = Join-Path ([IO.Path]::GetTempPath()) "$TempPrefix$PID"

# --------------------------------------------------------------------------- engine and registry helpers (setup only)

function Invoke-Engine {
    param([string] $Method = 'GET', [string] $Path, [object] $Body, [string] $OutFile, [switch] $AllowMissing, [int] $TimeoutSec = 300)
    $ProgressPreference = 'SilentlyContinue'
    $p = @{ Method = $Method; Uri = $apiBase + $Path.TrimStart('/'); SkipHttpErrorCheck = $true; TimeoutSec = $TimeoutSec }
    if ($socketPath) { $p.UnixSocket = $socketPath }
    if ($null -ne $Body) { $p.Body = ($Body | ConvertTo-Json -Compress -Depth 6); $p.ContentType = 'application/json' }
    if ($OutFile) { $p.OutFile = $OutFile; $p.PassThru = $true }
    $r = Invoke-WebRequest @p
    $code = [int]$r.StatusCode
    if (($code -ge 200 -and $code -lt 300) -or $code -eq 304 -or ($AllowMissing -and $code -eq 404)) { return $r }
    $text = if ($OutFile) { Get-Content -LiteralPath $OutFile -Raw -ErrorAction SilentlyContinue } else { "$($r.Content)" }
    throw "$Method $Path`: HTTP $code $($text.Trim())"
}
function Get-EngineJson([string] $Path) { (Invoke-Engine GET $Path).Content | ConvertFrom-Json }
function Q([string] $s) { [uri]::EscapeDataString($s) }
function Filters([hashtable] $f) { Q ($f | ConvertTo-Json -Compress -Depth 3) }

function Test-EngineImage([string] $Name) { (Invoke-Engine GET "images/$Name/json" -AllowMissing).StatusCode -eq 200 }

function Invoke-Registry {
    param([string] $Method, [string] $Path, [hashtable] $Headers = @{})
    $ProgressPreference = 'SilentlyContinue'
    Invoke-WebRequest -Method $Method -Uri "http://$Registry/v2/$Path" -Headers $Headers -SkipHttpErrorCheck -TimeoutSec 60
}

# Deletes the manifest of bench/big:1 from the registry (the blobs stay until its garbage collection).
function Remove-RegistryImage {
    $accept = @{ Accept = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' }
    $head = Invoke-Registry HEAD "$BigRepo/manifests/1" $accept
    if ([int]$head.StatusCode -eq 404) { return }
    if ([int]$head.StatusCode -ne 200) { throw "Registry ${Registry}: HEAD $BigRepo/manifests/1 answered HTTP $([int]$head.StatusCode)." }
    $digest = @($head.Headers['Docker-Content-Digest'])[0]
    $del = Invoke-Registry DELETE "$BigRepo/manifests/$digest"
    if ([int]$del.StatusCode -notin 202, 404) { throw "Registry ${Registry}: DELETE $BigRepo/manifests/$digest answered HTTP $([int]$del.StatusCode) (is delete enabled?)." }
}

# Removes the pulled image and prunes what it left dangling (only images with the bench label).
function Remove-BigImage {
    $null = Invoke-Engine DELETE "images/$BigRef`?force=1" -AllowMissing
    $null = Invoke-Engine POST "images/prune?filters=$(Filters @{ dangling = @('true'); label = @($BenchLabel) })"
    if (Test-EngineImage $BigRef) { throw "$BigRef is still on the engine after removal." }
}

# Every tag this script makes, then its containers, dangling images, the registry manifest, temp dirs.
function Remove-BenchArtifacts {
    $ProgressPreference = 'SilentlyContinue'   # Remove-Item -Recurse of the context draws a bar
    foreach ($c in @(Get-EngineJson "containers/json?all=1&filters=$(Filters @{ label = @($ContainerLabel) })")) {
        $null = Invoke-Engine DELETE "containers/$($c.Id)?force=1&v=1" -AllowMissing
    }
    $names = foreach ($i in @(Get-EngineJson 'images/json')) {
        foreach ($t in @($i.RepoTags | Where-Object { $_ })) { if ($t.StartsWith($LocalPrefix) -or $t -eq $BigRef) { $t } }
    }
    foreach ($n in $names) { $null = Invoke-Engine DELETE "images/$n`?force=1" -AllowMissing }
    $null = Invoke-Engine POST "images/prune?filters=$(Filters @{ dangling = @('true'); label = @($BenchLabel) })"
    $left = @(foreach ($i in @(Get-EngineJson 'images/json')) { @($i.RepoTags | Where-Object { $_ -and ($_.StartsWith($LocalPrefix) -or $_ -eq $BigRef) }) })
    if ($left.Count -gt 0) { throw "$($left.Count) bench image name(s) are still there after removal (e.g. $($left[0]))." }
    Remove-RegistryImage
    # This run's temp dir, and those of runs whose process is gone.
    foreach ($d in @(Get-ChildItem -LiteralPath ([IO.Path]::GetTempPath()) -Directory -Filter "$TempPrefix*" -ErrorAction SilentlyContinue)) {
        $owner = 0
        if ($d.FullName -eq $TempDir -or -not [int]::TryParse($d.Name.Substring($TempPrefix.Length), [ref]$owner) -or -not (Get-Process -Id $owner -ErrorAction SilentlyContinue)) {
            Remove-Item -LiteralPath $d.FullName -Recurse -Force
        }
    }
}

function Assert-Native([string] $What, [object] $Output) {
    if ($LASTEXITCODE -ne 0) {
        $tail = @($Output | Select-Object -Last 5 | ForEach-Object { "$_" }) -join ' | '
        throw "$What failed with exit code $LASTEXITCODE. $tail"
    }
}

# docker's units.HumanSize: decimal units, 4 significant digits ("Sending build context" uses it).
function Format-HumanSize([double] $Bytes) {
    $units = 'B', 'kB', 'MB', 'GB', 'TB'
    $i = 0
    while ($Bytes -ge 1000 -and $i -lt $units.Count - 1) { $Bytes /= 1000; $i++ }
    [string]::Format([cultureinfo]::InvariantCulture, '{0:G4}{1}', $Bytes, $units[$i])
}

function Get-SortedOrdinal([Collections.Generic.IEnumerable[string]] $Items) {
    [string[]] $a = [Linq.Enumerable]::ToArray($Items)
    [Array]::Sort($a, [StringComparer]::Ordinal)
    , $a
}

# --------------------------------------------------------------------------- timing

function Get-Median([double[]] $Values) {
    $s = [double[]]($Values | Sort-Object)
    $n = $s.Count
    if ($n % 2) { $s[($n - 1) / 2] } else { ($s[$n / 2 - 1] + $s[$n / 2]) / 2 }
}

# Wall-clock ms of one run, and the CPU ms this pwsh process used meanwhile (children excluded):
# on a busy machine the CPU figure is the steadier measure of PSDocker's own work.
function Measure-Once([scriptblock] $Block) {
    [GC]::Collect()
    [GC]::WaitForPendingFinalizers()
    $self = [Diagnostics.Process]::GetCurrentProcess()
    $cpu0 = $self.TotalProcessorTime
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $null = & $Block
    $sw.Stop()
    $self.Refresh()
    $sw.Elapsed.TotalMilliseconds, ($self.TotalProcessorTime - $cpu0).TotalMilliseconds
}

<#
 Sides: an ordered dictionary name -> @{ Setup = {..}; Run = {..}; Check = {..} } (Setup and Check
 optional, both untimed). One warm-up round, then $Repeat rounds; each round runs every side once,
 starting with a different side each round so drift is shared. Returns name -> samples (ms) and
 name -> CPU samples (ms of this process).
#>
function Measure-Sides {
    param([string] $Title, [System.Collections.Specialized.OrderedDictionary] $Sides)
    $names = @($Sides.Keys)
    $samples = [ordered]@{}
    $cpu = [ordered]@{}
    $warmup = [ordered]@{}
    foreach ($name in $names) { $samples[$name] = [Collections.Generic.List[double]]::new(); $cpu[$name] = [Collections.Generic.List[double]]::new() }
    Write-Host "  $Title " -NoNewline
    for ($round = 0; $round -le $Repeat; $round++) {
        for ($k = 0; $k -lt $names.Count; $k++) {
            $name = $names[($round + $k) % $names.Count]
            $side = $Sides[$name]
            if ($side.Contains('Setup')) { $null = & $side.Setup }
            $ms, $cpuMs = Measure-Once $side.Run
            if ($side.Contains('Check')) { $null = & $side.Check }
            if ($round -eq 0) { $warmup[$name] = $ms } else { $samples[$name].Add($ms); $cpu[$name].Add($cpuMs) }
        }
        Write-Host '.' -NoNewline
    }
    Write-Host ''
    foreach ($name in $names) {
        $s = $samples[$name]
        Write-Host ('    {0,-50} median {1,9:N1} ms   min {2,9:N1}   max {3,9:N1}   warm-up {4,9:N1}   pwsh CPU {5,8:N1} ms   n={6}' -f $name, (Get-Median $s), ($s | Measure-Object -Minimum).Minimum, ($s | Measure-Object -Maximum).Maximum, $warmup[$name], (Get-Median $cpu[$name]), $s.Count)
    }
    [pscustomobject]@{ Samples = $samples; Cpu = $cpu; Warmup = $warmup }
}

$results = [Collections.Generic.List[object]]::new()
$notes = [Collections.Generic.List[string]]::new()
function Add-Result {
    param([string] $Scenario, [double] $Ours, [string] $Comparison, [double] $Theirs, [string] $Target, [object] $Met)
    $results.Add([pscustomobject]@{
        Scenario = $Scenario; PSDockerMs = $Ours; Comparison = $Comparison; ComparisonMs = $Theirs
        Ratio = '{0:N2}x' -f ($Ours / $Theirs); Target = $Target
        Met = $(if ($Met -is [bool]) { if ($Met) { 'yes' } else { 'no' } } else { "$Met" })
    })
}

# --------------------------------------------------------------------------- build context of scenario 2

<#
 Writes $Count files of 100-500 random letters (fixed seed) under $Dir, plus Dockerfile,
 Dockerfile.verify and .dockerignore; returns the relative paths .dockerignore lets through (the
 files COPY . /ctx must produce), worked out here independently of both clients.
#>
function New-BuildContext([string] $Dir, [int] $Count) {
    $rng = [Random]::new(20240611)
    $letters = [char[]]'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
    $null = New-Item -ItemType Directory -Force -Path $Dir
    $kept = [Collections.Generic.List[string]]::new()
    $buffer = [char[]]::new(500)
    $logs = [int]($Count * 0.08)          # logs/ (excluded) with logs/keep.log (an exception)
    $root = [int]($Count * 0.02)          # at the root: half *.txt, half *.tmp
    $deep = $Count - $logs - $root        # src/dNN/[sub/]fNNNN.*, every 10th a .tmp
    $dirs = 10
    function Write-One([string] $rel) {
        $n = $rng.Next(100, 501)
        for ($j = 0; $j -lt $n; $j++) { $buffer[$j] = $letters[$rng.Next($letters.Length)] }
        $full = Join-Path $Dir $rel
        $parent = Split-Path $full
        if (-not [IO.Directory]::Exists($parent)) { $null = [IO.Directory]::CreateDirectory($parent) }
        [IO.File]::WriteAllText($full, [string]::new($buffer, 0, $n))
    }
    for ($i = 0; $i -lt $root; $i++) {
        $rel = if ($i % 2) { 'r{0:d4}.tmp' -f $i } else { 'r{0:d4}.txt' -f $i }
        Write-One $rel
        if (-not $rel.EndsWith('.tmp')) { $kept.Add($rel) }
    }
    for ($i = 0; $i -lt $deep; $i++) {
        $d = $i % $dirs
        $sub = if ($i % 3 -eq 0) { '/sub' } else { '' }
        $ext = if ($i % 10 -eq 9) { 'tmp' } else { 'txt' }
        $rel = 'src/d{0:d2}{1}/f{2:d4}.{3}' -f $d, $sub, $i, $ext
        Write-One $rel
        if ($ext -ne 'tmp') { $kept.Add($rel) }
    }
    for ($i = 0; $i -lt $logs - 1; $i++) { Write-One ('logs/l{0:d4}.log' -f $i) }
    Write-One 'logs/keep.log'
    $kept.Add('logs/keep.log')

    $from = "FROM $Image`nLABEL $BenchLabel`n"
    [IO.File]::WriteAllText((Join-Path $Dir 'Dockerfile'), $from + "LABEL psdbench.build=context`n")
    [IO.File]::WriteAllText((Join-Path $Dir 'Dockerfile.verify'), $from + "COPY . /ctx`n")
    [IO.File]::WriteAllText((Join-Path $Dir '.dockerignore'), "# temp files at the root and anywhere below; the logs directory but for one file`n*.tmp`n**/*.tmp`nlogs`n!logs/keep.log`n")
    $kept.AddRange([string[]]@('Dockerfile', 'Dockerfile.verify', '.dockerignore'))
    [pscustomobject]@{ Written = $Count; Expected = (Get-SortedOrdinal $kept) }
}

# The regular files under /ctx of an image (relative paths, sorted), read with the archive API from a created container.
function Get-ImageFileList([string] $ImageName) {
    $created = (Invoke-Engine POST 'containers/create' -Body @{ Image = $ImageName; Cmd = @('true'); Labels = @{ $ContainerLabel = '1' } }).Content | ConvertFrom-Json
    $tarPath = Join-Path $TempDir "ctx-$($created.Id).tar"
    try {
        $null = Invoke-Engine GET "containers/$($created.Id)/archive?path=/ctx" -OutFile $tarPath
        $list = [Collections.Generic.List[string]]::new()
        $fs = [IO.File]::OpenRead($tarPath)
        try {
            $reader = [System.Formats.Tar.TarReader]::new($fs)
            while ($null -ne ($entry = $reader.GetNextEntry())) {
                if ($entry.EntryType -in [System.Formats.Tar.TarEntryType]::RegularFile, [System.Formats.Tar.TarEntryType]::V7RegularFile) {
                    $list.Add(($entry.Name -replace '^\./', '' -replace '^ctx/', ''))
                }
            }
        }
        finally { $fs.Dispose() }
        Get-SortedOrdinal $list
    }
    finally {
        $null = Invoke-Engine DELETE "containers/$($created.Id)?force=1" -AllowMissing
        Remove-Item -LiteralPath $tarPath -Force -ErrorAction SilentlyContinue
    }
}

# --------------------------------------------------------------------------- run

$serverVersion = Get-EngineJson 'version'
if (-not (Test-EngineImage $Image)) { throw "The image $Image is not on the engine." }
$dockerVersion = (docker -H $Endpoint version --format '{{.Client.Version}}' 2>$null)
Assert-Native 'docker version' $dockerVersion
$registryPing = Invoke-Registry GET ''
if ([int]$registryPing.StatusCode -ne 200) { throw "The registry at http://$Registry/v2/ answered HTTP $([int]$registryPing.StatusCode) (it must be open, over plain HTTP)." }

Import-Module $ModulePath -Force
$module = Get-Module PSDocker
if (-not $module -or $module.ModuleBase -ne (Split-Path $ModulePath -Parent)) { throw "Imported the wrong PSDocker: $($module.ModuleBase)" }

$terminal = -not [Console]::IsOutputRedirected
Write-Host 'PSDocker image benchmark'
Write-Host ("  module   {0} {1}" -f $module.Version, $module.ModuleBase)
Write-Host ("  engine   {0} (Docker {1}, API {2}, {3}, {4})" -f $Endpoint, $serverVersion.Version, $serverVersion.ApiVersion, $serverVersion.Os, $(try { (Get-EngineJson 'info').Driver } catch { '?' }))
Write-Host ("  registry {0}" -f $Registry)
Write-Host ("  docker   CLI {0} (DOCKER_BUILDKIT=0)" -f $dockerVersion)
Write-Host ("  pwsh     {0} on {1} cores; output is {2}" -f $PSVersionTable.PSVersion, [Environment]::ProcessorCount, $(if ($terminal) { 'a terminal: progress is drawn' } else { 'redirected: the host draws no progress (run in a terminal to see its cost)' }))
if (Test-Path /proc/loadavg) { Write-Host ("  load     {0} (1/5/15 min load average at the start; other work on the machine adds noise)" -f ((Get-Content /proc/loadavg -Raw).Split(' ')[0..2] -join ' ')) }
Write-Host ("  runs     median of {0}, one warm-up discarded; image {1} x {2:N0} bytes; {3:N0} context files; {4} tags" -f $Repeat, $LayerCount, $LayerBytes, $Files, $Tags)
Write-Host ''

$script:sink = $null
$script:cliOut = $null
$total = [Diagnostics.Stopwatch]::StartNew()
try {
    Remove-BenchArtifacts
    $null = New-Item -ItemType Directory -Force -Path $TempDir

    # ---- 1. Pull ----------------------------------------------------------------
    Write-Host "1. Pulling $BigRef ($LayerCount layers of $(Format-HumanSize $LayerBytes) from the local registry)"
    $dockerfile = "FROM $Image`nLABEL $BenchLabel`n" + (-join (1..$LayerCount | ForEach-Object { "RUN head -c $LayerBytes /dev/urandom > /layer$_`n" }))
    $out = $dockerfile | docker -H $Endpoint build -q -t $BigRef - 2>&1
    Assert-Native 'docker build (pull image)' $out
    $out = docker -H $Endpoint push $BigRef 2>&1
    Assert-Native 'docker push' $out
    $big = Get-EngineJson "images/$BigRef/json"
    $bigId = $big.Id
    $bigLayers = @($big.RootFS.Layers).Count
    $baseLayers = @((Get-EngineJson "images/$Image/json").RootFS.Layers).Count
    Remove-BigImage
    Write-Host ("  made {0}: {1}, {2} layers ({3} new, {4} of the base image already on the engine), pushed, removed locally" -f $BigRef, (Format-HumanSize $big.Size), $bigLayers, ($bigLayers - $baseLayers), $baseLayers)
    $notes.Add(("Pull: {0}, {1} layers: {2} of {3:N0} bytes from /dev/urandom are pulled, the base image's layer is already present; the image and its dangling layers are removed before every run." -f (Format-HumanSize $big.Size), $bigLayers, ($bigLayers - $baseLayers), $LayerBytes))

    $assertPulled = {
        $i = Get-EngineJson "images/$BigRef/json"
        if ($i.Id -ne $bigId -or @($i.RootFS.Layers).Count -ne $bigLayers) { throw "The pulled $BigRef is not the image pushed ($($i.Id), $(@($i.RootFS.Layers).Count) layers)." }
    }
    $pullUrl = $apiBase + "images/create?fromImage=$(Q "$Registry/$BigRepo")&tag=1"
    $iwrPull = if ($socketPath) { { $script:sink = Invoke-WebRequest -UnixSocket $socketPath -Method Post $pullUrl } } else { { $script:sink = Invoke-WebRequest -Method Post $pullUrl } }
    $pull = Measure-Sides 'Pull' ([ordered]@{
        'Invoke-ImagePull'                                   = @{ Setup = { Remove-BigImage }; Run = { $script:sink = Invoke-ImagePull $BigRef }; Check = { if ($script:sink.Id -ne $bigId) { throw "Invoke-ImagePull returned $($script:sink.Id)." }; & $assertPulled } }
        'Invoke-ImagePull -ProgressAction SilentlyContinue' = @{ Setup = { Remove-BigImage }; Run = { $script:sink = Invoke-ImagePull $BigRef -ProgressAction SilentlyContinue }; Check = { if ($script:sink.Id -ne $bigId) { throw "Invoke-ImagePull returned $($script:sink.Id)." }; & $assertPulled } }
        'docker pull'                                        = @{ Setup = { Remove-BigImage }; Run = { $script:sink = docker -H $Endpoint pull $BigRef 2>&1 }; Check = { Assert-Native 'docker pull' $script:sink; & $assertPulled } }
        'Invoke-WebRequest POST /images/create'              = @{ Setup = { Remove-BigImage }; Run = $iwrPull; Check = { if ("$($script:sink.Content)" -match '"error') { throw "The bare pull reported an error: $($script:sink.Content)" }; & $assertPulled } }
    })
    Remove-BigImage
    Write-Host ("    first Invoke-ImagePull in this process (the warm-up run): {0:N1} ms" -f $pull.Warmup['Invoke-ImagePull'])
    $ours = Get-Median $pull.Samples['Invoke-ImagePull']
    $quiet = Get-Median $pull.Samples['Invoke-ImagePull -ProgressAction SilentlyContinue']
    $cli = Get-Median $pull.Samples['docker pull']
    $bare = Get-Median $pull.Samples['Invoke-WebRequest POST /images/create']
    $size = Format-HumanSize $big.Size
    Add-Result "Invoke-ImagePull ($size, $bigLayers layers), progress on" $ours 'docker pull' $cli '<= 1.10x' ($ours -le 1.1 * $cli)
    Add-Result "Invoke-ImagePull ($size), -ProgressAction SilentlyContinue" $quiet 'docker pull' $cli '<= 1.10x' ($quiet -le 1.1 * $cli)
    Add-Result "Invoke-ImagePull ($size), progress on" $ours 'Invoke-WebRequest POST /images/create' $bare 'reference' 'n/a'
    $cpuOn = Get-Median $pull.Cpu['Invoke-ImagePull']
    $cpuOff = Get-Median $pull.Cpu['Invoke-ImagePull -ProgressAction SilentlyContinue']
    $notes.Add(("Pull, cost of progress: {0:N0} ms with progress on against {1:N0} ms silenced ({2:+0;-0} ms); CPU of the pwsh process per pull {3:N0} ms against {4:N0} ms ({5:+0;-0} ms); output {6}." -f $ours, $quiet, ($ours - $quiet), $cpuOn, $cpuOff, ($cpuOn - $cpuOff), $(if ($terminal) { 'to a terminal' } else { 'redirected, so no progress was drawn' })))
    Write-Host ''

    # ---- 2. Build ---------------------------------------------------------------
    Write-Host "2. Building from a context of $Files files with a .dockerignore"
    $ctxDir = Join-Path $TempDir 'context'
    $ctx = New-BuildContext $ctxDir $Files
    $writtenBytes = (Get-ChildItem -LiteralPath $ctxDir -Recurse -File -Force | Measure-Object Length -Sum).Sum
    Write-Host ("  made {0}: {1:N0} files ({2}), {3:N0} of them should go to the engine" -f $ctxDir, (@(Get-ChildItem -LiteralPath $ctxDir -Recurse -File -Force).Count), (Format-HumanSize $writtenBytes), $ctx.Expected.Count)

    $assertBuilt = { param($name) if (-not (Test-EngineImage $name)) { throw "The build did not make $name." } }
    $build = Measure-Sides 'Build' ([ordered]@{
        'Invoke-ImageBuild'                 = @{ Run = { $script:sink = Invoke-ImageBuild -Path $ctxDir -Tag psdbench/ctx:psdocker 6>&1 }; Check = { & $assertBuilt 'psdbench/ctx:psdocker' } }
        'DOCKER_BUILDKIT=0 docker build'    = @{ Run = { $script:cliOut = docker -H $Endpoint build -t psdbench/ctx:docker $ctxDir 2>&1 }; Check = { Assert-Native 'docker build' $script:cliOut; & $assertBuilt 'psdbench/ctx:docker' } }
    })
    $dockerSent = @($script:cliOut | ForEach-Object { "$_" } | Where-Object { $_ -match 'Sending build context to Docker daemon\s+(\S+)' } | ForEach-Object { $Matches[1] } | Select-Object -Last 1)
    # What PSDocker sends: the module's own BuildContext, written to a null stream (the same tar as the upload).
    # BuildContext lives in PSDocker.Core, in PSDocker's own load context: type literals cannot name it.
    $alc = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'PSDocker' | Select-Object -First 1
    $bcType = $alc.LoadFromAssemblyName([Reflection.AssemblyName]::new('PSDocker.Core')).GetType('PSDocker.Core.Images.BuildContext', $true)
    $bc = $bcType::Create($ctxDir, (Join-Path $ctxDir 'Dockerfile'))
    $null = $bc.CopyToAsync([IO.Stream]::Null).GetAwaiter().GetResult()
    $ours = Get-Median $build.Samples['Invoke-ImageBuild']
    $cli = Get-Median $build.Samples['DOCKER_BUILDKIT=0 docker build']
    Write-Host ("    context sent: docker 'Sending build context to Docker daemon  {0}'; PSDocker {1:N0} tar bytes ({2}), {3:N0} entries (files and directories), {4:N0} bytes of file data" -f ($dockerSent -join ''), $bc.BytesSent, (Format-HumanSize $bc.BytesSent), $bc.EntryCount, $bc.TotalBytes)

    # .dockerignore: build each with COPY . /ctx and compare the files with each other and with the expected list.
    Write-Host '  checking .dockerignore: COPY . /ctx with each client (untimed)'
    $null = Invoke-ImageBuild -Path $ctxDir -File (Join-Path $ctxDir 'Dockerfile.verify') -Tag psdbench/verify:psdocker -NoCache 6>$null
    $out = docker -H $Endpoint build --no-cache -f (Join-Path $ctxDir 'Dockerfile.verify') -t psdbench/verify:docker $ctxDir 2>&1
    Assert-Native 'docker build (verify)' $out
    $psFiles = Get-ImageFileList 'psdbench/verify:psdocker'
    $cliFiles = Get-ImageFileList 'psdbench/verify:docker'
    $sameAsCli = $null -eq (Compare-Object $psFiles $cliFiles -SyncWindow 0)
    $psRight = $null -eq (Compare-Object $psFiles $ctx.Expected -SyncWindow 0)
    $cliRight = $null -eq (Compare-Object $cliFiles $ctx.Expected -SyncWindow 0)
    $ignoreText = "{0:N0} files in /ctx with PSDocker, {1:N0} with docker, {2:N0} expected of {3:N0} written; PSDocker = docker: {4}; both = expected: {5}" -f $psFiles.Count, $cliFiles.Count, $ctx.Expected.Count, ($ctx.Written + 3), $(if ($sameAsCli) { 'yes' } else { 'NO' }), $(if ($psRight -and $cliRight) { 'yes' } else { "NO (PSDocker $psRight, docker $cliRight)" })
    Write-Host "    $ignoreText"
    if (-not $sameAsCli) {
        Compare-Object $psFiles $cliFiles | Select-Object -First 10 | ForEach-Object { Write-Host ("      {0} {1}" -f $(if ($_.SideIndicator -eq '<=') { 'only PSDocker:' } else { 'only docker:  ' }), $_.InputObject) }
    }
    foreach ($n in 'psdbench/verify:psdocker', 'psdbench/verify:docker') { $null = Invoke-Engine DELETE "images/$n`?force=1" -AllowMissing }

    Add-Result "Invoke-ImageBuild ($Files files, .dockerignore)" $ours 'DOCKER_BUILDKIT=0 docker build' $cli '<= 1.00x' ($ours -le $cli)
    $notes.Add(("Build context: docker sent {0} ('Sending build context'); PSDocker sends {1:N0} tar bytes ({2}) in {3:N0} entries. .dockerignore: {4}." -f ($dockerSent -join ''), $bc.BytesSent, (Format-HumanSize $bc.BytesSent), $bc.EntryCount, $ignoreText))
    $bc.Dispose()
    Write-Host ''

    # ---- 3. Get-Image -----------------------------------------------------------
    Write-Host "3. Listing images with $Tags tags of $Image"
    for ($n = 1; $n -le $Tags; $n++) { $null = Invoke-Engine POST "images/$Image/tag?repo=$(Q 'psdbench/tag')&tag=$n" }
    function Assert-Tags([int] $Found) { if ($Found -ne $Tags) { throw "Expected $Tags psdbench/tag rows in the list, found $Found." } }
    $listUrl = $apiBase + 'images/json'
    $irmList = if ($socketPath) { { $script:sink = Invoke-RestMethod -UnixSocket $socketPath $listUrl } } else { { $script:sink = Invoke-RestMethod $listUrl } }
    $list = Measure-Sides 'Get-Image' ([ordered]@{
        'Get-Image'                    = @{ Run = { $script:sink = Get-Image }; Check = { Assert-Tags @($script:sink | Where-Object Repository -EQ 'psdbench/tag').Count } }
        'Invoke-RestMethod /images/json' = @{ Run = $irmList; Check = { Assert-Tags @($script:sink | ForEach-Object { $_.RepoTags } | Where-Object { $_ -like 'psdbench/tag:*' }).Count } }
        'docker images | json'         = @{ Run = { $script:sink = docker -H $Endpoint images --format '{{json .}}' | ConvertFrom-Json }; Check = { Assert-Native 'docker images' $null; Assert-Tags @($script:sink | Where-Object Repository -EQ 'psdbench/tag').Count } }
    })
    Write-Host ("    first Get-Image in this process (the warm-up run): {0:N1} ms" -f $list.Warmup['Get-Image'])
    $gi = Get-Median $list.Samples['Get-Image']
    $irm = Get-Median $list.Samples['Invoke-RestMethod /images/json']
    $cli = Get-Median $list.Samples['docker images | json']
    Add-Result "Get-Image ($Tags tags)" $gi 'Invoke-RestMethod /images/json' $irm '<= 1.25x' ($gi -le 1.25 * $irm)
    Add-Result "Get-Image ($Tags tags)" $gi "docker images --format '{{json .}}' | ConvertFrom-Json" $cli 'reference' 'n/a'
    Write-Host ''
}
finally {
    $cleanupError = $null
    try { Remove-BenchArtifacts } catch { $cleanupError = $_ }
    $env:DOCKER_HOST = $savedEnv.DOCKER_HOST
    $env:DOCKER_BUILDKIT = $savedEnv.DOCKER_BUILDKIT
    if ($cleanupError) { Write-Warning "Cleanup failed: $cleanupError" }
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

$targeted = @($results | Where-Object Met -NE 'n/a')
$missed = @($targeted | Where-Object Met -EQ 'no')
Write-Host ("{0} of {1} targets met{2}" -f ($targeted.Count - $missed.Count), $targeted.Count, $(if ($missed) { '; missed: ' + (($missed | ForEach-Object { "$($_.Scenario) vs $($_.Comparison)" }) -join '; ') } else { '' }))
Write-Host ''
Write-Host 'Markdown:'
Write-Host ''
Write-Host '| Scenario | PSDocker ms | Comparison | Comparison ms | Ratio | Target | Met |'
Write-Host '|---|--:|---|--:|--:|---|---|'
foreach ($r in $results) {
    Write-Host ("| {0} | {1:N1} | ``{2}`` | {3:N1} | {4} | {5} | {6} |" -f ($r.Scenario -replace '\|', '\|'), $r.PSDockerMs, ($r.Comparison -replace '\|', '\|'), $r.ComparisonMs, $r.Ratio, ($r.Target -replace '<=', '≤'), $r.Met)
}
Write-Host ''
foreach ($n in $notes) { Write-Host "- $n" }
Write-Host ''
Write-Host ("_PSDocker {0}, Docker {1} (API {2}), docker CLI {3}, pwsh {4}, {5} cores; medians of {6} runs after one warm-up; output {7}._" -f $module.Version, $serverVersion.Version, $serverVersion.ApiVersion, $dockerVersion, $PSVersionTable.PSVersion, [Environment]::ProcessorCount, $Repeat, $(if ($terminal) { 'to a terminal' } else { 'redirected' }))
