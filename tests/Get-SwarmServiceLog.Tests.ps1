# Get-SwarmServiceLog against the single-node swarm of the private engine: lines of every task with their task and node,
# -Tail, -Timestamps, stderr, -Follow stopped by the pipeline (Ctrl+C).

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/swarm.common.ps1"
    $script:Logged = New-SwarmTestName logs
    $null = New-SwarmService $script:Logged $script:TestImage -Replicas 2 -RestartCondition none -Label @{ 'psdtest.run' = $script:RunId } -Wait -- `
        sh -c 'trap "exit 0" TERM; for i in 1 2 3 4 5; do echo "line $i"; done; echo oops >&2; while true; do echo tick; sleep 1; done'
    # wait until both tasks wrote their first five lines
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while (@(Get-SwarmServiceLog $script:Logged | Where-Object Text -eq 'line 5').Count -lt 2 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
}

AfterAll {
    Remove-SwarmTestServices
}

Describe 'Get-SwarmServiceLog' {
    It 'writes the lines of every task, each with its task name, task ID, node and stream' {
        $lines = @(Get-SwarmServiceLog $script:Logged)
        $lines | ForEach-Object { $_ | Should -BeOfType PSDocker.SwarmServiceLogLine }
        @($lines | Where-Object Text -eq 'line 1').Count | Should -Be 2
        $tasks = @(Get-SwarmTask $script:Logged -DesiredState running)
        ($lines.TaskId | Sort-Object -Unique) | Should -Be ($tasks.Id | Sort-Object)
        $slot1 = $tasks | Where-Object Slot -eq 1
        ($lines | Where-Object TaskId -eq $slot1.Id | Select-Object -First 1).TaskName | Should -Be "$($script:Logged).1.$($slot1.Id.Substring(0, 12))"
        $lines[0].NodeId | Should -Be (Get-SwarmNode | Where-Object IsSelf).Id
        $lines[0].ServiceName | Should -Be $script:Logged
        ($lines | Where-Object Text -eq 'oops').Stream | Should -Be @('StdErr', 'StdErr')
        ($lines | Where-Object Text -eq 'line 1')[0].Stream | Should -Be 'StdOut'
        $lines[0].ToString() | Should -Match "^$([regex]::Escape($script:Logged))\.\d\.\w{12}@\w+ +\| "
    }

    It 'keeps the last lines of each task with -Tail, and adds the time with -Timestamps' {
        $lines = @(Get-SwarmServiceLog $script:Logged -Tail 1 -Timestamps)
        $lines.Count | Should -Be 2
        $lines | ForEach-Object { $_.Timestamp | Should -BeOfType DateTime; $_.Timestamp | Should -BeGreaterThan (Get-Date).AddMinutes(-10) }
        $lines[0].ToString() | Should -Match '^\d{4}-\d\d-\d\dT'
    }

    It 'follows new lines until the pipeline stops it' {
        # Select-Object -First stops the pipeline once it has its lines, as Ctrl+C does: the follow must end then.
        $lines = @(Get-SwarmServiceLog $script:Logged -Follow -Tail 0 | Select-Object -First 3)
        $lines.Count | Should -Be 3
        $lines.Text | Should -Be @('tick', 'tick', 'tick')
    }

    It 'writes SwarmServiceNotFound for a missing service' {
        $null = Get-SwarmServiceLog 'psdt-no-such-service' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SwarmServiceNotFound,*'
    }
}
