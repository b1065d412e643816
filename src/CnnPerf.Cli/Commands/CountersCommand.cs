using System.CommandLine;
using CnnPerf.Native.Perf;
using CnnPerf.Native.Perf.Sysfs;

namespace CnnPerf.Cli.Commands;

/// <summary><c>cnnperf counters</c>: every perf event this machine might offer, available or not, with the reason.</summary>
internal static class CountersCommand
{
    /// <summary>Creates the command.</summary>
    internal static Command Create()
    {
        var command = new Command("counters", "List every hardware, hw-cache, software and sysfs PMU event, whether it opens here, and why not");
        command.SetWork(parseResult =>
        {
            var results = PerfEventProbe.Probe(AllEvents(), new PerfEventBuilder { Disabled = true });
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(new
                {
                    Events = results.Select(r => new { r.Event.Name, r.Event.Kind, Available = r.Opened, r.Errno, Reason = r.Hint }),
                });
            }
            else
            {
                WriteTable(results);
            }
            return CliApplication.Success;
        });
        return command;
    }

    private static IEnumerable<IPerfEvent> AllEvents()
    {
        foreach (var perfEvent in PerfEventProbe.StandardEvents)
        {
            yield return perfEvent;
        }
        var pmus = new PmuCatalog();
        foreach (var name in pmus.Names)
        {
            PmuDevice device;
            try
            {
                device = pmus.Load(name);
            }
            catch (CnnPerfException e)
            {
                Console.Error.WriteLine($"cnnperf counters: skipping PMU {name}: {e.Message}");
                continue;
            }
            foreach (var alias in device.Events.Keys.Order(StringComparer.Ordinal))
            {
                yield return pmus.Resolve($"{name}/{alias}/");
            }
        }
    }

    private static void WriteTable(IReadOnlyList<EventAvailability> results)
    {
        var nameWidth = Math.Max(5, results.Max(r => r.Event.Name.Length));
        Console.WriteLine($"{"EVENT".PadRight(nameWidth)}  {"KIND",-8}  {"STATUS",-10}  REASON");
        foreach (var result in results)
        {
            var status = result.Opened ? "available" : result.Errno;
            Console.WriteLine($"{result.Event.Name.PadRight(nameWidth)}  {result.Event.Kind,-8}  {status,-10}  {result.Hint}".TrimEnd());
        }
        Console.WriteLine($"{results.Count(r => r.Opened)} of {results.Count} events available");
    }
}
