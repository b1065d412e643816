namespace CnnPerf.Simulation;

/// <summary>How the simulated pass runs a configuration under cachegrind.</summary>
/// <param name="Geometry">The simulated caches.</param>
public sealed record CachegrindOptions(CacheGeometry Geometry)
{
    /// <summary>
    /// Inferences isolated by the differential method (the longer run's extra inferences). The two runs' start-ups
    /// differ by a few million instructions (runtime background work under load), and that difference is divided by
    /// this count: more inferences give steadier per-inference figures at little cost next to a run's start-up.
    /// </summary>
    public int Inferences { get; init; } = 10;

    /// <summary>Warm-up inferences of both runs (JIT compilation and first-run allocations happen here, in both).</summary>
    public int WarmupInferences { get; init; } = 1;

    /// <summary>The time budget of each of the two valgrind runs of one configuration (they run side by side).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The valgrind executable; null to locate it (see <see cref="Valgrind.Locate"/>).</summary>
    public string? ValgrindPath { get; init; }

    /// <summary>The problems with these values; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Inferences < 1)
        {
            problems.Add($"simulated inferences must be at least 1, got {Inferences}");
        }
        if (WarmupInferences < 0)
        {
            problems.Add($"simulated warm-up inferences must be >= 0, got {WarmupInferences}");
        }
        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add($"the simulation time budget must be positive, got {Timeout.TotalSeconds} s");
        }
        return problems;
    }
}
