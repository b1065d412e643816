using CnnPerf.Native.Perf;

namespace CnnPerf.Counters;

/// <summary>
/// The counter source over Linux <c>perf_event_open</c>: opens every mapped event that is available here
/// (inherit, so threads created after <see cref="Start"/> are counted) and reports the others, with the errno
/// and the fix, through <see cref="Probe"/>. Snapshots are keyed by metric id; clock events (task-clock) hold
/// nanoseconds.
/// </summary>
public sealed class PerfCounterSource : ICounterSource
{
    private readonly IReadOnlyList<PerfCounterMapping> _mapping;
    private readonly PerfEventBuilder _builder;
    private readonly List<(PerfCounterGroup Group, string[] MetricIds)> _groups = [];
    private IReadOnlyList<CounterStatus>? _probe;
    private bool _disposed;

    /// <summary>Creates the source with the standard mapping of <c>hw.*</c> and <c>sw.*</c> metrics.</summary>
    public PerfCounterSource() : this(PerfCounterMapping.Standard)
    {
    }

    /// <summary>Creates the source for the given metrics.</summary>
    /// <param name="mapping">Which event feeds which metric.</param>
    /// <param name="builder">
    /// Counter settings (for example <c>ExcludeKernel</c> for unprivileged users); inherit and disabled are
    /// always set.
    /// </param>
    public PerfCounterSource(IReadOnlyList<PerfCounterMapping> mapping, PerfEventBuilder? builder = null)
    {
        _mapping = mapping;
        _builder = (builder ?? new PerfEventBuilder()) with { Inherit = true, Disabled = true };
    }

    /// <inheritdoc />
    public string Name => "perf";

    /// <summary>True once <see cref="Start"/> opened the counters.</summary>
    public bool IsStarted => _groups.Count > 0;

    /// <inheritdoc />
    public IReadOnlyList<CounterStatus> Probe()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _probe ??= [.. _mapping.Select(m =>
        {
            var availability = PerfEventProbe.Probe(m.Event, _builder);
            return new CounterStatus(m.MetricId, m.Event.Name, m.Event.Kind, availability.Opened, availability.Errno, availability.Hint);
        })];
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsStarted)
        {
            throw new InvalidOperationException("the perf counter source is already started");
        }
        var available = Probe().Where(s => s.Available).Select(s => s.MetricId).ToHashSet(StringComparer.Ordinal);
        try
        {
            foreach (var group in _mapping.Where(m => available.Contains(m.MetricId)).GroupBy(m => m.Group))
            {
                var members = group.ToArray();
                _groups.Add((_builder.OpenGroup([.. members.Select(m => m.Event)]), [.. members.Select(m => m.MetricId)]));
            }
            foreach (var (group, _) in _groups)
            {
                group.Enable();
            }
        }
        catch
        {
            CloseGroups();
            throw;
        }
    }

    /// <inheritdoc />
    public CounterSnapshot Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var values = new Dictionary<string, CounterValue>(StringComparer.Ordinal);
        Span<CounterValue> buffer = stackalloc CounterValue[32];
        foreach (var (group, metricIds) in _groups)
        {
            var readings = group.Count <= buffer.Length ? buffer[..group.Count] : new CounterValue[group.Count];
            group.Read(readings);
            for (var i = 0; i < metricIds.Length; i++)
            {
                values[metricIds[i]] = readings[i];
            }
        }
        return new CounterSnapshot(values);
    }

    /// <summary>Closes every counter.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        CloseGroups();
    }

    private void CloseGroups()
    {
        foreach (var (group, _) in _groups)
        {
            group.Dispose();
        }
        _groups.Clear();
    }
}
