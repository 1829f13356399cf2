BeforeAll {
    . "$PSScriptRoot/common.ps1"

    # Invoke-Container with the test image, the run label, a unique name and a per-call case label.
    # Extra parameters come as a hashtable; give -ErrorAction/-ErrorVariable to this function itself.
    function Invoke-TestContainer {
        [CmdletBinding()]
        param(
            [string[]] $Command,
            [hashtable] $Parameters = @{},
            [string] $Name = (New-TestName 'run'),
            [string] $Case = [guid]::NewGuid().ToString('N')
        )
        $labels = @{ $RunLabelKey = $RunId; 'psdtest.case' = $Case }
        Invoke-Container -Image $TestImage -Name $Name -Label $labels -Command $Command @Parameters
    }

    function Get-CaseCount([string] $Case) { @(Get-EngineContainer -Label "psdtest.case=$Case").Count }

    $script:volumeDir = Join-Path ([IO.Path]::GetTempPath()) "psdt-vol-$RunId"
    $null = New-Item -ItemType Directory -Path $volumeDir -Force
    $script:fileContent = "host file $RunId"
    Set-Content -Path (Join-Path $volumeDir 'file') -Value $fileContent -NoNewline
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
    if ($volumeDir -and (Test-Path $volumeDir)) { Remove-Item $volumeDir -Recurse -Force }
}

Describe 'Invoke-Container' {
    Context 'running attached' {
        It 'returns standard output as strings, one per line' {
            $name = New-TestName 'out'
            $out = @(Invoke-TestContainer -Name $name -Command 'sh', '-c', 'echo one; echo "two words"; printf three' -ErrorAction Stop)
            $out | Should -Be @('one', 'two words', 'three')
            $out | ForEach-Object { $_ | Should -BeOfType [string] }
            $engine = Get-EngineInspect $name
            $engine.State.Status | Should -Be 'exited'
            $engine.State.ExitCode | Should -Be 0
        }

        It 'streams lines while the container runs' {
            # The container prints 'first' and then waits for /tmp/go, which is made only when 'first' has reached the pipeline.
            $name = New-TestName 'stream'
            $script:stateAtFirst = $null
            $out = @(Invoke-TestContainer -Name $name -Command 'sh', '-c', 'echo first; i=0; while [ ! -e /tmp/go ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; echo second' -ErrorAction Stop |
                ForEach-Object {
                    if ($_ -eq 'first') {
                        $script:stateAtFirst = Get-EngineState $name
                        Invoke-EngineExec $name 'touch', '/tmp/go'
                    }
                    $_
                })
            $stateAtFirst | Should -Be 'running'
            $out | Should -Be @('first', 'second')
        }

        It 'writes standard error as ContainerStandardError error records, not as output' {
            $out = @(Invoke-TestContainer -Command 'sh', '-c', 'echo out1; echo err1 >&2; echo out2; echo err2 >&2' -ErrorAction SilentlyContinue -ErrorVariable err)
            $out | Should -Be @('out1', 'out2')
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerStandardError,PSDocker.Commands.InvokeContainerCommand', 'ContainerStandardError,PSDocker.Commands.InvokeContainerCommand')
            @($err | ForEach-Object { "$_" }) | Should -Be @('err1', 'err2')
        }

        It 'reports a non-zero exit as a non-terminating ContainerExitedWithError error, after the output' {
            $name = New-TestName 'exit3'
            $out = @(Invoke-TestContainer -Name $name -Command 'sh', '-c', 'echo before; exit 3' -ErrorAction SilentlyContinue -ErrorVariable err)
            $out | Should -Be @('before')
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerExitedWithError,PSDocker.Commands.InvokeContainerCommand')
            $err[0].Exception.ExitCode | Should -Be 3
            "$($err[0])" | Should -Match "\b3\b"
            (Get-EngineInspect $name).State.ExitCode | Should -Be 3
        }

        It 'leaves $LASTEXITCODE alone and sets $? to false on a non-zero exit; a script exits with the code as about_PSDocker shows' {
            $global:LASTEXITCODE = 42
            $out = Invoke-Container -Image $TestImage -AutoRemove -Label @{ $RunLabelKey = $RunId } -Command 'sh', '-c', 'exit 5' -ErrorAction SilentlyContinue -ErrorVariable err
            $ok = $?
            $global:LASTEXITCODE | Should -Be 42 -Because 'no native program ran'
            $ok | Should -BeFalse
            $err[-1].Exception.ExitCode | Should -Be 5

            # The script of about_PSDocker's "Exit codes" section, in a pwsh of its own: its caller sees the container's code.
            $about = Get-Content -Raw (Join-Path $PSScriptRoot '../en-US/about_PSDocker.md')
            $about -match '(?s)### Exit codes.*?```powershell\r?\n(.*?)```' | Should -BeTrue
            $script = $Matches[1] -replace 'psdocker-test/busybox:1\.35', $TestImage -replace '-AutoRemove', "-AutoRemove -Label @{ '$RunLabelKey' = '$RunId' }"
            $manifest = Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'
            $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
            $null = & $pwsh -NoProfile -NonInteractive -Command "Import-Module '$manifest'; `$ErrorActionPreference = 'Continue'; $script" 2>&1
            $LASTEXITCODE | Should -Be 3
        }

        It 'passes -Environment to the command' {
            Invoke-TestContainer -Command 'sh', '-c', 'echo "$PSDT_A-$PSDT_B"' -Parameters @{ Environment = @{ PSDT_A = 'x'; PSDT_B = 'y z' } } -ErrorAction Stop |
                Should -Be 'x-y z'
        }

        It 'with -Tty returns the terminal''s lines (both streams) without carriage returns' {
            $out = @(Invoke-TestContainer -Command 'sh', '-c', 'echo a; echo b >&2; echo c' -Parameters @{ Tty = $true } -ErrorAction SilentlyContinue -ErrorVariable err)
            $out | Should -Be @('a', 'b', 'c')
            $err | Should -BeNullOrEmpty
        }

        It 'leaves the container behind, stopped, without -AutoRemove' {
            $case = [guid]::NewGuid().ToString('N')
            $null = Invoke-TestContainer -Case $case -Command 'true' -ErrorAction Stop
            $left = @(Get-EngineContainer -Label "psdtest.case=$case")
            $left.Count | Should -Be 1
            $left[0].State | Should -Be 'exited'
        }
    }

    Context '-AutoRemove' {
        It 'leaves nothing after an attached run' {
            $case = [guid]::NewGuid().ToString('N')
            $name = New-TestName 'rm'
            $out = Invoke-TestContainer -Name $name -Case $case -Command 'echo', 'bye' -Parameters @{ AutoRemove = $true } -ErrorAction Stop
            $out | Should -Be 'bye'
            Get-CaseCount $case | Should -Be 0
            Get-EngineInspect $name | Should -BeNullOrEmpty
        }

        It 'leaves nothing after an attached run that fails, and still reports the exit code' {
            $case = [guid]::NewGuid().ToString('N')
            $out = Invoke-TestContainer -Case $case -Command 'sh', '-c', 'echo partial; exit 4' -Parameters @{ AutoRemove = $true } -ErrorAction SilentlyContinue -ErrorVariable err
            $out | Should -Be 'partial'
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerExitedWithError,PSDocker.Commands.InvokeContainerCommand')
            $err[0].Exception.ExitCode | Should -Be 4
            Get-CaseCount $case | Should -Be 0
        }

        It 'leaves nothing with -Detach once the container has exited' {
            $case = [guid]::NewGuid().ToString('N')
            $c = Invoke-TestContainer -Case $case -Command 'sh', '-c', 'sleep 0.5' -Parameters @{ AutoRemove = $true; Detach = $true } -ErrorAction Stop
            $c | Should -BeOfType PSDocker.Container
            $c.AutoRemove | Should -BeTrue
            Wait-EngineState $c.Id 'missing' -TimeoutSec 30 | Should -Be 'missing'
            Get-CaseCount $case | Should -Be 0
        }
    }

    Context '-Interactive (standard input from the pipeline)' {
        It 'sends each piped item as a line and ends the input: cat echoes them and exits 0' {
            $name = New-TestName 'cat'
            $out = @('a', 'b' | Invoke-Container -Image $TestImage -Pull Never -Name $name -Label @{ $RunLabelKey = $RunId } -Interactive -Command cat -ErrorAction Stop)
            $out | Should -Be @('a', 'b')
            $engine = Get-EngineInspect $name
            $engine.State.Status | Should -Be 'exited'
            $engine.State.ExitCode | Should -Be 0
            $engine.Config.OpenStdin | Should -BeTrue
        }

        It 'half-closes at the end of a long input: wc sees every line; -AutoRemove leaves nothing' {
            $case = [guid]::NewGuid().ToString('N')
            $out = 1..3000 | Invoke-Container -Image $TestImage -Pull Never -Label @{ $RunLabelKey = $RunId; 'psdtest.case' = $case } -Interactive -AutoRemove -Command wc, -l -ErrorAction Stop
            "$out".Trim() | Should -Be '3000'
            Get-CaseCount $case | Should -Be 0
        }

        It 'streams input as it comes: the container has read the first item before the second is produced' {
            $name = New-TestName 'stream-in'
            $script:seen = $null
            $out = @(& {
                    'x1'
                    $deadline = [DateTime]::UtcNow.AddSeconds(15)
                    do {
                        Start-Sleep -Milliseconds 50
                        $script:seen = try { Invoke-ContainerCommand $name -Command cat, /tmp/seen -ErrorAction Stop } catch { $null }
                    } until ($script:seen -or [DateTime]::UtcNow -ge $deadline)
                    'x2'
                } | Invoke-Container -Image $TestImage -Pull Never -Name $name -Label @{ $RunLabelKey = $RunId } -Interactive -ErrorAction Stop `
                    -Command sh, -c, 'while read l; do echo $l >> /tmp/seen; echo "got $l"; done; echo end')
            $seen | Should -Be 'x1'
            $out | Should -Be @('got x1', 'got x2', 'end')
        }

        It 'reports standard error and a non-zero exit code as without -Interactive' {
            $out = @('in' | Invoke-Container -Image $TestImage -Pull Never -Label @{ $RunLabelKey = $RunId } -Interactive -Command 'sh', '-c', 'read l; echo "out $l"; echo "err $l" >&2; exit 5' -ErrorAction SilentlyContinue -ErrorVariable err)
            $out | Should -Be @('out in')
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerStandardError,PSDocker.Commands.InvokeContainerCommand', 'ContainerExitedWithError,PSDocker.Commands.InvokeContainerCommand')
            $err[1].Exception.ExitCode | Should -Be 5
        }

        It 'without pipeline input the container gets an empty input and ends' {
            $out = @(Invoke-TestContainer -Command 'sh', '-c', 'cat; echo eof' -Parameters @{ Interactive = $true; Pull = 'Never' } -ErrorAction Stop)
            $out | Should -Be @('eof')
        }

        It 'a failed create is reported once, not once per input item; -WhatIf creates nothing' {
            $case = [guid]::NewGuid().ToString('N')
            $missing = "$TestRegistry/psdt-missing-$($case):1"
            $out = @('a', 'b', 'c' | Invoke-Container -Image $missing -Pull Never -Label @{ $RunLabelKey = $RunId; 'psdtest.case' = $case } -Interactive -Command cat -ErrorAction SilentlyContinue -ErrorVariable err)
            $out | Should -BeNullOrEmpty
            Get-FullyQualifiedErrorId $err | Should -Be @('ImageNotFound,PSDocker.Commands.InvokeContainerCommand')
            $out = @('a', 'b' | Invoke-Container -Image $TestImage -Pull Never -Label @{ $RunLabelKey = $RunId; 'psdtest.case' = $case } -Interactive -Command cat -WhatIf)
            $out | Should -BeNullOrEmpty
            Get-CaseCount $case | Should -Be 0
        }

        It 'ignores input the container does not read, and still reports its exit' {
            if ($IsPodman) {
                # Podman 4.3 writes its own failure to keep feeding the exited container into the container's
                # standard error stream ("Error: read unixpacket ...: connection reset by peer"): PSDocker cannot tell
                # it from the container's own error output, so it arrives as a ContainerStandardError record.
                $out = @(1..200 | Invoke-Container -Image $TestImage -Pull Never -Label @{ $RunLabelKey = $RunId } -Interactive -Command 'sh', '-c', 'read l; echo "first $l"' -ErrorAction SilentlyContinue -ErrorVariable err)
                $out | Should -Be @('first 1')
                foreach ($e in $err) {
                    $e.FullyQualifiedErrorId | Should -Be 'ContainerStandardError,PSDocker.Commands.InvokeContainerCommand'
                    $e.Exception.Message | Should -Match 'connection reset by peer|broken pipe'
                }
            }
            else {
                $out = @(1..200 | Invoke-Container -Image $TestImage -Pull Never -Label @{ $RunLabelKey = $RunId } -Interactive -Command 'sh', '-c', 'read l; echo "first $l"' -ErrorAction Stop)
                $out | Should -Be @('first 1')
            }
        }
    }

    Context '-Detach' {
        It 'returns the running Container at once' {
            $name = New-TestName 'detached'
            $c = @(Invoke-TestContainer -Name $name -Command $LongRunning -Parameters @{ Detach = $true } -ErrorAction Stop)
            $c.Count | Should -Be 1
            $c[0] | Should -BeOfType PSDocker.Container
            $c[0].Name | Should -Be $name
            $c[0].State | Should -Be ([PSDocker.ContainerState]::Running)
            $engine = Get-EngineInspect $name
            $engine.State.Status | Should -Be 'running'
            $c[0].Id | Should -Be $engine.Id
        }

        It 'works with -Interactive (stdin kept open)' {
            $c = Invoke-TestContainer -Command 'cat' -Parameters @{ Detach = $true; Interactive = $true } -ErrorAction Stop
            $c.State | Should -Be ([PSDocker.ContainerState]::Running)
            $engine = Get-EngineInspect $c.Id
            $engine.State.Status | Should -Be 'running'
            $engine.Config.OpenStdin | Should -BeTrue
        }
    }

    Context '-Volume' {
        It 'shows a host file inside the container (host:/data:ro)' {
            $out = Invoke-TestContainer -Command 'cat', '/data/file' -Parameters @{ Volume = "${volumeDir}:/data:ro"; AutoRemove = $true } -ErrorAction Stop
            $out | Should -Be $fileContent
        }

        It 'ro prevents writing: the write fails inside and nothing appears on the host' {
            $out = @(Invoke-TestContainer -Command 'sh', '-c', 'echo x > /data/new && echo written' -Parameters @{ Volume = "${volumeDir}:/data:ro"; AutoRemove = $true } -ErrorAction SilentlyContinue -ErrorVariable err)
            $out | Should -Not -Contain 'written'
            $ids = Get-FullyQualifiedErrorId $err
            $ids | Should -Contain 'ContainerExitedWithError,PSDocker.Commands.InvokeContainerCommand'
            @($err | Where-Object FullyQualifiedErrorId -like 'ContainerStandardError,*' | ForEach-Object { "$_" }) -join "`n" | Should -Match 'Read-only file system'
            Test-Path (Join-Path $volumeDir 'new') | Should -BeFalse
        }

        It 'without ro the container writes to the host folder' {
            $null = Invoke-TestContainer -Command 'sh', '-c', 'echo from-container > /data/rw' -Parameters @{ Volume = "${volumeDir}:/data"; AutoRemove = $true } -ErrorAction Stop
            (Get-Content (Join-Path $volumeDir 'rw') -Raw).Trim() | Should -Be 'from-container'
        }
    }

    Context 'errors: each gives its ID and leaves nothing behind' {
        # -Interactive -Tty without -Detach attaches the console: tests/Terminal.Tests.ps1 covers it (through tmux),
        # including NotATerminal with redirected input (in a child pwsh, so a test run at a terminal cannot hang on it).

        It 'a missing image is ImageNotFound, and nothing is created (<Case>)' -ForEach @(
            @{ Case = 'pull from the local registry finds nothing'; Image = "{registry}/psdocker-test/missing:none"; Pull = 'Missing' }
            @{ Case = '-Pull Never'; Image = 'psdocker-test/missing:none'; Pull = 'Never' }
        ) {
            $case = [guid]::NewGuid().ToString('N')
            $missing = $Image.Replace('{registry}', $TestRegistry).Replace(':none', "-$RunId`:none")
            $out = Invoke-Container -Image $missing -Pull $Pull -Label @{ $RunLabelKey = $RunId; 'psdtest.case' = $case } -Command 'true' -ErrorAction SilentlyContinue -ErrorVariable err
            $out | Should -BeNullOrEmpty
            Get-FullyQualifiedErrorId $err | Should -Be @('ImageNotFound,PSDocker.Commands.InvokeContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            Get-CaseCount $case | Should -Be 0
        }

        It 'a name in use is NameInUse, and the existing container is unchanged' {
            $existing = New-TestContainer -Start
            $before = Get-EngineInspect $existing.Id
            $case = [guid]::NewGuid().ToString('N')
            $out = Invoke-TestContainer -Name $existing.Name -Case $case -Command 'echo', 'other' -ErrorAction SilentlyContinue -ErrorVariable err
            $out | Should -BeNullOrEmpty
            Get-FullyQualifiedErrorId $err | Should -Be @('NameInUse,PSDocker.Commands.InvokeContainerCommand')
            Get-CaseCount $case | Should -Be 0
            $after = Get-EngineInspect $existing.Name
            $after.Id | Should -Be $before.Id
            $after.State.Status | Should -Be 'running'
            $after.State.StartedAt | Should -Be $before.State.StartedAt
        }

        It 'a bad port is InvalidPortSpecification, and nothing is created' {
            $case = [guid]::NewGuid().ToString('N')
            $e = Get-TerminatingError { Invoke-TestContainer -Case $case -Command 'true' -Parameters @{ Port = '127.0.0.1:0:80' } }
            $e.FullyQualifiedErrorId | Should -Be 'InvalidPortSpecification,PSDocker.Commands.InvokeContainerCommand'
            Get-CaseCount $case | Should -Be 0
        }

        It 'a bad volume is InvalidVolumeSpecification, and nothing is created' {
            $case = [guid]::NewGuid().ToString('N')
            $e = Get-TerminatingError { Invoke-TestContainer -Case $case -Command 'true' -Parameters @{ Volume = 'not/absolute:/data' } }
            $e.FullyQualifiedErrorId | Should -Be 'InvalidVolumeSpecification,PSDocker.Commands.InvokeContainerCommand'
            Get-CaseCount $case | Should -Be 0
        }

        It 'a command the image lacks fails to start; the container made for it is removed again' -ForEach @(
            @{ Detach = $false }
            @{ Detach = $true }
        ) {
            $case = [guid]::NewGuid().ToString('N')
            $out = Invoke-TestContainer -Case $case -Command 'psdt-no-such-command' -Parameters @{ Detach = $Detach } -ErrorAction SilentlyContinue -ErrorVariable err
            $out | Should -BeNullOrEmpty
            @($err).Count | Should -Be 1
            "$($err[0])" | Should -Match 'psdt-no-such-command'
            Get-CaseCount $case | Should -Be 0
        }
    }

    Context '-WhatIf' {
        It 'creates and runs nothing (attached or detached)' {
            $case = [guid]::NewGuid().ToString('N')
            Invoke-TestContainer -Case $case -Command 'echo', 'hi' -Parameters @{ WhatIf = $true } -ErrorAction Stop | Should -BeNullOrEmpty
            Invoke-TestContainer -Case $case -Command $LongRunning -Parameters @{ WhatIf = $true; Detach = $true } -ErrorAction Stop | Should -BeNullOrEmpty
            Get-CaseCount $case | Should -Be 0
        }
    }
    Context 'memory under a slow consumer' {
        It 'holds a bounded amount of output while 400,000 lines wait for a slow pipeline' {
            # The reader stops when the buffer between it and the pipeline is full, so the container waits for the
            # consumer instead of its output piling up in memory. Live managed memory (after a full collection) is sampled
            # while the lines flow; the bound is far below what 400,000 buffered lines take (about 130 MB before the fix).
            $lines = 400000
            [GC]::Collect(); [GC]::WaitForPendingFinalizers()
            $before = [GC]::GetTotalMemory($true)
            $workingSetBefore = [Environment]::WorkingSet
            $state = @{ Count = 0; Peak = $before; PeakWorkingSet = $workingSetBefore }
            Invoke-TestContainer -Command 'seq', '1', "$lines" -ErrorAction Stop | ForEach-Object {
                $state.Count++
                if ($state.Count % 20000 -eq 0) {
                    Start-Sleep -Milliseconds 200    # the slow consumer: the container is far ahead by now
                    $state.Peak = [Math]::Max($state.Peak, [GC]::GetTotalMemory($true))
                    $state.PeakWorkingSet = [Math]::Max($state.PeakWorkingSet, [Environment]::WorkingSet)
                }
            }
            $state.Count | Should -Be $lines
            $growthMB = ($state.Peak - $before) / 1MB
            $workingSetGrowthMB = ($state.PeakWorkingSet - $workingSetBefore) / 1MB
            Write-Host ('    live managed growth {0:N1} MB, working set growth {1:N1} MB at {2:N0} lines' -f $growthMB, $workingSetGrowthMB, $lines)
            $growthMB | Should -BeLessThan 16 -Because 'the output buffer is bounded (1,024 lines), not the whole output'
        }
    }
}
