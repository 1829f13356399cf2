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
