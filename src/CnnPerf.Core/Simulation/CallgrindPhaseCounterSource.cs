using CnnPerf.Counters;
using CnnPerf.Native.Valgrind;

namespace CnnPerf.Simulation;

/// <summary>
/// The counter source of a worker that runs under <c>valgrind --tool=callgrind --instr-atstart=no</c>: it marks the
/// measured phase for the simulator instead of counting itself. Process start-up, model load and warm-up run
/// without instrumentation; the first <see cref="Read"/> (the start of the measured phase) switches the cache and
/// branch simulation on, and every later read dumps the counts since the previous one to the next numbered
/// callgrind output file, which <see cref="CallgrindPass"/> reads. Its snapshots carry no values.
/// </summary>
public sealed class CallgrindPhaseCounterSource : ICounterSource
{
    /// <summary>The environment variable (value <c>1</c>) by which the pass asks the worker for this source.</summary>
    public const string EnvironmentVariable = "CNNPERF_CALLGRIND_PHASES";

    private bool _instrumenting;

    /// <summary>Whether this process was started by the simulated pass to mark its phases.</summary>
    public static bool IsRequested => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    /// <inheritdoc />
    public string Name => "callgrind";

    /// <inheritdoc />
    public IReadOnlyList<CounterStatus> Probe() => [];

    /// <inheritdoc />
    /// <exception cref="CnnPerfException">The process does not run under valgrind.</exception>
    public void Start()
    {
        if (!ValgrindClientRequest.IsRunningOnValgrind)
        {
            throw new CnnPerfException($"{EnvironmentVariable}=1 asks for callgrind phase markers, but this process does not run under valgrind");
        }
    }

    /// <summary>Starts the simulation on the first call, then dumps the counts since the previous call.</summary>
    public CounterSnapshot Read()
    {
        if (_instrumenting)
        {
            CallgrindControl.DumpStats();
        }
        else
        {
            CallgrindControl.StartInstrumentation();
            CallgrindControl.ZeroStats();
            _instrumenting = true;
        }
        return CounterSnapshot.Empty;
    }

    /// <summary>Stops the simulation (the rest of the process runs without it).</summary>
    public void Dispose()
    {
        if (_instrumenting)
        {
            CallgrindControl.StopInstrumentation();
            _instrumenting = false;
        }
    }
}
