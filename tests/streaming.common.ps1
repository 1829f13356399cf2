# Helpers for tests of cmdlets that stream until Ctrl+C (Get-ContainerStatistic -Stream, Get-ContainerEvent -Follow):
# the cmdlet runs in a runspace of its own, the test reads its output as it arrives, and PowerShell.Stop() is what
# Ctrl+C does to a pipeline. Dot-source after common.ps1.

function Start-StreamingPipeline {
    <# Runs $Script (the module imported first) in a new runspace, asynchronously. Returns the pipeline to read and stop. #>
    param(
        [Parameter(Mandatory)] [scriptblock] $Script,
        [object[]] $ArgumentList = @()
    )
    $ps = [powershell]::Create()
    $null = $ps.AddScript('param($Manifest) Import-Module $Manifest').AddArgument((Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'))
    $null = $ps.AddStatement().AddScript($Script)
    foreach ($a in $ArgumentList) { $null = $ps.AddArgument($a) }
    $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
    $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
    [pscustomobject]@{ PowerShell = $ps; Output = $output; Async = $async }
}

function Wait-StreamingOutput {
    <# Polls the pipeline's output until $Condition (given the output so far) is true; bounded by -TimeoutSec. Returns the output. #>
    param(
        [Parameter(Mandatory)] $Pipeline,
        [Parameter(Mandatory)] [scriptblock] $Condition,
        [double] $TimeoutSec = 30
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while (-not (& $Condition (Get-StreamingOutput $Pipeline)) -and [DateTime]::UtcNow -lt $deadline) {
        if ($Pipeline.Async.IsCompleted) { break }
        Start-Sleep -Milliseconds 20
    }
    Get-StreamingOutput $Pipeline
}

function Get-StreamingOutput {
    <# The objects written so far. By index: enumerating an open PSDataCollection blocks until the pipeline ends. #>
    param([Parameter(Mandatory)] $Pipeline)
    $o = $Pipeline.Output
    , @(for ($i = 0; $i -lt $o.Count; $i++) { $o[$i] })
}

function Stop-StreamingPipeline {
    <# Stops the pipeline as Ctrl+C does and disposes it. Returns how long the stop took, in seconds, and whether it ended. #>
    param([Parameter(Mandatory)] $Pipeline)
    try {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $Pipeline.PowerShell.Stop()
        # Stop() returns once the pipeline stopped; the async result may be signalled a moment later on another thread.
        $completed = $Pipeline.Async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(10))
        [pscustomobject]@{ Seconds = $sw.Elapsed.TotalSeconds; Completed = $completed; State = $Pipeline.PowerShell.InvocationStateInfo.State }
    }
    finally {
        $Pipeline.PowerShell.Dispose()
    }
}
