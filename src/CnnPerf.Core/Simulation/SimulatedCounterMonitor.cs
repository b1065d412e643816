using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Running;

namespace CnnPerf.Simulation;

/// <summary>
/// Adds simulated counters to every configuration that measured successfully: after its normal (timed) pass, a
/// <see cref="CachegrindPass"/> simulates it and its <c>sim.*</c> metrics join the result. A failed simulation
/// keeps the timed result and records why in the result's counter list.
/// </summary>
public sealed class SimulatedCounterMonitor : IConfigurationMonitor
{
    /// <summary>The <see cref="CounterStatus.Kind"/> of the simulated counters in a result's counter list.</summary>
    public const string CounterKind = "simulated";

    private static readonly string[] CountedIds =
    [
        MetricIds.SimInstructions.Id, MetricIds.SimD1Reads.Id, MetricIds.SimD1Misses.Id, MetricIds.SimLlMisses.Id,
        MetricIds.SimBranches.Id, MetricIds.SimBranchMispredicts.Id,
    ];

    private readonly CachegrindPass _pass;
    private readonly CancellationToken _cancellationToken;

    /// <summary>Creates the monitor.</summary>
    /// <param name="pass">The simulated pass.</param>
    /// <param name="cancellationToken">Stops a running simulation (the timed result is kept).</param>
    public SimulatedCounterMonitor(CachegrindPass pass, CancellationToken cancellationToken = default)
    {
        _pass = pass;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Raised when the simulation of a configuration starts.</summary>
    public event Action<RunConfiguration>? Simulating;

    /// <inheritdoc />
    public void Start(RunConfiguration configuration)
    {
    }

    /// <inheritdoc />
    public RunResult Complete(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status != RunStatus.Ok || _cancellationToken.IsCancellationRequested)
        {
            return result;
        }
        Simulating?.Invoke(result.Configuration);
        var eventName = $"cachegrind {_pass.Options.Geometry}";
        try
        {
            var metrics = _pass.Run(result.Configuration, _cancellationToken);
            return result with
            {
                Metrics = [.. result.Metrics, .. metrics],
                Counters = [.. result.Counters, .. CountedIds.Select(id => new CounterStatus(id, eventName, CounterKind, true, null, null))],
            };
        }
        catch (CnnPerfException e)
        {
            return result with { Counters = [.. result.Counters, .. CountedIds.Select(id => new CounterStatus(id, eventName, CounterKind, false, null, e.Message))] };
        }
    }
}
