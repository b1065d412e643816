using System.CommandLine;

namespace CnnPerf.Cli.Commands;

/// <summary>Every subcommand of the tool, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    /// <summary>Creates the subcommands.</summary>
    public static IEnumerable<Command> All()
    {
        yield return BackendsCommand.Create();
        yield return ModelsCommand.Create();
        yield return VerifyCommand.Create();
        yield return RunCommand.Create();
        yield return StudyCommand.Create();
        yield return ExportCommand.Create();
        yield return AnalyzeCommand.Create();
        yield return PredictCommand.Create();
        yield return WorkerCommand.Create();
        yield return CountersCommand.Create();
        yield return StatCommand.Create();
        yield return MetersCommand.Create();
    }
}
