using System.CommandLine;
using System.Globalization;
using CnnPerf.Features;
using CnnPerf.Metrics;
using CnnPerf.Models;
using CnnPerf.Studies;

namespace CnnPerf.Cli.Commands;

/// <summary>
/// <c>cnnperf predict</c>: the layer-wise latency (and energy) prediction of a network, measured or not, from the
/// per-layer timings a results store holds for a backend at a thread count.
/// </summary>
internal static class PredictCommand
{
    internal static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Zoo model name or ONNX file (need not have been measured)", Required = true };
        var backend = new Option<string>("--backend") { Description = "Backend whose layer timings train the model", Required = true };
        var threads = new Option<int>("--threads") { Description = "Thread count whose layer timings train the model", DefaultValueFactory = _ => 1 };
        var store = new Option<string>("--store")
        {
            Description = "The results store with per-layer timings",
            DefaultValueFactory = _ => Path.Combine(StudyCommand.DefaultFolder, StudyCommand.StoreFileName),
        };
        var command = new Command("predict", "Predict a network's latency and energy from the layer timings of a study");
        foreach (var option in new Option[] { model, backend, threads, store })
        {
            command.Options.Add(option);
        }
        command.SetWork(parseResult =>
        {
            var count = parseResult.GetValue(threads);
            if (count < 1)
            {
                throw new UsageException($"--threads must be at least 1, got {count}");
            }
            var study = AnalyzeCommand.Load(parseResult.GetValue(store)!);
            var network = ModelFeatureExtractor.Extract(new ModelZoo().Resolve(parseResult.GetValue(model)!));
            var prediction = StudyPredictor.Predict(study, network, parseResult.GetValue(backend)!, count);
            var predicted = new Dictionary<string, double> { [MetricIds.LatencyMean.Id] = prediction.Latency.Milliseconds };
            if (double.IsFinite(prediction.EnergyMillijoules))
            {
                predicted[MetricIds.EnergyPerInference.Id] = prediction.EnergyMillijoules;
            }
            var measured = double.IsNaN(prediction.MeasuredMilliseconds) ? null : new Dictionary<string, double> { [MetricIds.LatencyMean.Id] = prediction.MeasuredMilliseconds };
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(new
                {
                    prediction.Model, prediction.Backend, prediction.Threads, Predicted = predicted, Measured = measured, Basis = "layer-wise",
                    prediction.Latency.LayerSumMilliseconds, prediction.Latency.Layers, prediction.TrainingNetworks, prediction.Notes,
                });
            }
            else
            {
                Print(prediction, predicted);
            }
            return CliApplication.Success;
        });
        return command;
    }

    private static void Print(StudyPrediction prediction, Dictionary<string, double> predicted)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"{prediction.Model} on {prediction.Backend} at {prediction.Threads} thread(s), layer-wise prediction over {prediction.Latency.Layers} layers:");
        foreach (var (id, value) in predicted)
        {
            Console.WriteLine($"  {id,-24} {value.ToString("F3", c),12} {MetricIds.Find(id)?.Unit}");
        }
        if (!double.IsNaN(prediction.MeasuredMilliseconds))
        {
            Console.WriteLine($"  measured {MetricIds.LatencyMean.Id,-15} {prediction.MeasuredMilliseconds.ToString("F3", c),12} ms (this network is in the store)");
        }
        Console.WriteLine($"Trained on: {string.Join(", ", prediction.TrainingNetworks)}");
        foreach (var note in prediction.Notes)
        {
            Console.WriteLine($"  note: {note}");
        }
    }
}
