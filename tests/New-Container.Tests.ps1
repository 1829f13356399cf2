BeforeAll {
    . "$PSScriptRoot/common.ps1"

    # Runs a New-Container call that must fail before anything is created, tagged with a label of its own,
    # and returns its errors (terminating or not) plus how many containers carry that label afterwards.
    function Invoke-FailingCreate {
        param([hashtable] $Parameters)
        $case = [guid]::NewGuid().ToString('N')
        $name = New-TestName 'bad'
        $p = @{ Image = $TestImage; Name = $name; Label = @{ $RunLabelKey = $RunId; 'psdtest.case' = $case } }
        foreach ($k in $Parameters.Keys) { $p[$k] = $Parameters[$k] }
        $ev = $null; $out = $null; $terminating = $null
        try { $out = New-Container @p -ErrorAction SilentlyContinue -ErrorVariable ev }
        catch { $terminating = $_ }
        [pscustomobject]@{
            Terminating = $terminating
            # Non-terminating errors (the terminating one, when any, is left out).
            Errors      = @($ev | Where-Object { $null -eq $terminating -or $_.FullyQualifiedErrorId -ne $terminating.FullyQualifiedErrorId })
            Output      = $out
            Created     = @(Get-EngineContainer -Label "psdtest.case=$case").Count
            NameExists  = $null -ne (Get-EngineInspect $name)
        }
    }
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
    if ($RunId) { Get-ChildItem ([IO.Path]::GetTempPath()) -Filter "psdt-vol-$RunId-*" -Directory -ErrorAction SilentlyContinue | Remove-Item -Recurse -Force }
}

Describe 'New-Container' {
    Context 'creating' {
        It 'creates a container in the Created state and returns it as the engine describes it' {
            $c = New-TestContainer -Command 'echo', 'hello'
            $c | Should -BeOfType PSDocker.Container
            $engine = Get-EngineInspect $c.Id
            $engine | Should -Not -BeNullOrEmpty
            $engine.State.Status | Should -Be 'created'
            $c.State | Should -Be ([PSDocker.ContainerState]::Created)
            $c.Id | Should -Be $engine.Id
            $c.Name | Should -Be $engine.Name.TrimStart('/')
            $c.Image | Should -Be $TestImage
            $c.ImageId | Should -Be $engine.Image
            $c.Arguments | Should -Be @('echo', 'hello')
            @($engine.Config.Cmd) | Should -Be @('echo', 'hello')
            $c.Labels[$RunLabelKey] | Should -Be $RunId
            $c.IsDetailed | Should -BeTrue
            $c.Endpoint | Should -Be $Endpoint
        }

        It 'passes environment, working directory, user, host name, restart policy, tty and stdin to the engine' {
            $c = New-TestContainer -Parameters @{
                Environment      = @{ PSDT_ONE = 'first value'; PSDT_TWO = 2 }
                WorkingDirectory = '/tmp'
                User             = 'nobody'
                Hostname         = 'psdt-host'
                RestartPolicy    = 'on-failure:3'
                Tty              = $true
                Interactive      = $true
            }
            $engine = Get-EngineInspect $c.Id
            $engine.Config.Env | Should -Contain 'PSDT_ONE=first value'
            $engine.Config.Env | Should -Contain 'PSDT_TWO=2'
            $engine.Config.WorkingDir | Should -Be '/tmp'
            $engine.Config.User | Should -Be 'nobody'
            $engine.Config.Hostname | Should -Be 'psdt-host'
            $engine.HostConfig.RestartPolicy.Name | Should -Be 'on-failure'
            $engine.HostConfig.RestartPolicy.MaximumRetryCount | Should -Be 3
            $engine.Config.Tty | Should -BeTrue
            $engine.Config.OpenStdin | Should -BeTrue

            $c.Environment | Should -Contain 'PSDT_ONE=first value'
            $c.WorkingDirectory | Should -Be '/tmp'
            $c.User | Should -Be 'nobody'
            $c.Hostname | Should -Be 'psdt-host'
            $c.RestartPolicy | Should -Be 'on-failure:3'
            $c.Tty | Should -BeTrue
            $c.Interactive | Should -BeTrue
        }

        It 'sets -AutoRemove and -Entrypoint' {
            $c = New-TestContainer -Command 'hi' -Parameters @{ AutoRemove = $true; Entrypoint = 'echo' }
            $engine = Get-EngineInspect $c.Id
            $engine.HostConfig.AutoRemove | Should -BeTrue
            @($engine.Config.Entrypoint) | Should -Be @('echo')
            $c.AutoRemove | Should -BeTrue
            $c.Entrypoint | Should -Be @('echo')
        }

        It 'binds a host folder read-only with -Volume host:/data:ro' {
            $dir = Join-Path ([IO.Path]::GetTempPath()) "psdt-vol-$RunId-bind"
            $null = New-Item -ItemType Directory -Path $dir -Force
            $c = New-TestContainer -Parameters @{ Volume = "${dir}:/data:ro" }
            $engine = Get-EngineInspect $c.Id
            # Podman reports the bind with the propagation and recursion it applied.
            @($engine.HostConfig.Binds) | Should -Be @(if ($IsPodman) { "${dir}:/data:ro,rprivate,rbind" } else { "${dir}:/data:ro" })
            $m = @($engine.Mounts | Where-Object Destination -eq '/data')
            $m.Count | Should -Be 1
            $m[0].Source | Should -Be $dir
            $m[0].RW | Should -BeFalse
        }

        It 'resolves a relative host path in -Volume against the current PowerShell location' {
            $dir = Join-Path ([IO.Path]::GetTempPath()) "psdt-vol-$RunId-rel"
            $null = New-Item -ItemType Directory -Path (Join-Path $dir 'sub') -Force
            Push-Location $dir
            try { $c = New-TestContainer -Parameters @{ Volume = './sub:/data' } }
            finally { Pop-Location }
            $engine = Get-EngineInspect $c.Id
            @($engine.Mounts | Where-Object Destination -eq '/data').Source | Should -Be (Join-Path $dir 'sub')
        }

        It 'takes the image from the pipeline by property name' {
            $name = New-TestName 'byprop'
            $c = [pscustomobject]@{ Image = $TestImage } | New-Container -Name $name -Label @{ $RunLabelKey = $RunId } -Command 'true' -ErrorAction Stop
            $c.Name | Should -Be $name
            ConvertTo-FamiliarImageName (Get-EngineInspect $name).Config.Image | Should -Be $TestImage
        }
    }

    Context 'publishing a port' {
        BeforeAll {
            $script:port = Get-FreeTcpPort
            $script:token = [guid]::NewGuid().ToString('N')
            $script:web = New-TestContainer -Command 'sh', '-c', 'mkdir -p /www && echo "hello-$PSDT_TOKEN" > /www/index.html && exec httpd -f -p 80 -h /www' `
                -Parameters @{ Port = "127.0.0.1:${port}:80"; Environment = @{ PSDT_TOKEN = $token } }
        }

        It 'returns the binding, printed like docker ps' {
            @($web.Ports).Count | Should -Be 1
            $web.Ports[0].HostIP | Should -Be '127.0.0.1'
            $web.Ports[0].HostPort | Should -Be $port
            $web.Ports[0].ContainerPort | Should -Be 80
            $web.Ports[0].Protocol | Should -Be 'tcp'
            $web.Ports[0].ToString() | Should -Be "127.0.0.1:${port}->80/tcp"
            $engine = Get-EngineInspect $web.Id
            $engine.HostConfig.PortBindings.'80/tcp'[0].HostIp | Should -Be '127.0.0.1'
            $engine.HostConfig.PortBindings.'80/tcp'[0].HostPort | Should -Be "$port"
        }

        It 'reaches httpd in the container from the host on 127.0.0.1' {
            Start-Container -InputObject $web -ErrorAction Stop
            $response = Invoke-LoopbackRequest -Port $port
            $response.StatusCode | Should -Be 200
            $response.Content.Trim() | Should -Be "hello-$token"
        }

        It 'lists the published port in Get-Container' {
            $listed = Get-Container -Name $web.Name
            @($listed.Ports | Where-Object HostPort).Count | Should -Be 1
            "$(@($listed.Ports | Where-Object HostPort)[0])" | Should -Be "127.0.0.1:${port}->80/tcp"
            (Get-EngineInspect $web.Id).NetworkSettings.Ports.'80/tcp'[0].HostPort | Should -Be "$port"
        }
    }

    Context 'errors: each gives its ID and creates nothing' {
        It 'rejects a bad port specification <Port> with InvalidPortSpecification' -ForEach @(
            @{ Port = '127.0.0.1:70000:80' }
            @{ Port = 'eighty' }
            @{ Port = '8080:80/icmp' }
            @{ Port = '127.0.0.1:80' }
            @{ Port = '300.1.1.1:8080:80' }
        ) {
            $r = Invoke-FailingCreate @{ Port = $Port }
            $r.Terminating | Should -Not -BeNullOrEmpty
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'InvalidPortSpecification,PSDocker.Commands.NewContainerCommand'
            $r.Terminating.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $r.Terminating.TargetObject | Should -Be $Port
            $r.Created | Should -Be 0
            $r.NameExists | Should -BeFalse
        }

        It 'rejects a bad volume specification <Volume> with InvalidVolumeSpecification' -ForEach @(
            @{ Volume = 'relative/dir:/data' }
            @{ Volume = '/tmp:data' }
            @{ Volume = '/tmp:/data:bogus' }
            @{ Volume = '/tmp:/data:ro:extra' }
            @{ Volume = '/tmp::/data' }
        ) {
            $r = Invoke-FailingCreate @{ Volume = $Volume }
            $r.Terminating | Should -Not -BeNullOrEmpty
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'InvalidVolumeSpecification,PSDocker.Commands.NewContainerCommand'
            $r.Terminating.TargetObject | Should -Be $Volume
            $r.Created | Should -Be 0
            $r.NameExists | Should -BeFalse
        }

        It 'reports a missing image as ImageNotFound (ObjectNotFound) and creates nothing (the pull from the local registry finds nothing)' {
            $r = Invoke-FailingCreate @{ Image = "$TestRegistry/psdocker-test/missing-$RunId`:none" }
            Get-FullyQualifiedErrorId $r.Errors | Should -Be @('ImageNotFound,PSDocker.Commands.NewContainerCommand')
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $r.Output | Should -BeNullOrEmpty
            $r.Created | Should -Be 0
            $r.NameExists | Should -BeFalse
        }

        It 'reports a missing image as ImageNotFound with -Pull Never, without pulling' {
            $r = Invoke-FailingCreate @{ Image = "psdocker-test/missing-$RunId`:none"; Pull = 'Never' }
            Get-FullyQualifiedErrorId $r.Errors | Should -Be @('ImageNotFound,PSDocker.Commands.NewContainerCommand')
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $r.Output | Should -BeNullOrEmpty
            $r.Created | Should -Be 0
            $r.NameExists | Should -BeFalse
        }

        It 'reports a name in use as NameInUse and leaves the existing container unchanged' {
            $existing = New-TestContainer -Start
            $before = Get-EngineInspect $existing.Id
            $r = Invoke-FailingCreate @{ Name = $existing.Name; Command = 'echo', 'other' }
            Get-FullyQualifiedErrorId $r.Errors | Should -Be @('NameInUse,PSDocker.Commands.NewContainerCommand')
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $r.Output | Should -BeNullOrEmpty
            $r.Created | Should -Be 0
            $after = Get-EngineInspect $existing.Name
            $after.Id | Should -Be $before.Id
            $after.Created | Should -Be $before.Created
            $after.State.Status | Should -Be 'running'
            $after.State.StartedAt | Should -Be $before.State.StartedAt
            @($after.Config.Cmd) | Should -Be @($before.Config.Cmd)
            $after.Config.Labels.'psdtest.case' | Should -BeNullOrEmpty
        }

        It 'rejects an invalid container name <Name> with InvalidContainerName' -ForEach @(
            @{ Name = 'x' }
            @{ Name = 'has space' }
            @{ Name = '-leading-dash' }
        ) {
            $r = Invoke-FailingCreate @{ Name = $Name }
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'InvalidContainerName,PSDocker.Commands.NewContainerCommand'
            $r.Created | Should -Be 0
        }

        It 'rejects -AutoRemove with a restart policy as ConflictingParameters' {
            $r = Invoke-FailingCreate @{ AutoRemove = $true; RestartPolicy = 'always' }
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'ConflictingParameters,PSDocker.Commands.NewContainerCommand'
            $r.Created | Should -Be 0
        }

        It 'rejects an unknown restart policy with InvalidRestartPolicy' {
            $r = Invoke-FailingCreate @{ RestartPolicy = 'sometimes' }
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'InvalidRestartPolicy,PSDocker.Commands.NewContainerCommand'
            $r.Created | Should -Be 0
        }

        It 'rejects an environment variable name with = as InvalidEnvironment' {
            $r = Invoke-FailingCreate @{ Environment = @{ 'A=B' = 'c' } }
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'InvalidEnvironment,PSDocker.Commands.NewContainerCommand'
            $r.Created | Should -Be 0
        }

        It 'rejects an image name with white space as InvalidImageName' {
            $r = Invoke-FailingCreate @{ Image = 'bad image' }
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'InvalidImageName,PSDocker.Commands.NewContainerCommand'
            $r.Created | Should -Be 0
        }
    }

    Context '-WhatIf' {
        It 'creates nothing and returns nothing' {
            $case = [guid]::NewGuid().ToString('N')
            $name = New-TestName 'whatif'
            $out = New-Container -Image $TestImage -Name $name -Label @{ $RunLabelKey = $RunId; 'psdtest.case' = $case } -WhatIf -ErrorAction Stop
            $out | Should -BeNullOrEmpty
            @(Get-EngineContainer -Label "psdtest.case=$case").Count | Should -Be 0
            Get-EngineInspect $name | Should -BeNullOrEmpty
        }
    }
}
