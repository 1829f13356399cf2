# Invoke-ContainerCommand (docker exec without a terminal) against the test engine. Nothing here depends on
# Docker itself: run with $env:PSDOCKER_TEST_ENDPOINT pointing at a Podman service (and PSDOCKER_TEST_IMAGE at
# its copy of the test image) to prove the same behaviour there.

BeforeAll {
    . "$PSScriptRoot/common.ps1"

    # Two long-running containers shared by the read-only tests.
    $script:web = New-TestContainer -Start
    $script:web2 = New-TestContainer -Start
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Invoke-ContainerCommand' {
    Context 'output' {
        It 'returns standard output as strings, one per line, tagged with the container' {
            $out = @(Invoke-ContainerCommand $web.Name -ErrorAction Stop -- sh -c 'echo one; echo "two words"; printf three')
            $out | Should -Be @('one', 'two words', 'three')
            foreach ($line in $out) {
                $line | Should -BeOfType [string]
                $line.ContainerName | Should -Be $web.Name
                "$($line.Stream)" | Should -Be 'StdOut'
            }
        }

        It 'assigns plain text: $x = Invoke-ContainerCommand c cat /etc/hostname' {
            $x = Invoke-ContainerCommand $web.Name cat /etc/hostname
            $x | Should -BeOfType [string]
            $x | Should -Be (Get-EngineInspect $web.Id).Config.Hostname
        }

        It 'streams lines while the command runs' {
            $marker = "/tmp/go-$([guid]::NewGuid().ToString('N'))"
            $script:runningAtFirst = $null
            $out = @(Invoke-ContainerCommand $web.Name -Command sh, -c, "echo first; i=0; while [ ! -e $marker ] && [ `$i -lt 300 ]; do sleep 0.1; i=`$((i+1)); done; echo second" -ErrorAction Stop |
                ForEach-Object {
                    if ($_ -eq 'first') {
                        # The command is still waiting for the marker: 'first' arrived while it ran.
                        Invoke-EngineExec $web.Id 'touch', $marker
                    }
                    $_
                })
            $out | Should -Be @('first', 'second')
        }

        It 'writes standard error as ContainerCommandStandardError error records naming the container' {
            $out = @(Invoke-ContainerCommand $web.Name -Command sh, -c, 'echo out1; echo err1 >&2; echo out2; echo err2 >&2' -ErrorAction SilentlyContinue -ErrorVariable err)
            $out | Should -Be @('out1', 'out2')
            Get-FullyQualifiedErrorId $err | Should -Be (@('ContainerCommandStandardError,PSDocker.Commands.InvokeContainerCommandCommand') * 2)
            @($err | ForEach-Object { "$_" }) | Should -Be @('err1', 'err2')
            $err[0].TargetObject | Should -Be $web.Name
        }

        It '-MergeStandardError writes standard error lines as output strings' {
            $out = @(Invoke-ContainerCommand $web.Name -MergeStandardError -Command sh, -c, 'echo out1; sleep 0.2; echo err1 >&2; sleep 0.2; echo out2' -ErrorAction Stop -ErrorVariable err)
            $err | Should -BeNullOrEmpty
            $out | Should -Be @('out1', 'err1', 'out2')
            @($out | ForEach-Object { "$($_.Stream)" }) | Should -Be @('StdOut', 'StdErr', 'StdOut')
        }
    }

    Context 'exit codes' {
        It 'a non-zero exit is a non-terminating ContainerCommandFailed error carrying the code, after the output' {
            $out = @(Invoke-ContainerCommand $web.Name -Command sh, -c, 'echo before; exit 3' -ErrorAction SilentlyContinue -ErrorVariable err)
            $out | Should -Be @('before')
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerCommandFailed,PSDocker.Commands.InvokeContainerCommandCommand')
            $err[0].Exception.ExitCode | Should -Be 3
            $err[0].Exception.Container | Should -Be $web.Name
            $err[0].TargetObject | Should -Be $web.Name
            "$($err[0])" | Should -Match "\b3\b"
            "$($err[0])" | Should -Match ([regex]::Escape($web.Name))
        }

        It 'exit code 0 writes no error' {
            Invoke-ContainerCommand $web.Name true -ErrorVariable err
            $err | Should -BeNullOrEmpty
        }

        It 'a command the container lacks fails with the engine''s message and exit code 126 or 127' {
            $null = Invoke-ContainerCommand $web.Name no-such-command-here -ErrorAction SilentlyContinue -ErrorVariable err 2>&1
            $failed = @($err | Where-Object { $_.FullyQualifiedErrorId -like 'ContainerCommandFailed,*' })
            $failed.Count | Should -Be 1
            $failed[0].Exception.ExitCode | Should -BeIn 126, 127
        }

        It '-PassThru returns an ExecResult with the exit code and the lines, and still reports the failure' {
            $r = Invoke-ContainerCommand $web.Name -PassThru -Command sh, -c, 'echo o1; echo e1 >&2; echo o2; exit 4' -ErrorAction SilentlyContinue -ErrorVariable err
            $r | Should -BeOfType [PSDocker.ExecResult]
            $r.ExitCode | Should -Be 4
            $r.Output | Should -Be @('o1', 'o2')
            $r.StandardError | Should -Be @('e1')
            $r.ContainerName | Should -Be $web.Name
            $r.ContainerId | Should -Be $web.Id
            $r.Command | Should -Be @('sh', '-c', 'echo o1; echo e1 >&2; echo o2; exit 4')
            $r.Endpoint | Should -Be $Endpoint
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerCommandFailed,PSDocker.Commands.InvokeContainerCommandCommand')
        }

        It '-PassThru -MergeStandardError puts both streams in Output' {
            $r = Invoke-ContainerCommand $web.Name -PassThru -MergeStandardError -Command sh, -c, 'echo o1; sleep 0.2; echo e1 >&2' -ErrorAction Stop
            $r.ExitCode | Should -Be 0
            $r.Output | Should -Be @('o1', 'e1')
            $r.StandardError | Should -BeNullOrEmpty
        }
    }

    Context 'standard input from the pipeline' {
        It 'sends each piped string as a line and ends the input (cat returns)' {
            $out = @('a', 'b c', '' | Invoke-ContainerCommand $web.Name cat -ErrorAction Stop)
            $out | Should -Be @('a', 'b c', '')
        }

        It 'sends non-string objects as their string form' {
            @(1, 2.5, $true | Invoke-ContainerCommand $web.Name cat -ErrorAction Stop) | Should -Be @('1', '2.5', 'True')
        }

        It 'half-closes at the end of a long input: wc sees every line' {
            (1..2000 | Invoke-ContainerCommand $web.Name wc -l -ErrorAction Stop).Trim() | Should -Be '2000'
        }

        It 'streams input as it comes: the command has read the first item before the second is produced' {
            $file = "/tmp/seen-$([guid]::NewGuid().ToString('N'))"
            $script:seenBeforeSecond = $null
            $out = @(& {
                    'x1'
                    # Wait (bounded) until the command inside has written the first line to its file.
                    $deadline = [DateTime]::UtcNow.AddSeconds(15)
                    do {
                        Start-Sleep -Milliseconds 50
                        $script:seenBeforeSecond = Invoke-ContainerCommand $web.Name -Command sh, -c, "cat $file 2>/dev/null; true"
                    } until ($script:seenBeforeSecond -or [DateTime]::UtcNow -ge $deadline)
                    'x2'
                } | Invoke-ContainerCommand $web.Name -Command sh, -c, "while read l; do echo `$l >> $file; echo got `$l; done" -ErrorAction Stop)
            $seenBeforeSecond | Should -Be 'x1'
            $out | Should -Be @('got x1', 'got x2')
        }

        It 'gives the same input to every container named on the command line' {
            $out = @('hello' | Invoke-ContainerCommand $web.Name, $web2.Name cat -ErrorAction Stop)
            $out | Should -Be @('hello', 'hello')
            @($out | ForEach-Object ContainerName) | Should -Be @($web.Name, $web2.Name)
        }

        It 'without pipeline input the command has no standard input (cat ends at once)' {
            $sw = [Diagnostics.Stopwatch]::StartNew()
            Invoke-ContainerCommand $web.Name cat -ErrorAction Stop | Should -BeNullOrEmpty
            $sw.Elapsed.TotalSeconds | Should -BeLessThan 10
        }
    }

    Context 'options observed inside the container' {
        It '-User runs as that user' {
            Invoke-ContainerCommand $web.Name -User '1234:2345' -Command sh, -c, 'echo "$(id -u) $(id -g)"' -ErrorAction Stop | Should -Be '1234 2345'
        }

        It '-WorkingDirectory sets the directory' {
            Invoke-ContainerCommand $web.Name -WorkingDirectory /etc pwd -ErrorAction Stop | Should -Be '/etc'
        }

        It '-Environment adds variables' {
            Invoke-ContainerCommand $web.Name -Environment @{ PSDT_A = 'x'; PSDT_B = 'y z' } -Command sh, -c, 'echo "$PSDT_A-$PSDT_B"' -ErrorAction Stop | Should -Be 'x-y z'
        }

        It '-Privileged asks for a privileged process (all capabilities)' {
            $capEff = @('grep', 'CapEff', '/proc/self/status')
            $plain = Invoke-ContainerCommand $web.Name -Command $capEff -ErrorAction Stop
            $plain | Should -Match '^CapEff:\s+[0-9a-f]+$'
            $capsPlain = [Convert]::ToUInt64(($plain -split '\s+')[1], 16)
            # CAP_SYS_ADMIN (bit 21) is not among a plain process's capabilities.
            ($capsPlain -band (1 -shl 21)) | Should -Be 0

            $since = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() - 1
            $privileged = @(Invoke-ContainerCommand $web.Name -Privileged -MergeStandardError -Command $capEff -ErrorAction SilentlyContinue -ErrorVariable err)
            if (-not $err) {
                $capsPrivileged = [Convert]::ToUInt64(($privileged[0] -split '\s+')[1], 16)
                ($capsPrivileged -band (1 -shl 21)) | Should -Not -Be 0
            }
            else {
                # Where the runtime may not grant every capability (a sandboxed host: "unable to apply caps"),
                # the exec fails with 126; the engine's record of it still shows it was asked to be privileged.
                "$privileged" | Should -Match 'caps'
                $err[0].Exception.ExitCode | Should -Be 126
                $filters = [uri]::EscapeDataString((@{ container = @($web.Id); event = @('exec_create') } | ConvertTo-Json -Compress))
                $until = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() + 1
                $events = (Invoke-WebRequest -UnixSocket $EngineSocket -Uri "http://localhost/v1.41/events?since=$since&until=$until&filters=$filters" -TimeoutSec 30).Content
                $execIds = @($events -split "`n" | Where-Object { $_.Trim() } | ForEach-Object { ($_ | ConvertFrom-Json).Actor.Attributes.execID })
                $execIds.Count | Should -BeGreaterThan 0
                @($execIds | ForEach-Object { (Invoke-Engine "exec/$_/json").ProcessConfig.privileged }) | Should -Contain $true
            }
        }

        It 'an invalid -Environment name is a terminating error before anything runs' {
            $e = Get-TerminatingError { Invoke-ContainerCommand $web.Name -Environment @{ 'A=B' = 1 } hostname }
            $e.FullyQualifiedErrorId | Should -Be 'InvalidEnvironment,PSDocker.Commands.InvokeContainerCommandCommand'
        }
    }

    Context 'many containers from the pipeline' {
        It 'runs them concurrently and writes the output in input order, tagged by container' {
            $many = @(New-TestContainers -Count 6 -Start)
            $sw = [Diagnostics.Stopwatch]::StartNew()
            # The first container answers last: its lines still come first.
            $out = @($many | Invoke-ContainerCommand -Command sh, -c, 'if [ "$(hostname)" = "$FIRST" ]; then sleep 2; fi; sleep 1.5; hostname; echo done' `
                    -Environment @{ FIRST = (Get-EngineInspect $many[0].Id).Config.Hostname } -ErrorAction Stop)
            $elapsed = $sw.Elapsed.TotalSeconds
            # One after another this takes at least 6 x 1.5 + 2 = 11 s.
            $elapsed | Should -BeLessThan 8
            $out.Count | Should -Be 12
            $expected = foreach ($c in $many) { (Get-EngineInspect $c.Id).Config.Hostname; 'done' }
            $out | Should -Be @($expected)
            @($out | ForEach-Object ContainerName) | Should -Be @($many | ForEach-Object { $_.Name; $_.Name })
        }

        It 'Get-Container -Label | Invoke-ContainerCommand runs in each container found' {
            $label = "psdtest.exec=$([guid]::NewGuid().ToString('N'))"
            $key, $value = $label -split '=', 2
            $group = @(New-TestContainers -Count 3 -Label @{ $key = $value } -Start)
            $out = @(Get-Container -Label $label | Invoke-ContainerCommand -Command hostname -ErrorAction Stop)
            $out.Count | Should -Be 3
            @($out | ForEach-Object ContainerName | Sort-Object) | Should -Be @($group.Name | Sort-Object)
        }

        It 'binds objects with a Name or ContainerName property' {
            [pscustomobject]@{ Name = $web.Name } | Invoke-ContainerCommand -Command echo, byname -ErrorAction Stop | Should -Be 'byname'
            [pscustomobject]@{ ContainerName = $web.Name } | Invoke-ContainerCommand -Command echo, bycontainername -ErrorAction Stop | Should -Be 'bycontainername'
        }

        It 'runs by -Id (a unique prefix)' {
            $out = Invoke-ContainerCommand -Id $web.Id.Substring(0, 12) -Command echo, byid -ErrorAction Stop
            $out | Should -Be 'byid'
            $out.ContainerName | Should -Be $web.Id.Substring(0, 12)
        }

        It 'one failing container does not stop the others' {
            $stopped = New-TestContainer
            $missing = "psdt-missing-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
            $out = @(Invoke-ContainerCommand $web.Name, $missing, $stopped.Name, $web2.Name -Command echo, hi -ErrorAction SilentlyContinue -ErrorVariable err)
            $out | Should -Be @('hi', 'hi')
            @($out | ForEach-Object ContainerName) | Should -Be @($web.Name, $web2.Name)
            Get-FullyQualifiedErrorId $err | Should -Be @(
                'ContainerNotFound,PSDocker.Commands.InvokeContainerCommandCommand'
                'ContainerNotRunning,PSDocker.Commands.InvokeContainerCommandCommand')
        }
    }

    Context 'errors' {
        It 'a missing container is a non-terminating ContainerNotFound error naming it' {
            $missing = "psdt-missing-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
            Invoke-ContainerCommand $missing hostname -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.InvokeContainerCommandCommand')
            $err[0].TargetObject | Should -Be $missing
            "$($err[0])" | Should -Match ([regex]::Escape($missing))
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }

        It 'a stopped container is ContainerNotRunning, naming it and Start-Container' {
            $stopped = New-TestContainer
            Invoke-ContainerCommand $stopped.Name hostname -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotRunning,PSDocker.Commands.InvokeContainerCommandCommand')
            "$($err[0])" | Should -Match ([regex]::Escape($stopped.Name))
            "$($err[0])" | Should -Match 'Start-Container'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            Get-EngineState $stopped.Id | Should -Be 'created'
        }

        It 'a paused container is ContainerPaused, naming Resume-Container' {
            $paused = New-TestContainer -Start
            Suspend-Container $paused.Name -ErrorAction Stop
            try {
                Invoke-ContainerCommand $paused.Name hostname -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
                Get-FullyQualifiedErrorId $err | Should -Be @('ContainerPaused,PSDocker.Commands.InvokeContainerCommandCommand')
                "$($err[0])" | Should -Match 'Resume-Container'
            }
            finally {
                Resume-Container $paused.Name -ErrorAction SilentlyContinue
            }
        }

        It 'an unreachable engine is one terminating EngineUnreachable error' {
            $e = Get-TerminatingError { Invoke-ContainerCommand web, db hostname -Endpoint 'tcp://127.0.0.1:9' }
            $e.FullyQualifiedErrorId | Should -Be 'EngineUnreachable,PSDocker.Commands.InvokeContainerCommandCommand'
        }
    }

    Context '-WhatIf and stopping' {
        It '-WhatIf runs nothing' {
            $marker = "/tmp/whatif-$([guid]::NewGuid().ToString('N'))"
            Invoke-ContainerCommand $web.Name -Command touch, $marker -WhatIf | Should -BeNullOrEmpty
            Invoke-ContainerCommand $web.Name -Command sh, -c, "[ -e $marker ] && echo present || echo absent" | Should -Be 'absent'
        }

        It 'stopping the pipeline (what Ctrl+C does) ends a long command at once' {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript({
                        param($Manifest, $Endpoint, $Name)
                        Import-Module $Manifest
                        Invoke-ContainerCommand $Name -Command sh, -c, 'echo started; sleep 60' -Endpoint $Endpoint
                    }).AddArgument((Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1')).AddArgument($Endpoint).AddArgument($web.Name)
                $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
                $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
                $deadline = [DateTime]::UtcNow.AddSeconds(20)
                while ($output.Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                "$($output[0])" | Should -Be 'started'
                $sw = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $sw.Elapsed.TotalSeconds | Should -BeLessThan 3
                $async.IsCompleted | Should -BeTrue
            }
            finally {
                $ps.Dispose()
            }
        }
    }
}
