namespace CnnPerf.Native.Interop;

/// <summary><c>enum perf_event_read_format</c>: what <c>read()</c> of a counter returns.</summary>
[Flags]
internal enum PerfReadFormat : ulong
{
    None = 0,
    /// <summary><c>PERF_FORMAT_TOTAL_TIME_ENABLED</c>.</summary>
    TotalTimeEnabled = 1 << 0,
    /// <summary><c>PERF_FORMAT_TOTAL_TIME_RUNNING</c>.</summary>
    TotalTimeRunning = 1 << 1,
    /// <summary><c>PERF_FORMAT_ID</c>.</summary>
    Id = 1 << 2,
    /// <summary><c>PERF_FORMAT_GROUP</c>.</summary>
    Group = 1 << 3,
    /// <summary><c>PERF_FORMAT_LOST</c>.</summary>
    Lost = 1 << 4,
}
