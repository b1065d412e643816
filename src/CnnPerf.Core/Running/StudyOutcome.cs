namespace CnnPerf.Running;

/// <summary>What a study produced.</summary>
/// <param name="RunId">The run's id in the store, or null without a store (or when nothing was saved).</param>
/// <param name="Results">The result of every configuration that ended (ok, failed or interrupted), in order, as the store holds it.</param>
/// <param name="Interrupted">True when the study was stopped before every configuration ended.</param>
public sealed record StudyOutcome(long? RunId, IReadOnlyList<RunResult> Results, bool Interrupted)
{
    /// <summary>
    /// The results the store refused (its <see cref="Results"/> entry is then failed with the reason), as they were
    /// measured, and the files that kept them.
    /// </summary>
    public IReadOnlyList<UnsavedResult> Unsaved { get; init; } = [];
}
