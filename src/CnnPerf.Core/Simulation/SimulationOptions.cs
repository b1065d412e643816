namespace CnnPerf.Simulation;

/// <summary>How the simulated pass runs a configuration under valgrind.</summary>
/// <param name="Geometry">The simulated caches.</param>
public sealed record SimulationOptions(CacheGeometry Geometry)
{
    /// <summary>
    /// Simulated inferences the metrics average over. They follow one simulated inference that is not counted: it
    /// fills the simulated caches, which start empty when the simulation switches on.
    /// </summary>
    public int Inferences { get; init; } = 2;

    /// <summary>
    /// Unsimulated warm-up inferences before the simulation switches on. None by default: valgrind runs unsimulated
    /// code hardly faster than simulated code, and the first simulated inference, which is not counted, already
    /// takes JIT compilation and first-run allocations along with filling the caches.
    /// </summary>
    public int WarmupInferences { get; init; }

    /// <summary>The time budget of the valgrind run of one configuration.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The time all simulations of a run or study may take together; null for no limit. A simulation gets what is
    /// left of it (at most <see cref="Timeout"/>), and once it is spent the remaining configurations go unsimulated,
    /// with that reason in their counter list.
    /// </summary>
    public TimeSpan? Budget { get; init; }

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
        if (Budget <= TimeSpan.Zero)
        {
            problems.Add($"the simulation budget must be positive, got {Budget.Value.TotalSeconds} s");
        }
        return problems;
    }
}
