<#
.SYNOPSIS
    Interactive echo latency of PSDocker's terminal (keypress to screen), against docker run -it / docker exec -it.

.DESCRIPTION
    Every side runs in a tmux pane of its own (120x40, a tmux server per run): a shell prompt in a container,
    reached through Invoke-Container -Interactive -Tty, Enter-Container, `docker run -it` and `docker exec -it`,
    plus a plain local busybox sh (no container, no engine) as the floor of the method. One sample types one
    character with `tmux send-keys -l` and polls `tmux capture-pane -p` until the prompt line ends with it; the time
    from just before send-keys to the capture that shows it is the sample. The line is cleared (Ctrl+U) every 40
    characters. Sides take turns in rounds, so drift on the machine is shared; the tmux calls are made from a
    small C# helper (Process.Start), the same for every side.

    The floor includes two tmux process starts per sample at least (send-keys, capture-pane); the figures above
    it are what the container path adds: the keypress travels pane -> pwsh/docker -> engine -> container tty ->
    shell echo -> back.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PSDocker/PSDocker.psd1'),
    [string] $Endpoint = $(if ($env:PSDOCKER_TEST_ENDPOINT) { $env:PSDOCKER_TEST_ENDPOINT } else { $env:DOCKER_HOST }),
    [string] $Image = $(if ($env:PSDOCKER_TEST_IMAGE) { $env:PSDOCKER_TEST_IMAGE } else { 'psdocker-test/busybox:1.35' }),
    [int] $Rounds = 5,
    [int] $SamplesPerRound = 40,
    [switch] $NoDocker,
    # Control: a tmux control-mode client sees the pane's output as it arrives (default). CapturePane: poll
    # `tmux capture-pane` (a process start per poll: its own cost dominates the figures on a busy machine).
    [ValidateSet('Control', 'CapturePane')] [string] $Method = 'Control'
)

$ErrorActionPreference = 'Stop'
if (-not $Endpoint -or $Endpoint -notmatch '^unix://') { throw "Give -Endpoint unix:///path (or set PSDOCKER_TEST_ENDPOINT): the target is measured over the unix socket." }
$ModulePath = (Resolve-Path $ModulePath).Path
. (Join-Path $PSScriptRoot '../tests/terminal.common.ps1')

Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace PSDockerBench
{
    public static class TmuxEcho
    {
        private static string Tmux(string socket, params string[] args)
        {
            var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, UseShellExecute = false };
            psi.ArgumentList.Add("-L");
            psi.ArgumentList.Add(socket);
            foreach (string a in args) psi.ArgumentList.Add(a);
            using (Process p = Process.Start(psi))
            {
                string output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                return output;
            }
        }

        private static string CursorLine(string socket, string target)
        {
            string[] lines = Tmux(socket, "capture-pane", "-p", "-t", target).Split('\n');
            for (int i = lines.Length - 1; i >= 0; i--)
            {
                string l = lines[i].TrimEnd();
                if (l.Length > 0) return l;
            }
            return "";
        }

        private static void WaitLine(string socket, string target, Func<string, bool> done, int timeoutMs)
        {
            var sw = Stopwatch.StartNew();
            while (!done(CursorLine(socket, target)))
            {
                if (sw.ElapsedMilliseconds > timeoutMs) throw new TimeoutException("The pane did not show the typed text in time: " + CursorLine(socket, target));
            }
        }

        /// <summary>Types <paramref name="count"/> characters one at a time; returns the keypress-to-screen time of each, in ms (capture-pane polling).</summary>
        public static double[] Measure(string socket, string target, int count, int timeoutMs)
        {
            string prompt = CursorLine(socket, target);
            var typed = new StringBuilder();
            var result = new double[count];
            for (int i = 0; i < count; i++)
            {
                char ch = (char)('a' + (i % 26));
                typed.Append(ch);
                string want = typed.ToString();
                var sw = Stopwatch.StartNew();
                Tmux(socket, "send-keys", "-t", target, "-l", ch.ToString());
                WaitLine(socket, target, l => l.StartsWith(prompt, StringComparison.Ordinal) && l.EndsWith(want, StringComparison.Ordinal) && l.Length >= prompt.Length + want.Length, timeoutMs);
                result[i] = sw.Elapsed.TotalMilliseconds;
                if (typed.Length >= 40 || i == count - 1)
                {
                    Tmux(socket, "send-keys", "-t", target, "C-u");
                    WaitLine(socket, target, l => l == prompt, timeoutMs);
                    typed.Clear();
                }
            }
            return result;
        }

        /// <summary>
        /// The same through a tmux control-mode client (tmux -C): send-keys goes down its stdin and the pane's output comes
        /// back as %output notifications the moment tmux reads it, so no process start is inside the timed region.
        /// </summary>
        public static double[] MeasureControl(string socket, string target, int count, int timeoutMs)
        {
            var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (string a in new[] { "-L", socket, "-C", "attach-session", "-t", target }) psi.ArgumentList.Add(a);
            using (Process p = Process.Start(psi))
            using (var lines = new System.Collections.Concurrent.BlockingCollection<string>())
            {
                var reader = new System.Threading.Thread(() =>
                {
                    try
                    {
                        string line;
                        while ((line = p.StandardOutput.ReadLine()) != null) { try { lines.Add(line); } catch (Exception) { return; } }
                    }
                    catch (Exception) { }
                    try { lines.CompleteAdding(); } catch (ObjectDisposedException) { }
                }) { IsBackground = true };
                reader.Start();
                System.IO.StreamWriter input = p.StandardInput;
                input.AutoFlush = true;
                Drain(lines, 300);
                var result = new double[count];
                int onLine = 0;
                for (int i = 0; i < count; i++)
                {
                    char ch = (char)('a' + (i % 26));
                    Drain(lines, 0);
                    var sw = Stopwatch.StartNew();
                    input.WriteLine("send-keys -t " + target + " -l " + ch);
                    while (true)
                    {
                        int left = timeoutMs - (int)sw.ElapsedMilliseconds;
                        if (left <= 0 || !lines.TryTake(out string l, left)) throw new TimeoutException("No echo of '" + ch + "' within " + timeoutMs + " ms.");
                        if (l.StartsWith("%output ", StringComparison.Ordinal) && l.Substring(l.IndexOf(' ', 8) + 1).IndexOf(ch) >= 0) break;
                    }
                    result[i] = sw.Elapsed.TotalMilliseconds;
                    if (++onLine >= 40)
                    {
                        input.WriteLine("send-keys -t " + target + " C-u");
                        Drain(lines, 200);
                        onLine = 0;
                    }
                }
                input.WriteLine("send-keys -t " + target + " C-u");
                Drain(lines, 200);
                input.WriteLine("detach-client");
                p.WaitForExit(5000);
                reader.Join(5000);
                return result;
            }
        }

        private static void Drain(System.Collections.Concurrent.BlockingCollection<string> lines, int quietMs)
        {
            while (lines.TryTake(out _, quietMs)) { }
        }
    }
}
'@

function Measure-Echo($Session, [int] $Count) {
    if ($Method -eq 'Control') { [PSDockerBench.TmuxEcho]::MeasureControl($Session.Socket, $Session.Target, $Count, 10000) }
    else { [PSDockerBench.TmuxEcho]::Measure($Session.Socket, $Session.Target, $Count, 10000) }
}

function Get-Stats([double[]] $v) {
    $s = $v | Sort-Object
    $p = { param($q) $s[[math]::Min($s.Count - 1, [math]::Floor($q * ($s.Count - 1)))] }
    [pscustomobject]@{ Median = [math]::Round((& $p 0.5), 1); P95 = [math]::Round((& $p 0.95), 1); Min = [math]::Round($s[0], 1); Max = [math]::Round($s[-1], 1); Count = $s.Count }
}

$run = [guid]::NewGuid().ToString('N').Substring(0, 8)
$hostArg = $Endpoint
$label = "@{ psdbench = 'terminal-$run' }"
$target = "psdbench-term-$run"
$sessions = [ordered]@{}
$results = [ordered]@{}
try {
    # A running container for the exec sides.
    Import-Module $ModulePath
    $null = Invoke-Container -Image $Image -Pull Never -Name $target -Detach -Interactive -Tty -Label @{ psdbench = "terminal-$run" } -Endpoint $Endpoint

    # The floor: a local shell in tmux, no engine.
    $sessions['local sh (floor)'] = Start-TmuxPwsh -Endpoint $Endpoint -ModulePath $ModulePath -Shell "env PS1='/ # ' /bin/busybox sh"
    $s = Start-TmuxPwsh -Endpoint $Endpoint -ModulePath $ModulePath -Image $Image
    $null = Wait-TmuxScreen $s 'PS>\s*$' -TimeoutSec 60
    Send-TmuxText $s "Invoke-Container -Image '$Image' -Pull Never -Interactive -Tty -AutoRemove -Label $label"
    $sessions['PSDocker Invoke-Container -it'] = $s
    $s = Start-TmuxPwsh -Endpoint $Endpoint -ModulePath $ModulePath -Image $Image
    $null = Wait-TmuxScreen $s 'PS>\s*$' -TimeoutSec 60
    Send-TmuxText $s "Enter-Container $target"
    $sessions['PSDocker Enter-Container'] = $s
    if (-not $NoDocker) {
        if (-not (Get-Command docker -ErrorAction SilentlyContinue)) { throw 'No docker CLI on PATH: use -NoDocker.' }
        $sessions['docker run -it'] = Start-TmuxPwsh -Endpoint $Endpoint -ModulePath $ModulePath -Shell "docker -H $hostArg run -it --rm --label psdbench=terminal-$run $Image sh"
        $sessions['docker exec -it'] = Start-TmuxPwsh -Endpoint $Endpoint -ModulePath $ModulePath -Shell "docker -H $hostArg exec -it $target sh"
    }
    foreach ($k in $sessions.Keys) {
        $null = Wait-TmuxScreen $sessions[$k] '(?m)^/ #\s*$' -TimeoutSec 60
        $results[$k] = [System.Collections.Generic.List[double]]::new()
        # Warm-up: a few keys not counted.
        $null = Measure-Echo $sessions[$k] 5
    }
    for ($r = 0; $r -lt $Rounds; $r++) {
        $order = @($sessions.Keys)
        # Start each round with a different side.
        $order = $order[($r % $order.Count)..($order.Count - 1)] + $(if ($r % $order.Count) { $order[0..(($r % $order.Count) - 1)] })
        foreach ($k in $order) {
            [double[]] $samples = Measure-Echo $sessions[$k] $SamplesPerRound
            $results[$k].AddRange($samples)
        }
        Write-Verbose "round $($r + 1) of $Rounds done"
    }
}
finally {
    foreach ($s in $sessions.Values) { Stop-TmuxPwsh $s }
    Get-Container -Label "psdbench=terminal-$run" -Endpoint $Endpoint -ErrorAction SilentlyContinue | Remove-Container -Force -ErrorAction SilentlyContinue
}

$floor = (Get-Stats $results['local sh (floor)'].ToArray()).Median
$rows = foreach ($k in $results.Keys) {
    $st = Get-Stats $results[$k].ToArray()
    [pscustomobject]@{
        Side = $k; 'Median ms' = $st.Median; 'P95 ms' = $st.P95; 'Min ms' = $st.Min; 'Max ms' = $st.Max; Samples = $st.Count
        'Above floor ms' = [math]::Round($st.Median - $floor, 1)
    }
}
$rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
$ps = $rows | Where-Object Side -like 'PSDocker*'
foreach ($row in $ps) {
    $verdict = if ($row.'Median ms' -lt 20) { 'met' } else { 'NOT met' }
    Write-Host ("{0}: median {1} ms, p95 {2} ms (target < 20 ms keypress to screen: {3})" -f $row.Side, $row.'Median ms', $row.'P95 ms', $verdict)
}
$rows
