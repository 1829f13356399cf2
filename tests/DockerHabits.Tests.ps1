# Docker habits: a command typed after the image or container as with the docker CLI (ls -d /, ls -l /x,
# sh -c "echo hi") reaches the container, and docker's state words work for -State. Engine-neutral: the
# Podman pass runs it too.

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    $script:labels = @{ $RunLabelKey = $RunId }
    # One running container with a directory /x holding a file f, for the exec cases.
    $script:box = New-TestContainer -Start
    $null = Invoke-ContainerCommand $box.Name -ErrorAction Stop -- sh -c 'mkdir /x && echo hi > /x/f'
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Docker-style commands' {
    Context 'Invoke-Container image command...' {
        It 'ls -d / : -d after the command is the command''s, not -Detach' {
            $name = New-TestName 'lsd'
            $out = @(Invoke-Container -Name $name -Label $labels $TestImage ls -d / -ErrorAction Stop)
            $out | Should -Be @('/')
            (Get-EngineInspect $name).Config.Cmd | Should -Be @('ls', '-d', '/')
        }

        It 'ls -l /x with -- : the long listing comes back' {
            $out = @(Invoke-Container -Label $labels -Name (New-TestName 'lsl') -ErrorAction Stop $TestImage -- ls -l /etc)
            # Long format: one line per entry, starting with the mode (ls without -l prints bare names).
            $out | Where-Object { $_ -match '^-[rwx-]{9}.*\shostname$' } | Should -HaveCount 1
        }

        It 'sh -c "echo hi" with -- after -Image' {
            $out = @(Invoke-Container -Image $TestImage -Label $labels -Name (New-TestName 'shc') -ErrorAction Stop -- sh -c 'echo hi')
            $out | Should -Be @('hi')
        }

        It 'sh -c "echo hi" without -- fails in PowerShell''s binder (-c names several parameters), before anything reaches the engine' {
            $name = New-TestName 'amb'
            { Invoke-Container -Name $name -Label $labels $TestImage sh -c 'echo hi' -ErrorAction Stop } |
                Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
            Get-EngineInspect $name | Should -BeNullOrEmpty
        }

        It 'a parameter''s full name after the command stays PowerShell''s: sleep 30 -Detach' {
            $c = Invoke-Container -Name (New-TestName 'det') -Label $labels $TestImage sleep 30 -Detach -ErrorAction Stop
            $c | Should -BeOfType [PSDocker.Container]
            (Get-EngineInspect $c.Id).Config.Cmd | Should -Be @('sleep', '30')
        }

        It 'explicit -Command a, b still works' {
            $out = @(Invoke-Container -Name (New-TestName 'arr') -Label $labels -Image $TestImage -Command 'ls', '-d', '/' -ErrorAction Stop)
            $out | Should -Be @('/')
        }
    }

    Context 'New-Container image command...' {
        It 'ls -d / : -d would be -Debug, so it is an error asking for --, and nothing is created' {
            $name = New-TestName 'new'
            { New-Container -Name $name -Label $labels $TestImage ls -d / -ErrorAction Stop } |
                Should -Throw -ErrorId 'CommandArgumentTakenAsParameter*' -ExpectedMessage '*--*'
            Get-EngineState $name | Should -Be 'missing'
        }

        It 'ls -d / after -- is the container''s command' {
            $name = New-TestName 'new'
            $c = New-Container -Name $name -Label $labels $TestImage -ErrorAction Stop -- ls -d /
            (Get-EngineInspect $c.Id).Config.Cmd | Should -Be @('ls', '-d', '/')
        }
    }

    Context 'Invoke-ContainerCommand container command...' {
        It 'ls -d / : -d would be -Debug, so it is an error asking for --' {
            { Invoke-ContainerCommand $box.Name ls -d / -ErrorAction Stop } |
                Should -Throw -ErrorId 'CommandArgumentTakenAsParameter*' -ExpectedMessage '*--*'
        }

        It 'ls -d / after -- reaches the container' {
            $out = @(Invoke-ContainerCommand $box.Name -ErrorAction Stop -- ls -d /)
            $out | Should -Be @('/')
        }

        It 'ls -l /x with -- lists f in long format' {
            $out = @(Invoke-ContainerCommand $box.Name -ErrorAction Stop -- ls -l /x)
            # busybox ls -l: a 'total' line, then the file in long format (ls without -l prints just 'f').
            $out | Where-Object { $_ -match '^-[rwx-]{9}\s.*\sf$' } | Should -HaveCount 1
        }

        It 'sh -c "echo hi" with --' {
            @(Invoke-ContainerCommand $box.Name -- sh -c 'echo hi') | Should -Be @('hi')
        }
    }
}

Describe 'Docker state words' {
    BeforeAll {
        $script:stopped = New-TestContainer -Command 'true' -Label @{ 'psdtest.case' = 'state' } -Start
        Wait-EngineState $stopped.Id 'exited' | Should -Be 'exited'
    }

    It '-State <Word> is Stopped' -ForEach @(@{ Word = 'Exited' }, @{ Word = 'exited' }, @{ Word = 'Stopped' }) {
        $r = @(Get-Container -State $Word -Label $RunLabel, 'psdtest.case=state' -ErrorAction Stop)
        $r.Id | Should -Be @($stopped.Id)
        $r[0].State | Should -Be ([PSDocker.ContainerState]::Stopped)
    }

    It 'docker''s other words bind to our states' {
        $r = @(Get-Container -State running, exited -Label $RunLabel -ErrorAction Stop)
        $r.Id | Should -Contain $stopped.Id
        $r.Id | Should -Contain $box.Id
    }

    It 'a word that is no state fails before the engine is asked' {
        { Get-Container -State Sleeping -ErrorAction Stop } | Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
    }

    It 'tab completion offers our words' {
        $line = 'Get-Container -State '
        $words = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $words | Should -Contain 'Stopped'
        $words | Should -Not -Contain 'Exited'
    }
}
