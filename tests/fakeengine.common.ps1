# A tiny fake "engine" on 127.0.0.1 for the protocol safety-net tests: it answers /_ping like an engine, then
# answers every other request badly, as a misconfigured proxy or a broken engine would. Dot-source it after common.ps1.
#
#   $fake = Start-FakeEngine -Mode Html      # Html | TruncatedJson | DroppedConnection | NotHttp
#   Get-Container -Endpoint $fake.Endpoint   # → EngineProtocolError / EngineConnectionLost
#   Stop-FakeEngine $fake

function Start-FakeEngine {
    param([Parameter(Mandatory)][ValidateSet('Html', 'TruncatedJson', 'DroppedConnection', 'NotHttp')][string] $Mode)
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $ps = [powershell]::Create()
    $null = $ps.AddScript({
            param($listener, $mode)
            $ascii = [System.Text.Encoding]::ASCII
            while ($true) {
                try { $client = $listener.AcceptTcpClient() } catch { return }   # Stop-FakeEngine stops the listener
                try {
                    $stream = $client.GetStream()
                    $reader = [System.IO.StreamReader]::new($stream, $ascii, $false, 4096, $true)
                    $requestLine = $reader.ReadLine()
                    $length = 0
                    while ($line = $reader.ReadLine()) {
                        if ($line -match '^Content-Length:\s*(\d+)') { $length = [int]$Matches[1] }
                    }
                    if ($length -gt 0) { $null = $reader.ReadBlock([char[]]::new($length), 0, $length) }
                    if ($requestLine -match ' /(v[\d.]+/)?_ping ') {
                        $response = "HTTP/1.1 200 OK`r`nApi-Version: 1.41`r`nOstype: linux`r`nContent-Type: text/plain`r`nContent-Length: 2`r`nConnection: close`r`n`r`nOK"
                    }
                    else {
                        $response = switch ($mode) {
                            'Html' {
                                $body = '<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>'
                                "HTTP/1.1 200 OK`r`nContent-Type: text/html`r`nContent-Length: $($body.Length)`r`nConnection: close`r`n`r`n$body"
                            }
                            'TruncatedJson' {
                                $body = '[{"Id":"4abcf20661432fb2d719aaf90656f55c","Names":["/web"],"Image":"busy'
                                "HTTP/1.1 200 OK`r`nContent-Type: application/json`r`nContent-Length: $($body.Length)`r`nConnection: close`r`n`r`n$body"
                            }
                            'DroppedConnection' {
                                # Promises 4096 bytes, sends a few, hangs up.
                                "HTTP/1.1 200 OK`r`nContent-Type: application/json`r`nContent-Length: 4096`r`nConnection: close`r`n`r`n[{`"Id`":`"4abc"
                            }
                            'NotHttp' { "SSH-2.0-OpenSSH_9.2p1 Debian-2`r`n" }
                        }
                    }
                    $bytes = $ascii.GetBytes($response)
                    $stream.Write($bytes, 0, $bytes.Length)
                    $stream.Flush()
                }
                catch { }
                finally { $client.Dispose() }
            }
        }).AddArgument($listener).AddArgument($Mode)
    $handle = $ps.BeginInvoke()
    [pscustomobject]@{
        Mode       = $Mode
        Endpoint   = "tcp://127.0.0.1:$($listener.LocalEndpoint.Port)"
        Listener   = $listener
        PowerShell = $ps
        Handle     = $handle
    }
}

function Stop-FakeEngine {
    param([Parameter(Mandatory, ValueFromPipeline)] $FakeEngine)
    process {
        $FakeEngine.Listener.Stop()
        $null = $FakeEngine.Handle.AsyncWaitHandle.WaitOne(5000)
        $FakeEngine.PowerShell.Dispose()
    }
}
