# Shared setup for the compose project tests (Start/Stop/Restart/Remove/Get-ComposeProject). Dot-source it after common.ps1:
#
#   BeforeAll { . "$PSScriptRoot/common.ps1"; . "$PSScriptRoot/compose.common.ps1" }
#   AfterAll  { Remove-ComposeTestProjects }
#
# Projects are named psdt-<run>-<suffix> (lower case, as compose wants), written to a temporary folder, and every
# container, network and volume labelled with one of this file's projects is removed at the end through the engine's
# REST API (an oracle independent of PSDocker).

$script:ComposeProjects = [System.Collections.Generic.List[string]]::new()
$script:ComposeDirs = [System.Collections.Generic.List[string]]::new()

function New-ComposeProjectName {
    <# A project name unique to this file: psdt-<run>-<suffix>. #>
    param([string] $Suffix = 'p')
    $name = "$($script:RunPrefix)-$Suffix".ToLowerInvariant()
    $script:ComposeProjects.Add($name)
    $name
}

function New-ComposeTestFile {
    <#
    Writes compose YAML into a new temporary folder (compose.yaml, or -FileName) and returns the file's path.
    The text may use {IMAGE}, {PROJECT} and {PORT}, which are replaced.
    #>
    param(
        [Parameter(Mandatory)] [string] $Yaml,
        [string] $Project = '',
        [int] $Port = 0,
        [string] $Directory,
        [string] $FileName = 'compose.yaml'
    )
    if (-not $Directory) {
        $Directory = Join-Path ([IO.Path]::GetTempPath()) "psdt-compose-$([guid]::NewGuid().ToString('N').Substring(0, 10))"
        $null = New-Item -ItemType Directory -Path $Directory
        $script:ComposeDirs.Add($Directory)
    }
    $text = $Yaml.Replace('{IMAGE}', $script:TestImage).Replace('{PROJECT}', $Project).Replace('{PORT}', [string]$Port)
    $path = Join-Path $Directory $FileName
    Set-Content -LiteralPath $path -Value $text -Encoding utf8NoBOM
    $path
}

# The 4-service application: web (httpd on a published loopback port, health check) waits for db to be healthy and for
# the one-shot migrate to exit 0; db keeps its data in a named volume and reports healthy once it wrote it; worker runs
# beside them. All four join the project network 'backend'. {GREETING} lets a test change worker's configuration.
$script:AppYaml = @'
name: {PROJECT}
services:
  web:
    image: {IMAGE}
    command: ["sh", "-c", "mkdir -p /www && echo hello from web > /www/index.html && exec httpd -f -p 8080 -h /www"]
    # httpd as PID 1 ignores SIGTERM: stop it with SIGKILL at once instead of after the 10 s grace period.
    stop_signal: SIGKILL
    ports:
      - "127.0.0.1:{PORT}:8080"
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]
      interval: 500ms
      timeout: 5s
      retries: 60
    depends_on:
      db:
        condition: service_healthy
      migrate:
        condition: service_completed_successfully
    networks: [backend]
  db:
    image: {IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; echo ready > /data/ready; sleep 600 & wait"]
    volumes:
      - data:/data
    healthcheck:
      test: ["CMD", "test", "-f", "/data/ready"]
      interval: 500ms
      retries: 60
    networks: [backend]
  migrate:
    image: {IMAGE}
    command: ["sh", "-c", "echo migrated > /data/migrated"]
    volumes:
      - data:/data
    depends_on:
      db:
        condition: service_healthy
    networks: [backend]
  worker:
    image: {IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
    environment:
      GREETING: "{GREETING}"
    networks: [backend]
networks:
  backend: {}
volumes:
  data: {}
'@

function New-ComposeApp {
    <# Writes the 4-service application for a project; returns @{ Project; File; Port; Directory }. #>
    param([Parameter(Mandatory)] [string] $Project, [string] $Greeting = 'hi', [int] $Port = (Get-FreeTcpPort), [string] $Directory)
    $file = New-ComposeTestFile -Yaml $script:AppYaml.Replace('{GREETING}', $Greeting) -Project $Project -Port $Port -Directory $Directory
    [pscustomobject]@{ Project = $Project; File = $file; Port = $Port; Directory = (Split-Path $file) }
}

function Get-EngineList {
    <# GET <kind> (containers/json?all=1, networks, volumes) with a label filter, through the REST API; one object per item. #>
    param([Parameter(Mandatory)] [ValidateSet('containers', 'networks', 'volumes')] [string] $Kind, [Parameter(Mandatory)] [string] $Label)
    $filters = [uri]::EscapeDataString((@{ label = @($Label) } | ConvertTo-Json -Compress))
    $path = switch ($Kind) { 'containers' { "containers/json?all=1&filters=$filters" } default { "$($Kind)?filters=$filters" } }
    $answer = Invoke-Engine $path
    $items = if ($Kind -eq 'volumes') { $answer.Volumes } else { $answer }
    foreach ($i in $items) { if ($null -ne $i) { $i } }
}

function Get-ComposeEngineState {
    <# What the engine holds of a project, read from labels through the REST API: containers, networks, volumes. #>
    param([Parameter(Mandatory)] [string] $Project)
    $label = "com.docker.compose.project=$Project"
    [pscustomobject]@{
        Containers = @(Get-EngineList containers $label)
        Networks   = @(Get-EngineList networks $label)
        Volumes    = @(Get-EngineList volumes $label)
    }
}

function Get-ServiceContainers {
    <# The engine's containers of one service of a project, by number. #>
    param([Parameter(Mandatory)] [string] $Project, [Parameter(Mandatory)] [string] $Service)
    @(Get-EngineList containers "com.docker.compose.project=$Project" |
        Where-Object { $_.Labels.'com.docker.compose.service' -eq $Service } |
        Sort-Object { [int]$_.Labels.'com.docker.compose.container-number' })
}

function Remove-ComposeTestProjects {
    <# AfterAll: removes every container, network and volume of this file's projects (REST API), and the temporary folders. #>
    if (-not $script:EngineSocket) { return }
    foreach ($p in $script:ComposeProjects) {
        $label = "com.docker.compose.project=$p"
        foreach ($c in @(Get-EngineList containers $label)) {
            try { $null = Invoke-Engine "containers/$($c.Id)?force=1&v=1" -Method DELETE -TimeoutSec 60 } catch { Write-Warning "Could not remove container $($c.Id): $_" }
        }
        foreach ($n in @(Get-EngineList networks $label)) {
            try { $null = Invoke-Engine "networks/$($n.Id)" -Method DELETE } catch { Write-Warning "Could not remove network $($n.Name): $_" }
        }
        foreach ($v in @(Get-EngineList volumes $label)) {
            try { $null = Invoke-Engine "volumes/$($v.Name)?force=1" -Method DELETE } catch { Write-Warning "Could not remove volume $($v.Name): $_" }
        }
    }
    foreach ($d in $script:ComposeDirs) { Remove-Item -LiteralPath $d -Recurse -Force -ErrorAction SilentlyContinue }
}

# A small 2-service project for the Stop/Restart/Remove/Get tests: app depends on db (service_started).
$script:PairYaml = @'
name: {PROJECT}
services:
  db:
    image: {IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
    volumes: [data:/data]
  app:
    image: {IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
    depends_on: [db]
volumes:
  data: {}
'@

function New-ComposePair {
    <# Writes and starts the 2-service project; returns @{ Project; File }. #>
    param([Parameter(Mandatory)] [string] $Project)
    $file = New-ComposeTestFile -Yaml $script:PairYaml -Project $Project
    $null = Start-ComposeProject -Path $file -ErrorAction Stop
    [pscustomobject]@{ Project = $Project; File = $file }
}
