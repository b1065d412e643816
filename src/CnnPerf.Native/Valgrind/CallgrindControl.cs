namespace CnnPerf.Native.Valgrind;

/// <summary>
/// Callgrind's client requests (callgrind.h): switch instrumentation and cache simulation on and off for a phase
/// of the program, zero the counts and dump them to a numbered output file. Each does nothing outside valgrind.
/// Run the program with <c>valgrind --tool=callgrind --instr-atstart=no</c> so that only the phases between
/// <see cref="StartInstrumentation"/> and <see cref="StopInstrumentation"/> are simulated.
/// </summary>
public static class CallgrindControl
{
    /// <summary><c>VG_USERREQ_TOOL_BASE('C','T')</c>: the first callgrind request.</summary>
    private const uint ToolBase = ('C' << 24) | ('T' << 16);

    private const uint DumpStatsRequest = ToolBase;
    private const uint ZeroStatsRequest = ToolBase + 1;
    private const uint StartInstrumentationRequest = ToolBase + 4;
    private const uint StopInstrumentationRequest = ToolBase + 5;

    /// <summary>Writes the counts since the last dump or zeroing to the next numbered output file (<c>out.1</c>, <c>out.2</c>...) and zeroes them.</summary>
    public static void DumpStats() => ValgrindClientRequest.Send(DumpStatsRequest, 0);

    /// <summary>Zeroes the counts without writing them.</summary>
    public static void ZeroStats() => ValgrindClientRequest.Send(ZeroStatsRequest, 0);

    /// <summary>Starts instrumentation (and with it the cache and branch simulation) from the next instruction.</summary>
    public static void StartInstrumentation() => ValgrindClientRequest.Send(StartInstrumentationRequest, 0);

    /// <summary>Stops instrumentation: the program runs on without simulation.</summary>
    public static void StopInstrumentation() => ValgrindClientRequest.Send(StopInstrumentationRequest, 0);
}
