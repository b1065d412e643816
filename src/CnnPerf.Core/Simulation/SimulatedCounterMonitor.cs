using System.Diagnostics;
using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Running;

namespace CnnPerf.Simulation;

/// <summary>
/// Adds simulated counters to every 1-thread configuration that measured successfully: after its normal (timed)
/// pass, a <see cref="CallgrindPass"/> simulates it and its <c>sim.*</c> metrics join the result. Configurations
/// with more threads, failed simulations and those past the simulation budget keep their timed result, and their
/// counter list says why they have no simulated counters.
/// </summary>
public sealed class SimulatedCounterMonitor : IConfigurationMonitor
{
    /// <summary>The <see cref="CounterStatus.Kind"/> of the simulated counters in a result's counter list.</summary>
    public const string CounterKind = "simulated";

    private readonly CallgrindPass _pass;
    private readonly CancellationToken _cancellationToken;

    /// <summary>Creates the monitor.</summary>
    /// <param name="pass">The simulated pass.</param>
    /// <param name="cancellationToken">Stops a running simulation (the timed result is kept).</param>
    public SimulatedCounterMonitor(CallgrindPass pass, CancellationToken cancellationToken = default)
    {
        _pass = pass;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Raised when the simulation of a configuration starts.</summary>
    public event Action<RunConfiguration>? Simulating;

    /// <summary>The time the simulations have taken so far.</summary>
    public TimeSpan Spent { get; private set; }

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
        var budget = _pass.Options.Budget;
        var remaining = budget - Spent;
        if (SkipReason(result.Configuration, budget, remaining) is { } reason)
        {
            return WithStatus(result, false, reason);
        }
        Simulating?.Invoke(result.Configuration);
        var timeLimit = remaining is { } left && left < _pass.Options.Timeout ? left : _pass.Options.Timeout;
        var clock = Stopwatch.StartNew();
        try
        {
            var metrics = _pass.Run(result.Configuration, timeLimit, _cancellationToken);
            return WithStatus(result with { Metrics = [.. result.Metrics, .. metrics] }, true, null);
        }
        catch (CnnPerfException e)
        {
            var budgetNote = budget is { } total && clock.Elapsed >= timeLimit && timeLimit < _pass.Options.Timeout
                ? $" (the simulation budget of {total.TotalSeconds:0} s ran out)" : "";
            return WithStatus(result, false, e.Message + budgetNote);
        }
        finally
        {
            Spent += clock.Elapsed;
        }
    }

    private static string? SkipReason(RunConfiguration configuration, TimeSpan? budget, TimeSpan? remaining)
    {
        if (configuration.Threads > 1)
        {
            return $"not simulated at {configuration.Threads} threads: valgrind runs one thread at a time, so the counts would include the threads' waiting for each other (simulated counters are taken at 1 thread)";
        }
        return remaining <= TimeSpan.Zero ? $"not simulated: the simulation budget of {budget!.Value.TotalSeconds:0} s is spent" : null;
    }

    private RunResult WithStatus(RunResult result, bool available, string? reason)
    {
        var eventName = $"callgrind {_pass.Options.Geometry}";
        return result with { Counters = [.. result.Counters, .. SimulatedMetrics.CountedIds.Select(id => new CounterStatus(id, eventName, CounterKind, available, null, reason))] };
    }
}
