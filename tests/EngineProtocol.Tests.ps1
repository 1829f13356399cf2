# The protocol safety net: an endpoint that answers /_ping like an engine but then sends an HTML page, truncated JSON,
# something that is not HTTP, or hangs up mid-answer, gives one error naming the engine (EngineProtocolError,
# EngineConnectionLost), never a raw .NET exception ID such as JsonException or HttpIOException.

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/fakeengine.common.ps1"
    $script:Fakes = @{}
    foreach ($mode in 'Html', 'TruncatedJson', 'DroppedConnection', 'NotHttp') { $script:Fakes[$mode] = Start-FakeEngine -Mode $mode }
}

AfterAll {
    if ($script:Fakes) { $script:Fakes.Values | Stop-FakeEngine }
}

Describe 'Engine protocol errors' {
    BeforeDiscovery {
        $script:calls = @(
            @{ Command = 'Get-Container'; Call = { param($ep) Get-Container -Endpoint $ep } }
            @{ Command = 'Get-Container'; Call = { param($ep) Get-Container -Name 'web' -Endpoint $ep } }
            @{ Command = 'Get-Image'; Call = { param($ep) PSDocker\Get-Image -Endpoint $ep } }
            @{ Command = 'Get-ContainerEngine'; Call = { param($ep) Get-ContainerEngine -Endpoint $ep } }
            @{ Command = 'Wait-Container'; Call = { param($ep) Wait-Container -Name 'web' -Endpoint $ep } }
        )
        $script:cases = @(
            foreach ($c in $calls) {
                @{ Command = $c.Command; Call = $c.Call; Mode = 'Html'; Id = 'EngineProtocolError'; Category = 'ProtocolError' }
                @{ Command = $c.Command; Call = $c.Call; Mode = 'TruncatedJson'; Id = 'EngineProtocolError'; Category = 'ProtocolError' }
                @{ Command = $c.Command; Call = $c.Call; Mode = 'DroppedConnection'; Id = 'EngineConnectionLost'; Category = 'ConnectionError' }
                @{ Command = $c.Command; Call = $c.Call; Mode = 'NotHttp'; Id = 'EngineProtocolError'; Category = 'ProtocolError' }
            }
        )
    }

    It '<Command> against an engine answering <Mode> is <Id>' -ForEach $cases {
        $fake = $Fakes[$Mode]
        $caught = $null
        try { $null = & $Call $fake.Endpoint } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty -Because 'an engine that cannot be understood is a terminating error'
        $noun = $Command -replace '-', ''
        $caught.FullyQualifiedErrorId | Should -Be "$Id,PSDocker.Commands.${noun}Command"
        $caught.CategoryInfo.Category | Should -Be $Category
        $caught.TargetObject | Should -Be $fake.Endpoint
        "$caught" | Should -BeLike "*$($fake.Endpoint)*"
        $caught.Exception | Should -Not -BeOfType [System.Text.Json.JsonException]
    }

    It 'a pull whose progress stream is an HTML page is EngineProtocolError' {
        $caught = $null
        try { $null = Invoke-ImagePull -Name '127.0.0.1:9/nothing:1' -Endpoint $Fakes['Html'].Endpoint -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'EngineProtocolError,PSDocker.Commands.InvokeImagePullCommand'
        "$caught" | Should -Match 'POST /images/create'
    }

    It 'with several engines, the one that answers badly is a non-terminating error and the good one still answers' {
        $good = Get-Container -Endpoint $Endpoint -ErrorAction Stop
        $out = Get-Container -Endpoint $Endpoint, $Fakes['TruncatedJson'].Endpoint -ErrorAction SilentlyContinue -ErrorVariable err
        @(Get-FullyQualifiedErrorId $err) | Should -Be @('EngineProtocolError,PSDocker.Commands.GetContainerCommand')
        @($out).Count | Should -Be @($good).Count
    }
}

Describe 'Call time limits and lost engines' {
    BeforeAll {
        $script:Stall = Start-FakeEngine -Mode Stall
        $script:StallAfterHeaders = Start-FakeEngine -Mode StallAfterHeaders
    }
    AfterAll {
        $Stall, $StallAfterHeaders | Where-Object { $_ } | Stop-FakeEngine
        Remove-Item env:PSDOCKER_TIMEOUT -ErrorAction SilentlyContinue
        if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
    }

    It 'an engine that answers /_ping and then stalls ends Get-Container in EngineTimeout naming the engine, the call and the limit' {
        $e = Get-TerminatingError { Get-Container -Endpoint $Stall.Endpoint -TimeoutSec 2 }
        $e.FullyQualifiedErrorId | Should -Be 'EngineTimeout,PSDocker.Commands.GetContainerCommand'
        $e.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $e.TargetObject | Should -Be $Stall.Endpoint
        "$e" | Should -BeLike "*$($Stall.Endpoint)*GET /containers/json*within 2 seconds*-TimeoutSec*PSDOCKER_TIMEOUT*"
    }

    It 'an answer whose body stalls after the headers is EngineTimeout too' {
        $e = Get-TerminatingError { PSDocker\Get-Image -Endpoint $StallAfterHeaders.Endpoint -TimeoutSec 1 }
        $e.FullyQualifiedErrorId | Should -Be 'EngineTimeout,PSDocker.Commands.GetImageCommand'
        "$e" | Should -BeLike '*GET /images/json*'
    }

    It 'takes the limit from $env:PSDOCKER_TIMEOUT, and -TimeoutSec wins over it' {
        $env:PSDOCKER_TIMEOUT = '1'
        try {
            $e = Get-TerminatingError { Get-Container -Endpoint $Stall.Endpoint }
            "$e" | Should -BeLike '*within 1 second.*'
            $e = Get-TerminatingError { Get-Container -Endpoint $Stall.Endpoint -TimeoutSec 2 }
            "$e" | Should -BeLike '*within 2 seconds*'
        }
        finally { Remove-Item env:PSDOCKER_TIMEOUT }
    }

    It 'a PSDOCKER_TIMEOUT that is not a number of seconds is InvalidTimeout before anything is sent' {
        $env:PSDOCKER_TIMEOUT = 'soon'
        try {
            $e = Get-TerminatingError { Get-Container -Endpoint 'tcp://127.0.0.1:9' }
            $e.FullyQualifiedErrorId | Should -Be 'InvalidTimeout,PSDocker.Commands.GetContainerCommand'
            "$e" | Should -BeLike '*PSDOCKER_TIMEOUT*soon*'
        }
        finally { Remove-Item env:PSDOCKER_TIMEOUT }
    }

    It 'a stream that got output and then finds the engine frozen ends in EngineConnectionLost naming /_ping' {
        $fake = Start-FakeEngine -Mode StreamThenHang
        try {
            $lines = [System.Collections.Generic.List[object]]::new()
            $e = Get-TerminatingError { Get-ContainerLog -Name web -Follow -Endpoint $fake.Endpoint -TimeoutSec 1 | ForEach-Object { $lines.Add($_) } }
            $e.FullyQualifiedErrorId | Should -Be 'EngineConnectionLost,PSDocker.Commands.GetContainerLogCommand'
            "$e" | Should -BeLike "*$($fake.Endpoint)*/logs*silent*/_ping*"
            @($lines.Text) | Should -Be @('hello')
        }
        finally { Stop-FakeEngine $fake }
    }

    It 'a silent stream is not cut by the limit while the engine answers /_ping (Get-ContainerLog -Follow)' {
        $c = New-TestContainer -Command 'sh', '-c', 'sleep 4; echo late' -Start
        $out = @(Get-ContainerLog -Id $c.Id -Follow -TimeoutSec 1 -ErrorAction Stop)
        $out.Text | Should -Be @('late')
    }

    It 'a stop that waits out its grace period gets that time on top of the limit' {
        $c = New-TestContainer -Command 'sh', '-c', 'trap "" TERM; echo ready; sleep 600 & wait' -Start -WaitReady
        Stop-Container -Id $c.Id -Timeout 2 -TimeoutSec 2 -ErrorAction Stop
        (Get-EngineState $c.Id) | Should -Be 'exited'
    }
}
