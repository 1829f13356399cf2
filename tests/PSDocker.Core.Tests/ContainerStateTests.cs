namespace PSDocker.Core.Tests;

public class ContainerStateTests
{
    [Theory]
    [InlineData("created", ContainerState.Created)]
    [InlineData("running", ContainerState.Running)]
    [InlineData("paused", ContainerState.Paused)]
    [InlineData("restarting", ContainerState.Restarting)]
    [InlineData("removing", ContainerState.Removing)]
    [InlineData("exited", ContainerState.Stopped)]
    [InlineData("dead", ContainerState.Dead)]
    public void DockerStates(string word, ContainerState expected)
        => Assert.Equal(expected, ContainerStateMapper.FromEngine(word));

    [Theory]
    [InlineData("stopped", ContainerState.Stopped)]
    [InlineData("initialized", ContainerState.Created)]
    [InlineData("configured", ContainerState.Created)]
    [InlineData("stopping", ContainerState.Running)]
    public void PodmanStates(string word, ContainerState expected)
        => Assert.Equal(expected, ContainerStateMapper.FromEngine(word));

    [Theory]
    [InlineData("Running", ContainerState.Running)]
    [InlineData("EXITED", ContainerState.Stopped)]
    [InlineData("Paused", ContainerState.Paused)]
    public void IsCaseInsensitive(string word, ContainerState expected)
        => Assert.Equal(expected, ContainerStateMapper.FromEngine(word));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hibernating")]
    [InlineData(" running")]
    public void UnknownWords_MapToUnknown(string? word)
        => Assert.Equal(ContainerState.Unknown, ContainerStateMapper.FromEngine(word));

    [Theory]
    [InlineData(ContainerState.Created, "created")]
    [InlineData(ContainerState.Running, "running")]
    [InlineData(ContainerState.Paused, "paused")]
    [InlineData(ContainerState.Restarting, "restarting")]
    [InlineData(ContainerState.Removing, "removing")]
    [InlineData(ContainerState.Stopped, "exited")]
    [InlineData(ContainerState.Dead, "dead")]
    public void ToEngine_GivesTheStatusFilterWord(ContainerState state, string expected)
        => Assert.Equal(expected, ContainerStateMapper.ToEngine(state));

    [Fact]
    public void ToEngine_RejectsUnknown()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ContainerStateMapper.ToEngine(ContainerState.Unknown));
        Assert.Equal("state", ex.ParamName);
    }

    [Fact]
    public void EveryKnownState_RoundTrips()
    {
        foreach (ContainerState state in Enum.GetValues<ContainerState>().Where(s => s != ContainerState.Unknown))
            Assert.Equal(state, ContainerStateMapper.FromEngine(ContainerStateMapper.ToEngine(state)));
    }
}
