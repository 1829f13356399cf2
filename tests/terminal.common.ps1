# Helpers that drive a real pwsh in tmux, as a person at a terminal would: Terminal.Tests.ps1 and
# bench/Measure-Terminal.ps1 dot-source this file. Every session runs on a tmux server of its own
# (tmux -L <socket>), so nothing touches any other tmux the machine runs.

function Start-TmuxPwsh {
    <#
    Starts `tmux new-session -d -x <w> -y <h>` running pwsh -NoProfile with the built module imported,
    DOCKER_HOST set to -Endpoint and a short prompt ('PS> '). Waits until the prompt shows. Returns a session object.
    #>
    param(
        [Parameter(Mandatory)] [string] $Endpoint,
        [Parameter(Mandatory)] [string] $ModulePath,
        [string] $Image = 'psdocker-test/busybox:1.35',
        [int] $Width = 120,
        [int] $Height = 40,
        [string] $Directory = [IO.Path]::GetTempPath(),
        [string] $Shell
    )
    if (-not (Get-Command tmux -ErrorAction SilentlyContinue)) { throw 'tmux is not installed (tests/engine/engine.sh start installs it).' }
    $id = [guid]::NewGuid().ToString('N').Substring(0, 10)
    $socket = "psdterm-$id"
    if (-not $Shell) {
        $pwsh = Join-Path $PSHOME 'pwsh'
        $startup = Join-Path $Directory "psdterm-$id.ps1"
        @"
`$env:DOCKER_HOST = '$Endpoint'
`$TestImage = '$Image'
Import-Module '$ModulePath' -ErrorAction Stop
function prompt { 'PS> ' }
"@ | Set-Content -LiteralPath $startup
        $Shell = "'$pwsh' -NoProfile -NoLogo -NoExit -File '$startup'"
    }
    $null = & tmux -L $socket -f /dev/null new-session -d -s main -x $Width -y $Height $Shell
    if ($LASTEXITCODE -ne 0) { throw "tmux new-session failed ($LASTEXITCODE)." }
    $session = [pscustomobject]@{ Socket = $socket; Target = 'main'; Startup = $startup }
    $null = & tmux -L $socket set-option -g status off
    $session
}

function Stop-TmuxPwsh {
    param([Parameter(Mandatory)] $Session)
    $path = (& tmux -L $Session.Socket display-message -p '#{socket_path}' 2>$null)
    $null = & tmux -L $Session.Socket kill-server 2>$null
    # tmux may leave its socket file behind: remove it (it is this session's own).
    if ($path) { Remove-Item -LiteralPath "$path".Trim() -ErrorAction SilentlyContinue }
    if ($Session.Startup) { Remove-Item -LiteralPath $Session.Startup -ErrorAction SilentlyContinue }
}

function Send-TmuxText {
    <# Types text literally (no key names), then Enter unless -NoEnter. #>
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Text, [switch] $NoEnter)
    $null = & tmux -L $Session.Socket send-keys -t $Session.Target -l -- $Text
    if (-not $NoEnter) { $null = & tmux -L $Session.Socket send-keys -t $Session.Target Enter }
}

function Send-TmuxKey {
    <# Sends tmux key names: C-c, C-p, Enter, ... #>
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string[]] $Key)
    $null = & tmux -L $Session.Socket send-keys -t $Session.Target @Key
}

function Get-TmuxScreen {
    <# The visible screen, wrapped lines joined. #>
    param([Parameter(Mandatory)] $Session)
    (& tmux -L $Session.Socket capture-pane -p -J -t $Session.Target) -join "`n"
}

function Clear-TmuxScreen {
    <# Clears the screen and the history, so later waits only see new output. #>
    param([Parameter(Mandatory)] $Session)
    $null = & tmux -L $Session.Socket send-keys -t $Session.Target -R
    $null = & tmux -L $Session.Socket clear-history -t $Session.Target
}

function Wait-TmuxScreen {
    <# Polls the screen until it matches the regex $Pattern; throws with the screen on timeout. Returns the screen. #>
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $Pattern, [double] $TimeoutSec = 15, [int] $PollMs = 25)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $screen = Get-TmuxScreen $Session
        if ($screen -match $Pattern) { return $screen }
        if ([DateTime]::UtcNow -ge $deadline) { throw "The screen did not show /$Pattern/ within $TimeoutSec s. Screen:`n$screen" }
        Start-Sleep -Milliseconds $PollMs
    }
}

function Resize-TmuxWindow {
    param([Parameter(Mandatory)] $Session, [int] $Width, [int] $Height)
    $null = & tmux -L $Session.Socket resize-window -t $Session.Target -x $Width -y $Height
}

# A loopback TCP listener that relays each connection to the engine's unix socket: the terminal tests use it
# to reach the engine over TCP, and stop it mid-session to play an engine that goes away.
if (-not ('PSDockerTests.UnixRelay' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PSDockerTests
{
    public sealed class UnixRelay : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly string _path;
        private readonly ConcurrentBag<Socket> _sockets = new ConcurrentBag<Socket>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        public UnixRelay(string socketPath)
        {
            _path = socketPath;
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptLoop();
        }

        public int Port { get; }

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client;
                try { client = await _listener.AcceptSocketAsync(); }
                catch { return; }
                var engine = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try { await engine.ConnectAsync(new UnixDomainSocketEndPoint(_path)); }
                catch { client.Dispose(); engine.Dispose(); continue; }
                _sockets.Add(client);
                _sockets.Add(engine);
                _ = Pump(client, engine);
                _ = Pump(engine, client);
            }
        }

        private static async Task Pump(Socket from, Socket to)
        {
            var buffer = new byte[16384];
            try
            {
                while (true)
                {
                    int n = await from.ReceiveAsync(buffer, SocketFlags.None);
                    if (n == 0) { to.Shutdown(SocketShutdown.Send); return; }
                    await to.SendAsync(new ArraySegment<byte>(buffer, 0, n), SocketFlags.None);
                }
            }
            catch { }
        }

        /// <summary>Drops every relayed connection at once (an engine that went away).</summary>
        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (Socket s in _sockets)
            {
                try { s.Close(0); } catch { }
            }
        }
    }
}
'@
}
