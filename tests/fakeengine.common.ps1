# A tiny fake "engine" on 127.0.0.1 for the protocol safety-net tests: it answers /_ping like an engine, then
# answers every other request badly, as a misconfigured proxy or a broken engine would. Dot-source it after common.ps1.
#
#   $fake = Start-FakeEngine -Mode Html      # see the modes below
#   Get-Container -Endpoint $fake.Endpoint   # → EngineProtocolError / EngineConnectionLost / EngineTimeout
#   Stop-FakeEngine $fake
#
# Modes: Html (a web page), TruncatedJson, Garbage (binary bytes labelled JSON), DroppedConnection (hangs up mid-body),
# DroppedMidChunk (hangs up inside a chunk of a chunked body), NotHttp (an SSH banner), Stall (reads the request, never
# answers), StallAfterHeaders (answers the headers of a chunked 200, then nothing), StreamThenHang (answers with the headers
# and one log frame (after answering the container inspect before it), then hangs: every later request, /_ping included, gets no answer, as from a frozen engine).
# Hang (answers /_ping until the first other request, then answers nothing at all, /_ping included: a frozen engine).
# Stalled connections are held open until Stop-FakeEngine.

function Start-FakeEngine {
    param([Parameter(Mandatory)][ValidateSet('Html', 'TruncatedJson', 'Garbage', 'DroppedConnection', 'DroppedMidChunk', 'NotHttp', 'Stall', 'StallAfterHeaders', 'StreamThenHang', 'Hang')][string] $Mode)
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $ps = [powershell]::Create()
    $null = $ps.AddScript({
            param($listener, $mode)
            $ascii = [System.Text.Encoding]::ASCII
            $held = [System.Collections.Generic.List[object]]::new()
            $hung = $false
            while ($true) {
                try { $client = $listener.AcceptTcpClient() } catch { foreach ($c in $held) { $c.Dispose() }; return }   # Stop-FakeEngine stops the listener
                $hold = $false
                try {
                    $stream = $client.GetStream()
                    # A pooled connection that never sends a request must not block this one-at-a-time loop.
                    $client.ReceiveTimeout = 2000
                    $reader = [System.IO.StreamReader]::new($stream, $ascii, $false, 4096, $true)
                    $requestLine = $reader.ReadLine()
                    $length = 0
                    while ($line = $reader.ReadLine()) {
                        if ($line -match '^Content-Length:\s*(\d+)') { $length = [int]$Matches[1] }
                    }
                    if ($length -gt 0) { $null = $reader.ReadBlock([char[]]::new($length), 0, $length) }
                    if ($mode -eq 'Hang' -and $requestLine -notmatch ' /(v[\d.]+/)?_ping ') { $hung = $true }
                    if ($hung -or ($requestLine -notmatch ' /(v[\d.]+/)?_ping ' -and $mode -eq 'Stall')) {
                        $hold = $true
                        continue
                    }
                    if ($mode -eq 'StreamThenHang' -and $requestLine -match '^GET /v[\d.]+/containers/[^/]+/json ') {
                        # The inspect before the stream: a running container without a terminal.
                        $body = '{"Id":"4abcf20661432fb2d719aaf90656f55c4abcf20661432fb2d719aaf90656f55c","Name":"/web","Created":"2026-01-01T00:00:00Z","Config":{"Image":"busybox","Tty":false},"State":{"Status":"running","Running":true}}'
                        $response = "HTTP/1.1 200 OK`r`nApi-Version: 1.41`r`nContent-Type: application/json`r`nContent-Length: $($body.Length)`r`n`r`n$body"
                    }
                    elseif ($requestLine -match ' /(v[\d.]+/)?_ping ') {
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
                            'Garbage' {
                                $body = -join ([char[]](1..200 | ForEach-Object { [char](($_ * 37) % 256) }))
                                "HTTP/1.1 200 OK`r`nContent-Type: application/json`r`nContent-Length: $($body.Length)`r`nConnection: close`r`n`r`n$body"
                            }
                            'DroppedMidChunk' {
                                # Announces a 0x400-byte chunk, sends a few bytes of it, hangs up.
                                "HTTP/1.1 200 OK`r`nContent-Type: application/json`r`nTransfer-Encoding: chunked`r`n`r`n400`r`n{`"status`":`"Pulling fs layer`",`"id`":`"4abc"
                            }
                            'StallAfterHeaders' {
                                $hold = $true
                                "HTTP/1.1 200 OK`r`nContent-Type: application/json`r`nTransfer-Encoding: chunked`r`n`r`n"
                            }
                            'StreamThenHang' {
                                $hold = $true
                                $hung = $true
                                # One stdout frame of a multiplexed log stream ("hello\n"), in one chunk.
                                "HTTP/1.1 200 OK`r`nContent-Type: application/vnd.docker.multiplexed-stream`r`nTransfer-Encoding: chunked`r`n`r`ne`r`n`u{1}`0`0`0`0`0`0`u{6}hello`n`r`n"
                            }
                        }
                    }
                    $bytes = $ascii.GetBytes($response)
                    $stream.Write($bytes, 0, $bytes.Length)
                    $stream.Flush()
                }
                catch { }
                finally { if ($hold) { $held.Add($client) } else { $client.Dispose() } }
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
