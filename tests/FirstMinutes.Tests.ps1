# The first five minutes, as a new user meets them at 120 columns: the Shell task without an engine, the default
# views (display sets, no truncation, docker's wording of times and sizes), readable CSV and JSON, digest-only images.

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/images.common.ps1"
    $script:Width = 120
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
    if (Get-Command Remove-TestImages -ErrorAction SilentlyContinue) { Remove-TestImages; Restore-TestDockerConfig }
}

Describe 'build.ps1 -Task Shell start-up (src/build/Start-Shell.ps1)' {
    BeforeAll {
        $script:StartShell = Join-Path $PSScriptRoot '../src/build/Start-Shell.ps1'
        $script:Manifest = Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'
        $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        function Invoke-ShellStart {
            param([string] $DockerHost)
            $saved = $env:DOCKER_HOST
            try {
                $env:DOCKER_HOST = $DockerHost
                # -NoExit as the Shell task runs it; stdin is closed (empty pipe), so the shell reads end-of-input and ends.
                $out = @('' | & $script:Pwsh -NoProfile -NoExit -File $script:StartShell -ModulePath $script:Manifest -Root (Join-Path $PSScriptRoot '..') 2>&1)
                [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = ($out | Out-String); Errors = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
            }
            finally { $env:DOCKER_HOST = $saved }
        }
    }

    It 'with no engine, says what is missing and how to get one, starts nothing and exits 0 without an error' {
        $dead = "unix://$([IO.Path]::GetTempPath())psdt-no-engine-$RunId.sock"
        $r = Invoke-ShellStart -DockerHost $dead
        $r.ExitCode | Should -Be 0
        $r.Errors | Should -BeNullOrEmpty
        $r.Text | Should -Match ([regex]::Escape("no container engine answers at ${dead}"))
        $r.Text | Should -Match 'engine\.sh start'
        $r.Text | Should -Match 'podman\.sh start'
        $r.Text | Should -Match 'DOCKER_HOST'
        $r.Text | Should -Match 'Nothing started'
        $r.Text | Should -Not -Match 'Exception|EngineUnreachable'
        Test-Path ($dead -replace '^unix://') | Should -BeFalse -Because 'nothing was started'
    }

    It 'with an engine, lists the containers' {
        $c = New-TestContainer -Command 'true'
        $r = Invoke-ShellStart -DockerHost $env:DOCKER_HOST
        $r.ExitCode | Should -Be 0
        $r.Errors | Should -BeNullOrEmpty
        $r.Text | Should -Match ([regex]::Escape("PSDocker imported. Engine: $env:DOCKER_HOST"))
        $r.Text | Should -Match ([regex]::Escape($c.Name))
    }
}

Describe 'Default views' {
    BeforeAll {
        $script:port = Get-FreeTcpPort
        $script:volumeName = "$RunPrefix-data-volume-of-the-view"
        $script:long = New-TestContainer -Name "$RunPrefix-web-frontend" -Label @{ 'psdt.tier' = 'front' } -Parameters @{
            Port   = "127.0.0.1:$($port):80"
            Volume = "$($volumeName):/data"
        } -Start
        $script:image = Get-Image -Name $TestImage -ErrorAction Stop
    }

    AfterAll {
        Remove-Container -Id $long.Id -Force -ErrorAction SilentlyContinue
        Remove-ContainerVolume -Name $volumeName -Force -ErrorAction SilentlyContinue
    }

    It 'gives every output type with more than four properties a default display set' {
        $types = Get-Command -Module PSDocker -CommandType Cmdlet | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.FullName -like 'PSDocker.*' } | Sort-Object FullName -Unique
        $types | Should -Not -BeNullOrEmpty
        foreach ($t in $types) {
            if ($t.GetProperties().Count -le 4) { continue }
            $set = (Get-TypeData -TypeName $t.FullName).DefaultDisplayPropertySet
            $set | Should -Not -BeNullOrEmpty -Because "$($t.FullName) has $($t.GetProperties().Count) properties"
            foreach ($p in $set.ReferencedProperties) {
                $t.GetProperty($p) | Should -Not -BeNullOrEmpty -Because "$($t.FullName).$p is in its display set"
            }
        }
    }

    It 'prints mixed output (images then containers) without a long list per object' {
        $text = & { $image; Get-Container -Id $long.Id } | Out-String -Width $Width
        $text | Should -Match ([regex]::Escape($long.Name))
        # The container, out of the image table's shape, shows its display set: seven lines, not ~40.
        @($text -split '\r?\n' | Where-Object { $_ -match '^\w+\s*: ' }).Count | Should -BeLessOrEqual 8
        $text | Should -Not -Match '(?m)^Environment\s*:'
    }

    It 'shows whole names, images and ports in the container table at 120 columns' {
        $text = Get-Container -Id $long.Id | Out-String -Width $Width
        $text | Should -Match ([regex]::Escape($long.Name))
        $text | Should -Match ([regex]::Escape($TestImage))
        $text | Should -Match ([regex]::Escape("127.0.0.1:$port->80/tcp"))
        $text | Should -Not -Match '…'
        ($text -split '\r?\n' | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual $Width
    }

    It 'shows whole names in the image, volume and network tables at 120 columns' {
        $text = $image | Out-String -Width $Width
        $text | Should -Match ([regex]::Escape($image.Repository))
        $text | Should -Not -Match '…'
        $v = Get-ContainerVolume -Name $volumeName -ErrorAction Stop | Out-String -Width $Width
        $v | Should -Match ([regex]::Escape($volumeName))
        $v | Should -Match ([regex]::Escape($long.Name)) # UsedBy
        $v | Should -Not -Match '…'
        # The last column (the attached containers) may run past 120 columns; the name never is cut.
        $n = Get-ContainerNetwork -Name bridge -ErrorAction Stop | Out-String -Width $Width
        $n | Should -Match '(?m)^\w{12}\s+bridge\s'
    }

    It 'words the image''s age as docker does and never says "1 minutes"' {
        $text = $image | Out-String -Width $Width
        $text | Should -Match ([regex]::Escape([PSDocker.DisplayText]::Ago($image.Created)))
        $text | Should -Match '\bago\b'
        [PSDocker.DisplayText]::Ago((Get-Date).AddSeconds(-65)) | Should -Be 'About a minute ago'
        [PSDocker.DisplayText]::Ago((Get-Date).AddDays(-1)) | Should -Be '24 hours ago'
        [PSDocker.DisplayText]::Ago((Get-Date).AddDays(-20)) | Should -Be '2 weeks ago'
        $text | Should -Not -Match '\b1 (second|minute|hour|day|week|month|year)s\b'
    }

    It 'shows sizes in decimal units with three significant digits, as docker images does' {
        $size = [PSDocker.DisplayText]::Size($image.Size)
        $size | Should -Match '^\d{1,3}(\.\d{1,2})?(B|kB|MB|GB|TB)$'
        ($size -replace '\D').TrimStart('0').Length | Should -BeLessOrEqual 3
        $image | Out-String -Width $Width | Should -Match ([regex]::Escape($size))
        $dockerCli = Get-Command docker -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($dockerCli -and -not $IsPodman) {
            # The docker CLI beside the test engine, as an oracle for the wording.
            $cli = & $dockerCli -H $env:DOCKER_HOST images --format '{{.Size}}' $TestImage
            $size | Should -Be "$cli".Trim()
        }
    }

    It 'shows an image''s container count the engine did not count as ?, and documents -1' {
        $image.Containers | Should -Be -1
        $image | Format-List | Out-String -Width $Width | Should -Match '(?m)^Containers\s+: \?$'
        $help = [PSDocker.Image].GetProperty('Containers')
        $help | Should -Not -BeNullOrEmpty
        Get-Content -Raw (Join-Path $PSScriptRoot '../en-US/Get-Image.md') | Should -Match 'Containers.*-1'
    }

    It 'gives -Detailed output the list view by default' {
        $text = Get-Image -Name $TestImage -Detailed | Out-String -Width $Width
        $text | Should -Match '(?m)^Architecture\s+: '
        $text | Should -Match '(?m)^Repository\s+: '
    }
}

Describe 'CSV and JSON' {
    BeforeAll {
        $script:port = Get-FreeTcpPort
        $script:volumeName = "$RunPrefix-csv-volume"
        $script:c = New-TestContainer -Label @{ 'psdt.tier' = 'front' } -Parameters @{
            Port   = "127.0.0.1:$($port):80"
            Volume = "$($volumeName):/data"
        } -Start
    }

    AfterAll {
        Remove-Container -Id $c.Id -Force -ErrorAction SilentlyContinue
        Remove-ContainerVolume -Name $volumeName -Force -ErrorAction SilentlyContinue
    }

    It 'Export-Csv writes ports, labels, mounts and the state as text' {
        $file = Join-Path $TestDrive 'containers.csv'
        Get-Container -Id $c.Id | Export-Csv -Path $file
        $row = Import-Csv $file
        $row.State | Should -Be 'Running'
        $row.Health | Should -Be 'None'
        $row.Ports | Should -Be "127.0.0.1:$port->80/tcp"
        $row.Labels | Should -Match '(^|, )psdt\.tier=front(,|$)'
        $row.Labels | Should -Match ([regex]::Escape("$RunLabelKey=$RunId"))
        $row.Mounts | Should -Be "$($volumeName):/data"
        Get-Content -Raw $file | Should -Not -Match 'System\.Collections|PSDocker\.\w+\[\]'
    }

    It 'Export-Csv of -Detailed, images, volumes and networks has no type names in it' {
        $file = Join-Path $TestDrive 'all.csv'
        $text = @(
            Get-Container -Id $c.Id -Detailed | ConvertTo-Csv
            Get-Image -Name $TestImage -Detailed | ConvertTo-Csv
            Get-ContainerVolume -Name $volumeName | ConvertTo-Csv
            Get-ContainerNetwork -Name bridge | ConvertTo-Csv
        ) -join "`n"
        $text | Should -Not -Match 'System\.Collections|PSDocker\.\w+(\[\]|`1)'
        $text | Should -Match ([regex]::Escape("""$($c.Name)"""))
    }

    It 'ConvertTo-Json writes enum names, and ports, labels and mounts as readable values' {
        $json = Get-Container -Id $c.Id | ConvertTo-Json -Depth 4
        $json | Should -Match '"State": "Running"'
        $json | Should -Match '"Health": "None"'
        $o = $json | ConvertFrom-Json
        $o.State | Should -Be 'Running'
        $o.Ports[0].HostPort | Should -Be $port
        $o.Ports[0].ContainerPort | Should -Be 80
        $o.Labels.'psdt.tier' | Should -Be 'front'
        $o.Mounts[0].Destination | Should -Be '/data'
    }

    It 'keeps the properties typed: lists index, maps look up, enums compare' {
        $x = Get-Container -Id $c.Id
        $x.Ports[0].HostPort | Should -Be $port
        $x.Ports.Count | Should -Be 1
        $x.Labels['psdt.tier'] | Should -Be 'front'
        $x.State | Should -Be ([PSDocker.ContainerState]::Running)
        "$($x.Labels)" | Should -Not -Match 'System\.'
    }
}

Describe 'Get-Image shows digest-only images' {
    It 'lists a repository the image has only a digest in as a row tagged none, like docker images' {
        $repo = New-TestImageName -Suffix digest -Registry $Registry
        Add-ImageTag -Name $TestImage -Tag "${repo}:v1" -ErrorAction Stop
        Add-PushedReference "${repo}:v1"
        $null = Invoke-ImagePush -Name "${repo}:v1" -ErrorAction Stop
        $digest = Get-RegistryDigest -Registry $Registry -Repository ([PSDocker.ImageReference]::Parse($repo).Repository) -Tag v1
        $digest | Should -Match '^sha256:'
        Remove-EngineImage "${repo}:v1" # untags, and drops its digest with it
        try {
            $null = Invoke-ImagePull -Name "$repo@$digest" -ErrorAction Stop
            $rows = @(Get-Image | Where-Object Repository -EQ $repo)
            $script:stored = $rows | ForEach-Object Digest
            $rows.Count | Should -Be 1
            $rows[0].Tag | Should -Be '<none>'
            # Podman stores the manifest it pulled under a digest of its own; Docker keeps the registry's.
            if (-not $IsPodman) { $rows[0].Digest | Should -Be $digest }
            $rows[0].Digest | Should -Match '^sha256:[0-9a-f]{64}$'
            "$repo@$($rows[0].Digest)" | Should -BeIn $rows[0].RepoDigests
            $rows[0].Name | Should -Be "$repo@$($rows[0].Digest)"
            $rows[0].Id | Should -Be (Get-Image -Name $TestImage).Id
            # Still listed under its tag too, and the view shows the row.
            @(Get-Image -Name $TestImage).Count | Should -Be 1
            Get-Image | Out-String -Width $Width | Should -Match "(?m)^$([regex]::Escape($repo))\s+<none>\s"
        }
        finally {
            # Podman answers 409 for a digest name of an image that has other names (the test image's): it stays with the run's prefix.
            foreach ($d in @($digest) + @($script:stored)) { if ($d) { try { Remove-EngineImage "$repo@$d" } catch { if (-not $IsPodman) { throw } } } }
        }
    }
}
