# Every exported cmdlet against a broken engine: one answering garbage, one hanging up in the middle of a chunk, one that
# stalls after /_ping (the calls that are not streams end at -TimeoutSec), and one that freezes altogether (streams notice
# when /_ping stops answering). Each run ends by itself with an error whose ID is PSDocker's own (never a .NET exception
# type such as HttpIOException or JsonException) and whose message names the engine.
#
# A cmdlet exported without an entry in $Arguments (or $Offline) fails the first test: add the minimal arguments that make
# it talk to the engine.

BeforeDiscovery {
    # Minimal arguments per cmdlet; -Endpoint, -TimeoutSec, -Confirm:$false and -ErrorAction Stop are added to each call.
    # Stream = $true: the cmdlet's first request is a stream or a wait, which has no time limit and stays open while the engine
    # answers /_ping, so the Stall engine (which answers /_ping) would hold it forever; the Hang engine covers it.
    $script:Arguments = [ordered]@{
        'Add-ImageTag'                 = @{ Args = @{ Name = 'psdt-fault:1'; Tag = 'psdt-fault:2' } }
        'Connect-ContainerNetwork'     = @{ Args = @{ Network = 'psdt-fault-net'; Container = 'psdt-fault' } }
        'Connect-Registry'             = @{ Args = @{ Registry = '127.0.0.1:9'; Credential = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)) } }
        'Copy-ContainerItem'           = @{ Args = @{ Path = 'psdt-fault:/etc/hostname'; Destination = '<out>' } }
        'Disconnect-ContainerNetwork'  = @{ Args = @{ Network = 'psdt-fault-net'; Container = 'psdt-fault' } }
        'Export-Container'             = @{ Args = @{ Name = 'psdt-fault'; Path = '<out>/export.tar'; Force = $true }; Stream = $true }
        'Get-ComposeProject'           = @{ Args = @{} }
        'Get-Container'                = @{ Args = @{} }
        'Get-ContainerChange'          = @{ Args = @{ Name = 'psdt-fault' } }
        'Get-ContainerEngine'          = @{ Args = @{} }
        'Get-ContainerEvent'           = @{ Args = @{ Since = [datetime]::Now.AddMinutes(-1) }; Stream = $true }
        'Get-ContainerLog'             = @{ Args = @{ Name = 'psdt-fault' } }
        'Get-ContainerNetwork'         = @{ Args = @{} }
        'Get-ContainerProcess'         = @{ Args = @{ Name = 'psdt-fault' } }
        'Get-ContainerStatistic'       = @{ Args = @{ Name = 'psdt-fault' }; Stream = $true }
        'Get-ContainerVolume'          = @{ Args = @{} }
        'Get-Image'                    = @{ Args = @{} }
        'Get-ImageHistory'             = @{ Args = @{ Name = 'psdt-fault:1' } }
        'Import-Image'                 = @{ Args = @{ Path = '<tar>' }; Stream = $true }
        'Invoke-Container'             = @{ Args = @{ Image = 'psdt-fault:1'; Pull = 'never'; Command = 'true' } }
        'Invoke-ContainerCommand'      = @{ Args = @{ Name = 'psdt-fault'; Command = 'true' } }
        'Invoke-ContainerNetworkPrune' = @{ Args = @{} }
        'Invoke-ContainerPrune'        = @{ Args = @{} }
        'Invoke-ContainerVolumePrune'  = @{ Args = @{} }
        'Invoke-ImageBuild'            = @{ Args = @{ Path = '<build>'; Tag = 'psdt-fault:1' }; Stream = $true }
        'Invoke-ImagePrune'            = @{ Args = @{} }
        'Invoke-ImagePull'             = @{ Args = @{ Name = '127.0.0.1:9/psdt-fault:1' }; Stream = $true }
        'Invoke-ImagePush'             = @{ Args = @{ Name = '127.0.0.1:9/psdt-fault:1' }; Stream = $true }
        'Invoke-SystemPrune'           = @{ Args = @{} }
        'New-Container'                = @{ Args = @{ Image = 'psdt-fault:1'; Pull = 'never' } }
        'New-ContainerNetwork'         = @{ Args = @{ Name = 'psdt-fault-net' } }
        'New-ContainerVolume'          = @{ Args = @{ Name = 'psdt-fault-vol' } }
        'New-Image'                    = @{ Args = @{ Container = 'psdt-fault'; Repository = 'psdt-fault:2' } }
        'Remove-ComposeProject'        = @{ Args = @{ Name = 'psdt-fault' } }
        'Remove-Container'             = @{ Args = @{ Name = 'psdt-fault' } }
        'Remove-ContainerNetwork'      = @{ Args = @{ Name = 'psdt-fault-net' } }
        'Remove-ContainerVolume'       = @{ Args = @{ Name = 'psdt-fault-vol' } }
        'Remove-Image'                 = @{ Args = @{ Name = 'psdt-fault:1' } }
        'Rename-Container'             = @{ Args = @{ Name = 'psdt-fault'; NewName = 'psdt-fault-2' } }
        'Restart-ComposeProject'       = @{ Args = @{ Name = 'psdt-fault' } }
        'Restart-Container'            = @{ Args = @{ Name = 'psdt-fault' } }
        'Resume-Container'             = @{ Args = @{ Name = 'psdt-fault' } }
        'Save-Image'                   = @{ Args = @{ Name = 'psdt-fault:1'; Path = '<out>/save.tar'; Force = $true }; Stream = $true }
        'Set-Container'                = @{ Args = @{ Name = 'psdt-fault'; Memory = 64MB } }
        'Start-ComposeProject'         = @{ Args = @{ Path = '<compose>' }; Stream = $true }
        'Start-Container'              = @{ Args = @{ Name = 'psdt-fault' } }
        'Stop-ComposeProject'          = @{ Args = @{ Name = 'psdt-fault' } }
        'Stop-Container'               = @{ Args = @{ Name = 'psdt-fault' } }
        'Suspend-Container'            = @{ Args = @{ Name = 'psdt-fault' } }
        'Wait-Container'               = @{ Args = @{ Name = 'psdt-fault' }; Stream = $true }
        'Initialize-Swarm'             = @{ Args = @{ AdvertiseAddress = '127.0.0.1' } }
        'Join-Swarm'                   = @{ Args = @{ RemoteAddress = '127.0.0.1:2377'; Token = 'SWMTKN-1-fault' } }
        'Exit-Swarm'                   = @{ Args = @{ Force = $true } }
        'Get-Swarm'                    = @{ Args = @{} }
        'Get-SwarmNode'                = @{ Args = @{} }
        'Get-SwarmService'             = @{ Args = @{} }
        'New-SwarmService'             = @{ Args = @{ Name = 'psdt-fault'; Image = 'psdt-fault:1' } }
        'Set-SwarmService'             = @{ Args = @{ Name = 'psdt-fault'; Replicas = 2 } }
        'Remove-SwarmService'          = @{ Args = @{ Name = 'psdt-fault' } }
        'Get-SwarmTask'                = @{ Args = @{} }
        'Get-SwarmServiceLog'          = @{ Args = @{ Name = 'psdt-fault' }; Stream = $true }
        'Get-SwarmSecret'              = @{ Args = @{} }
        'New-SwarmSecret'              = @{ Args = @{ Name = 'psdt-fault'; Value = (ConvertTo-SecureString 'x' -AsPlainText -Force) } }
        'Remove-SwarmSecret'           = @{ Args = @{ Name = 'psdt-fault' } }
        'Get-SwarmConfig'              = @{ Args = @{} }
        'New-SwarmConfig'              = @{ Args = @{ Name = 'psdt-fault'; Value = 'x' } }
        'Remove-SwarmConfig'           = @{ Args = @{ Name = 'psdt-fault' } }
        'Deploy-SwarmStack'            = @{ Args = @{ Name = 'psdt-fault'; Path = '<compose>' } }
        'Get-SwarmStack'               = @{ Args = @{} }
        'Remove-SwarmStack'            = @{ Args = @{ Name = 'psdt-fault' } }
    }
    # Cmdlets that never talk to an engine here.
    $script:Offline = @{
        'Enter-Container'       = 'needs an interactive terminal, which it checks (NotATerminal) before any call; a test run has none'
        'Import-ComposeProject' = 'reads compose files only'
        'Get-ContainerContext'  = 'reads the docker contexts stored in ~/.docker'
        'Disconnect-Registry'   = 'removes a stored credential from ~/.docker/config.json'
    }
    $script:Modes = @(
        # The fake engine serves one connection at a time, waiting up to 2 s for a request on each: the time limit of the
        # engines that do answer stays above that.
        # Garbage: an upload the engine answered before reading it (a build context) breaks off: EngineConnectionLost.
        # DroppedMidChunk: a body sent to a HEAD request (Copy-ContainerItem's stat) is not HTTP: EngineProtocolError.
        @{ Mode = 'Garbage'; Ids = @('EngineProtocolError', 'EngineConnectionLost'); MustFail = $false; TimeoutSec = 5 }
        @{ Mode = 'DroppedMidChunk'; Ids = @('EngineConnectionLost', 'EngineProtocolError'); MustFail = $true; TimeoutSec = 5 }
        @{ Mode = 'Stall'; Ids = @('EngineTimeout'); MustFail = $true; TimeoutSec = 1 }
        @{ Mode = 'Hang'; Ids = @('EngineTimeout', 'EngineConnectionLost'); MustFail = $true; TimeoutSec = 1 }
    )
    $script:Cases = foreach ($m in $Modes) {
        foreach ($name in $Arguments.Keys) {
            if ($m.Mode -eq 'Stall' -and $Arguments[$name].Stream) { continue }
            @{ Command = $name; Mode = $m.Mode; Ids = $m.Ids; MustFail = $m.MustFail; TimeoutSec = $m.TimeoutSec; Arguments = $Arguments[$name].Args }
        }
    }
}

BeforeAll {
    . "$PSScriptRoot/common.ps1"
    . "$PSScriptRoot/fakeengine.common.ps1"

    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "psdt-faults-$RunId"
    $null = New-Item -ItemType Directory -Path $Work -Force
    Set-Content -Path (Join-Path $Work 'Dockerfile') -Value 'FROM scratch'
    Set-Content -Path (Join-Path $Work 'compose.yaml') -Value "name: psdt-fault`nservices:`n  web:`n    image: psdt-fault:1`n"
    Set-Content -Path (Join-Path $Work 'image.tar') -Value 'not really a tar: the engine never reads it'
    $null = New-Item -ItemType Directory -Path (Join-Path $Work 'out') -Force

    # One runspace runs the calls, so a call that never ends is stopped (Ctrl+C) after a deadline instead of hanging the run.
    $script:Runner = [runspacefactory]::CreateRunspace()
    $Runner.Open()
    $import = [powershell]::Create()
    $import.Runspace = $Runner
    $null = $import.AddCommand('Import-Module').AddParameter('Name', (Get-Module PSDocker).Path).Invoke()
    $import.Dispose()

    $script:Fakes = @{}

    # Runs one cmdlet against an engine; returns the error it ended with (or $null) and whether it ended in time.
    function Invoke-AgainstEngine([string] $Command, [hashtable] $Arguments, [string] $Endpoint, [int] $TimeoutSec) {
        $call = @{}
        foreach ($k in $Arguments.Keys) {
            $call[$k] = switch -Wildcard ($Arguments[$k]) {
                '<build>' { $Work }
                '<compose>' { Join-Path $Work 'compose.yaml' }
                '<tar>' { Join-Path $Work 'image.tar' }
                '<out>*' { (Join-Path $Work 'out') + $_.Substring(5) }
                default { $_ }
            }
        }
        $call.Endpoint = $Endpoint
        $call.TimeoutSec = $TimeoutSec
        $call.ErrorAction = 'Stop'
        if ((Get-Command $Command).Parameters.ContainsKey('Confirm')) { $call.Confirm = $false }
        $ps = [powershell]::Create()
        $ps.Runspace = $Runner
        $null = $ps.AddScript({
                param($Command, $Call)
                try { $null = & $Command @Call *>&1; $null } catch { $_ }
            }).AddArgument($Command).AddArgument($call)
        $handle = $ps.BeginInvoke()
        $inTime = $handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(60))
        if (-not $inTime) { $ps.Stop() }
        $result = if ($inTime) { @($ps.EndInvoke($handle)) | Select-Object -Last 1 } else { $null }
        $ps.Dispose()
        [pscustomobject]@{ InTime = $inTime; Error = $result }
    }
}

AfterAll {
    if ($Fakes) { $Fakes.Values | Stop-FakeEngine }
    if ($Runner) { $Runner.Dispose() }
    if ($Work -and (Test-Path $Work)) { Remove-Item $Work -Recurse -Force }
}

Describe 'Every cmdlet against a broken engine' {
    It 'covers every exported cmdlet (an entry in the argument table, or offline with a reason)' {
        $known = @($Arguments.Keys) + @($Offline.Keys)
        $missing = Get-Command -Module PSDocker -CommandType Cmdlet | Where-Object Name -NotIn $known | ForEach-Object Name
        $missing | Should -BeNullOrEmpty -Because 'each exported cmdlet is driven against a broken engine (add it to $Arguments in EngineFaults.Tests.ps1)'
        $gone = $known | Where-Object { -not (Get-Command $_ -Module PSDocker -ErrorAction SilentlyContinue) }
        $gone | Should -BeNullOrEmpty -Because 'the table lists only exported cmdlets'
    }

    It '<Command> against an engine answering <Mode>' -ForEach $Cases {
        if (-not $Fakes[$Mode]) { $Fakes[$Mode] = Start-FakeEngine -Mode $Mode }
        $fake = $Fakes[$Mode]
        $r = Invoke-AgainstEngine -Command $Command -Arguments $Arguments -Endpoint $fake.Endpoint -TimeoutSec $TimeoutSec
        $r.InTime | Should -BeTrue -Because 'every call ends by itself: a time limit, or a stream noticing the engine is gone'
        if ($MustFail) { $r.Error | Should -Not -BeNullOrEmpty -Because 'a broken engine is an error' }
        if ($r.Error) {
            $id = ($r.Error.FullyQualifiedErrorId -split ',')[0]
            $id | Should -Not -Match '^(System|Microsoft|PSDocker)\.|Exception' -Because "an error ID is PSDocker's own, not a .NET exception type ($($r.Error.Exception.GetType().FullName): $($r.Error))"
            $id | Should -BeIn $Ids -Because "$($r.Error)"
            "$($r.Error)" | Should -BeLike "*$($fake.Endpoint)*" -Because 'the error names the engine'
        }
    }
}
