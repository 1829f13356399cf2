using PSDocker.Core.Containers;

namespace PSDocker.Core.Tests;

public class ProcessTableTests
{
    private static readonly Container Web = new() { Id = "8dfafdbc3a40", Name = "web", Endpoint = "unix:///run/docker.sock" };

    [Fact]
    public void Maps_the_ps_ef_columns_Docker_sends_by_default()
    {
        string[] titles = { "UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD" };
        string[] row = { "root", "4242", "4200", "0", "15:20", "?", "00:00:00", "sleep 600" };

        ContainerProcess p = ProcessTable.Map(titles, row, Web);

        Assert.Equal(4242, p.Pid);
        Assert.Equal(4200, p.ParentPid);
        Assert.Equal("root", p.User);
        Assert.Equal("sleep 600", p.Command);
        Assert.Equal("?", p.Tty);
        Assert.Equal("00:00:00", p.Time);
        Assert.Equal("15:20", p.Started);
        Assert.Equal("0", p.Values["C"]);
        Assert.Equal(8, p.Values.Count);
        Assert.Equal("web", p.ContainerName);
        Assert.Equal("8dfafdbc3a40", p.ContainerId);
        Assert.Equal("unix:///run/docker.sock", p.Endpoint);
    }

    [Fact]
    public void Maps_the_aux_and_Podman_titles_and_leaves_absent_ones_null()
    {
        string[] aux = { "USER", "PID", "%CPU", "%MEM", "VSZ", "RSS", "TTY", "STAT", "START", "TIME", "COMMAND" };
        ContainerProcess a = ProcessTable.Map(aux, new[] { "1000", "77", "0.0", "0.1", "1320", "4", "pts/0", "Ss", "15:21", "0:00", "sh -c x" }, Web);
        Assert.Equal(77, a.Pid);
        Assert.Null(a.ParentPid);
        Assert.Equal("1000", a.User);
        Assert.Equal("sh -c x", a.Command);
        Assert.Equal("pts/0", a.Tty);
        Assert.Equal("15:21", a.Started);
        Assert.Equal("Ss", a.Values["stat"]);

        string[] podman = { "USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND" };
        ContainerProcess p = ProcessTable.Map(podman, new[] { "root", "1", "0", "0.000", "5.1s", "?", "0s", "sleep 600" }, Web);
        Assert.Equal(1, p.Pid);
        Assert.Equal(0, p.ParentPid);
        Assert.Null(p.Started);
        Assert.Equal("5.1s", p.Values["ELAPSED"]);
    }

    [Fact]
    public void A_short_row_or_a_non_numeric_pid_gives_nulls_not_errors()
    {
        ContainerProcess p = ProcessTable.Map(new[] { "PID", "CMD" }, new[] { "-" }, Web);
        Assert.Null(p.Pid);
        Assert.Null(p.Command);
        Assert.Single(p.Values);
    }

    [Fact]
    public void Splits_the_unsplit_table_Podman_4_sends()
    {
        ContainerProcess p = ProcessTable.Map(new[] { "PID   USER     COMMAND" }, new[] { "1 root     sh -c sleep 600 & wait" }, Web);
        Assert.Equal(1, p.Pid);
        Assert.Equal("root", p.User);
        Assert.Equal("sh -c sleep 600 & wait", p.Command);
        Assert.Equal(3, p.Values.Count);
    }
}
