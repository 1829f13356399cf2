BeforeAll {
    . "$PSScriptRoot/common.ps1"

    # A container that runs until /tmp/go exists (made with Invoke-EngineExec), then exits with $ExitCode.
    function New-GatedContainer([int] $ExitCode, [hashtable] $Parameters = @{}) {
        New-TestContainer -Command 'sh', '-c', "echo ready; i=0; while [ ! -e /tmp/go ] && [ `$i -lt 600 ]; do sleep 0.1; i=`$((i+1)); done; exit $ExitCode" -Parameters $Parameters -Start -WaitReady
    }

    # Runs Wait-Container in a thread job (so the test can act while it waits, and stop it if it hangs).
    # The job writes 'calling' just before it calls Wait-Container; the engine offers no way to see that a
    # wait is registered, so a short pause after that marker gives the call time to reach the engine.
    function Start-WaitJob([string] $Name, [string] $Condition = 'NotRunning') {
        $manifest = Join-Path (Get-Module PSDocker).ModuleBase 'PSDocker.psd1'
        $job = Start-ThreadJob -ScriptBlock {
            param($manifest, $name, $condition, $endpoint)
            Import-Module $manifest
            'calling'
            Wait-Container -Name $name -Condition $condition -Endpoint $endpoint -ErrorAction Stop
        } -ArgumentList $manifest, $Name, $Condition, $Endpoint
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ($job.Output.Count -lt 1 -and $job.State -in 'NotStarted', 'Running' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        Start-Sleep -Milliseconds 750
        $job
    }

    # Waits (bounded) for the job to finish and returns what Wait-Container wrote; fails if it did not complete.
    function Receive-WaitJob($Job) {
        try {
            $Job | Wait-Job -Timeout 60 | Should -Not -BeNullOrEmpty -Because 'Wait-Container must return once the condition is met'
            $Job.State | Should -Be 'Completed'
            @($Job | Receive-Job | Where-Object { $_ -ne 'calling' })
        }
        finally {
            $Job | Stop-Job -PassThru | Remove-Job -Force
        }
    }
}

AfterAll {
    # Absent only when common.ps1 failed to load (its error says why).
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Wait-Container' {
    Context 'waiting' {
        It 'returns the exit code of sh -c ''exit 3'' (3) as a ContainerWaitResult' {
            $c = New-TestContainer -Command 'sh', '-c', 'sleep 0.3; exit 3' -Start
            $r = @(Wait-Container -Name $c.Name -ErrorAction Stop)
            $r.Count | Should -Be 1
            $r[0] | Should -BeOfType PSDocker.ContainerWaitResult
            $r[0].ExitCode | Should -Be 3
            $r[0].Id | Should -Be $c.Id
            $r[0].Name | Should -Be $c.Name
            "$($r[0])" | Should -Be '3'
            $engine = Get-EngineInspect $c.Id
            $engine.State.Status | Should -Be 'exited'
            $engine.State.ExitCode | Should -Be 3
        }

        It 'returns at once with the exit code of a container that already stopped' {
            $c = New-TestContainer -Command 'sh', '-c', 'exit 4' -Start
            Wait-EngineState $c.Id 'exited' | Should -Be 'exited'
            (Wait-Container -Id $c.Id -ErrorAction Stop).ExitCode | Should -Be 4
        }

        It 'returns 0 for a container that ends normally' {
            $c = New-TestContainer -Command 'true' -Start
            (Wait-Container -InputObject $c -ErrorAction Stop).ExitCode | Should -Be 0
        }

        It 'blocks while the container runs and returns its exit code once it exits' {
            $c = New-GatedContainer 5
            $job = Start-WaitJob $c.Name
            # It cannot have returned: the container still runs.
            Get-EngineState $c.Id | Should -Be 'running'
            $job.State | Should -Be 'Running'
            @($job.Output) | Should -Be @('calling')
            Invoke-EngineExec $c.Id 'touch', '/tmp/go'
            $r = Receive-WaitJob $job
            $r.Count | Should -Be 1
            $r[0].ExitCode | Should -Be 5
            $r[0].Id | Should -Be $c.Id
            Get-EngineState $c.Id | Should -Be 'exited'
        }

        It '-Condition Removed waits until an auto-removed container is gone' {
            $c = New-GatedContainer 2 -Parameters @{ AutoRemove = $true }
            $job = Start-WaitJob $c.Name Removed
            Get-EngineState $c.Id | Should -Be 'running'
            Invoke-EngineExec $c.Id 'touch', '/tmp/go'
            $r = Receive-WaitJob $job
            $r.ExitCode | Should -Be 2
            $r.Id | Should -Be $c.Id
            Get-EngineInspect $c.Id | Should -BeNullOrEmpty
        }

        It '-Condition NextExit waits for the next exit of a running container' {
            $c = New-GatedContainer 6
            $job = Start-WaitJob $c.Name NextExit
            Get-EngineState $c.Id | Should -Be 'running'
            Invoke-EngineExec $c.Id 'touch', '/tmp/go'
            (Receive-WaitJob $job).ExitCode | Should -Be 6
        }
    }

    Context 'pipeline binding' {
        BeforeAll {
            # 'sleep 1' first: Podman 4.3 can fail the start of a container that already exited ("read /proc/<pid>/cgroup: no such process").
            $script:p = @(1..5 | ForEach-Object { New-TestContainer -Command 'sh', '-c', "sleep 1; exit $(10 + $_)" } | Start-Container -PassThru -ErrorAction Stop)
            foreach ($c in $p) { Wait-EngineState $c.Id 'exited' | Should -Be 'exited' }
        }

        It 'binds Container objects by value, returning results in input order' {
            $r = @($p[1], $p[0] | Wait-Container -ErrorAction Stop)
            $r.ExitCode | Should -Be @(12, 11)
            $r.Id | Should -Be @($p[1].Id, $p[0].Id)
        }

        It 'binds strings by value' {
            ($p[2].Name | Wait-Container -ErrorAction Stop).ExitCode | Should -Be 13
        }

        It 'binds [pscustomobject]@{Id=...} by property name' {
            ([pscustomobject]@{ Id = $p[3].Id } | Wait-Container -ErrorAction Stop).ExitCode | Should -Be 14
        }

        It 'binds [pscustomobject]@{Name=...} by property name' {
            ([pscustomobject]@{ Name = $p[4].Name } | Wait-Container -ErrorAction Stop).ExitCode | Should -Be 15
        }
    }

    Context 'errors' {
        It 'reports a missing container as ContainerNotFound (ObjectNotFound), non-terminating: the next item is still waited for' {
            $missing = "$RunPrefix-missing"
            $c = New-TestContainer -Command 'sh', '-c', 'exit 9' -Start
            $r = @($missing, $c.Name | Wait-Container -ErrorAction SilentlyContinue -ErrorVariable err)
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.WaitContainerCommand')
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be $missing
            $r.ExitCode | Should -Be @(9)
        }
    }
}
