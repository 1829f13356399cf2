<#
.SYNOPSIS
    Puts the common engine parameters (-Endpoint, -Context, -TlsCertificatePath, -SkipCertificateCheck, -TimeoutSec) into help pages.
.DESCRIPTION
    Every cmdlet that derives from DockerCmdlet has these five parameters. This script brings a page in en-US up to date:
    the SYNTAX blocks name them, -Endpoint is documented as String[], and the four other parameters get their sections
    (in alphabetical order among the page's parameters). It is idempotent: a page already up to date is left as it is.
    Run it on a new cmdlet's page after writing the rest of the page.
.EXAMPLE
    ./src/build/Update-EngineParameterHelp.ps1 -Path en-US/Enter-Container.md
#>
[CmdletBinding()]
param(
    # Pages to update (default: every cmdlet page in en-US that documents -Endpoint).
    [string[]] $Path = @(Get-ChildItem (Join-Path $PSScriptRoot '../../en-US') -Filter '*-*.md' | ForEach-Object FullName),
    # Cmdlets that fan out over several engines (their -Endpoint and -Context text says so).
    [string[]] $MultiEngine = @('Get-Container', 'Get-Image', 'Get-ContainerEngine')
)

$ErrorActionPreference = 'Stop'
$syntaxOld = '[-Endpoint <String>]'
$syntaxNew = '[-Endpoint <String[]>] [-Context <String[]>] [-TlsCertificatePath <String>] [-SkipCertificateCheck]'

function Get-Yaml([string] $Type, [string] $Default) {
    @"
``````yaml
Type: $Type
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: $Default
Accept pipeline input: False
Accept wildcard characters: False
``````
"@
}

foreach ($file in $Path) {
    $name = [IO.Path]::GetFileNameWithoutExtension($file)
    $text = [IO.File]::ReadAllText($file) -replace "`r`n", "`n"
    if ($text -notmatch '(?m)^### -Endpoint$') { continue }
    $several = $name -in $MultiEngine
    $piped = $text -match '(?s)### -Endpoint\n[^#]*Piped'

    # SYNTAX: the five parameters wherever -Endpoint is named.
    $text = $text.Replace($syntaxOld, $syntaxNew)
    $text = [regex]::Replace($text, '\[-SkipCertificateCheck\](?! \[-TimeoutSec)', '[-SkipCertificateCheck] [-TimeoutSec <Int32>]')

    # -Endpoint: String[] and the resolution order.
    $endpointText = @(
        'The address of the engine: `unix:///path/to/socket`, `tcp://host:port` or `http://host:port`, `https://host:port`'
        '(TLS; port 2376 when none is given), `npipe:////./pipe/name`, or a bare `host:port`. Without it (and without'
        '`-Context`) the cmdlet uses the docker CLI''s order: `$env:DOCKER_HOST`, then `$env:DOCKER_CONTEXT`, then'
        '`currentContext` in `config.json`, then the platform''s default (`unix:///var/run/docker.sock`, or'
        '`npipe:////./pipe/docker_engine` on Windows). TLS to a `tcp://` address comes from `$env:DOCKER_TLS_VERIFY` and'
        '`$env:DOCKER_CERT_PATH`, as the docker CLI reads them, or from `-TlsCertificatePath`.'
    ) -join "`n"
    $endpointText += if ($several) {
        "`nGive several addresses to list from every engine at once; each object's ``Endpoint`` property tells where it came from."
    }
    else {
        "`nThis cmdlet works on one engine: several addresses are a terminating ``SeveralEnginesNotSupported`` error."
    }
    if ($piped) {
        $endpointText += "`nPiped objects are acted on at the engine they came from (their ``Endpoint`` and ``Context``) unless ``-Endpoint`` or ``-Context`` is given."
    }
    $endpointText += "`nA malformed value is a terminating ``InvalidEndpoint`` error; an engine that cannot be reached is a terminating ``EngineUnreachable```nerror, and a TLS failure a terminating security error (``EngineCertificateUntrusted``, ``EngineClientCertificateRejected``)."
    $text = [regex]::Replace($text, '(?s)(### -Endpoint\n)(?:(?!\n### ).)*?(```yaml\n)Type: String\n', {
            param($m) $m.Groups[1].Value + $endpointText + "`n`n" + $m.Groups[2].Value + "Type: String[]`n"
        })
    $text = [regex]::Replace($text, '(?s)(### -Endpoint\n(?:(?!\n### ).)*?)Default value: \$env:DOCKER_HOST, then the platform default\n', {
            param($m) $m.Groups[1].Value + "Default value: the current context: `$env:DOCKER_HOST, `$env:DOCKER_CONTEXT, currentContext, then the platform default`n"
        })

    $sections = [ordered]@{
        Context              = @(
            $(if ($several) {
                    'The docker contexts to use (`docker context ls`, or `Get-ContainerContext`). Give several to list from every engine at once:'
                    'each object''s `Context` property names the one it came from, and an engine that cannot be reached is then a'
                    'non-terminating error while the others still answer.'
                }
                else {
                    'The docker context to use (`docker context ls`, or `Get-ContainerContext`). This cmdlet works on one engine: several'
                    'contexts are a terminating `SeveralEnginesNotSupported` error.'
                })
            'A context holds an endpoint and its TLS files, in the store under `$env:DOCKER_CONFIG` (else `~/.docker`) `/contexts`;'
            '`default` is `-Endpoint`/`$env:DOCKER_HOST`. `-Context` wins over `$env:DOCKER_HOST`, `$env:DOCKER_CONTEXT` and'
            '`currentContext`; with `-Endpoint` it is a terminating `ConflictingEngineParameters` error, and an unknown name a'
            'terminating `ContextNotFound` error.'
            ''
            (Get-Yaml 'String[]' '$env:DOCKER_CONTEXT, then currentContext in config.json (unless $env:DOCKER_HOST is set)')
        ) -join "`n"
        SkipCertificateCheck = @(
            'Speaks TLS to the engine without checking its certificate, like `docker --tls` without `--tlsverify` (or'
            '`$env:DOCKER_TLS`). The client certificate, if there is one, is still sent. Not recommended: anyone between you and'
            'the engine could pose as it.'
            ''
            (Get-Yaml 'SwitchParameter' 'False')
        ) -join "`n"
        TimeoutSec           = @(
            'Seconds a call to the engine may take before it ends in a terminating `EngineTimeout` error that names the engine, the'
            'call and the limit (default `$env:PSDOCKER_TIMEOUT`, else 100; `0` waits without a limit). Whole seconds, as'
            '`Invoke-RestMethod -TimeoutSec` and `Wait-Job -Timeout` take them; the name is not `-Timeout` because that is docker''s'
            'stop grace period on `Stop-Container` and `Restart-Container` (whose calls get the grace period on top of this limit).'
            'Streams are never cut by it: pulls, pushes, builds, `Get-ContainerLog -Follow`, waits and attached sessions. When one'
            'stays silent that long (at most 30 seconds), PSDocker checks that the engine still answers `/_ping` and ends the'
            'stream in a terminating `EngineConnectionLost` error when it does not. A connection that breaks mid-answer is'
            '`EngineConnectionLost` too, and an answer that is not what the API describes `EngineProtocolError`.'
            ''
            (Get-Yaml 'Int32' '$env:PSDOCKER_TIMEOUT, else 100')
        ) -join "`n"
        TlsCertificatePath   = @(
            'A folder with `ca.pem`, `cert.pem` and `key.pem`: turns on TLS to a `tcp://` endpoint, the engine''s certificate'
            'checked against `ca.pem` only, with `cert.pem`/`key.pem` as the client certificate (as `$env:DOCKER_CERT_PATH` with'
            '`$env:DOCKER_TLS_VERIFY=1`). A missing folder or `ca.pem` is a terminating `InvalidTlsConfiguration` error;'
            'it cannot be combined with `-Context` (a context has its own TLS files).'
            ''
            (Get-Yaml 'String' '$env:DOCKER_CERT_PATH (else ~/.docker) when $env:DOCKER_TLS_VERIFY is set')
        ) -join "`n"
    }

    foreach ($param in $sections.Keys) {
        if ($text -match "(?m)^### -$param$") { continue }
        $block = "### -$param`n" + $sections[$param] + "`n`n"
        # Before the first parameter heading that sorts after it, else before CommonParameters.
        $headings = [regex]::Matches($text, '(?m)^### (-\w+|CommonParameters)$')
        $at = $null
        foreach ($h in $headings) {
            $n = $h.Groups[1].Value
            if ($n -eq 'CommonParameters' -or [string]::Compare($n.TrimStart('-'), $param, [StringComparison]::OrdinalIgnoreCase) -gt 0) { $at = $h.Index; break }
        }
        if ($null -eq $at) { throw "$file has no ### CommonParameters heading to insert -$param before." }
        $text = $text.Insert($at, $block)
    }
    [IO.File]::WriteAllText($file, $text)
    Write-Verbose "updated $file"
}
