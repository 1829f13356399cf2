BeforeAll {
    . "$PSScriptRoot/common.ps1"

    # Creates a container that runs $Script in sh, starts it and waits until it has exited.
    function New-FinishedContainer {
        param([string] $Script, [hashtable] $Parameters = @{})
        $c = New-TestContainer -Command 'sh', '-c', $Script -Parameters $Parameters -Start
        Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
        $c
    }
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Get-ContainerLog' {
    Context 'a container without a terminal' {
        BeforeAll {
            $script:plain = New-FinishedContainer 'echo out1; echo err1 >&2; echo out2; echo err2 >&2; printf "no newline"'
        }

        It 'returns one ContainerLogLine per line, with the container''s name and ID' {
            $lines = @(Get-ContainerLog -Name $plain.Name -ErrorAction Stop)
            $lines.Count | Should -Be 5
            $lines | ForEach-Object {
                $_ | Should -BeOfType PSDocker.ContainerLogLine
                $_.ContainerName | Should -Be $plain.Name
                $_.ContainerId | Should -Be $plain.Id
                $_.Timestamp | Should -BeNullOrEmpty
            }
        }

        It 'keeps standard output and standard error apart' {
            $lines = @(Get-ContainerLog -Name $plain.Name -ErrorAction Stop)
            @($lines | Where-Object Stream -eq StdOut).Text | Should -Be @('out1', 'out2', 'no newline')
            @($lines | Where-Object Stream -eq StdErr).Text | Should -Be @('err1', 'err2')
        }

        It 'prints as the text, with Line as an alias of Text' {
            $line = @(Get-ContainerLog -Name $plain.Name -ErrorAction Stop)[0]
            "$line" | Should -BeIn @('out1', 'err1')
            $line.Line | Should -Be $line.Text
        }
    }

    Context 'a container with a terminal (-Tty)' {
        It 'returns every line as StdOut, without carriage returns' {
            $c = New-FinishedContainer 'echo out1; echo err1 >&2; echo out2' -Parameters @{ Tty = $true }
            $lines = @(Get-ContainerLog -InputObject $c -ErrorAction Stop)
            $lines.Text | Should -Be @('out1', 'err1', 'out2')
            $lines | ForEach-Object { $_.Stream | Should -Be ([PSDocker.ContainerStream]::StdOut) }
        }
    }

    Context '-Tail' {
        BeforeAll {
            $script:counted = New-FinishedContainer 'seq 1 5'
        }

        It 'returns only the last N lines' {
            @(Get-ContainerLog -Name $counted.Name -Tail 2 -ErrorAction Stop).Text | Should -Be @('4', '5')
        }

        It 'returns nothing with -Tail 0' {
            @(Get-ContainerLog -Name $counted.Name -Tail 0 -ErrorAction Stop) | Should -BeNullOrEmpty
        }

        It 'returns everything when N is larger than the log' {
            @(Get-ContainerLog -Name $counted.Name -Tail 100 -ErrorAction Stop).Text | Should -Be @('1', '2', '3', '4', '5')
        }
    }

    Context '-Timestamps, -Since and -Until' {
        BeforeAll {
            $script:timed = New-FinishedContainer 'echo early; sleep 1.5; echo late'
            $script:stamped = @(Get-ContainerLog -Name $timed.Name -Timestamps -ErrorAction Stop)
        }

        It '-Timestamps gives each line the time the engine received it, within the container''s run' {
            $stamped.Text | Should -Be @('early', 'late')
            $engine = Get-EngineInspect $timed.Id
            $started = [DateTimeOffset]::Parse($engine.State.StartedAt, [cultureinfo]::InvariantCulture).UtcDateTime
            $finished = [DateTimeOffset]::Parse($engine.State.FinishedAt, [cultureinfo]::InvariantCulture).UtcDateTime
            foreach ($line in $stamped) {
                $line.Timestamp | Should -Not -BeNullOrEmpty
                $line.Timestamp.ToUniversalTime() | Should -BeGreaterOrEqual $started.AddSeconds(-1)
                $line.Timestamp.ToUniversalTime() | Should -BeLessOrEqual $finished.AddSeconds(1)
            }
            $stamped[1].Timestamp | Should -BeGreaterThan $stamped[0].Timestamp
            "$($stamped[0])" | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z early$'
        }

        It '-Since returns only lines written after that time' {
            $between = $stamped[0].Timestamp.AddTicks(($stamped[1].Timestamp - $stamped[0].Timestamp).Ticks / 2)
            @(Get-ContainerLog -Name $timed.Name -Since $between -ErrorAction Stop).Text | Should -Be @('late')
        }

        It '-Until returns only lines written before that time' {
            $between = $stamped[0].Timestamp.AddTicks(($stamped[1].Timestamp - $stamped[0].Timestamp).Ticks / 2)
            @(Get-ContainerLog -Name $timed.Name -Until $between -ErrorAction Stop).Text | Should -Be @('early')
        }

        It '-Since takes a duration (''1h'' or a TimeSpan) meaning that long ago' {
            @(Get-ContainerLog -Name $timed.Name -Since '1h' -ErrorAction Stop).Text | Should -Be @('early', 'late')
            @(Get-ContainerLog -Name $timed.Name -Since ([TimeSpan]::FromHours(1)) -ErrorAction Stop).Text | Should -Be @('early', 'late')
            @(Get-ContainerLog -Name $timed.Name -Since (Get-Date).AddHours(1) -ErrorAction Stop) | Should -BeNullOrEmpty
        }
    }

    Context '-Follow' {
        It 'follows a running container''s output and returns when it stops' {
            # The container prints line1, then waits for /tmp/go (made below through the engine's exec API),
            # so the follow is seen streaming while the container still runs.
            $c = New-TestContainer -Command 'sh', '-c', 'echo line1; i=0; while [ ! -e /tmp/go ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; echo line2; sleep 0.3; echo line3' -Start
            # Bounded: the follow runs in a thread job that is stopped if it has not returned in time.
            $manifest = Join-Path (Get-Module PSDocker).ModuleBase 'PSDocker.psd1'
            $job = Start-ThreadJob -ScriptBlock {
                param($manifest, $name, $endpoint)
                Import-Module $manifest
                Get-ContainerLog -Name $name -Follow -Endpoint $endpoint -ErrorAction Stop | ForEach-Object Text
            } -ArgumentList $manifest, $c.Name, $Endpoint
            try {
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while ($job.Output.Count -lt 1 -and $job.State -in 'NotStarted', 'Running' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
                @($job.Output) | Should -Be @('line1')
                $job.State | Should -Be 'Running'
                Get-EngineState $c.Id | Should -Be 'running'

                Invoke-EngineExec $c.Id 'touch', '/tmp/go'

                $finished = $job | Wait-Job -Timeout 60
                $finished | Should -Not -BeNullOrEmpty -Because 'Get-ContainerLog -Follow must return once the container stops'
                $job.State | Should -Be 'Completed'
                @($job | Receive-Job) | Should -Be @('line1', 'line2', 'line3')
            }
            finally {
                $job | Stop-Job -PassThru | Remove-Job -Force
            }
            Get-EngineState $c.Id | Should -Be 'exited'
        }

        It 'returns at once for a stopped container' {
            $c = New-FinishedContainer 'echo done'
            @(Get-ContainerLog -Name $c.Name -Follow -ErrorAction Stop).Text | Should -Be @('done')
        }
    }

    Context 'pipeline binding' {
        BeforeAll {
            $script:p = 1..2 | ForEach-Object { New-FinishedContainer "echo from-$_" }
        }

        It 'binds Container objects by value' {
            @($p | Get-ContainerLog -ErrorAction Stop).Text | Should -Be @('from-1', 'from-2')
        }

        It 'binds strings by value' {
            @($p[0].Name | Get-ContainerLog -ErrorAction Stop).Text | Should -Be @('from-1')
        }

        It 'binds [pscustomobject]@{Id=...} by property name' {
            @([pscustomobject]@{ Id = $p[1].Id } | Get-ContainerLog -ErrorAction Stop).Text | Should -Be @('from-2')
        }

        It 'binds [pscustomobject]@{Name=...} by property name' {
            @([pscustomobject]@{ Name = $p[0].Name } | Get-ContainerLog -ErrorAction Stop).Text | Should -Be @('from-1')
        }
    }

    Context 'errors' {
        It 'reports a missing container as ContainerNotFound (ObjectNotFound), non-terminating: the next item is still read' {
            $missing = "$RunPrefix-missing"
            $c = New-FinishedContainer 'echo present'
            $lines = @($missing, $c.Name | Get-ContainerLog -ErrorAction SilentlyContinue -ErrorVariable err)
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.GetContainerLogCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be $missing
            $lines.Text | Should -Be @('present')
        }
    }
}
