BeforeAll {
    . "$PSScriptRoot/common.ps1"
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Container lifecycle: Created -> Running -> Paused -> Running -> Stopped -> removed' {
    BeforeAll {
        $script:name = New-TestName 'life'
        $script:id = $null
    }

    It 'New-Container creates a container the engine reports as created' {
        $c = New-TestContainer -Name $name
        $script:id = $c.Id
        $c | Should -BeOfType PSDocker.Container
        $c.Name | Should -Be $name
        $c.State | Should -Be ([PSDocker.ContainerState]::Created)
        $engine = Get-EngineInspect $id
        $engine.State.Status | Should -Be 'created'
        $engine.Name | Should -Be "/$name"
        $engine.Config.Labels.$RunLabelKey | Should -Be $RunId
    }

    It 'Start-Container makes it running' {
        $c = Start-Container -Name $name -PassThru -ErrorAction Stop
        $c.State | Should -Be ([PSDocker.ContainerState]::Running)
        $engine = Get-EngineInspect $id
        $engine.State.Status | Should -Be 'running'
        $engine.State.Pid | Should -BeGreaterThan 0
        $c.Pid | Should -Be $engine.State.Pid
        (Get-Container -Name $name).State | Should -Be ([PSDocker.ContainerState]::Running)
        # Its TERM trap is set once it printed 'ready': the graceful stop below relies on it.
        Wait-ContainerOutput $id 'ready'
    }

    It 'Suspend-Container pauses it' {
        $c = Suspend-Container -Name $name -PassThru -ErrorAction Stop
        $c.State | Should -Be ([PSDocker.ContainerState]::Paused)
        $engine = Get-EngineInspect $id
        $engine.State.Status | Should -Be 'paused'
        $engine.State.Paused | Should -BeTrue
        (Get-Container -Name $name).State | Should -Be ([PSDocker.ContainerState]::Paused)
    }

    It 'Resume-Container makes it running again' {
        $c = Resume-Container -Name $name -PassThru -ErrorAction Stop
        $c.State | Should -Be ([PSDocker.ContainerState]::Running)
        $engine = Get-EngineInspect $id
        $engine.State.Status | Should -Be 'running'
        $engine.State.Paused | Should -BeFalse
        (Get-Container -Name $name).State | Should -Be ([PSDocker.ContainerState]::Running)
    }

    It 'Stop-Container stops it (exited, code 0 from its TERM trap)' {
        $c = Stop-Container -Name $name -Timeout 5 -PassThru -ErrorAction Stop
        $c.State | Should -Be ([PSDocker.ContainerState]::Stopped)
        $engine = Get-EngineInspect $id
        $engine.State.Status | Should -Be 'exited'
        $engine.State.ExitCode | Should -Be 0
        $c.ExitCode | Should -Be 0
        $listed = Get-Container -Name $name
        $listed.State | Should -Be ([PSDocker.ContainerState]::Stopped)
        $listed.ExitCode | Should -Be 0
    }

    It 'Remove-Container removes it (the engine answers 404)' {
        Remove-Container -Name $name -ErrorAction Stop
        Get-EngineInspect $id | Should -BeNullOrEmpty
        Get-Container -Name $name -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        Get-FullyQualifiedErrorId $err | Should -Be 'ContainerNotFound,PSDocker.Commands.GetContainerCommand'
    }
}

Describe 'The whole lifecycle as one pipeline' {
    It 'New | Start | Suspend | Resume | Stop | Remove passes the container along each step' {
        $name = New-TestName 'pipe'
        $seen = [System.Collections.Generic.List[string]]::new()
        New-TestContainer -Name $name |
            Start-Container -PassThru | ForEach-Object { $seen.Add("$($_.State)/$(Get-EngineState $_.Id)"); $_ } |
            Suspend-Container -PassThru | ForEach-Object { $seen.Add("$($_.State)/$(Get-EngineState $_.Id)"); $_ } |
            Resume-Container -PassThru | ForEach-Object { $seen.Add("$($_.State)/$(Get-EngineState $_.Id)"); $_ } |
            Stop-Container -Timeout 5 -PassThru | ForEach-Object { $seen.Add("$($_.State)/$(Get-EngineState $_.Id)"); $_ } |
            Remove-Container -ErrorAction Stop
        $seen | Should -Be @('Running/running', 'Paused/paused', 'Running/running', 'Stopped/exited')
        Get-EngineState $name | Should -Be 'missing'
    }
}

Describe 'Get-Container | Where-Object State -eq Stopped | Remove-Container' {
    BeforeAll {
        # Ours: two stopped, one running, one created, one paused.
        $toStart = @(
            New-TestContainer -Command 'true'
            New-TestContainer -Command 'sh', '-c', 'exit 5'
            New-TestContainer
            New-TestContainer
        )
        $started = @($toStart | Start-Container -PassThru -ErrorAction Stop)
        $script:stopped = $started[0], $started[1]
        $script:running = $started[2]
        $script:paused = $started[3] | Suspend-Container -PassThru -ErrorAction Stop
        $script:created = New-TestContainer
        foreach ($c in $stopped) { Wait-EngineState $c.Id 'exited' | Should -Be 'exited' }
        Get-EngineState $running.Id | Should -Be 'running'
        Get-EngineState $created.Id | Should -Be 'created'
        Get-EngineState $paused.Id | Should -Be 'paused'

        # Whatever else is on the shared engine: remember which were stopped before.
        $script:stoppedBefore = @(Get-EngineContainer | Where-Object State -eq 'exited' | ForEach-Object Id)
        $stoppedBefore | Should -Contain $stopped[0].Id
        $stoppedBefore | Should -Contain $stopped[1].Id

        Get-Container | Where-Object State -eq Stopped | Remove-Container -ErrorAction SilentlyContinue -ErrorVariable pe
        $script:pipelineErrors = $pe
    }

    It 'removes our stopped containers' {
        foreach ($c in $stopped) { Get-EngineInspect $c.Id | Should -BeNullOrEmpty }
    }

    It 'leaves no container that was stopped before it ran in the stopped state' {
        # Another process sharing the engine may have removed or restarted one meanwhile; none may still be exited.
        $left = @(foreach ($id in $stoppedBefore) { if ((Get-EngineState $id) -eq 'exited') { $id } })
        $left | Should -BeNullOrEmpty
    }

    It 'keeps our running, created and paused containers in their states' {
        Get-EngineState $running.Id | Should -Be 'running'
        Get-EngineState $created.Id | Should -Be 'created'
        Get-EngineState $paused.Id | Should -Be 'paused'
    }

    It 'reports no error for our containers' {
        $ours = @($stopped.Id) + $running.Id + $created.Id + $paused.Id
        $mine = @($pipelineErrors | Where-Object { $_.TargetObject.Id -in $ours -or $_.TargetObject -in $ours })
        $mine | Should -BeNullOrEmpty
    }
}
