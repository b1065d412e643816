namespace CnnPerf.Running;

/// <summary>A study's progress: a configuration started (no result yet) or finished (with its result).</summary>
/// <param name="Index">Position of the configuration, from 0.</param>
/// <param name="Total">Number of configurations in the study.</param>
/// <param name="Configuration">The configuration.</param>
/// <param name="Result">The result when it finished; null when it starts.</param>
public sealed record StudyProgress(int Index, int Total, RunConfiguration Configuration, RunResult? Result);
