BeforeAll {
    . "$PSScriptRoot/common.ps1"
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Get-ContainerProcess' {
    Context 'listing' {
        BeforeAll {
            $script:c = New-TestContainer -Start
            $script:engine = Get-EngineInspect $c.Id
        }

        It 'lists the container''s processes as typed rows; the main process has the engine''s State.Pid' {
            $out = @(Get-ContainerProcess -Name $c.Name -ErrorAction Stop)
            $out.Count | Should -BeGreaterOrEqual 2    # sh and its sleep
            $out | ForEach-Object { $_ | Should -BeOfType PSDocker.ContainerProcess }
            $main = @($out | Where-Object Pid -EQ $engine.State.Pid)
            $main.Count | Should -Be 1
            $main[0].Command | Should -BeLike 'sh -c*'
            $main[0].User | Should -Be 'root'
            $sleep = @($out | Where-Object Command -Like 'sleep 600*')
            $sleep.Count | Should -Be 1
            $sleep[0].ParentPid | Should -Be $engine.State.Pid
            $out[0].ContainerName | Should -Be $c.Name
            $out[0].ContainerId | Should -Be $c.Id
        }

        It 'matches the engine''s own top table row for row' {
            $top = Invoke-Engine "containers/$($c.Id)/top"
            $out = @(Get-ContainerProcess -Id $c.Id -ErrorAction Stop)
            $out.Count | Should -Be @($top.Processes).Count
            $pidColumn = [array]::IndexOf([string[]]$top.Titles, 'PID')
            $out.Pid | Should -Be @($top.Processes | ForEach-Object { [int]$_[$pidColumn] })
            $out[0].Values.Keys | Sort-Object | Should -Be ([string[]]$top.Titles | Sort-Object)
        }

        It '-Arguments go to ps as docker top''s do: aux gives its columns in Values' {
            $out = @(Get-ContainerProcess $c.Name aux -ErrorAction Stop)
            $out.Count | Should -BeGreaterOrEqual 2
            $out[0].Values.Keys | Should -Contain '%MEM'
            $out[0].Values.Keys | Should -Contain 'RSS'
            @($out | Where-Object Pid -EQ $engine.State.Pid).Count | Should -Be 1
        }

        It '-Arguments with several words: -o pid,comm' {
            $out = @(Get-ContainerProcess $c.Name -Arguments '-o', 'pid,comm' -ErrorAction Stop)
            $out[0].Values.Keys | Sort-Object | Should -Be @('COMMAND', 'PID')
            $out.Command | Should -Contain 'sleep'
        }
    }

    Context 'pipeline binding' {
        It 'piped containers are listed one after another, each row naming its container' {
            $list = New-TestContainers -Count 2 -Start
            $out = @($list | Get-ContainerProcess -ErrorAction Stop)
            ($out.ContainerName | Select-Object -Unique) | Should -Be @($list[0].Name, $list[1].Name)
            $list[1].Name, $list[0].Name | Get-ContainerProcess -ErrorAction Stop |
                Select-Object -First 1 -ExpandProperty ContainerId | Should -Be $list[1].Id
            [pscustomobject]@{ Id = $list[0].Id } | Get-ContainerProcess -ErrorAction Stop |
                Select-Object -First 1 -ExpandProperty ContainerName | Should -Be $list[0].Name
        }
    }

    Context 'errors' {
        It 'a stopped container is ContainerNotRunning, non-terminating: the next container is still listed' {
            $stopped = New-TestContainer
            $running = New-TestContainer -Start
            $out = @($stopped.Name, $running.Name | Get-ContainerProcess -ErrorAction SilentlyContinue -ErrorVariable err)
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotRunning,PSDocker.Commands.GetContainerProcessCommand')
            $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $err[0].ErrorDetails.Message | Should -BeLike "*'$($stopped.Name)' is not running*Start-Container*"
            $out.Count | Should -BeGreaterOrEqual 2
            ($out.ContainerName | Select-Object -Unique) | Should -Be $running.Name
        }

        It 'a missing container is ContainerNotFound, naming it' {
            $missing = "$RunPrefix-missing"
            Get-ContainerProcess $missing -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.GetContainerProcessCommand')
            $err[0].TargetObject | Should -Be $missing
        }
    }
}
