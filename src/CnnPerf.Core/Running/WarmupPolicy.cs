namespace CnnPerf.Running;

/// <summary>
/// When the warm-up phase ends: after <paramref name="MinIterations"/> inferences once latency is stable (the
/// median of the last <see cref="Window"/> inferences is within <paramref name="Tolerance"/> of the median of the
/// window before), or after <paramref name="MaxIterations"/> inferences or <paramref name="TimeCap"/>, whichever
/// comes first.
/// </summary>
/// <param name="MinIterations">Inferences always run (0 = no warm-up unless stability is required).</param>
/// <param name="MaxIterations">Inferences at most.</param>
/// <param name="Tolerance">Relative change of the windowed median that counts as stable (0 = a fixed count of <paramref name="MinIterations"/>).</param>
/// <param name="TimeCap">Wall-clock time at most.</param>
public sealed record WarmupPolicy(int MinIterations, int MaxIterations, double Tolerance, TimeSpan TimeCap)
{
    /// <summary>Inferences in each of the two windows compared for stability.</summary>
    public const int Window = 3;

    /// <summary>Exactly <paramref name="iterations"/> warm-up inferences.</summary>
    public static WarmupPolicy Fixed(int iterations) => new(iterations, iterations, 0, TimeSpan.FromMinutes(10));

    /// <summary>Until latency is stable within <paramref name="tolerance"/> (default 5%), between 2 x <see cref="Window"/> and <paramref name="maxIterations"/> inferences, at most <paramref name="timeCap"/> (default 10 s).</summary>
    public static WarmupPolicy UntilStable(double tolerance = 0.05, int maxIterations = 50, TimeSpan? timeCap = null) =>
        new(2 * Window, maxIterations, tolerance, timeCap ?? TimeSpan.FromSeconds(10));

    /// <summary>The problems with these values; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MinIterations < 0 || MaxIterations < MinIterations)
        {
            problems.Add($"warm-up needs 0 <= min <= max iterations, got {MinIterations} and {MaxIterations}");
        }
        if (Tolerance < 0 || double.IsNaN(Tolerance) || (Tolerance > 0 && MaxIterations < 2 * Window))
        {
            problems.Add($"warm-up tolerance must be >= 0 and stability needs at least {2 * Window} iterations, got {Tolerance} and {MaxIterations}");
        }
        if (TimeCap <= TimeSpan.Zero)
        {
            problems.Add($"warm-up time cap must be positive, got {TimeCap.TotalSeconds} s");
        }
        return problems;
    }

    /// <summary>True when warm-up may stop after the given latencies (in run order) and elapsed time.</summary>
    public bool IsDone(IReadOnlyList<double> latenciesMs, TimeSpan elapsed)
    {
        var n = latenciesMs.Count;
        if (n >= MaxIterations || (elapsed >= TimeCap && n >= 1))
        {
            return true;
        }
        if (n < MinIterations)
        {
            return false;
        }
        if (Tolerance == 0)
        {
            return true;
        }
        if (n < 2 * Window)
        {
            return false;
        }
        var last = MedianOf(latenciesMs, n - Window);
        var previous = MedianOf(latenciesMs, n - 2 * Window);
        return Math.Abs(last - previous) <= Tolerance * previous;
    }

    private static double MedianOf(IReadOnlyList<double> values, int start)
    {
        Span<double> window = stackalloc double[Window];
        for (var i = 0; i < Window; i++)
        {
            window[i] = values[start + i];
        }
        window.Sort();
        return window[Window / 2];
    }
}
