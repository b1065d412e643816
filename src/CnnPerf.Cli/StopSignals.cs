using CnnPerf.Running;

namespace CnnPerf.Cli;

/// <summary>How <c>run</c> and <c>study</c> take SIGINT and SIGTERM: a two-stage <see cref="SignalStop"/> that says on stderr what each signal does.</summary>
internal static class StopSignals
{
    /// <summary>Starts handling the signals; dispose the result at the end of the command.</summary>
    public static SignalStop Start()
    {
        var signals = new SignalStop();
        signals.Received += (signal, count) => Console.Error.WriteLine(count == 1
            ? $"cnnperf: {signal} received, stopping after the current inference and keeping what was measured (send it again to stop at once)"
            : $"cnnperf: {signal} received again, stopping at once: the worker is killed (a third signal terminates cnnperf)");
        return signals;
    }
}
