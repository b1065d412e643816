using System.Runtime.InteropServices;
using CnnPerf.Native.Processes;

namespace CnnPerf.Running;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM into a two-stage stop instead of the process's termination. In a host (the tool
/// running a study): the first signal requests a stop (<see cref="Stopping"/>: the current inference finishes, what was
/// measured is kept, a worker process is asked to stop the same way), the second a kill (<see cref="Killing"/>: a
/// worker is killed at once and its folder removed), and a third terminates the process as usual. In a worker, every
/// signal only requests the stop: its host decides when to kill it. A signal the process inherited as ignored (a shell
/// starts background jobs with SIGINT ignored) is taken back first, so the stop never depends on how the process was
/// started.
/// </summary>
public sealed class SignalStop : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _kill = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly bool _isWorker;
    private int _received;

    /// <summary>Starts handling SIGINT and SIGTERM.</summary>
    /// <param name="isWorker">True in a worker process: every signal only requests the stop.</param>
    public SignalStop(bool isWorker = false)
    {
        _isWorker = isWorker;
        ProcessSignals.RestoreIfIgnored(ProcessSignals.Interrupt);
        ProcessSignals.RestoreIfIgnored(ProcessSignals.Terminate);
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Raised on each signal that is handled, with the signal and how many have come so far (1: stop, 2: kill).</summary>
    public event Action<PosixSignal, int>? Received;

    /// <summary>Cancelled on the first signal: stop after the current inference.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>Cancelled on the second signal in a host: end the worker now.</summary>
    public CancellationToken Killing => _kill.Token;

    /// <summary>Stops handling the signals.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _stop.Dispose();
        _kill.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        var count = Interlocked.Increment(ref _received);
        if (!_isWorker && count > 2)
        {
            return;
        }
        context.Cancel = true;
        Received?.Invoke(context.Signal, count);
        _stop.Cancel();
        if (!_isWorker && count == 2)
        {
            _kill.Cancel();
        }
    }
}
