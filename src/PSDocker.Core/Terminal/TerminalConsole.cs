using System.Runtime.InteropServices;

namespace PSDocker.Core.Terminal;

/// <summary>How <see cref="TerminalConsole"/> sets up the keyboard.</summary>
public enum TerminalInputMode
{
    /// <summary>The keyboard is not read.</summary>
    None,
    /// <summary>Raw bytes, no echo, no signals: every key goes to the container's terminal (<c>docker run -it</c>).</summary>
    Raw,
    /// <summary>The terminal's line editing and echo; Ctrl+C stays a signal (<c>docker start -ai</c> of a container without a terminal).</summary>
    Line,
}

/// <summary>
/// The process's own console as a byte terminal: sets its mode (raw or line) and restores it on <see cref="Dispose"/>,
/// reads the keyboard without ever leaving a blocked read behind (poll with a short timeout, read only when ready),
/// writes output bytes straight through, and reports the window size.
/// </summary>
/// <remarks>
/// On Unix it works on file descriptors 0 and 1 with termios (tcgetattr/cfmakeraw/tcsetattr). .NET's console code keeps its
/// own idea of the terminal mode and re-applies it on SIGCHLD/SIGCONT, so the mode is checked and set again while reading.
/// On Windows it switches the console to virtual-terminal input and output with SetConsoleMode (not tested on this project's machines).
/// </remarks>
public sealed class TerminalConsole : IDisposable
{
    private const int StdIn = 0;
    private const int StdOut = 1;
    private const int PollIntervalMs = 20;

    private readonly TerminalInputMode _mode;
    private readonly Stream _stdout;
    private readonly Stream _stderr;
    private readonly object _restoreLock = new();
    private byte[]? _savedTermios;      // Unix: the mode to restore
    private byte[]? _appliedTermios;    // Unix: the mode we set, as the kernel reports it
    private byte[]? _rawTermios;        // Unix: the mode we set, as we asked for it
    private PosixSignalRegistration? _sigchld, _sigcont;
    private uint _savedInMode, _savedOutMode; // Windows
    private bool _windowsModeSet;
    private bool _disposed;

    private TerminalConsole(TerminalInputMode mode)
    {
        _mode = mode;
        _stdout = Console.OpenStandardOutput();
        _stderr = Console.OpenStandardError();
    }

    /// <summary>Whether the keyboard and the screen are a terminal (neither is redirected).</summary>
    public static bool IsTerminal => !Console.IsInputRedirected && !Console.IsOutputRedirected;

    /// <summary>Whether the input is a terminal.</summary>
    public static bool IsInputTerminal => !Console.IsInputRedirected;

    /// <summary>Takes the console: sets the input mode (when stdin is a terminal). Dispose to restore it.</summary>
    public static TerminalConsole Open(TerminalInputMode mode)
    {
        var console = new TerminalConsole(mode);
        try
        {
            if (mode != TerminalInputMode.None && IsInputTerminal) console.SetMode();
            return console;
        }
        catch
        {
            console.Dispose();
            throw;
        }
    }

    /// <summary>The window size, or null when it cannot be read.</summary>
    public (int Width, int Height)? GetSize()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                var ws = new Winsize();
                if (Native.ioctl(StdOut, Native.TIOCGWINSZ_LINUX, ref ws) == 0 && ws.Col > 0 && ws.Row > 0) return (ws.Col, ws.Row);
                if (Native.ioctl(StdIn, Native.TIOCGWINSZ_LINUX, ref ws) == 0 && ws.Col > 0 && ws.Row > 0) return (ws.Col, ws.Row);
                return null;
            }
            int w = Console.WindowWidth, h = Console.WindowHeight;
            return w > 0 && h > 0 ? (w, h) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Writes output bytes to the screen as they are.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        _stdout.Write(data);
        _stdout.Flush();
    }

    /// <summary>Writes bytes to standard error as they are.</summary>
    public void WriteError(ReadOnlySpan<byte> data)
    {
        _stderr.Write(data);
        _stderr.Flush();
    }

    /// <summary>
    /// Reads what was typed; blocks the calling thread in short polls until input is ready, the input ends (0),
    /// or <paramref name="cancellationToken"/> is cancelled (OperationCanceledException). No read is left pending after it returns.
    /// </summary>
    public int Read(byte[] buffer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (OperatingSystem.IsWindows()) return ReadWindows(buffer, cancellationToken);
        var fds = new PollFd[1];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            KeepMode();
            fds[0] = new PollFd { Fd = StdIn, Events = Native.POLLIN };
            int ready = Native.poll(fds, 1, PollIntervalMs);
            if (ready < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Native.EINTR || errno == Native.EAGAIN) continue;
                throw new IOException($"poll on standard input failed (errno {errno}).");
            }
            if (ready == 0) continue;
            cancellationToken.ThrowIfCancellationRequested();
            if ((fds[0].Revents & (Native.POLLIN | Native.POLLHUP | Native.POLLERR)) == 0)
            {
                if ((fds[0].Revents & Native.POLLNVAL) != 0) return 0;
                continue;
            }
            nint n = Native.read(StdIn, buffer, buffer.Length);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Native.EINTR || errno == Native.EAGAIN) continue;
                if (errno == Native.EIO) return 0; // the terminal went away
                throw new IOException($"read on standard input failed (errno {errno}).");
            }
            return (int)n;
        }
    }

    private int ReadWindows(byte[] buffer, CancellationToken cancellationToken)
    {
        nint handle = Native.GetStdHandle(Native.STD_INPUT_HANDLE);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            uint wait = Native.WaitForSingleObject(handle, PollIntervalMs);
            if (wait == Native.WAIT_TIMEOUT) continue;
            if (wait != 0) return 0;
            cancellationToken.ThrowIfCancellationRequested();
            if (!Native.ReadFile(handle, buffer, buffer.Length, out int read, 0)) return 0;
            return read;
        }
    }

    /// <summary>Sets the mode again when something (.NET's console code on SIGCHLD/SIGCONT) changed it.</summary>
    private void KeepMode()
    {
        if (_appliedTermios is null) return;
        var now = new byte[Native.TermiosSize];
        if (Native.tcgetattr(StdIn, now) != 0) return;
        if (now.AsSpan().SequenceEqual(_appliedTermios)) return;
        lock (_restoreLock)
        {
            if (_rawTermios is not null) _ = Native.tcsetattr(StdIn, Native.TCSANOW, _rawTermios);
        }
    }

    private void SetMode()
    {
        if (OperatingSystem.IsWindows())
        {
            SetWindowsMode();
            return;
        }
        var saved = new byte[Native.TermiosSize];
        if (Native.tcgetattr(StdIn, saved) != 0) return;
        byte[] wanted = Tweak(saved);
        lock (_restoreLock)
        {
            _savedTermios = saved;
            if (Native.tcsetattr(StdIn, Native.TCSANOW, wanted) != 0)
                throw new IOException($"Could not set the terminal mode (errno {Marshal.GetLastPInvokeError()}).");
        }
        _rawTermios = wanted;
        var applied = new byte[Native.TermiosSize];
        if (Native.tcgetattr(StdIn, applied) == 0) _appliedTermios = applied;
        if (_mode == TerminalInputMode.Raw)
        {
            // .NET's console code puts its own mode back when a child process ends (SIGCHLD) or the process
            // continues (SIGCONT). Cancelling that default while we own the terminal keeps it raw (process reaping
            // is not affected); our mode is set again at once. KeepMode covers whatever else changes it.
            _sigchld = PosixSignalRegistration.Create(PosixSignal.SIGCHLD, OnTerminalSignal);
            _sigcont = PosixSignalRegistration.Create(PosixSignal.SIGCONT, OnTerminalSignal);
        }
    }

    private void OnTerminalSignal(PosixSignalContext context)
    {
        lock (_restoreLock)
        {
            if (_rawTermios is null) return;
            context.Cancel = true;
            _ = Native.tcsetattr(StdIn, Native.TCSANOW, _rawTermios);
        }
    }

    /// <summary>The mode wanted, made from the saved one.</summary>
    private byte[] Tweak(byte[] saved)
    {
        byte[] t = (byte[])saved.Clone();
        if (_mode == TerminalInputMode.Raw)
        {
            Native.cfmakeraw(t);
            return t;
        }
        // Line mode: the terminal's own line editing, echo and signals. Flags are at known places on Linux and macOS only.
        TermiosLayout? layout = TermiosLayout.Current;
        if (layout is null) return t;
        layout.Or(t, layout.IFlagOffset, layout.ICRNL);
        layout.Or(t, layout.OFlagOffset, layout.OPOST | layout.ONLCR);
        layout.Or(t, layout.LFlagOffset, layout.ICANON | layout.ECHO | layout.ECHOE | layout.ECHOK | layout.ISIG | layout.IEXTEN);
        return t;
    }

    private void SetWindowsMode()
    {
        nint input = Native.GetStdHandle(Native.STD_INPUT_HANDLE);
        nint output = Native.GetStdHandle(Native.STD_OUTPUT_HANDLE);
        if (!Native.GetConsoleMode(input, out _savedInMode) || !Native.GetConsoleMode(output, out _savedOutMode)) return;
        _windowsModeSet = true;
        uint inMode = _savedInMode;
        if (_mode == TerminalInputMode.Raw)
        {
            inMode &= ~(Native.ENABLE_ECHO_INPUT | Native.ENABLE_LINE_INPUT | Native.ENABLE_PROCESSED_INPUT | Native.ENABLE_MOUSE_INPUT | Native.ENABLE_WINDOW_INPUT);
            inMode |= Native.ENABLE_VIRTUAL_TERMINAL_INPUT;
        }
        else
        {
            inMode |= Native.ENABLE_ECHO_INPUT | Native.ENABLE_LINE_INPUT | Native.ENABLE_PROCESSED_INPUT;
        }
        _ = Native.SetConsoleMode(input, inMode);
        _ = Native.SetConsoleMode(output, _savedOutMode | Native.ENABLE_VIRTUAL_TERMINAL_PROCESSING | Native.DISABLE_NEWLINE_AUTO_RETURN);
    }

    /// <summary>Restores the terminal mode. Safe to call more than once and from any thread.</summary>
    public void Restore()
    {
        _sigchld?.Dispose();
        _sigcont?.Dispose();
        lock (_restoreLock)
        {
            if (_savedTermios is not null)
            {
                _ = Native.tcsetattr(StdIn, Native.TCSANOW, _savedTermios);
                _savedTermios = null;
                _appliedTermios = null;
                _rawTermios = null;
            }
            if (_windowsModeSet)
            {
                _ = Native.SetConsoleMode(Native.GetStdHandle(Native.STD_INPUT_HANDLE), _savedInMode);
                _ = Native.SetConsoleMode(Native.GetStdHandle(Native.STD_OUTPUT_HANDLE), _savedOutMode);
                _windowsModeSet = false;
            }
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Restore();
        _stdout.Dispose();
        _stderr.Dispose();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Winsize
    {
        public ushort Row;
        public ushort Col;
        public ushort XPixel;
        public ushort YPixel;
    }

    /// <summary>Where the termios flags are (Linux: 32-bit flags; macOS: 64-bit flags), for line mode.</summary>
    private sealed class TermiosLayout
    {
        public static TermiosLayout? Current { get; } =
            OperatingSystem.IsLinux() ? new TermiosLayout(4, 0x100, 0x1, 0x4, 0x2, 0x8, 0x10, 0x20, 0x1, 0x8000)
            : OperatingSystem.IsMacOS() ? new TermiosLayout(8, 0x100, 0x1, 0x2, 0x100, 0x8, 0x2, 0x4, 0x80, 0x400)
            : null;

        private readonly int _size;

        private TermiosLayout(int size, uint icrnl, uint opost, uint onlcr, uint icanon, uint echo, uint echoe, uint echok, uint isig, uint iexten)
        {
            _size = size;
            ICRNL = icrnl; OPOST = opost; ONLCR = onlcr; ICANON = icanon; ECHO = echo; ECHOE = echoe; ECHOK = echok; ISIG = isig; IEXTEN = iexten;
        }

        public int IFlagOffset => 0;
        public int OFlagOffset => _size;
        public int LFlagOffset => 3 * _size;
        public uint ICRNL { get; }
        public uint OPOST { get; }
        public uint ONLCR { get; }
        public uint ICANON { get; }
        public uint ECHO { get; }
        public uint ECHOE { get; }
        public uint ECHOK { get; }
        public uint ISIG { get; }
        public uint IEXTEN { get; }

        public void Or(byte[] termios, int offset, uint bits)
        {
            // The low 32 bits of a little- or big-endian flag word.
            int at = BitConverter.IsLittleEndian ? offset : offset + _size - 4;
            uint v = BitConverter.ToUInt32(termios, at);
            BitConverter.TryWriteBytes(termios.AsSpan(at, 4), v | bits);
        }
    }

    private static class Native
    {
        // Larger than struct termios on every Unix .NET runs on (Linux 60 bytes, macOS 72): an opaque buffer.
        public const int TermiosSize = 256;
        public const int TCSANOW = 0;
        public const short POLLIN = 0x1;
        public const short POLLERR = 0x8;
        public const short POLLHUP = 0x10;
        public const short POLLNVAL = 0x20;
        public const int EINTR = 4;
        public static readonly int EAGAIN = OperatingSystem.IsLinux() ? 11 : 35;
        public const int EIO = 5;
        public const nuint TIOCGWINSZ_LINUX = 0x5413;

        [DllImport("libc", SetLastError = true)]
        public static extern int tcgetattr(int fd, byte[] termios);

        [DllImport("libc", SetLastError = true)]
        public static extern int tcsetattr(int fd, int optionalActions, byte[] termios);

        [DllImport("libc")]
        public static extern void cfmakeraw(byte[] termios);

        [DllImport("libc", SetLastError = true)]
        public static extern int poll([In, Out] PollFd[] fds, nuint nfds, int timeout);

        [DllImport("libc", SetLastError = true)]
        public static extern nint read(int fd, byte[] buffer, nint count);

        [DllImport("libc", SetLastError = true)]
        public static extern int ioctl(int fd, nuint request, ref Winsize size);

        public const int STD_INPUT_HANDLE = -10;
        public const int STD_OUTPUT_HANDLE = -11;
        public const uint WAIT_TIMEOUT = 0x102;
        public const uint ENABLE_PROCESSED_INPUT = 0x1;
        public const uint ENABLE_LINE_INPUT = 0x2;
        public const uint ENABLE_ECHO_INPUT = 0x4;
        public const uint ENABLE_WINDOW_INPUT = 0x8;
        public const uint ENABLE_MOUSE_INPUT = 0x10;
        public const uint ENABLE_VIRTUAL_TERMINAL_INPUT = 0x200;
        public const uint ENABLE_VIRTUAL_TERMINAL_PROCESSING = 0x4;
        public const uint DISABLE_NEWLINE_AUTO_RETURN = 0x8;

        [DllImport("kernel32", SetLastError = true)]
        public static extern nint GetStdHandle(int which);

        [DllImport("kernel32", SetLastError = true)]
        public static extern bool GetConsoleMode(nint handle, out uint mode);

        [DllImport("kernel32", SetLastError = true)]
        public static extern bool SetConsoleMode(nint handle, uint mode);

        [DllImport("kernel32", SetLastError = true)]
        public static extern uint WaitForSingleObject(nint handle, uint milliseconds);

        [DllImport("kernel32", SetLastError = true)]
        public static extern bool ReadFile(nint handle, byte[] buffer, int count, out int read, nint overlapped);
    }
}
