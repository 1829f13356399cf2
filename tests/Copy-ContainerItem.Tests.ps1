BeforeAll {
    . "$PSScriptRoot/common.ps1"
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "psdt-cp-$($script:RunId.Substring(0, 10))"
    $null = New-Item -ItemType Directory -Force -Path $script:Work

    function New-LocalTree {
        <# A tree of small files, one 2 MB file, a mode-750 folder and a symbolic link. #>
        param([string] $Root)
        $null = New-Item -ItemType Directory -Force -Path "$Root/sub/deeper"
        Set-Content -Path "$Root/a.txt" -Value 'hello' -NoNewline
        foreach ($i in 1..20) { Set-Content -Path "$Root/sub/f$i.txt" -Value ("line $i`n" * $i) -NoNewline }
        $bytes = [byte[]]::new(2MB); [Random]::new(7).NextBytes($bytes); [IO.File]::WriteAllBytes("$Root/sub/deeper/big.bin", $bytes)
        [IO.File]::SetUnixFileMode("$Root/sub", [IO.UnixFileMode]'UserRead, UserWrite, UserExecute, GroupRead, GroupExecute')
        [IO.File]::SetUnixFileMode("$Root/a.txt", [IO.UnixFileMode]'UserRead, UserWrite, UserExecute, GroupRead, OtherRead')
        $null = New-Item -ItemType SymbolicLink -Path "$Root/link" -Target 'a.txt'
    }

    function Get-TreeFacts {
        <# Relative path, kind, mode and content hash of every item under a folder, sorted. #>
        param([string] $Root)
        Get-ChildItem -LiteralPath $Root -Recurse -Force | ForEach-Object {
            $rel = [IO.Path]::GetRelativePath($Root, $_.FullName)
            $kind = if ($_.LinkTarget) { "link->$($_.LinkTarget)" } elseif ($_.PSIsContainer) { 'dir' } else { (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash }
            $mode = if ($_.LinkTarget) { '' } else { [int]$_.UnixFileMode }
            "$rel|$kind|$mode"
        } | Sort-Object
    }

    $script:Tree = Join-Path $script:Work 'tree'
    New-LocalTree $script:Tree
    $script:c = New-TestContainer -Start
    # The test image has no /srv: make it, so copies into it keep their names.
    $null = Invoke-ContainerCommand $script:c.Name -- mkdir /srv
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
    if ($script:Work -and (Test-Path $script:Work)) { Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue }
}

Describe 'Copy-ContainerItem' {
    Context 'round trips' {
        It 'copies a tree into a container and back with the same contents, modes and links' {
            $made = Copy-ContainerItem -Path $Tree -Destination "$($c.Name):/srv" -PassThru -ErrorAction Stop
            $made | Should -BeOfType PSDocker.ContainerPathInfo
            $made.Path | Should -Be '/srv/tree'
            $made.IsDirectory | Should -BeTrue
            $back = Join-Path $Work 'back1'
            $null = New-Item -ItemType Directory -Path $back
            $out = Copy-ContainerItem -Path "$($c.Name):/srv/tree" -Destination $back -PassThru -ErrorAction Stop
            $out | Should -BeOfType System.IO.DirectoryInfo
            $out.FullName | Should -Be (Join-Path $back 'tree')
            Get-TreeFacts (Join-Path $back 'tree') | Should -Be (Get-TreeFacts $Tree)
            # The engine's own view: sizes as sent (an oracle independent of PSDocker's reader).
            (Invoke-ContainerCommand $c.Name -- busybox stat -c %s /srv/tree/sub/deeper/big.bin) | Should -Be '2097152'
            (Invoke-ContainerCommand $c.Name -- busybox stat -c %a /srv/tree/sub) | Should -Be '750'
        }

        It 'dir/. copies the contents; a destination that does not exist becomes the name' {
            Copy-ContainerItem -Path "$Tree/." -Destination "$($c.Name):/tmp" -ErrorAction Stop
            (Invoke-ContainerCommand $c.Name -- cat /tmp/a.txt) | Should -Be 'hello'
            Copy-ContainerItem -Path "$Tree/a.txt" -Destination "$($c.Name):/tmp/renamed.txt" -ErrorAction Stop
            (Invoke-ContainerCommand $c.Name -- cat /tmp/renamed.txt) | Should -Be 'hello'
            $dest = Join-Path $Work 'newname'
            Copy-ContainerItem -Container $c.Name -Path /srv/tree/. -Destination $dest -ErrorAction Stop
            Get-TreeFacts $dest | Should -Be (Get-TreeFacts $Tree)
        }

        It '-LiteralPath and -Container -ToContainer; -Archive keeps the owner' {
            $file = Join-Path $Work 'owned[1].txt'
            Set-Content -LiteralPath $file -Value 'owned' -NoNewline
            Copy-ContainerItem -Container $c.Name -ToContainer -LiteralPath $file -Destination /tmp -Archive -ErrorAction Stop
            $uid = (& id -u)
            (Invoke-ContainerCommand $c.Name -- busybox stat -c %u '/tmp/owned[1].txt') | Should -Be $uid
            Copy-ContainerItem -Container $c.Name -ToContainer -LiteralPath $file -Destination /tmp/root-owned.txt -ErrorAction Stop
            (Invoke-ContainerCommand $c.Name -- busybox stat -c %u /tmp/root-owned.txt) | Should -Be '0'
        }

        It '-FollowLink copies what a link points to' {
            $null = Invoke-ContainerCommand $c.Name -- busybox ln -s /srv/tree/a.txt /tmp/alink
            $plain = Join-Path $Work 'plainlink'
            Copy-ContainerItem -Path "$($c.Name):/tmp/alink" -Destination $plain -ErrorAction Stop
            (Get-Item $plain).LinkTarget | Should -Be '/srv/tree/a.txt'
            $followed = Join-Path $Work 'followed'
            Copy-ContainerItem -Path "$($c.Name):/tmp/alink" -Destination $followed -FollowLink -ErrorAction Stop
            (Get-Item $followed).LinkTarget | Should -BeNullOrEmpty
            Get-Content -Raw $followed | Should -Be 'hello'
        }
    }

    Context 'pipeline binding' {
        It 'binds piped containers (by Name) and copies from each' {
            $dest = Join-Path $Work 'piped'
            $null = New-Item -ItemType Directory -Path $dest
            Get-Container -Name $c.Name | Copy-ContainerItem -Path /srv/tree/a.txt -Destination $dest -ErrorAction Stop
            Get-Content -Raw (Join-Path $dest 'a.txt') | Should -Be 'hello'
        }
    }

    Context 'errors' {
        It 'a path the container lacks is a non-terminating ContainerPathNotFound naming container:path' {
            $out = Copy-ContainerItem -Path "$($c.Name):/nope", "$($c.Name):/srv/tree/a.txt" -Destination $Work -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerPathNotFound,PSDocker.Commands.CopyContainerItemCommand')
            $err[0].TargetObject | Should -Be "$($c.Name):/nope"
            Test-Path (Join-Path $Work 'a.txt') | Should -BeTrue
        }

        It 'a missing container is ContainerNotFound' {
            Copy-ContainerItem -Path "$RunPrefix-missing:/etc/hosts" -Destination $Work -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.CopyContainerItemCommand')
        }

        It 'a missing local path is LocalPathNotFound before anything is sent (the container need not exist)' {
            Copy-ContainerItem -LiteralPath (Join-Path $Work 'nope') -Destination "$RunPrefix-missing:/tmp" -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('LocalPathNotFound,PSDocker.Commands.CopyContainerItemCommand')
        }

        It 'an existing file needs -Force; a directory never replaces a file' {
            $file = Join-Path $Work 'hosts.txt'
            Set-Content -Path $file -Value 'old'
            Copy-ContainerItem -Path "$($c.Name):/etc/hosts" -Destination $file -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('DestinationExists,PSDocker.Commands.CopyContainerItemCommand')
            (Get-Content -Raw $file).Trim() | Should -Be 'old'
            Copy-ContainerItem -Path "$($c.Name):/etc/hosts" -Destination $file -Force -ErrorAction Stop
            (Get-Content -Raw $file) | Should -Match 'localhost'
            Copy-ContainerItem -Path "$($c.Name):/srv/tree" -Destination $file -ErrorAction SilentlyContinue -ErrorVariable err2
            Get-FullyQualifiedErrorId $err2 | Should -Be @('CopyDirectoryOntoFile,PSDocker.Commands.CopyContainerItemCommand')
            Copy-ContainerItem -Path "$Tree/a.txt" -Destination "$($c.Name):/tmp/renamed.txt" -ErrorAction SilentlyContinue -ErrorVariable err3
            Get-FullyQualifiedErrorId $err3 | Should -Be @('DestinationExists,PSDocker.Commands.CopyContainerItemCommand')
        }

        It 'a trailing slash asks for an existing directory; no container side is a usage error' {
            Copy-ContainerItem -Path "$Tree/a.txt" -Destination "$($c.Name):/no/such/" -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('DestinationDirectoryMissing,PSDocker.Commands.CopyContainerItemCommand')
            { Copy-ContainerItem -Path $Tree -Destination $Work -ErrorAction Stop } | Should -Throw -ErrorId 'NoContainerPath,PSDocker.Commands.CopyContainerItemCommand'
        }

        It '-WhatIf copies nothing' {
            Copy-ContainerItem -Path "$Tree/a.txt" -Destination "$($c.Name):/tmp/whatif.txt" -WhatIf
            (Invoke-ContainerCommand $c.Name -- sh -c 'test -e /tmp/whatif.txt && echo yes || echo no') | Should -Be 'no'
        }
    }
}
