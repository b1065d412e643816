namespace CnnPerf.Running;

/// <summary>When the measured phase stops. Create it with <see cref="ForIterations"/>, <see cref="ForDuration"/> or <see cref="Adaptive"/>.</summary>
/// <param name="Mode">The stopping rule.</param>
/// <param name="Iterations">Inferences to run (<see cref="MeasurementMode.Iterations"/>).</param>
/// <param name="Duration">Wall-clock time to run (<see cref="MeasurementMode.Duration"/>).</param>
/// <param name="TargetRelativeHalfWidth">Adaptive: stop when the 95% CI of the median is within +/- this fraction of it (0.01 = 1%).</param>
/// <param name="TimeCap">Adaptive: stop after this much wall-clock time even when the interval is wider.</param>
/// <param name="MinIterations">Adaptive: never stop before this many inferences.</param>
public sealed record MeasurementPolicy(MeasurementMode Mode, int Iterations, TimeSpan Duration, double TargetRelativeHalfWidth, TimeSpan TimeCap, int MinIterations)
{
    /// <summary>Runs exactly <paramref name="iterations"/> inferences.</summary>
    public static MeasurementPolicy ForIterations(int iterations) =>
        new(MeasurementMode.Iterations, iterations, TimeSpan.Zero, 0, TimeSpan.Zero, iterations);

    /// <summary>Runs inferences for <paramref name="duration"/> (at least one).</summary>
    public static MeasurementPolicy ForDuration(TimeSpan duration) =>
        new(MeasurementMode.Duration, 0, duration, 0, duration, 1);

    /// <summary>
    /// Runs until the 95% confidence interval of the median latency is within +/- <paramref name="targetRelativeHalfWidth"/>
    /// of the median (default 1%), after at least <paramref name="minIterations"/> inferences, or until <paramref name="timeCap"/>
    /// (default 20 s).
    /// </summary>
    public static MeasurementPolicy Adaptive(double targetRelativeHalfWidth = 0.01, TimeSpan? timeCap = null, int minIterations = 20) =>
        new(MeasurementMode.Adaptive, 0, TimeSpan.Zero, targetRelativeHalfWidth, timeCap ?? TimeSpan.FromSeconds(20), minIterations);

    /// <summary>The problems with these values; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        switch (Mode)
        {
            case MeasurementMode.Iterations when Iterations < 1:
                problems.Add($"iterations must be at least 1, got {Iterations}");
                break;
            case MeasurementMode.Duration when Duration <= TimeSpan.Zero:
                problems.Add($"duration must be positive, got {Duration.TotalSeconds} s");
                break;
            case MeasurementMode.Adaptive when TargetRelativeHalfWidth is <= 0 or >= 1:
                problems.Add($"adaptive target must be in (0, 1), got {TargetRelativeHalfWidth}");
                break;
            case MeasurementMode.Adaptive when TimeCap <= TimeSpan.Zero || MinIterations < 6:
                problems.Add($"adaptive needs a positive time cap and at least 6 inferences, got {TimeCap.TotalSeconds} s and {MinIterations}");
                break;
        }
        return problems;
    }

    /// <summary>A short description, for example <c>100 iterations</c>, <c>10 s</c> or <c>adaptive +/-1% (cap 20 s)</c>.</summary>
    public override string ToString() => Mode switch
    {
        MeasurementMode.Iterations => $"{Iterations} iterations",
        MeasurementMode.Duration => $"{Duration.TotalSeconds:0.###} s",
        _ => $"adaptive +/-{TargetRelativeHalfWidth:0.##%} (cap {TimeCap.TotalSeconds:0.###} s)",
    };
}
