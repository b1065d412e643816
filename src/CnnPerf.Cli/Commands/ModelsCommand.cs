using System.CommandLine;
using System.Globalization;
using CnnPerf.Features;
using CnnPerf.Models;

namespace CnnPerf.Cli.Commands;

/// <summary>
/// <c>cnnperf models</c>: the zoo's networks with their static features (parameters, MACs, bytes), building
/// any that are not cached yet; with <c>--model NAME_OR_PATH</c>, the per-layer features of one model.
/// </summary>
internal static class ModelsCommand
{
    /// <summary><c>--cache-dir</c>: the zoo's folder of built model files (also taken by commands that run models).</summary>
    internal static readonly Option<string?> CacheDirectory = new("--cache-dir")
    {
        Description = $"Folder of built model files (default ${ModelZoo.CacheEnvironmentVariable}, else $XDG_CACHE_HOME/cnnperf/models, else ~/.cache/cnnperf/models)",
    };

    private static readonly Option<string?> Model = new("--model")
    {
        Description = "Show the per-layer features of one model: a zoo name or an .onnx file",
        HelpName = "NAME_OR_PATH",
    };

    /// <summary>Creates the command.</summary>
    internal static Command Create()
    {
        var command = new Command("models", "List the model zoo with parameters and multiply-accumulates, or one model's layers");
        command.Options.Add(CacheDirectory);
        command.Options.Add(Model);
        command.SetWork(parseResult =>
        {
            var zoo = new ModelZoo(parseResult.GetValue(CacheDirectory));
            var json = parseResult.GetValue(GlobalOptions.Json);
            if (parseResult.GetValue(Model) is { } model)
            {
                var features = ModelFeatureExtractor.Extract(zoo.Resolve(model));
                if (json)
                {
                    JsonOutput.Write(features);
                }
                else
                {
                    WriteLayerTable(features);
                }
                return CliApplication.Success;
            }
            var entries = ModelZoo.Models.Select(m => Describe(zoo, m)).ToList();
            if (json)
            {
                JsonOutput.Write(new ModelList(entries));
            }
            else
            {
                WriteModelTable(entries);
            }
            return CliApplication.Success;
        });
        return command;
    }

    private static ModelEntry Describe(ModelZoo zoo, ZooModel model)
    {
        var source = model.Origin.ToString().ToLowerInvariant();
        try
        {
            var file = zoo.Get(model.Name);
            var features = ModelFeatureExtractor.Extract(file);
            return new ModelEntry(model.Name, source, true, features.Parameters, features.Macs, features.WeightBytes,
                features.ActivationBytes, features.Layers.Count, file.Path, model.Description, null);
        }
        catch (CnnPerfException e)
        {
            return new ModelEntry(model.Name, source, false, null, null, null, null, null, null, model.Description, e.Message);
        }
    }

    private static void WriteModelTable(IReadOnlyList<ModelEntry> entries)
    {
        Console.Out.WriteLine($"{"model",-15} {"source",-6} {"params",12} {"GMACs",7} {"weights MB",10} {"layers",6}  description");
        foreach (var e in entries)
        {
            Console.Out.WriteLine(e.Available
                ? string.Create(CultureInfo.InvariantCulture, $"{e.Name,-15} {e.Source,-6} {e.Params,12:N0} {e.Macs / 1e9,7:F3} {e.WeightBytes / 1e6,10:F1} {e.Layers,6}  {e.Description}")
                : $"{e.Name,-15} {e.Source,-6} unavailable: {e.Reason}");
        }
    }

    private static void WriteLayerTable(ModelFeatures features)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(inv, $"{features.Name}: input [{string.Join(",", features.InputShape)}], {features.Parameters:N0} parameters, {features.Macs:N0} MACs, {features.WeightBytes:N0} weight bytes, {features.ActivationBytes:N0} activation bytes"));
        Console.Out.WriteLine($"{"layer",-36} {"op",-18} {"output",-18} {"kernel",-6} {"stride",-6} {"groups",6} {"MACs",14} {"params",11}");
        foreach (var l in features.Layers)
        {
            Console.Out.WriteLine(string.Create(inv,
                $"{l.NodeName,-36} {l.OpType,-18} {string.Join("x", l.OutputShape),-18} {string.Join("x", l.KernelShape),-6} {string.Join("x", l.Strides),-6} {l.Groups,6} {l.Macs,14:N0} {l.Parameters,11:N0}"));
        }
    }

    /// <summary>The <c>--json</c> document of the listing.</summary>
    private sealed record ModelList(IReadOnlyList<ModelEntry> Models);

    /// <summary>One model of the listing; the figures are null when the model is unavailable.</summary>
    private sealed record ModelEntry(
        string Name,
        string Source,
        bool Available,
        long? Params,
        long? Macs,
        long? WeightBytes,
        long? ActivationBytes,
        int? Layers,
        string? Path,
        string Description,
        string? Reason);
}
