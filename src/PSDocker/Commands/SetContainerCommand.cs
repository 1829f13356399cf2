using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Changes containers' resource limits and restart policy without recreating them (<c>docker update</c>).</summary>
[Cmdlet(VerbsCommon.Set, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class SetContainerCommand : ContainerTargetCmdlet
{
    private ContainerUpdateOptions _options = new();

    /// <summary>Memory limit: bytes (512MB) or docker's notation ('512m', '1.5g'); at least 6MB (<c>-m</c>).</summary>
    [Parameter]
    [ByteSizeTransformation]
    public long? Memory { get; set; }

    /// <summary>Memory plus swap: bytes or docker's notation; -1 for unlimited swap (<c>--memory-swap</c>).</summary>
    [Parameter]
    [ByteSizeTransformation]
    public long? MemorySwap { get; set; }

    /// <summary>How many CPUs the container may use, such as 1.5 (<c>--cpus</c>).</summary>
    [Parameter]
    public double? Cpus { get; set; }

    /// <summary>Relative CPU weight against other containers; 1024 is the default (<c>--cpu-shares</c>).</summary>
    [Parameter]
    [ValidateRange(0, 262144)]
    public long? CpuShares { get; set; }

    /// <summary>The CPUs the container may run on: '0-3', '0,2' (<c>--cpuset-cpus</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CpusetCpus { get; set; }

    /// <summary>The most processes the container may run; -1 for no limit (<c>--pids-limit</c>).</summary>
    [Parameter]
    [ValidateRange(-1, long.MaxValue)]
    public long? PidsLimit { get; set; }

    /// <summary>When the engine restarts the container: no, always, unless-stopped, on-failure[:max-retries] (<c>--restart</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RestartPolicyCompleter))]
    public string? RestartPolicy { get; set; }

    /// <summary>With -RestartPolicy on-failure: how many times to restart (the same as 'on-failure:N').</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? MaximumRetryCount { get; set; }

    /// <summary>Returns each container after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        // Every value is checked before anything is sent.
        Check(ResourceLimits.CheckMemory(Memory), "InvalidMemoryLimit", Memory);
        Check(ResourceLimits.CheckMemorySwap(MemorySwap, Memory), "InvalidMemorySwap", MemorySwap);
        Check(ResourceLimits.CheckCpus(Cpus), "InvalidCpus", Cpus);
        Check(ResourceLimits.CheckCpuset(CpusetCpus), "InvalidCpuset", CpusetCpus);
        RestartPolicySpec? restart = null;
        if (RestartPolicy is not null)
        {
            try { restart = RestartPolicySpec.Parse(RestartPolicy); }
            catch (FormatException ex) { Check(new ArgumentException(ex.Message, ex), "InvalidRestartPolicy", RestartPolicy); }
        }
        if (MaximumRetryCount is int retries)
        {
            if (restart is not { Name: "on-failure" })
                Check(new ArgumentException("-MaximumRetryCount goes with -RestartPolicy on-failure: only that policy counts retries."), "InvalidRestartPolicy", MaximumRetryCount);
            else if (restart.MaximumRetryCount != 0 && restart.MaximumRetryCount != retries)
                Check(new ArgumentException($"-RestartPolicy '{RestartPolicy}' and -MaximumRetryCount {retries} give two retry counts: give one."), "InvalidRestartPolicy", MaximumRetryCount);
            else restart = restart with { MaximumRetryCount = retries };
        }
        _options = new ContainerUpdateOptions
        {
            Memory = Memory,
            MemorySwap = MemorySwap,
            Cpus = Cpus,
            CpuShares = CpuShares,
            CpusetCpus = CpusetCpus,
            PidsLimit = PidsLimit,
            RestartPolicy = restart,
        };
        if (_options.IsEmpty)
            Check(new ArgumentException("Nothing to change: give -Memory, -MemorySwap, -Cpus, -CpuShares, -CpusetCpus, -PidsLimit or -RestartPolicy."), "NoContainerSettingGiven", null);
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        foreach (ContainerTarget target in Targets())
        {
            if (!ShouldProcess(Describe(target), $"Update container ({Summary()})")) continue;
            DockerClient client = ClientFor(target);
            try
            {
                foreach (string warning in Wait(ct => client.Containers.UpdateAsync(target.IdOrName, _options, ct)))
                    WriteWarning($"{Describe(target)}: {warning}");
                if (PassThru) WriteObject(Wait(ct => client.Containers.InspectAsync(target.IdOrName, new(), ct)));
            }
            catch (DockerApiException ex)
            {
                WriteContainerError(ex, target.Display, client, ApiOperation.Update);
            }
        }
    }

    // The settings as docker update's flags, for -WhatIf and -Confirm.
    private string Summary()
    {
        var parts = new List<string>();
        if (_options.Memory is long m) parts.Add("memory " + ByteSize.Format(m));
        if (_options.MemorySwap is long s) parts.Add("memory+swap " + (s == -1 ? "unlimited" : ByteSize.Format(s)));
        if (_options.Cpus is double c) parts.Add("cpus " + c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_options.CpuShares is long sh) parts.Add("cpu-shares " + sh);
        if (_options.CpusetCpus is { } set) parts.Add("cpuset-cpus " + set);
        if (_options.PidsLimit is long p) parts.Add("pids-limit " + (p == -1 ? "unlimited" : p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (_options.RestartPolicy is { } r) parts.Add("restart " + r);
        return string.Join(", ", parts);
    }

    private void Check(ArgumentException? problem, string errorId, object? target)
    {
        if (problem is not null) ThrowTerminatingError(DockerErrors.InvalidArgument(problem, errorId, target));
    }
}
