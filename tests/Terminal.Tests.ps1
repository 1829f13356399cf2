# The interactive terminal, tested as a person uses it: tmux runs a real pwsh with the module,
# send-keys types, capture-pane reads the screen, and the engine's own inspect data is the oracle.
# Covers Invoke-Container -Interactive -Tty, Enter-Container (exec and -Attach) and Start-Container -Attach.

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/terminal.common.ps1"
    $script:ModulePath = (Resolve-Path (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1')).Path
    $script:Pwsh = Join-Path $PSHOME 'pwsh'
    $script:Sessions = [System.Collections.Generic.List[object]]::new()

    function New-Session {
        param([string] $Endpoint = $script:Endpoint, [int] $Width = 120, [int] $Height = 40)
        $s = Start-TmuxPwsh -Endpoint $Endpoint -ModulePath $script:ModulePath -Image $script:TestImage -Width $Width -Height $Height
        $script:Sessions.Add($s)
        $null = Wait-TmuxScreen $s 'PS>\s*$' -TimeoutSec 60
        $s
    }

    function Assert-PromptWorks {
        <# Types a PowerShell expression right after the cmdlet returned and sees its result: proves the prompt reads
           the keyboard (no leftover read took the keys) with echo and line editing back (terminal mode restored). #>
        param($Session)
        $n = Get-Random -Minimum 1000 -Maximum 9999
        Send-TmuxText $Session "'pr' + 'ompt-ok-$n'"
        $null = Wait-TmuxScreen $Session "(?m)(^|\s)prompt-ok-$n\s*$"
        # The line was echoed as typed: echo is back.
        $null = Wait-TmuxScreen $Session "PS> 'pr' \+ 'ompt-ok-$n'"
    }

    # Run labels let Remove-TestContainers clean up whatever a failed test left.
    function Get-RunArgs { "-Label @{ '$($script:RunLabelKey)' = '$($script:RunId)' }" }
}

AfterAll {
    if ($script:Sessions) { foreach ($s in $script:Sessions) { Stop-TmuxPwsh $s } }
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Invoke-Container -Interactive -Tty' {
    BeforeAll { $script:S = New-Session }

    It 'runs a shell in the console: output, window size, Ctrl+C to the container, resize, detach, attach again, exit' {
        $name = New-TestName 'run'
        Send-TmuxText $S "Invoke-Container -Image `$TestImage -Pull Never -Interactive -Tty -Name $name $(Get-RunArgs)"
        $null = Wait-TmuxScreen $S '(?m)^/ #\s*$'
        (Get-EngineInspect $name).Config.Tty | Should -BeTrue

        Send-TmuxText $S 'echo hi-$((40+2)); stty size'
        $null = Wait-TmuxScreen $S '(?m)^hi-42\s*\n40 120\s*$'

        # Ctrl+C interrupts the command in the container; the cmdlet stays attached.
        Send-TmuxText $S 'sleep 100'
        Start-Sleep -Milliseconds 300
        Send-TmuxKey $S 'C-c'
        Send-TmuxText $S 'echo after-$((2+3))'
        $null = Wait-TmuxScreen $S '(?m)^after-5\s*$' -TimeoutSec 10
        Get-EngineState $name | Should -Be 'running'

        # The container's terminal follows the window.
        Resize-TmuxWindow $S -Width 100 -Height 30
        Start-Sleep -Milliseconds 300
        Send-TmuxText $S 'echo "size:$(stty size)"'
        $null = Wait-TmuxScreen $S '(?m)^size:30 100\s*$'
        Resize-TmuxWindow $S -Width 120 -Height 40

        # Ctrl+P Ctrl+Q detaches: back at the prompt, the container still runs.
        Send-TmuxKey $S 'C-p', 'C-q'
        $null = Wait-TmuxScreen $S "Detached from container '$name'; it is still running\. Attach again with: Enter-Container -Attach $name"
        $null = Wait-TmuxScreen $S 'PS>\s*$'
        Get-EngineState $name | Should -Be 'running'
        Assert-PromptWorks $S

        # Enter-Container -Attach joins the same shell; exit stops the container.
        Clear-TmuxScreen $S
        Send-TmuxText $S "Enter-Container -Attach $name"
        Start-Sleep -Milliseconds 500
        Send-TmuxText $S 'echo again-$((3*3))'
        $null = Wait-TmuxScreen $S '(?m)^again-9\s*$'
        Send-TmuxText $S 'exit'
        $null = Wait-TmuxScreen $S 'PS>\s*$'
        Wait-EngineState $name 'exited' | Should -Be 'exited'
        Assert-PromptWorks $S
    }

    It 'removes an -AutoRemove container after exit' {
        $name = New-TestName 'rm'
        Clear-TmuxScreen $S
        Send-TmuxText $S "Invoke-Container -Image `$TestImage -Pull Never -Interactive -Tty -AutoRemove -Name $name $(Get-RunArgs)"
        $null = Wait-TmuxScreen $S '(?m)^/ #\s*$'
        Get-EngineState $name | Should -Be 'running'
        Send-TmuxText $S 'exit'
        $null = Wait-TmuxScreen $S 'PS>\s*$'
        Wait-EngineState $name 'missing' | Should -Be 'missing'
        Assert-PromptWorks $S
    }

    It 'reports a non-zero exit as ContainerExitedWithError' {
        $name = New-TestName 'code'
        Clear-TmuxScreen $S
        Send-TmuxText $S "Invoke-Container -Image `$TestImage -Pull Never -Interactive -Tty -Name $name $(Get-RunArgs) -ErrorVariable ev"
        $null = Wait-TmuxScreen $S '(?m)^/ #\s*$'
        Send-TmuxText $S 'exit 7'
        $null = Wait-TmuxScreen $S 'PS>\s*$'
        Send-TmuxText $S '"id=" + $ev[0].FullyQualifiedErrorId + " code=" + $ev[0].Exception.ExitCode'
        $null = Wait-TmuxScreen $S '(?m)id=ContainerExitedWithError,PSDocker\.Commands\.InvokeContainerCommand code=7\s*$'
        (Get-EngineInspect $name).State.ExitCode | Should -Be 7
    }

    It 'uses -DetachKeys: the default keys pass through, the given ones detach' {
        $name = New-TestName 'keys'
        Clear-TmuxScreen $S
        Send-TmuxText $S "Invoke-Container -Image `$TestImage -Pull Never -Interactive -Tty -Name $name -DetachKeys 'ctrl-x,x' $(Get-RunArgs)"
        $null = Wait-TmuxScreen $S '(?m)^/ #\s*$'
        # Ctrl+P Ctrl+Q is just input now: still attached.
        Send-TmuxKey $S 'C-p', 'C-q'
        Send-TmuxKey $S 'C-u'
        Send-TmuxText $S 'echo still-$((4+5))'
        $null = Wait-TmuxScreen $S '(?m)^still-9\s*$'
        Send-TmuxKey $S 'C-x', 'x'
        $null = Wait-TmuxScreen $S "Detached from container '$name'"
        Get-EngineState $name | Should -Be 'running'
        Assert-PromptWorks $S
    }

    It 'comes back to a working prompt when the container is killed from outside' {
        $name = New-TestName 'kill'
        Clear-TmuxScreen $S
        Send-TmuxText $S "Invoke-Container -Image `$TestImage -Pull Never -Interactive -Tty -Name $name $(Get-RunArgs)"
        $null = Wait-TmuxScreen $S '(?m)^/ #\s*$'
        $null = Invoke-Engine "containers/$name/kill" -Method POST
        $null = Wait-TmuxScreen $S 'PS>\s*$'
        Get-EngineState $name | Should -Be 'exited'
        Assert-PromptWorks $S
    }

    It 'keeps the terminal raw while pwsh runs child processes, and restores its mode afterwards' {
        # Read the pane's terminal mode from outside with the host's stty (isig on would make Ctrl+C a signal to pwsh).
        # Raw mode (cfmakeraw) is the only one with -opost: the prompt's own mode keeps output processing.
        $tty = (& tmux -L $S.Socket display-message -p -t $S.Target '#{pane_tty}').Trim()
        $mode = { (& stty -a -F $tty) -join ' ' }
        $before = & $mode
        $before | Should -Match '(^|\s)opost(\s|$)'
        $name = New-TestName 'raw'
        Clear-TmuxScreen $S
        # A thread job starts a process every 100 ms during the session (.NET's console code reconfigures the terminal
        # around child processes and on SIGCHLD), then leaves a marker file.
        $marker = Join-Path ([IO.Path]::GetTempPath()) "psdt-raw-$([guid]::NewGuid().ToString('n'))"
        Send-TmuxText $S "`$j = Start-ThreadJob { 1..20 | ForEach-Object { Start-Sleep -Milliseconds 100; /bin/true }; Set-Content -Path '$marker' -Value done }; Invoke-Container -Image `$TestImage -Pull Never -Interactive -Tty -Name $name $(Get-RunArgs)"
        $null = Wait-TmuxScreen $S '(?m)^/ #\s*$'
        $during = foreach ($i in 1..30) { & $mode; Start-Sleep -Milliseconds 50 }
        # While a child process of pwsh runs, .NET applies its own mode and the session puts raw mode back within
        # 20 ms: a sample may fall in that window, but most must be raw.
        @($during | Where-Object { $_ -match '(^|\s)-isig(\s|$)' -and $_ -match '(^|\s)-icanon(\s|$)' }).Count | Should -BeGreaterThan 20
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not (Test-Path $marker) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Test-Path $marker | Should -BeTrue -Because 'the thread job of child processes should have finished'
        Remove-Item $marker -ErrorAction SilentlyContinue
        Start-Sleep -Milliseconds 100
        # Once the child processes are gone the terminal is raw, every time.
        $samples = foreach ($i in 1..20) { & $mode; Start-Sleep -Milliseconds 25 }
        @($samples | Where-Object { $_ -match '(^|\s)isig(\s|$)' }).Count | Should -Be 0 -Because 'Ctrl+C must stay a byte for the container'
        @($samples | Where-Object { $_ -match '(^|\s)-opost(\s|$)' -and $_ -match '(^|\s)-icanon(\s|$)' -and $_ -match '(^|\s)-echo(\s|$)' }).Count | Should -Be 20
        Send-TmuxText $S 'exit'
        $null = Wait-TmuxScreen $S 'PS>\s*$'
        Start-Sleep -Milliseconds 300
        # Back at the prompt: exactly the mode it had before.
        (& $mode) | Should -Be $before
        Assert-PromptWorks $S
    }

    It 'rejects malformed -DetachKeys before creating anything' {
        $name = New-TestName 'badkeys'
        Clear-TmuxScreen $S
        Send-TmuxText $S "Invoke-Container -Image `$TestImage -Pull Never -Interactive -Tty -Name $name -DetachKeys 'ctrl-1' $(Get-RunArgs)"
        $null = Wait-TmuxScreen $S "Unknown detach key 'ctrl-1'"
        Get-EngineState $name | Should -Be 'missing'
        Send-TmuxText $S '$Error[0].FullyQualifiedErrorId'
        $null = Wait-TmuxScreen $S '(?m)InvalidDetachKeys,PSDocker\.Commands\.InvokeContainerCommand\s*$'
    }
}

Describe 'Enter-Container' {
    BeforeAll {
        $script:S = New-Session
        $script:Box = New-TestContainer -Start
    }

    It 'runs /bin/sh in the container with -User and -WorkingDirectory, and reports the exit code' {
        Clear-TmuxScreen $S
        Send-TmuxText $S "Enter-Container $($Box.Name) -User nobody -WorkingDirectory /tmp -ErrorVariable ev"
        $null = Wait-TmuxScreen $S '(?m)^/tmp \$\s*$'
        Send-TmuxText $S 'echo "who:$(id -u):$(pwd):$(stty size)"'
        $null = Wait-TmuxScreen $S '(?m)^who:65534:/tmp:40 120\s*$'
        Send-TmuxText $S 'exit 3'
        $null = Wait-TmuxScreen $S 'PS>\s*$'
        Send-TmuxText $S '"id=" + $ev[0].FullyQualifiedErrorId'
        $null = Wait-TmuxScreen $S '(?m)id=ExecExitedWithError,PSDocker\.Commands\.EnterContainerCommand\s*$'
        Get-EngineState $Box.Id | Should -Be 'running'
        Assert-PromptWorks $S
    }

    It 'takes a container from the pipeline, runs -Command, passes Ctrl+C and detaches leaving it running' {
        Clear-TmuxScreen $S
        Send-TmuxText $S "Get-Container -Name $($Box.Name) | Enter-Container -Command sh"
        $null = Wait-TmuxScreen $S '(?m)^/ #\s*$'
        Send-TmuxText $S 'sleep 100'
        Start-Sleep -Milliseconds 300
        Send-TmuxKey $S 'C-c'
        Send-TmuxText $S 'echo exec-$((6*7))'
        $null = Wait-TmuxScreen $S '(?m)^exec-42\s*$'
        Send-TmuxText $S 'sleep 300'
        Start-Sleep -Milliseconds 300
        Send-TmuxKey $S 'C-p', 'C-q'
        $null = Wait-TmuxScreen $S "Detached from 'sh' in container '$($Box.Name)'; it is still running\."
        # The exec's process goes on in the container.
        $top = Invoke-Engine "containers/$($Box.Id)/top"
        @($top.Processes | Where-Object { ($_ -join ' ') -match 'sleep 300' }).Count | Should -Be 1
        Assert-PromptWorks $S
    }

    It 'fails clearly on a stopped container and on -Attach with -Command' {
        $stopped = New-TestContainer -Command 'true'
        Clear-TmuxScreen $S
        Send-TmuxText $S "Enter-Container $($stopped.Name)"
        $null = Wait-TmuxScreen $S 'is created, not running, so there is nothing to enter'
        Send-TmuxText $S "Enter-Container $($Box.Name) -Attach -Command sh"
        $null = Wait-TmuxScreen $S '-Attach joins the container.s main process'
        Assert-PromptWorks $S
    }

    It 'is a NotATerminal error when the input is redirected, before any exec is made' {
        $before = @((Get-EngineInspect $Box.Id).ExecIDs | Where-Object { $_ }).Count
        $cmd = "Import-Module '$ModulePath'; try { Enter-Container $($Box.Name) -Endpoint '$Endpoint' } catch { `$_.FullyQualifiedErrorId }"
        $out = 'x' | & $Pwsh -NoProfile -NonInteractive -Command $cmd
        $out | Should -Be 'NotATerminal,PSDocker.Commands.EnterContainerCommand'
        @((Get-EngineInspect $Box.Id).ExecIDs | Where-Object { $_ }).Count | Should -Be $before
    }

    It 'makes no exec under -WhatIf' {
        $before = @((Get-EngineInspect $Box.Id).ExecIDs | Where-Object { $_ }).Count
        Enter-Container $Box.Name -WhatIf
        @((Get-EngineInspect $Box.Id).ExecIDs | Where-Object { $_ }).Count | Should -Be $before
    }
}

Describe 'Invoke-Container -Interactive -Tty without a terminal' {
    It 'is a NotATerminal error before anything is created' {
        $name = New-TestName 'notty'
        $cmd = "Import-Module '$ModulePath'; try { Invoke-Container -Image '$TestImage' -Pull Never -Interactive -Tty -Name $name -Endpoint '$Endpoint' } catch { `$_.FullyQualifiedErrorId }"
        $out = 'echo hi' | & $Pwsh -NoProfile -NonInteractive -Command $cmd
        $out | Should -Be 'NotATerminal,PSDocker.Commands.InvokeContainerCommand'
        Get-EngineState $name | Should -Be 'missing'
    }
}

Describe '-DetachKeys validation' {
    It 'is InvalidDetachKeys before anything is created, in every mode of Invoke-Container and in Start-Container' {
        $name = New-TestName 'keysd'
        $err = Get-TerminatingError { Invoke-Container -Image $TestImage -Pull Never -Detach -Name $name -DetachKeys 'ctrl-p,,ctrl-q' -Label @{ $RunLabelKey = $RunId } }
        $err.FullyQualifiedErrorId | Should -Be 'InvalidDetachKeys,PSDocker.Commands.InvokeContainerCommand'
        $err.Exception | Should -BeOfType [FormatException]
        Get-EngineState $name | Should -Be 'missing'
        $c = New-TestContainer -Command 'true'
        $err = Get-TerminatingError { Start-Container $c.Name -Attach -DetachKeys 'ctrl-1' }
        $err.FullyQualifiedErrorId | Should -Be 'InvalidDetachKeys,PSDocker.Commands.StartContainerCommand'
        Get-EngineState $c.Id | Should -Be 'created'
    }
}

Describe 'Start-Container -Attach' {
    BeforeAll { $script:S = New-Session }

    It 'starts a terminal container with the console attached (-Interactive), and exit stops it' {
        $c = New-TestContainer -Command '/bin/sh' -Parameters @{ Interactive = $true; Tty = $true }
        Clear-TmuxScreen $S
        Send-TmuxText $S "Start-Container -Attach -Interactive $($c.Name)"
        $null = Wait-TmuxScreen $S '(?m)^/ #\s*$'
        Send-TmuxText $S 'echo start-$((5*5)); stty size'
        $null = Wait-TmuxScreen $S '(?m)^start-25\s*\n40 120\s*$'
        Send-TmuxText $S 'exit'
        $null = Wait-TmuxScreen $S 'PS>\s*$'
        Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
        Assert-PromptWorks $S
    }

    It 'wires the keyboard in line mode to a container without a terminal (multiplexed output); Ctrl+C stops the cmdlet' {
        $c = New-TestContainer -Command 'sh', '-c', 'echo "rea""dy"; while read l; do echo "got:$l"; echo "err:$l" >&2; done' -Parameters @{ Interactive = $true }
        Clear-TmuxScreen $S
        Send-TmuxText $S "Start-Container -Attach -Interactive $($c.Name)"
        # Keys typed before the console is attached would be read in the prompt's mode: wait for the container's first line.
        $null = Wait-TmuxScreen $S '(?m)^ready\s*$'
        Send-TmuxText $S 'hello'
        # The terminal echoes the line as typed (line mode), then the container's stdout and stderr frames follow
        # (in either order: they are two pipes in the container).
        $null = Wait-TmuxScreen $S '(?m)^hello\s*\n(got|err):hello\s*\n(got|err):hello\s*$'
        $screen = Get-TmuxScreen $S
        $screen | Should -Match '(?m)^got:hello\s*$'
        $screen | Should -Match '(?m)^err:hello\s*$'
        # Without a terminal in the container, Ctrl+C is PowerShell's: the cmdlet stops, the container goes on.
        Send-TmuxKey $S 'C-c'
        $null = Wait-TmuxScreen $S 'PS>\s*$'
        Get-EngineState $c.Id | Should -Be 'running'
        Assert-PromptWorks $S
    }

    It 'stays attached after Ctrl+D ends the keyboard input, until the container ends (as docker start -ai)' {
        # StdinOnce (docker run -i semantics) comes with Invoke-Container -Interactive; New-Container -Interactive keeps stdin open.
        $c = New-TestContainer -Command 'sh', '-c', 'echo "rea""dy"; cat; echo "b""ye"' -Parameters @{ Interactive = $true }
        Clear-TmuxScreen $S
        Send-TmuxText $S "Start-Container -Attach -Interactive $($c.Name)"
        $null = Wait-TmuxScreen $S '(?m)^ready\s*$'
        Send-TmuxText $S 'line1'
        $null = Wait-TmuxScreen $S '(?m)^line1\s*\nline1\s*$'
        Send-TmuxKey $S 'C-d'
        Start-Sleep -Milliseconds 500
        # The engine keeps a container's stdin open unless it was created with StdinOnce (as docker start -ai does):
        # the session stays attached until the container ends.
        Get-EngineState $c.Id | Should -Be 'running'
        $null = Invoke-Engine "containers/$($c.Id)/kill" -Method POST
        $null = Wait-TmuxScreen $S 'PS>\s*$'
        Assert-PromptWorks $S
    }

    It 'without -Interactive writes the output as lines, standard error as errors, and the exit code' {
        $c = New-TestContainer -Command 'sh', '-c', 'echo one; echo two >&2; echo three; exit 4'
        $out = Start-Container -Attach $c.Name -ErrorVariable ev -ErrorAction SilentlyContinue
        $out | Should -Be @('one', 'three')
        Get-FullyQualifiedErrorId $ev | Should -Be @('ContainerStandardError,PSDocker.Commands.StartContainerCommand', 'ContainerExitedWithError,PSDocker.Commands.StartContainerCommand')
        $ev[1].Exception.ExitCode | Should -Be 4
    }

    It 'refuses more than one container and -Interactive without -Attach, before starting any' {
        $a = New-TestContainer -Command 'true'
        $b = New-TestContainer -Command 'true'
        $err = Get-TerminatingError { $a, $b | Start-Container -Attach }
        $err.FullyQualifiedErrorId | Should -Be 'AttachOneContainer,PSDocker.Commands.StartContainerCommand'
        $err = Get-TerminatingError { Start-Container $a.Name -Interactive }
        $err.FullyQualifiedErrorId | Should -Be 'ConflictingParameters,PSDocker.Commands.StartContainerCommand'
        Get-EngineState $a.Id | Should -Be 'created'
        Get-EngineState $b.Id | Should -Be 'created'
    }
}

Describe 'Terminal over TCP' {
    BeforeAll {
        $script:Relay = [PSDockerTests.UnixRelay]::new($script:EngineSocket)
        $script:Tcp = "tcp://127.0.0.1:$($Relay.Port)"
        $script:S = New-Session -Endpoint $Tcp
    }
    AfterAll { if ($script:Relay) { $script:Relay.Dispose() } }

    It 'runs -Interactive -Tty over tcp://, and a dropped connection ends with an error and a working prompt' {
        $name = New-TestName 'tcp'
        Send-TmuxText $S "Invoke-Container -Image `$TestImage -Pull Never -Interactive -Tty -Name $name $(Get-RunArgs)"
        $null = Wait-TmuxScreen $S '(?m)^/ #\s*$'
        Send-TmuxText $S 'echo tcp-$((7*6))'
        $null = Wait-TmuxScreen $S '(?m)^tcp-42\s*$'
        # The engine goes away (every connection of the relay drops).
        $Relay.Dispose()
        $null = Wait-TmuxScreen $S 'The connection to the container.s terminal broke'
        $null = Wait-TmuxScreen $S 'PS>\s*$'
        Assert-PromptWorks $S
        Get-EngineState $name | Should -Be 'running'
    }
}
