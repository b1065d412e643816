namespace CnnPerf.Running;

/// <summary>What a study produced.</summary>
/// <param name="RunId">The run's id in the store, or null without a store.</param>
/// <param name="Results">The result of every configuration that finished (ok or failed), in order.</param>
/// <param name="Interrupted">True when the study was stopped before every configuration ran.</param>
public sealed record StudyOutcome(long? RunId, IReadOnlyList<RunResult> Results, bool Interrupted);
