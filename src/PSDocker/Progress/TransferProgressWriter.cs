using System.Management.Automation;
using PSDocker.Core.Archives;

namespace PSDocker.Progress;

/// <summary>
/// Receives a transfer's progress from Core on any thread (as an <see cref="IProgress{T}"/>) and keeps the latest;
/// the cmdlet writes it on the pipeline thread while it waits (<see cref="Commands.DockerCmdlet.WaitWithProgress"/>).
/// </summary>
public sealed class TransferProgressWriter : IProgress<TransferProgress>
{
    private readonly object _gate = new();
    private TransferProgress? _latest;
    private TransferProgress? _written;

    public TransferProgressWriter(int activityId, string activity)
    {
        ActivityId = activityId;
        Activity = activity;
    }

    public int ActivityId { get; }

    public string Activity { get; }

    public void Report(TransferProgress value)
    {
        lock (_gate) _latest = value;
    }

    /// <summary>A record for the latest report when it is new since the last one written, else null.</summary>
    public ProgressRecord? Next()
    {
        TransferProgress p;
        lock (_gate)
        {
            if (_latest is null || _latest == _written) return null;
            p = _latest.Value;
            _written = p;
        }
        string entries = p.Entries > 0 ? $"{p.Entries} items, " : "";
        string status = p.TotalBytes is long total && total > 0
            ? $"{entries}{ProgressStreamWriter.Human(p.Bytes)} of {ProgressStreamWriter.Human(total)}"
            : $"{entries}{ProgressStreamWriter.Human(p.Bytes)}";
        var record = new ProgressRecord(ActivityId, Activity, status);
        if (p.TotalBytes is long t && t > 0) record.PercentComplete = (int)Math.Min(100, p.Bytes * 100 / t);
        if (p.Current is { Length: > 0 } current) record.CurrentOperation = current;
        return record;
    }

    /// <summary>The record that ends the activity.</summary>
    public ProgressRecord Completed() => new(ActivityId, Activity, "Done") { RecordType = ProgressRecordType.Completed };
}
