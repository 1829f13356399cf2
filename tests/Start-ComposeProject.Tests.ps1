BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/compose.common.ps1"
}

AfterAll {
    Remove-ComposeTestProjects
}

Describe 'Start-ComposeProject: the 4-service application' {
    BeforeAll {
        $script:app = New-ComposeApp -Project (New-ComposeProjectName 'app')
        $script:first = @(Start-ComposeProject -Path $app.File -ErrorAction Stop)
    }

    It 'creates every service, reports each as Created, in the file''s order' {
        $first.Service | Should -Be @('web', 'db', 'migrate', 'worker')
        $first.Action | Sort-Object -Unique | Should -Be 'Created'
        $first | ForEach-Object { $_ | Should -BeOfType ([PSDocker.ComposeServiceResult]); $_.Project | Should -Be $app.Project }
        ($first | Where-Object Service -eq web).Containers | Should -Be "$($app.Project)-web-1"
    }

    It 'names and labels containers, network and volume as docker compose v2 does' {
        $state = Get-ComposeEngineState $app.Project
        $state.Containers.Count | Should -Be 4
        $web = Get-ServiceContainers $app.Project web
        $web[0].Names[0].TrimStart('/') | Should -Be "$($app.Project)-web-1"
        $l = $web[0].Labels
        $l.'com.docker.compose.service' | Should -Be 'web'
        $l.'com.docker.compose.container-number' | Should -Be '1'
        $l.'com.docker.compose.oneoff' | Should -Be 'False'
        $l.'com.docker.compose.project.working_dir' | Should -Be $app.Directory
        $l.'com.docker.compose.project.config_files' | Should -Be $app.File
        $l.'com.docker.compose.version' | Should -Be '2.24.6'
        $l.'com.docker.compose.config-hash' | Should -Match '^[0-9a-f]{64}$'
        $l.'com.docker.compose.depends_on' | Should -Match 'db:service_healthy'
        $state.Networks.Name | Should -Be "$($app.Project)_backend"
        $state.Networks[0].Labels.'com.docker.compose.network' | Should -Be 'backend'
        $state.Volumes.Name | Should -Be "$($app.Project)_data"
        $state.Volumes[0].Labels.'com.docker.compose.volume' | Should -Be 'data'
    }

    It 'ran migrate to completion before web, and db is healthy' {
        $migrate = Get-EngineInspect (Get-ServiceContainers $app.Project migrate)[0].Id
        $migrate.State.Status | Should -Be 'exited'
        $migrate.State.ExitCode | Should -Be 0
        $web = Get-EngineInspect (Get-ServiceContainers $app.Project web)[0].Id
        [datetime]$web.State.StartedAt | Should -BeGreaterThan ([datetime]$migrate.State.FinishedAt)
        (Get-EngineInspect (Get-ServiceContainers $app.Project db)[0].Id).State.Health.Status | Should -Be 'healthy'
    }

    It 'answers over the published loopback port' {
        $r = Invoke-LoopbackRequest -Port $app.Port -TimeoutSec 20
        $r.StatusCode | Should -Be 200
        $r.Content | Should -Match 'hello from web'
    }

    It 'gives each container its service name as a network alias on the project network' {
        $worker = (Get-ServiceContainers $app.Project worker)[0]
        $out = Invoke-ContainerCommand -Name $worker.Id -Command wget, '-q', '-O', '-', 'http://web:8080/' -ErrorAction Stop
        ($out | ForEach-Object { "$_" }) -join "`n" | Should -Match 'hello from web'
        $aliases = (Get-EngineInspect $worker.Id).NetworkSettings.Networks."$($app.Project)_backend".Aliases
        $aliases | Should -Contain 'worker'
        $aliases | Should -Contain "$($app.Project)-worker-1"
    }

    It 'changes nothing on a second run: same containers, reported Running (migrate Completed)' {
        $before = (Get-ComposeEngineState $app.Project).Containers | Sort-Object Id | ForEach-Object Id
        $again = @(Start-ComposeProject -Path $app.File -ErrorAction Stop)
        ($again | Where-Object Service -ne migrate).Action | Sort-Object -Unique | Should -Be 'Running'
        ($again | Where-Object Service -eq migrate).Action | Should -Be 'Completed'
        (Get-ComposeEngineState $app.Project).Containers | Sort-Object Id | ForEach-Object Id | Should -Be $before
        ($again.ContainerIds | Sort-Object) | Should -Be $before
    }

    It 'recreates only the service whose configuration changed' {
        $before = @{}
        foreach ($s in 'web', 'db', 'migrate', 'worker') { $before[$s] = (Get-ServiceContainers $app.Project $s)[0].Id }
        $null = New-ComposeApp -Project $app.Project -Port $app.Port -Greeting 'changed' -Directory $app.Directory
        $r = @(Start-ComposeProject -Path $app.File -ErrorAction Stop)
        ($r | Where-Object Service -eq worker).Action | Should -Be 'Recreated'
        ($r | Where-Object Service -ne worker).Action | Should -Not -Contain 'Recreated'
        $after = (Get-ServiceContainers $app.Project worker)[0]
        $after.Id | Should -Not -Be $before.worker
        (Get-EngineInspect $after.Id).Config.Env | Should -Contain 'GREETING=changed'
        foreach ($s in 'web', 'db', 'migrate') { (Get-ServiceContainers $app.Project $s)[0].Id | Should -Be $before[$s] }
    }

    It 'scales a service 1 -> 3 -> 1, removing the highest numbers' {
        $one = (Get-ServiceContainers $app.Project worker)[0].Id
        $up = Start-ComposeProject -Path $app.File -Scale @{ worker = 3 } -ErrorAction Stop | Where-Object Service -eq worker
        $up.Action | Should -Be 'Scaled'
        $up.Containers | Should -Be @(1, 2, 3 | ForEach-Object { "$($app.Project)-worker-$_" })
        $three = Get-ServiceContainers $app.Project worker
        $three.Count | Should -Be 3
        $three.State | Sort-Object -Unique | Should -Be 'running'
        $three[0].Id | Should -Be $one

        $down = Start-ComposeProject -Path $app.File -Scale @{ worker = 1 } -ErrorAction Stop | Where-Object Service -eq worker
        $down.Action | Should -Be 'Scaled'
        $left = Get-ServiceContainers $app.Project worker
        $left.Count | Should -Be 1
        $left[0].Id | Should -Be $one
        $left[0].Labels.'com.docker.compose.container-number' | Should -Be '1'
    }

    It 'is listed by Debian''s docker-compose 1.29 (docker-compose ps)' {
        $dc = Get-Command docker-compose -CommandType Application -ErrorAction Stop | Select-Object -First 1
        $saved = $env:DOCKER_HOST
        try {
            $env:DOCKER_HOST = $script:Endpoint
            # docker-compose 1.29 predates the top-level name: key; the same services without it, and -p for the name.
            $v1 = Join-Path $app.Directory 'docker-compose-1.yaml'
            Get-Content -LiteralPath $app.File | Where-Object { $_ -notmatch '^name:' } | Set-Content -LiteralPath $v1
            $out = & $dc.Source -p $app.Project -f $v1 ps 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        }
        finally { $env:DOCKER_HOST = $saved }
        $text = $out -join "`n"
        foreach ($s in 'web', 'db', 'migrate', 'worker') { $text | Should -Match ([regex]::Escape("$($app.Project)-$s-1")) }
        $text | Should -Match 'Up'
    }

    It 'makes nothing under -WhatIf' {
        $other = New-ComposeApp -Project (New-ComposeProjectName 'whatif')
        Start-ComposeProject -Path $other.File -WhatIf -ErrorAction Stop | Should -BeNullOrEmpty
        $state = Get-ComposeEngineState $other.Project
        $state.Containers.Count + $state.Networks.Count + $state.Volumes.Count | Should -Be 0
    }

    It 'goes down leaving nothing: Remove-ComposeProject -Volumes' {
        Remove-ComposeProject -Name $app.Project -Volumes -ErrorAction Stop
        $state = Get-ComposeEngineState $app.Project
        $state.Containers | Should -BeNullOrEmpty
        $state.Networks | Should -BeNullOrEmpty
        $state.Volumes | Should -BeNullOrEmpty
        Get-ComposeProject -Name $app.Project -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Start-ComposeProject: options' {
    BeforeAll {
        $script:optProject = New-ComposeProjectName 'opts'
        $script:optFile = New-ComposeTestFile -Project $optProject -Yaml @'
name: {PROJECT}
services:
  api:
    build:
      context: ./api
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
    healthcheck:
      test: ["CMD", "test", "-f", "/built"]
      interval: 500ms
      retries: 60
  side:
    image: {IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
    environment:
      MODE: one
'@
        $api = Join-Path (Split-Path $optFile) 'api'
        $null = New-Item -ItemType Directory -Path $api
        Set-Content -LiteralPath (Join-Path $api 'Dockerfile') -Value "FROM $($script:TestImage)`nRUN echo built > /built"
        $script:optImage = "$optProject-api"
    }

    AfterAll {
        try { $null = Invoke-Engine "images/$optImage`?force=1" -Method DELETE } catch { Write-Verbose "image already gone: $_" }
    }

    It 'builds the image of a service with build: (-Build), named after the project and service, and -Wait returns once it is healthy' {
        $r = @(Start-ComposeProject -Path $optFile -Build -Wait -WaitTimeout 60 -ErrorAction Stop)
        $r.Action | Sort-Object -Unique | Should -Be 'Created'
        $api = (Get-ServiceContainers $optProject api)[0]
        # Podman lists the image by its full name (docker.io/library/<name>:latest).
        (ConvertTo-FamiliarImageName $api.Image) -replace ':latest$', '' | Should -Be $optImage
        (Get-EngineInspect $api.Id).State.Health.Status | Should -Be 'healthy'
    }

    It 'recreates everything with -ForceRecreate, and nothing changed with -NoRecreate' {
        $before = (Get-ComposeEngineState $optProject).Containers.Id | Sort-Object
        $r = @(Start-ComposeProject -Path $optFile -ForceRecreate -ErrorAction Stop)
        $r.Action | Sort-Object -Unique | Should -Be 'Recreated'
        $after = (Get-ComposeEngineState $optProject).Containers.Id | Sort-Object
        $after | Where-Object { $_ -in $before } | Should -BeNullOrEmpty

        (Get-Content -LiteralPath $optFile -Raw).Replace('MODE: one', 'MODE: two') | Set-Content -LiteralPath $optFile
        $kept = @(Start-ComposeProject -Path $optFile -NoRecreate -ErrorAction Stop)
        $kept.Action | Sort-Object -Unique | Should -Be 'Running'
        (Get-ComposeEngineState $optProject).Containers.Id | Sort-Object | Should -Be $after
        (Get-EngineInspect (Get-ServiceContainers $optProject side)[0].Id).Config.Env | Should -Contain 'MODE=one'
    }

    It 'refuses -ForceRecreate with -NoRecreate before anything is sent' {
        $e = Get-TerminatingError { Start-ComposeProject -Path $optFile -ForceRecreate -NoRecreate -Endpoint tcp://127.0.0.1:9 }
        $e.FullyQualifiedErrorId | Should -Be 'ConflictingParameters,PSDocker.Commands.StartComposeProjectCommand'
    }

    It 'starts only the services given with -Service' {
        Remove-ComposeProject -Name $optProject -ErrorAction Stop
        $r = @(Start-ComposeProject -Path $optFile -Service side -ErrorAction Stop)
        $r.Service | Should -Be 'side'
        (Get-ComposeEngineState $optProject).Containers.Labels.'com.docker.compose.service' | Should -Be 'side'
    }

    It 'with -Pull Never, names the service whose image is missing' {
        $p = New-ComposeProjectName 'pullnever'
        $missing = "$($script:TestRegistry)/psdt-missing/never:1"
        $file = New-ComposeTestFile -Project $p -Yaml "name: {PROJECT}`nservices:`n  app:`n    image: $missing`n"
        Start-ComposeProject -Path $file -Pull Never -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'ComposeImageUnavailable,PSDocker.Commands.StartComposeProjectCommand'
        "$($err[0])" | Should -Match "pull policy is 'never'"
        (Get-ComposeEngineState $p).Containers | Should -BeNullOrEmpty
    }
}

Describe 'Start-ComposeProject: a service that fails mid-up' {
    It 'names the dependency that exited non-zero, keeps what was made listed, and Remove-ComposeProject cleans it' {
        $p = New-ComposeProjectName 'fail'
        $file = New-ComposeTestFile -Project $p -Yaml @'
name: {PROJECT}
services:
  migrate:
    image: {IMAGE}
    command: ["sh", "-c", "echo failing; exit 3"]
  db:
    image: {IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
    volumes: [data:/data]
  web:
    image: {IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
    depends_on:
      db:
        condition: service_started
      migrate:
        condition: service_completed_successfully
volumes:
  data: {}
'@
        $r = @(Start-ComposeProject -Path $file -ErrorAction SilentlyContinue -ErrorVariable err)
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ComposeDependencyExited,PSDocker.Commands.StartComposeProjectCommand'
        $err[0].TargetObject | Should -Be "$p/web"
        "$($err[0])" | Should -Match "dependency 'migrate'"
        "$($err[0])" | Should -Match 'exit code 3'
        $r.Service | Should -Be @('migrate', 'db')

        $listed = Get-ComposeProject -Name $p -ErrorAction Stop
        $listed.Services.Name | Sort-Object | Should -Be @('db', 'migrate')
        $listed.Status | Should -Match 'running\(1\)'
        $listed.Status | Should -Match 'exited\(1\)'
        $listed.Networks | Should -Be "$($p)_default"
        $listed.Volumes | Should -Be "$($p)_data"

        Remove-ComposeProject -Name $p -Volumes -ErrorAction Stop
        $state = Get-ComposeEngineState $p
        $state.Containers.Count + $state.Networks.Count + $state.Volumes.Count | Should -Be 0
    }

    It 'names the service whose command cannot start' {
        $p = New-ComposeProjectName 'badcmd'
        $file = New-ComposeTestFile -Project $p -Yaml @'
name: {PROJECT}
services:
  ok:
    image: {IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
  broken:
    image: {IMAGE}
    command: ["/no/such/program"]
'@
        $r = @(Start-ComposeProject -Path $file -ErrorAction SilentlyContinue -ErrorVariable err)
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ComposeServiceFailed,PSDocker.Commands.StartComposeProjectCommand'
        $err[0].TargetObject | Should -Be "$p/broken"
        "$($err[0])" | Should -Match "Service 'broken'"
        $r.Service | Should -Be 'ok'
        (Get-ComposeProject -Name $p).Services.Name | Sort-Object | Should -Be @('broken', 'ok')
        Remove-ComposeProject -Name $p -ErrorAction Stop
        (Get-ComposeEngineState $p).Containers | Should -BeNullOrEmpty
    }

    It 'names the service whose image does not exist, and creates none of its containers' {
        $p = New-ComposeProjectName 'noimage'
        $missing = "$($script:TestRegistry)/psdt-missing/$([guid]::NewGuid().ToString('N').Substring(0, 8)):1"
        $file = New-ComposeTestFile -Project $p -Yaml @"
name: {PROJECT}
services:
  app:
    image: $missing
"@
        $r = @(Start-ComposeProject -Path $file -ErrorAction SilentlyContinue -ErrorVariable err)
        $r | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'ComposeImageUnavailable,PSDocker.Commands.StartComposeProjectCommand'
        $err[0].TargetObject | Should -Be "$p/app"
        "$($err[0])" | Should -Match ([regex]::Escape($missing))
        (Get-ComposeEngineState $p).Containers | Should -BeNullOrEmpty
        Remove-ComposeProject -Name $p -ErrorAction Stop
        (Get-ComposeEngineState $p).Networks | Should -BeNullOrEmpty
    }
}

Describe 'Start-ComposeProject: bad input creates nothing' {
    BeforeAll {
        function Assert-NothingCreated([string] $Project) {
            $state = Get-ComposeEngineState $Project
            $state.Containers.Count + $state.Networks.Count + $state.Volumes.Count | Should -Be 0
        }
    }

    It 'a missing file' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) "psdt-nofile-$([guid]::NewGuid().ToString('N'))"
        $e = Get-TerminatingError { Start-ComposeProject -Path (Join-Path $dir 'compose.yaml') -ErrorAction Stop }
        $e | Should -Not -BeNullOrEmpty
        "$e" | Should -Match 'compose.yaml'
    }

    It 'invalid YAML, with its line and column' {
        $p = New-ComposeProjectName 'badyaml'
        $file = New-ComposeTestFile -Project $p -Yaml "name: {PROJECT}`nservices:`n  web:`n    image: {IMAGE}`n    command: [unclosed`n"
        $e = Get-TerminatingError { Start-ComposeProject -Path $file -ErrorAction Stop }
        $e.Exception.Line | Should -BeGreaterThan 0
        $e.Exception.Column | Should -BeGreaterThan 0
        "$e" | Should -Match ([regex]::Escape($file) + ':\d+:\d+')
        Assert-NothingCreated $p
    }

    It 'an unknown service in depends_on' {
        $p = New-ComposeProjectName 'unknowndep'
        $file = New-ComposeTestFile -Project $p -Yaml "name: {PROJECT}`nservices:`n  web:`n    image: {IMAGE}`n    depends_on: [nosuch]`n"
        $e = Get-TerminatingError { Start-ComposeProject -Path $file -ErrorAction Stop }
        "$e" | Should -Match 'nosuch'
        Assert-NothingCreated $p
    }

    It 'a dependency cycle' {
        $p = New-ComposeProjectName 'cycle'
        $file = New-ComposeTestFile -Project $p -Yaml "name: {PROJECT}`nservices:`n  a:`n    image: {IMAGE}`n    depends_on: [b]`n  b:`n    image: {IMAGE}`n    depends_on: [a]`n"
        $e = Get-TerminatingError { Start-ComposeProject -Path $file -ErrorAction Stop }
        "$e" | Should -Match 'cycle'
        Assert-NothingCreated $p
    }

    It 'an unset ${X:?message} variable' {
        $p = New-ComposeProjectName 'required'
        $var = 'PSDT_UNSET_' + [guid]::NewGuid().ToString('N').Substring(0, 8).ToUpperInvariant()
        $file = New-ComposeTestFile -Project $p -Yaml "name: {PROJECT}`nservices:`n  web:`n    image: {IMAGE}`n    environment:`n      X: `${$($var):?set $var to the database URL}`n"
        $e = Get-TerminatingError { Start-ComposeProject -Path $file -ErrorAction Stop }
        "$e" | Should -Match "set $var to the database URL"
        Assert-NothingCreated $p
    }

    It 'an engine that cannot be reached is one terminating EngineUnreachable error' {
        $app = New-ComposeApp -Project (New-ComposeProjectName 'unreachable')
        $e = Get-TerminatingError { Start-ComposeProject -Path $app.File -Endpoint 'unix:///tmp/psdt-no-such-engine.sock' }
        $e.FullyQualifiedErrorId | Should -Be 'EngineUnreachable,PSDocker.Commands.StartComposeProjectCommand'
        "$e" | Should -Match 'psdt-no-such-engine.sock'
    }

    It 'an unknown service in -Scale' {
        $app = New-ComposeApp -Project (New-ComposeProjectName 'badscale')
        Start-ComposeProject -Path $app.File -Scale @{ nosuch = 2 } -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidComposeProject,PSDocker.Commands.StartComposeProjectCommand'
        "$($err[0])" | Should -Match 'nosuch'
        Assert-NothingCreated $app.Project
    }
}
