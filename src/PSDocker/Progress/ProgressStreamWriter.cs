using System.Diagnostics;
using System.Management.Automation;
using PSDocker.Core.Json;

namespace PSDocker.Progress;

/// <summary>
/// Turns a pull or push progress stream into Write-Progress: an overall bar (bytes of all layers) and a
/// child bar per layer, throttled so progress never slows the transfer, and all completed at the end.
/// Runs on the pipeline thread (the cmdlet drives the stream).
/// </summary>
internal sealed class ProgressStreamWriter
{
    private static readonly long Interval = Stopwatch.Frequency / 5; // at most 5 updates a second per bar
    private readonly Cmdlet _cmdlet;
    private readonly string _activity;
    private readonly int _parentId;
    private readonly Dictionary<string, Layer> _layers = new(StringComparer.Ordinal);
    private long _lastOverall;
    private int _nextId;

    public ProgressStreamWriter(Cmdlet cmdlet, string activity, int parentId)
    {
        _cmdlet = cmdlet;
        _activity = activity;
        _parentId = parentId;
        _nextId = parentId + 1;
    }

    /// <summary>The first in-band error message, when the stream reported one.</summary>
    public string? Error { get; private set; }

    /// <summary>The last status line that is not about a layer ("Digest: …", "Status: Downloaded newer image …").</summary>
    public List<string> StatusLines { get; } = new();

    /// <summary>The aux data of the stream (a push's digest), when any.</summary>
    public System.Text.Json.JsonElement? Aux { get; private set; }

    public void Write(JsonMessage message)
    {
        if (message.ErrorMessage is { } error)
        {
            Error ??= error;
            return;
        }
        if (message.Aux is { } aux) Aux = aux;
        if (string.IsNullOrEmpty(message.Id) || message.Status is null || IsTagLine(message))
        {
            if (!string.IsNullOrEmpty(message.Status))
            {
                string line = string.IsNullOrEmpty(message.Id) ? message.Status : $"{message.Id}: {message.Status}";
                StatusLines.Add(line);
                _cmdlet.WriteVerbose(line);
            }
            return;
        }

        if (!_layers.TryGetValue(message.Id, out Layer? layer))
            _layers[message.Id] = layer = new Layer(_nextId++, message.Id);

        string status = message.Status;
        layer.Status = status;
        if (message.ProgressDetail is { Total: > 0 } p)
        {
            if (status.StartsWith("Extracting", StringComparison.Ordinal)) layer.Extracted = p.Current;
            else
            {
                layer.Total = Math.Max(layer.Total, p.Total);
                layer.Current = p.Current;
            }
        }
        bool done = status is "Pull complete" or "Already exists" or "Pushed" or "Layer already exists" or "Mounted from" || status.StartsWith("Mounted from", StringComparison.Ordinal);
        if (status is "Download complete" or "Verifying Checksum" || done) layer.Current = layer.Total;

        long now = Stopwatch.GetTimestamp();
        if (done)
        {
            Complete(layer);
        }
        else if (now - layer.LastWrite >= Interval)
        {
            layer.LastWrite = now;
            int percent = layer.Total > 0
                ? (int)Math.Clamp((status.StartsWith("Extracting", StringComparison.Ordinal) ? layer.Extracted : layer.Current) * 100 / layer.Total, 0, 100)
                : -1;
            var record = new ProgressRecord(layer.ActivityId, $"Layer {layer.Id}", status + Bytes(layer, status))
            {
                ParentActivityId = _parentId,
                PercentComplete = percent,
            };
            _cmdlet.WriteProgress(record);
        }

        if (now - _lastOverall >= Interval)
        {
            _lastOverall = now;
            long total = _layers.Values.Sum(l => l.Total);
            long current = _layers.Values.Sum(l => Math.Min(l.Current, l.Total));
            int finished = _layers.Values.Count(l => l.Completed);
            var overall = new ProgressRecord(_parentId, _activity, $"{finished} of {_layers.Count} layers, {Human(current)} of {Human(total)}")
            {
                PercentComplete = total > 0 ? (int)Math.Clamp(current * 100 / total, 0, 100) : -1,
            };
            _cmdlet.WriteProgress(overall);
        }
    }

    private static bool IsTagLine(JsonMessage m) => m.ProgressDetail is null && m.Status is not null
        && (m.Status.StartsWith("Pulling from", StringComparison.Ordinal) || m.Status.StartsWith("The push refers to", StringComparison.Ordinal));

    private static string Bytes(Layer layer, string status)
    {
        if (layer.Total <= 0) return "";
        long current = status.StartsWith("Extracting", StringComparison.Ordinal) ? layer.Extracted : layer.Current;
        return $" {Human(current)} / {Human(layer.Total)}";
    }

    private void Complete(Layer layer)
    {
        if (layer.Completed) return;
        layer.Completed = true;
        _cmdlet.WriteProgress(new ProgressRecord(layer.ActivityId, $"Layer {layer.Id}", layer.Status) { ParentActivityId = _parentId, RecordType = ProgressRecordType.Completed });
    }

    /// <summary>Completes every bar.</summary>
    public void CompleteAll()
    {
        foreach (Layer layer in _layers.Values) Complete(layer);
        _cmdlet.WriteProgress(new ProgressRecord(_parentId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    internal static string Human(long bytes)
    {
        string[] units = { "B", "kB", "MB", "GB", "TB" };
        double value = bytes;
        int i = 0;
        while (value >= 1000 && i < units.Length - 1)
        {
            value /= 1000;
            i++;
        }
        return i == 0 ? $"{bytes} B" : $"{value:0.#} {units[i]}";
    }

    private sealed class Layer
    {
        public Layer(int activityId, string id)
        {
            ActivityId = activityId;
            Id = id;
        }

        public int ActivityId { get; }
        public string Id { get; }
        public string Status { get; set; } = "";
        public long Current { get; set; }
        public long Extracted { get; set; }
        public long Total { get; set; }
        public bool Completed { get; set; }
        public long LastWrite { get; set; }
    }
}
