using CnnPerf.Native.Perf;

namespace CnnPerf.Counters;

/// <summary>
/// The counter source over Linux <c>perf_event_open</c>: opens every mapped event that is available here
/// (inherit, so threads created after <see cref="Start"/> are counted) and reports the others, with the errno
/// and the fix, through <see cref="Probe"/>. Snapshots are keyed by metric id; clock events (task-clock) hold
/// nanoseconds. A group that fails to open or to read never fails the measurement: its counters are reported
/// unavailable with the reason, and snapshots leave them out from then on.
/// </summary>
public sealed class PerfCounterSource : ICounterSource
{
    private readonly IReadOnlyList<PerfCounterMapping> _mapping;
    private readonly PerfEventBuilder _builder;
    private readonly Func<PerfEventBuilder, IReadOnlyList<IPerfEvent>, PerfCounterGroup> _openGroup;
    private readonly List<(PerfCounterGroup Group, string[] MetricIds)> _groups = [];
    private List<CounterStatus>? _statuses;
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
        : this(mapping, builder, static (settings, events) => settings.OpenGroup(events))
    {
    }

    /// <summary>Creates the source with its own way to open a group (a seam for tests).</summary>
    internal PerfCounterSource(IReadOnlyList<PerfCounterMapping> mapping, PerfEventBuilder? builder,
        Func<PerfEventBuilder, IReadOnlyList<IPerfEvent>, PerfCounterGroup> openGroup)
    {
        _mapping = mapping;
        _builder = (builder ?? new PerfEventBuilder()) with { Inherit = true, Disabled = true };
        _openGroup = openGroup;
    }

    /// <inheritdoc />
    public string Name => "perf";

    /// <summary>True once <see cref="Start"/> ran.</summary>
    public bool IsStarted { get; private set; }

    /// <inheritdoc />
    public IReadOnlyList<CounterStatus> Probe()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return [.. Statuses];
    }

    /// <summary>Every counter's status: what the probe found, then what happened to it since <see cref="Start"/>.</summary>
    private List<CounterStatus> Statuses => _statuses ??= [.. _mapping.Select(m =>
    {
        var availability = PerfEventProbe.Probe(m.Event, _builder);
        return new CounterStatus(m.MetricId, m.Event.Name, m.Event.Kind, availability.Opened, availability.Errno, availability.Hint);
    })];

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsStarted)
        {
            throw new InvalidOperationException("the perf counter source is already started");
        }
        IsStarted = true;
        var available = Statuses.Where(s => s.Available).Select(s => s.MetricId).ToHashSet(StringComparer.Ordinal);
        try
        {
            foreach (var group in _mapping.Where(m => available.Contains(m.MetricId)).GroupBy(m => m.Group))
            {
                var members = group.ToArray();
                string[] metricIds = [.. members.Select(m => m.MetricId)];
                try
                {
                    _groups.Add((_openGroup(_builder, [.. members.Select(m => m.Event)]), metricIds));
                }
                catch (PerfEventException e)
                {
                    MarkUnavailable(metricIds, e, "did not open as a group");
                }
            }
            for (var g = 0; g < _groups.Count; g++)
            {
                try
                {
                    _groups[g].Group.Enable();
                }
                catch (PerfEventException e)
                {
                    Drop(g--, e, "did not enable");
                }
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
        for (var g = 0; g < _groups.Count; g++)
        {
            var (group, metricIds) = _groups[g];
            var readings = group.Count <= buffer.Length ? buffer[..group.Count] : new CounterValue[group.Count];
            try
            {
                group.Read(readings);
            }
            catch (PerfEventException e)
            {
                Drop(g--, e, "stopped counting mid-run (counts per inference up to then are kept; no total for the run)");
                continue;
            }
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

    /// <summary>Closes a group that failed and marks its counters unavailable.</summary>
    private void Drop(int index, PerfEventException failure, string what)
    {
        var (group, metricIds) = _groups[index];
        group.Dispose();
        _groups.RemoveAt(index);
        MarkUnavailable(metricIds, failure, what);
    }

    private void MarkUnavailable(IReadOnlyCollection<string> metricIds, PerfEventException failure, string what)
    {
        var statuses = Statuses;
        for (var i = 0; i < statuses.Count; i++)
        {
            if (metricIds.Contains(statuses[i].MetricId))
            {
                statuses[i] = statuses[i] with { Available = false, Errno = failure.Errno, Reason = $"{what}: {failure.Message}" };
            }
        }
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
