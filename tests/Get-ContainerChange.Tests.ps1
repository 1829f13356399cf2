BeforeAll {
    . "$PSScriptRoot/common.ps1"
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Get-ContainerChange' {
    BeforeAll {
        # Adds a folder and a file, changes /etc/passwd, deletes /etc/group, then exits.
        $script:changes = 'mkdir /added && echo x > /added/file && echo "me:x:1000:1000::/:/bin/sh" >> /etc/passwd && rm /etc/group'
        $script:c = New-TestContainer -Command 'sh', '-c', $changes -Start
        Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
    }

    Context 'listing' {
        It 'lists the added, modified and deleted paths as typed rows (the container may be stopped)' {
            $out = @(Get-ContainerChange -Name $c.Name -ErrorAction Stop)
            $out | ForEach-Object { $_ | Should -BeOfType PSDocker.ContainerChange }
            ($out | Where-Object Path -EQ '/added').Kind | Should -Be ([PSDocker.ContainerChangeKind]::Added)
            ($out | Where-Object Path -EQ '/added/file').Kind | Should -Be 'Added'
            ($out | Where-Object Path -EQ '/etc/passwd').Kind | Should -Be 'Modified'
            ($out | Where-Object Path -EQ '/etc/group').Kind | Should -Be 'Deleted'
            ($out | Where-Object Path -EQ '/etc').Kind | Should -Be 'Modified'
            $out[0].ContainerName | Should -Be $c.Name
            $out[0].ContainerId | Should -Be $c.Id
            "$(($out | Where-Object Path -EQ '/etc/group'))" | Should -Be 'D /etc/group'
        }

        It 'matches the engine''s own changes list entry for entry' {
            # Invoke-RestMethod writes a JSON array as one object: enumerate it.
            $list = Invoke-Engine "containers/$($c.Id)/changes"
            $engine = @(foreach ($e in $list) { $e })
            $out = @(Get-ContainerChange -Id $c.Id -ErrorAction Stop)
            $out.Count | Should -Be $engine.Count
            # The engine does not keep one order from call to call: compare the sorted (kind, path) pairs.
            @($out | ForEach-Object { "$([int]$_.Kind) $($_.Path)" } | Sort-Object) |
                Should -Be @($engine | ForEach-Object { "$($_.Kind) $($_.Path)" } | Sort-Object)
        }

        It '-Kind keeps only those kinds' {
            $out = @(Get-ContainerChange $c.Name -Kind Deleted, Added -ErrorAction Stop)
            $out.Path | Sort-Object | Should -Be @('/added', '/added/file', '/etc/group')
        }

        It 'a container that changed nothing gives no output and no error' {
            $fresh = New-TestContainer -Command 'true'
            $out = @(Get-ContainerChange $fresh.Name -ErrorAction Stop -ErrorVariable err)
            $out.Count | Should -Be 0
            $err.Count | Should -Be 0
        }
    }

    Context 'pipeline binding and errors' {
        It 'piped containers and strings: each row names its container; a missing one is ContainerNotFound, non-terminating' {
            $other = New-TestContainer -Command 'sh', '-c', 'touch /other' -Start
            Wait-EngineState $other.Id 'exited' | Should -Be 'exited'
            $missing = "$RunPrefix-missing"
            $out = @($c.Name, $missing, $other.Name | Get-ContainerChange -ErrorAction SilentlyContinue -ErrorVariable err)
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.GetContainerChangeCommand')
            $err[0].TargetObject | Should -Be $missing
            ($out.ContainerName | Select-Object -Unique) | Should -Be @($c.Name, $other.Name)
            # Podman also lists /etc as modified (it writes hosts and resolv.conf there).
            ($out | Where-Object ContainerName -EQ $other.Name | Where-Object Kind -EQ Added).Path | Should -Be '/other'
            $fromObject = @(Get-Container -Name $other.Name | Get-ContainerChange -Kind Added -ErrorAction Stop)
            $fromObject.Path | Should -Be '/other'
        }
    }
}
