BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/streaming.common.ps1"
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
}

Describe 'Get-ContainerStatistic' {
    BeforeAll {
        # A container that keeps a CPU busy, one with a 64 MiB memory limit, and one that is not running.
        $script:busy = New-TestContainer -Command sh, -c, 'echo ready; while :; do :; done' -Start -WaitReady
        $script:limited = New-TestContainer -Start -Parameters @{ Memory = '64m' }
        $script:stopped = New-TestContainer
    }

    Context 'one sample' {
        It 'computes CPU percent from the engine''s two readings: a busy loop shows, an idle container does not' {
            $s, $idle = Get-ContainerStatistic -Name $busy.Name, $limited.Name -ErrorAction Stop
            $s | Should -BeOfType PSDocker.ContainerStatistic
            $s.Id | Should -Be $busy.Id
            $s.Name | Should -Be $busy.Name
            # How much of a CPU the loop gets depends on the machine's load; an idle sleep gets next to nothing.
            $s.CpuPercent | Should -BeGreaterThan 1
            $s.CpuPercent | Should -BeGreaterThan ($idle.CpuPercent * 5)
            $s.OnlineCpus | Should -BeGreaterThan 0
            $s.Pids | Should -BeGreaterOrEqual 1
            $s.Read | Should -Not -BeNullOrEmpty
        }

        It 'reports memory against the container''s limit, and no more than the engine''s raw usage' {
            $raw = Invoke-Engine "containers/$($limited.Id)/stats?stream=false"
            $s = Get-ContainerStatistic -Id $limited.Id -ErrorAction Stop
            $s.MemoryLimit | Should -Be (64MB)
            $s.MemoryUsage | Should -BeGreaterThan 0
            $s.MemoryUsage | Should -BeLessOrEqual ([long]$raw.memory_stats.usage + 1MB)
            $s.MemoryPercent | Should -Be ($s.MemoryUsage * 100.0 / $s.MemoryLimit)
        }

        It 'samples several containers at once and writes them in the order given' {
            $list = @($limited, $busy, $limited)
            $out = @($list | Get-ContainerStatistic -ErrorAction Stop)
            $out.Id | Should -Be @($limited.Id, $busy.Id, $limited.Id)
        }

        It 'binds Id and Name by property name' {
            ([pscustomobject]@{ Id = $busy.Id } | Get-ContainerStatistic -ErrorAction Stop).Name | Should -Be $busy.Name
            ([pscustomobject]@{ Name = $limited.Name } | Get-ContainerStatistic -ErrorAction Stop).Id | Should -Be $limited.Id
        }

        It 'without names samples the running containers; -All adds the others' {
            $running = @(Get-ContainerStatistic -ErrorAction Stop)
            $running.Id | Should -Contain $busy.Id
            $running.Id | Should -Not -Contain $stopped.Id
            $all = @(Get-ContainerStatistic -All -ErrorAction Stop)
            $idle = $all | Where-Object Id -EQ $stopped.Id
            $idle | Should -Not -BeNullOrEmpty
            $idle.CpuPercent | Should -Be 0
        }

        It 'a missing container is ContainerNotFound, non-terminating: the others are still sampled' {
            $missing = "$($script:RunPrefix)-missing"
            $out = @($missing, $busy.Name | Get-ContainerStatistic -ErrorAction SilentlyContinue -ErrorVariable err)
            Get-FullyQualifiedErrorId $err | Should -Be @('ContainerNotFound,PSDocker.Commands.GetContainerStatisticCommand')
            $err[0].ErrorDetails.Message | Should -BeLike "*'$missing'*"
            $out.Id | Should -Be @($busy.Id)
        }

        It 'shows a docker stats table' {
            $text = Get-ContainerStatistic -Name $limited.Name | Out-String -Width 250
            $text | Should -Match 'ContainerId\s+Name\s+CPU %\s+Mem Usage / Limit\s+Mem %\s+Net I/O\s+Block I/O\s+Pids'
            $text | Should -Match '\d+(\.\d+)?%\s+\S+ / 64MiB\s+\d+\.\d\d%'
        }
    }

    Context '-Stream' {
        It 'writes a new object per sample until stopped, and stops at once' {
            $p = Start-StreamingPipeline -Script {
                param($a, $b) Get-ContainerStatistic -Name $a, $b -Stream
            } -ArgumentList $busy.Name, $limited.Name
            $out = Wait-StreamingOutput $p { param($o) @($o | Where-Object Id -EQ $busy.Id).Count -ge 3 -and @($o | Where-Object Id -EQ $limited.Id).Count -ge 2 } -TimeoutSec 40
            $stop = Stop-StreamingPipeline $p
            $stop.Completed | Should -BeTrue
            "$($stop.State)" | Should -Be 'Stopped'
            $stop.Seconds | Should -BeLessThan 3
            $busySamples = @($out | Where-Object Id -EQ $busy.Id)
            $busySamples.Count | Should -BeGreaterOrEqual 3
            @($out | Where-Object Id -EQ $limited.Id).Count | Should -BeGreaterOrEqual 2
            # Each sample is a new object with its own reading time; after the first, the busy loop shows.
            ($busySamples.Read | Select-Object -Unique).Count | Should -Be $busySamples.Count
            $busySamples[-1].CpuPercent | Should -BeGreaterThan 1
        }
    }
}
