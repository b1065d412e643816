namespace CnnPerf.Power;

/// <summary>Which side of an instant a value is taken from, where a trace steps at that instant.</summary>
public enum Limit
{
    /// <summary>The value just before the instant (the end of an interval).</summary>
    Before,
    /// <summary>The value just after the instant (the start of an interval).</summary>
    After,
}
