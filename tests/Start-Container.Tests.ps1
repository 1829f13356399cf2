BeforeAll {
    . "$PSScriptRoot/common.ps1"
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Start-Container' {
    Context 'starting' {
        It 'starts a created container (engine: running) and returns nothing without -PassThru' {
            $c = New-TestContainer
            $out = Start-Container -Name $c.Name -ErrorAction Stop
            $out | Should -BeNullOrEmpty
            Get-EngineState $c.Id | Should -Be 'running'
            (Get-Container -Name $c.Name).State | Should -Be ([PSDocker.ContainerState]::Running)
        }

        It '-PassThru returns the started Container, as the engine describes it' {
            $c = New-TestContainer
            $out = @(Start-Container -Name $c.Name -PassThru -ErrorAction Stop)
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType PSDocker.Container
            $out[0].Id | Should -Be $c.Id
            $out[0].State | Should -Be ([PSDocker.ContainerState]::Running)
            $engine = Get-EngineInspect $c.Id
            $out[0].Pid | Should -Be $engine.State.Pid
            $out[0].StartedAt.ToUniversalTime() | Should -Be ([DateTimeOffset]::Parse($engine.State.StartedAt, [cultureinfo]::InvariantCulture).UtcDateTime)
        }

        It 'starts a stopped container again' {
            $c = New-TestContainer -Command 'true' -Start
            Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
            $first = (Get-EngineInspect $c.Id).State.StartedAt
            $r = Start-Container -Id $c.Id -PassThru -ErrorAction Stop
            $r | Should -Not -BeNullOrEmpty
            (Get-EngineInspect $c.Id).State.StartedAt | Should -Not -Be $first
        }

        It 'is not an error to start a running container; it keeps running' {
            $c = New-TestContainer -Start
            $pidBefore = (Get-EngineInspect $c.Id).State.Pid
            $out = Start-Container -Name $c.Name -PassThru -ErrorAction SilentlyContinue -ErrorVariable err
            $err | Should -BeNullOrEmpty
            $out.State | Should -Be ([PSDocker.ContainerState]::Running)
            $engine = Get-EngineInspect $c.Id
            $engine.State.Status | Should -Be 'running'
            $engine.State.Pid | Should -Be $pidBefore
        }

        It 'starts several containers given as an array, returning them in input order' {
            $a = New-TestContainer; $b = New-TestContainer; $d = New-TestContainer
            $out = @(Start-Container -Name $a.Name, $b.Name, $d.Name -PassThru -ErrorAction Stop)
            $out.Id | Should -Be @($a.Id, $b.Id, $d.Id)
            foreach ($c in $a, $b, $d) { Get-EngineState $c.Id | Should -Be 'running' }
        }
    }

    Context 'pipeline binding' {
        It 'binds Container objects by value' {
            $a = New-TestContainer; $b = New-TestContainer
            $out = @($a, $b | Start-Container -PassThru -ErrorAction Stop)
            $out.Id | Should -Be @($a.Id, $b.Id)
            Get-EngineState $a.Id | Should -Be 'running'
            Get-EngineState $b.Id | Should -Be 'running'
        }

        It 'binds strings by value as names' {
            $a = New-TestContainer
            $a.Name | Start-Container -ErrorAction Stop
            Get-EngineState $a.Id | Should -Be 'running'
        }

        It 'binds strings by value as ID prefixes too' {
            $a = New-TestContainer
            $a.Id.Substring(0, 12) | Start-Container -ErrorAction Stop
            Get-EngineState $a.Id | Should -Be 'running'
        }

        It 'binds [pscustomobject]@{Id=...} by property name' {
            $a = New-TestContainer
            [pscustomobject]@{ Id = $a.Id } | Start-Container -ErrorAction Stop
            Get-EngineState $a.Id | Should -Be 'running'
        }

        It 'binds [pscustomobject]@{Name=...} by property name' {
            $a = New-TestContainer
            [pscustomobject]@{ Name = $a.Name } | Start-Container -ErrorAction Stop
            Get-EngineState $a.Id | Should -Be 'running'
        }

        It 'binds Get-Container output' {
            $a = New-TestContainer
            Get-Container -Name $a.Name | Start-Container -ErrorAction Stop
            Get-EngineState $a.Id | Should -Be 'running'
        }
    }

    Context 'errors' {
        It 'reports a missing container as ContainerNotFound (ObjectNotFound), non-terminating: the next item is still started' {
            $missing = "$RunPrefix-missing"
            $a = New-TestContainer
            $out = @($missing, $a.Name | Start-Container -PassThru -ErrorAction SilentlyContinue -ErrorVariable err)
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.StartContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be $missing
            $out.Id | Should -Be @($a.Id)
            Get-EngineState $a.Id | Should -Be 'running'
            Get-EngineState $missing | Should -Be 'missing'
        }

        It 'reports a missing container given by -Id' {
            Start-Container -Id 'ffffffffffff0001' -ErrorAction SilentlyContinue -ErrorVariable err
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.StartContainerCommand')
        }
    }

    Context '-WhatIf' {
        It 'starts nothing' {
            $c = New-TestContainer
            $out = Start-Container -Name $c.Name -PassThru -WhatIf -ErrorAction Stop
            $out | Should -BeNullOrEmpty
            Get-EngineState $c.Id | Should -Be 'created'
        }
    }

    Context 'tab completion' {
        BeforeAll {
            $script:target = New-TestContainer -Name "$RunPrefix-complete-me"
        }

        It 'completes -Name with our container''s name' {
            $line = "Start-Container -Name $RunPrefix-comp"
            $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $r.CompletionMatches.CompletionText | Should -Contain $target.Name
            $r.CompletionMatches | ForEach-Object { $_.CompletionText | Should -BeLike "$RunPrefix-comp*" }
        }

        It 'completes the positional name too' {
            $line = "Start-Container $RunPrefix-complete"
            $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $r.CompletionMatches.CompletionText | Should -Contain $target.Name
        }

        It 'completes nothing (and returns) when -Endpoint is unreachable' {
            $line = "Start-Container -Endpoint unix:///tmp/nonexistent.sock -Name $RunPrefix-comp"
            $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $r | Should -Not -BeNullOrEmpty
            $r.CompletionMatches.CompletionText | Should -Not -Contain $target.Name
            @($r.CompletionMatches | Where-Object ResultType -eq 'ParameterValue') | Should -BeNullOrEmpty
        }

        It 'completes nothing when -Endpoint refuses the connection' {
            $line = "Start-Container -Endpoint tcp://127.0.0.1:1 -Name $RunPrefix-comp"
            $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $r.CompletionMatches.CompletionText | Should -Not -Contain $target.Name
            @($r.CompletionMatches | Where-Object ResultType -eq 'ParameterValue') | Should -BeNullOrEmpty
        }
    }
}
