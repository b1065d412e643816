namespace CnnPerf.Running;

/// <summary>
/// The worker's side of its link with the host that started it (<see cref="WorkerProcessExecutor"/>): the host sets
/// <see cref="Variable"/> and keeps the worker's standard input open as a pipe it never writes to. When the host ends,
/// however it ends (even by SIGKILL), the pipe closes; the worker then removes its folder and exits, so no worker
/// outlives its host and no worker folder stays behind.
/// </summary>
public static class WorkerHostLink
{
    /// <summary>The environment variable by which the host announces the pipe (value <c>1</c>).</summary>
    public const string Variable = "CNNPERF_WORKER_HOST_PIPE";

    /// <summary>
    /// In a worker started by <see cref="WorkerProcessExecutor"/>: watches the host's pipe on a background thread and,
    /// when it closes, deletes <paramref name="folder"/> and ends this process with exit code 1. Does nothing (and
    /// returns false) in a process the executor did not start.
    /// </summary>
    /// <param name="folder">The worker's folder (that of its configuration and result files).</param>
    public static bool ExitWhenHostEnds(string folder)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            return false;
        }
        var watch = new Thread(() =>
        {
            using (var input = Console.OpenStandardInput())
            {
                var buffer = new byte[64];
                while (input.Read(buffer) > 0)
                {
                }
            }
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
            Environment.Exit(1);
        })
        { IsBackground = true, Name = "cnnperf host watch" };
        watch.Start();
        return true;
    }
}
