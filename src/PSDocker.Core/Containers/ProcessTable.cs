namespace PSDocker.Core.Containers;

/// <summary>Turns one row of the engine's <c>ps</c> table (titles + values) into a <see cref="ContainerProcess"/>.</summary>
/// <remarks>
/// The columns depend on the ps arguments and the engine: Docker's default is <c>ps -ef</c>
/// (<c>UID PID PPID C STIME TTY TIME CMD</c>), <c>aux</c> gives <c>USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND</c>,
/// Podman writes <c>USER PID PPID %CPU ELAPSED TTY TIME COMMAND</c>. Known titles fill the typed properties; every column is in Values.
/// </remarks>
internal static class ProcessTable
{
    private static readonly string[] UserTitles = { "UID", "USER", "EUSER", "RUSER", "UNAME" };
    private static readonly string[] CommandTitles = { "CMD", "COMMAND", "ARGS", "COMM", "UCMD", "UCOMM" };
    private static readonly string[] TtyTitles = { "TTY", "TT" };
    private static readonly string[] StartedTitles = { "STIME", "START", "LSTART", "STARTED" };

    /// <summary>Splits a ps line into <paramref name="count"/> columns at runs of spaces; the last column keeps the rest (the command line).</summary>
    internal static string[] SplitColumns(string line, int count)
    {
        var columns = new List<string>(count);
        string rest = line.Trim();
        while (columns.Count < count - 1 && rest.Length > 0)
        {
            int space = rest.IndexOf(' ');
            if (space < 0) break;
            columns.Add(rest.Substring(0, space));
            rest = rest.Substring(space).TrimStart();
        }
        columns.Add(rest);
        return columns.ToArray();
    }

    public static ContainerProcess Map(IReadOnlyList<string> titles, IReadOnlyList<string> row, Container container)
    {
        if (titles.Count == 1 && row.Count == 1 && titles[0].Trim().Contains(' '))
        {
            // Podman 4 sends the ps output of the container unsplit: one title "PID   USER     COMMAND" and one value per row.
            titles = titles[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            row = SplitColumns(row[0], titles.Count);
        }
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < titles.Count && i < row.Count; i++)
            values.TryAdd(titles[i].Trim(), row[i]);

        string? First(string[] names)
        {
            foreach (string n in names)
                if (values.TryGetValue(n, out string? v)) return v;
            return null;
        }
        static int? Int(string? s) => int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : null;

        return new ContainerProcess
        {
            Pid = Int(First(new[] { "PID" })),
            ParentPid = Int(First(new[] { "PPID" })),
            User = First(UserTitles),
            Command = First(CommandTitles),
            Tty = First(TtyTitles),
            Time = First(new[] { "TIME" }),
            Started = First(StartedTitles),
            Values = values,
            ContainerName = container.Name,
            ContainerId = container.Id,
            Endpoint = container.Endpoint,
        };
    }
}
