# Shared setup for the TLS and docker context tests (dot-source it after common.ps1).
#
# The private engine (tests/engine/engine.sh) listens on its unix socket and, with --tlsverify, on
# $env:PSDOCKER_TEST_TLS_ENDPOINT; its client certificates are in $env:PSDOCKER_TEST_TLS_CERTS (right CA),
# $env:PSDOCKER_TEST_TLS_WRONG_CA (another CA's ca.pem) and $env:PSDOCKER_TEST_TLS_CA_ONLY (no client certificate).

foreach ($name in 'PSDOCKER_TEST_TLS_ENDPOINT', 'PSDOCKER_TEST_TLS_CERTS', 'PSDOCKER_TEST_TLS_WRONG_CA', 'PSDOCKER_TEST_TLS_CA_ONLY') {
    if ([string]::IsNullOrWhiteSpace([Environment]::GetEnvironmentVariable($name))) {
        throw "$name is not set: start the private engine with 'bash tests/engine/engine.sh start' (it listens with TLS too) and dot-source its env.ps1."
    }
}
$script:TlsEndpoint = $env:PSDOCKER_TEST_TLS_ENDPOINT
# The form PSDocker reports a TLS endpoint in (https://).
$script:TlsEndpointShown = $script:TlsEndpoint -replace '^tcp://', 'https://'
$script:TlsCerts = $env:PSDOCKER_TEST_TLS_CERTS
$script:TlsWrongCa = $env:PSDOCKER_TEST_TLS_WRONG_CA
$script:TlsCaOnly = $env:PSDOCKER_TEST_TLS_CA_ONLY
$script:EngineVariables = 'DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'DOCKER_CERT_PATH'

function Save-EngineVariables {
    <# The engine-selection environment variables, to give back to Restore-EngineVariables. #>
    $saved = @{}
    foreach ($n in $script:EngineVariables) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
    $saved
}

function Restore-EngineVariables {
    param([Parameter(Mandatory)] [hashtable] $Saved)
    foreach ($n in $script:EngineVariables) { [Environment]::SetEnvironmentVariable($n, $Saved[$n]) }
}

function New-TestDockerConfig {
    <# A temporary DOCKER_CONFIG folder (not yet in effect). #>
    $dir = Join-Path ([IO.Path]::GetTempPath()) ('psdt-config-' + [guid]::NewGuid().ToString('N').Substring(0, 10))
    $null = New-Item -ItemType Directory -Path $dir
    $dir
}

function New-TestContext {
    <#
    Writes a context into a config folder the way 'docker context create' stores it: contexts/meta/<sha256 of name>/meta.json,
    and the TLS files (ca.pem, cert.pem, key.pem of -TlsFrom) into contexts/tls/<sha256>/docker.
    #>
    param(
        [Parameter(Mandatory)] [string] $Config,
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $DockerHost,
        [string] $TlsFrom,
        [string] $Description = '',
        [switch] $SkipTlsVerify
    )
    $id = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($Name))).ToLowerInvariant()
    $meta = Join-Path $Config "contexts/meta/$id"
    $null = New-Item -ItemType Directory -Force -Path $meta
    [ordered]@{
        Name      = $Name
        Metadata  = @{ Description = $Description }
        Endpoints = @{ docker = [ordered]@{ Host = $DockerHost; SkipTLSVerify = [bool]$SkipTlsVerify } }
    } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath (Join-Path $meta 'meta.json')
    if ($TlsFrom) {
        $tls = Join-Path $Config "contexts/tls/$id/docker"
        $null = New-Item -ItemType Directory -Force -Path $tls
        Copy-Item -Path (Join-Path $TlsFrom '*.pem') -Destination $tls
    }
}

function Set-TestCurrentContext {
    <# Writes currentContext into the config folder's config.json. #>
    param([Parameter(Mandatory)] [string] $Config, [Parameter(Mandatory)] [string] $Name)
    @{ auths = @{}; currentContext = $Name } | ConvertTo-Json | Set-Content -LiteralPath (Join-Path $Config 'config.json')
}
