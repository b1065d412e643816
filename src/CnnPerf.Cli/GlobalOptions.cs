using System.CommandLine;

namespace CnnPerf.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    /// <summary><c>--json</c>: machine-readable output on stdout.</summary>
    public static readonly Option<bool> Json = new("--json") { Description = "Write machine-readable JSON to stdout", Recursive = true };

    /// <summary><c>--verbose</c>: more detail, and stack traces on errors.</summary>
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Print more detail, including stack traces on errors", Recursive = true };
}
