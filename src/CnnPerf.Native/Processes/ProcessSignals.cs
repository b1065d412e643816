using CnnPerf.Native.Interop;

namespace CnnPerf.Native.Processes;

/// <summary>POSIX signals: their names, sending one to a process, and taking back one a process inherited as ignored.</summary>
public static class ProcessSignals
{
    /// <summary><c>SIGINT</c> (Ctrl-C).</summary>
    public const int Interrupt = 2;

    /// <summary><c>SIGKILL</c>.</summary>
    public const int Kill = 9;

    /// <summary><c>SIGTERM</c> (what <c>kill</c> and <c>docker stop</c> send).</summary>
    public const int Terminate = 15;

    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [5] = "SIGTRAP", [6] = "SIGABRT", [7] = "SIGBUS",
        [8] = "SIGFPE", [9] = "SIGKILL", [10] = "SIGUSR1", [11] = "SIGSEGV", [12] = "SIGUSR2", [13] = "SIGPIPE",
        [14] = "SIGALRM", [15] = "SIGTERM", [24] = "SIGXCPU", [25] = "SIGXFSZ", [31] = "SIGSYS",
    };

    /// <summary>The signal's name with its number, for example <c>SIGSEGV (11)</c>; <c>signal 40</c> for one without a usual name.</summary>
    public static string Describe(int signal) => Names.TryGetValue(signal, out var name) ? $"{name} ({signal})" : $"signal {signal}";

    /// <summary>
    /// The signal that ended a process whose exit status, as .NET and shells report it, is <paramref name="exitCode"/>
    /// (128 + the signal's number), or null when the code is not one of a signal.
    /// </summary>
    public static int? FromExitCode(int exitCode) => exitCode is > 128 and <= 128 + 64 ? exitCode - 128 : null;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>; false when the process no longer exists.</summary>
    /// <exception cref="SystemCallException">The kernel refused for another reason (for example EPERM).</exception>
    public static bool Send(int pid, int signal)
    {
        if (NativeMethods.Kill(pid, signal) == 0)
        {
            return true;
        }
        var errno = Errno.Last;
        return errno == 3 ? false : throw Errno.SystemCall($"kill({pid}, {Describe(signal)})", errno);
    }

    /// <summary>
    /// Sets <paramref name="signal"/> back to its default action when this process inherited it as ignored (a shell
    /// starts background jobs with SIGINT ignored), so that a handler registered afterwards receives it; returns whether
    /// it was ignored. Call it before registering the handler.
    /// </summary>
    /// <exception cref="SystemCallException">The disposition could not be read or set.</exception>
    public static unsafe bool RestoreIfIgnored(int signal)
    {
        // Larger than glibc's struct sigaction on any architecture; the handler comes first.
        var current = stackalloc byte[512];
        if (NativeMethods.SigAction(signal, null, current) != 0)
        {
            throw Errno.SystemCall($"sigaction({Describe(signal)})", Errno.Last);
        }
        if (*(nint*)current != NativeMethods.SignalIgnore)
        {
            return false;
        }
        if (NativeMethods.Signal(signal, NativeMethods.SignalDefault) == -1)
        {
            throw Errno.SystemCall($"signal({Describe(signal)}, SIG_DFL)", Errno.Last);
        }
        return true;
    }
}
