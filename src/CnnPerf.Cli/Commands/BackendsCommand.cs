using System.CommandLine;

namespace CnnPerf.Cli.Commands;

/// <summary><c>cnnperf backends</c>: every inference backend, whether it can run here, its version, or why not.</summary>
internal static class BackendsCommand
{
    /// <summary>One backend in the <c>--json</c> output.</summary>
    internal sealed record BackendEntry(string Name, bool Available, string? Version, string? Reason);

    /// <summary>The <c>--json</c> output.</summary>
    internal sealed record BackendsOutput(IReadOnlyList<BackendEntry> Backends);

    /// <summary>Creates the command.</summary>
    internal static Command Create()
    {
        var command = new Command("backends", "List the inference backends, whether each can run here and why not");
        command.SetWork(parseResult =>
        {
            var output = new BackendsOutput(BackendCatalog.All()
                .Select(b => new BackendEntry(b.Name, b.Availability.IsAvailable, b.Version, b.Availability.Reason))
                .ToList());
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(output);
                return CliApplication.Success;
            }
            foreach (var backend in output.Backends)
            {
                var state = backend.Available ? $"available  {backend.Version}" : $"unavailable: {backend.Reason}";
                Console.Out.WriteLine($"{backend.Name,-12} {state}");
            }
            return CliApplication.Success;
        });
        return command;
    }
}
