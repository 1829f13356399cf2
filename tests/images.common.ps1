# Shared setup for the image and registry Pester tests. Dot-source it after common.ps1:
#
#   BeforeAll { . "$PSScriptRoot/common.ps1"; . "$PSScriptRoot/images.common.ps1" }
#   AfterAll  { Remove-TestContainers; Remove-TestImages; Restore-TestDockerConfig }
#
# Every image and tag a file makes carries its run (the label psdtest.run=<RunId> or the name prefix
# psdt-<run>), so Remove-TestImages removes exactly what the file made. The helpers that read the engine
# and the registries use Invoke-RestMethod only: an oracle independent of PSDocker. Traffic goes to the
# test engine's socket and to the registries on 127.0.0.1 only.

foreach ($v in 'PSDOCKER_TEST_REGISTRY', 'PSDOCKER_TEST_AUTH_REGISTRY', 'PSDOCKER_TEST_AUTH_USER', 'PSDOCKER_TEST_AUTH_PASSWORD') {
    if ([string]::IsNullOrWhiteSpace([Environment]::GetEnvironmentVariable($v))) {
        throw "$v is not set. Start the test engine with 'bash tests/engine/engine.sh start' and dot-source /tmp/psdtest/env.ps1."
    }
}
foreach ($v in 'PSDOCKER_TEST_REGISTRY', 'PSDOCKER_TEST_AUTH_REGISTRY') {
    if ([Environment]::GetEnvironmentVariable($v) -notmatch '^127\.\d+\.\d+\.\d+:\d+$') {
        throw "$v must be a loopback host:port (tests never talk to another registry); got '$([Environment]::GetEnvironmentVariable($v))'."
    }
}
$script:Registry = $env:PSDOCKER_TEST_REGISTRY
$script:AuthRegistry = $env:PSDOCKER_TEST_AUTH_REGISTRY
$script:AuthUser = $env:PSDOCKER_TEST_AUTH_USER
$script:AuthPassword = $env:PSDOCKER_TEST_AUTH_PASSWORD
$script:AuthCredential = [pscredential]::new($script:AuthUser, (ConvertTo-SecureString $script:AuthPassword -AsPlainText -Force))
# A wrong password that is easy to look for in every output stream.
$script:WrongPassword = 'Wr0ng-' + [guid]::NewGuid().ToString('N')
$script:WrongCredential = [pscredential]::new($script:AuthUser, (ConvertTo-SecureString $script:WrongPassword -AsPlainText -Force))
# Lower-case repository names of this file start with this.
$script:ImagePrefix = "psdt-$($script:RunId.Substring(0, 10))"
$script:PushedReferences = [System.Collections.Generic.List[object]]::new()

# Point DOCKER_CONFIG at an empty directory of this file, so no credential of the machine's user is ever used
# or changed. Restore-TestDockerConfig puts the old value back.
$script:SavedDockerConfig = $env:DOCKER_CONFIG
$script:SavedDockerAuthConfig = $env:DOCKER_AUTH_CONFIG
$script:SavedPath = $env:PATH
$script:TestTemp = Join-Path ([IO.Path]::GetTempPath()) "psdt-img-$($script:RunId.Substring(0, 10))"
$null = New-Item -ItemType Directory -Force -Path $script:TestTemp
$env:DOCKER_CONFIG = (New-Item -ItemType Directory -Force -Path (Join-Path $script:TestTemp 'docker-config')).FullName
$env:DOCKER_AUTH_CONFIG = $null

function Restore-TestDockerConfig {
    <# AfterAll: restores DOCKER_CONFIG, DOCKER_AUTH_CONFIG and PATH, and deletes this file's temp directory. #>
    $env:DOCKER_CONFIG = $script:SavedDockerConfig
    $env:DOCKER_AUTH_CONFIG = $script:SavedDockerAuthConfig
    $env:PATH = $script:SavedPath
    if ($script:TestTemp -and (Test-Path $script:TestTemp)) { Remove-Item -Recurse -Force $script:TestTemp -ErrorAction SilentlyContinue }
}

function New-TestImageName {
    <# A unique repository name of this file: [registry/]psdt-<run>-<suffix>-<random> (no tag). #>
    param(
        [string] $Suffix = 'img',
        [string] $Registry
    )
    $name = "$($script:ImagePrefix)-$Suffix-" + [guid]::NewGuid().ToString('N').Substring(0, 8)
    if ($Registry) { "$Registry/$name" } else { $name }
}

function New-TestTempDirectory {
    <# A new empty directory under this file's temp directory. #>
    param([string] $Name = 'dir')
    (New-Item -ItemType Directory -Path (Join-Path $script:TestTemp "$Name-$([guid]::NewGuid().ToString('N').Substring(0, 6))")).FullName
}

function Invoke-EngineJson {
    <# A raw call to the engine with an optional query and JSON body; returns the parsed answer. #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'GET',
        [object] $Body
    )
    $p = @{ UnixSocket = $script:EngineSocket; Method = $Method; Uri = "http://localhost/v1.41/$($Path.TrimStart('/'))"; TimeoutSec = 60 }
    if ($PSBoundParameters.ContainsKey('Body')) { $p.ContentType = 'application/json'; $p.Body = ($Body | ConvertTo-Json -Depth 8 -Compress) }
    Invoke-RestMethod @p
}

function New-TestImage {
    <#
    Makes a new image that no other test shares (its own ID), through the engine's commit API: a created (never
    started) container of the test image, committed with the file's run label and a unique label. -Name
    repository:tag tags it; without -Name it is dangling. -Label adds labels. Returns the image ID (sha256:...).
    (Another test file on the shared engine may remove containers it does not own; a commit whose container
    vanished is tried again with a new one.)
    #>
    param(
        [string] $Name,
        [hashtable] $Label = @{}
    )
    $labels = @{ $script:RunLabelKey = $script:RunId; 'psdtest.unique' = [guid]::NewGuid().ToString('N') }
    foreach ($k in $Label.Keys) { $labels[$k] = $Label[$k] }
    $query = ''
    if ($Name) {
        $ref = [PSDocker.ImageReference]::Parse($Name)
        $query = "&repo=$([uri]::EscapeDataString($ref.FamiliarRepository))&tag=$([uri]::EscapeDataString($(if ($ref.Tag) { $ref.Tag } else { 'latest' })))"
    }
    if ($script:IsPodman) {
        # Podman's compatible commit ignores the config in the body: give the labels and command as Dockerfile changes.
        foreach ($k in $labels.Keys) { $query += '&changes=' + [uri]::EscapeDataString("LABEL $k=$($labels[$k])") }
        $query += '&changes=' + [uri]::EscapeDataString('CMD ["/bin/sh"]')
    }
    for ($attempt = 1; ; $attempt++) {
        $c = Invoke-EngineJson 'containers/create' -Method POST -Body @{
            Image = $script:TestImage; Cmd = @('true'); Labels = @{ $script:RunLabelKey = $script:RunId }
        }
        try {
            $id = (Invoke-EngineJson "commit?container=$($c.Id)$query" -Method POST -Body @{ Labels = $labels; Cmd = @('/bin/sh') }).Id
            # Podman answers the bare hexadecimal ID; images are listed and inspected as sha256:<hex> on both engines.
            return $(if ($id -like 'sha256:*') { $id } else { "sha256:$id" })
        }
        catch [Microsoft.PowerShell.Commands.HttpResponseException] {
            if ([int]$_.Exception.Response.StatusCode -ne 404 -or $attempt -ge 3) {
                throw "Could not commit container $($c.Id) as '$Name': $_ $($_.ErrorDetails.Message)"
            }
        }
        finally {
            try { $null = Invoke-EngineJson "containers/$($c.Id)?force=1" -Method DELETE }
            catch [Microsoft.PowerShell.Commands.HttpResponseException] {
                if ([int]$_.Exception.Response.StatusCode -ne 404) { Write-Warning "Could not remove the container $($c.Id) New-TestImage used: $_" }
            }
        }
    }
}

function Get-EngineImage {
    <# The engine's own inspect data of an image (GET /images/{name}/json), or $null when it has no such image. #>
    param([Parameter(Mandatory, Position = 0)] [string] $Name)
    try {
        Invoke-Engine "images/$Name/json"
    }
    catch [Microsoft.PowerShell.Commands.HttpResponseException] {
        if ([int]$_.Exception.Response.StatusCode -eq 404) { return $null }
        throw
    }
}

function Get-EngineImageTag {
    <# Every repository:tag on the engine (GET /images/json), optionally only those of one repository. #>
    param([string] $Repository)
    foreach ($i in (Invoke-Engine 'images/json')) {
        foreach ($t in @($i.RepoTags | ForEach-Object { ConvertTo-FamiliarImageName $_ })) {
            if (-not $t -or $t -eq '<none>:<none>') { continue }
            if (-not $Repository -or $t.StartsWith("${Repository}:", [StringComparison]::Ordinal)) { $t }
        }
    }
}

function Remove-EngineImage {
    <# Removes an image or one of its names through the engine (untags only when the image has other names); quiet when missing. #>
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [switch] $Force)
    try { $null = Invoke-Engine "images/$($Name)?force=$(if ($Force) { 1 } else { 0 })" -Method DELETE }
    catch [Microsoft.PowerShell.Commands.HttpResponseException] {
        if ([int]$_.Exception.Response.StatusCode -ne 404) { throw }
    }
}

function Remove-TestImages {
    <# AfterAll: removes the images with this file's run label, the tags with this file's prefix, and what it pushed to the registries. #>
    $filters = [uri]::EscapeDataString((@{ label = @($script:RunLabel) } | ConvertTo-Json -Compress))
    try {
        foreach ($tag in @(Get-EngineImageTag | Where-Object { $_ -like "*$($script:ImagePrefix)-*" })) {
            try { Remove-EngineImage $tag } catch { Write-Warning "Could not remove test image $($tag): $_" }
        }
        foreach ($i in (Invoke-Engine "images/json?all=1&filters=$filters")) {
            try { Remove-EngineImage $i.Id -Force } catch { Write-Warning "Could not remove test image $($i.Id): $_" }
        }
    }
    catch { Write-Warning "Could not list the test images: $_" }
    foreach ($r in @($script:PushedReferences)) {
        try { Remove-RegistryManifest @r } catch { Write-Warning "Could not delete $($r.Repository):$($r.Tag) from $($r.Registry): $_" }
    }
}

function Add-PushedReference {
    <# Remembers a registry/repository:tag this file pushed, so Remove-TestImages deletes it from the registry. #>
    param([Parameter(Mandatory)] [string] $Name)
    $ref = [PSDocker.ImageReference]::Parse($Name)
    $script:PushedReferences.Add(@{ Registry = $ref.Registry; Repository = $ref.Repository; Tag = $(if ($ref.Tag) { $ref.Tag } else { 'latest' }) })
}

function Invoke-RegistryRequest {
    <# A raw request to one of the test registries (loopback only); with the test credential for the registry with auth. #>
    param(
        [Parameter(Mandatory)] [string] $Registry,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'GET',
        [hashtable] $Headers = @{}
    )
    if ($Registry -notmatch '^127\.\d+\.\d+\.\d+:\d+$') { throw "Not a loopback registry: $Registry" }
    $p = @{ Uri = "http://$Registry/v2/$($Path.TrimStart('/'))"; Method = $Method; Headers = $Headers; TimeoutSec = 15; NoProxy = $true; SkipHttpErrorCheck = $true }
    if ($Registry -eq $script:AuthRegistry) {
        $p.Authentication = 'Basic'; $p.Credential = $script:AuthCredential; $p.AllowUnencryptedAuthentication = $true
    }
    Invoke-WebRequest @p
}

$script:ManifestAccept = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json'

function Get-RegistryDigest {
    <# The digest a registry holds for repository:tag (its Docker-Content-Digest), or $null when it has none. #>
    param([Parameter(Mandatory)] [string] $Registry, [Parameter(Mandatory)] [string] $Repository, [Parameter(Mandatory)] [string] $Tag)
    $r = Invoke-RegistryRequest -Registry $Registry -Path "$Repository/manifests/$Tag" -Method HEAD -Headers @{ Accept = $script:ManifestAccept }
    if ([int]$r.StatusCode -ne 200) { return $null }
    "$($r.Headers['Docker-Content-Digest'])"
}

function Remove-RegistryManifest {
    <# Deletes repository:tag's manifest from a test registry (both registries allow delete); quiet when missing. #>
    param([Parameter(Mandatory)] [string] $Registry, [Parameter(Mandatory)] [string] $Repository, [Parameter(Mandatory)] [string] $Tag)
    $digest = Get-RegistryDigest -Registry $Registry -Repository $Repository -Tag $Tag
    if ($digest) { $null = Invoke-RegistryRequest -Registry $Registry -Path "$Repository/manifests/$digest" -Method DELETE }
}

function Get-AllRecordText {
    <#
    Everything a list of output records (a *>&1 capture, $Error entries) would show: each record's string form,
    its Format-List * -Force view, and for error records the messages, details, target and every inner exception.
    Used to prove that a secret appears nowhere.
    #>
    param([object[]] $Record)
    $sb = [System.Text.StringBuilder]::new()
    foreach ($r in $Record) {
        if ($null -eq $r) { continue }
        $null = $sb.AppendLine("$r")
        $null = $sb.AppendLine(($r | Format-List * -Force | Out-String -Width 4096))
        $errorRecord = if ($r -is [System.Management.Automation.ErrorRecord]) { $r } elseif ($r -is [System.Management.Automation.IContainsErrorRecord]) { $r.ErrorRecord } else { $null }
        $exception = if ($errorRecord) { $errorRecord.Exception } elseif ($r -is [Exception]) { $r } else { $null }
        if ($errorRecord) {
            $null = $sb.AppendLine($errorRecord.ToString())
            $null = $sb.AppendLine("$($errorRecord.ErrorDetails.Message) $($errorRecord.ErrorDetails.RecommendedAction)")
            $null = $sb.AppendLine("$($errorRecord.TargetObject) $($errorRecord.CategoryInfo) $($errorRecord.FullyQualifiedErrorId)")
            $null = $sb.AppendLine("$($errorRecord.InvocationInfo.Line)")
        }
        while ($exception) {
            $null = $sb.AppendLine($exception.ToString())
            $null = $sb.AppendLine($exception.Message)
            $null = $sb.AppendLine(($exception | Format-List * -Force | Out-String -Width 4096))
            $exception = $exception.InnerException
        }
        if ($r -is [System.Management.Automation.InformationRecord]) { $null = $sb.AppendLine("$($r.MessageData)") }
    }
    $sb.ToString()
}

function Get-SecretForm {
    <# The forms a password could leak in: plain, base64 of user:password, and the X-Registry-Auth header value the module sends. #>
    param([Parameter(Mandatory)] [string] $User, [Parameter(Mandatory)] [string] $Password, [Parameter(Mandatory)] [string] $Registry)
    $Password
    [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${User}:$Password"))
    # RegistryAuth lives in PSDocker.Core, in PSDocker's own load context: type literals cannot name it.
    $alc = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'PSDocker' | Select-Object -First 1
    $auth = $alc.LoadFromAssemblyName([Reflection.AssemblyName]::new('PSDocker.Core')).GetType('PSDocker.Core.Images.RegistryAuth', $true)
    $auth::new($User, $Password, $Registry, $null).Encode()
}
