using CnnPerf.Features;
using CnnPerf.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CnnPerf.Core.Tests.Models;

/// <summary>Every zoo model is a valid ONNX graph: ONNX Runtime loads and runs it, with the shapes the features predict.</summary>
public class ZooOnnxRuntimeTests
{
    public static IEnumerable<string> AllModels => ModelZoo.Models.Select(m => m.Name);

    [TestCaseSource(nameof(AllModels))]
    public void ONNX_Runtime_loads_and_runs_the_model_and_its_outputs_are_finite(string name)
    {
        var source = TestModelCache.Zoo.Get(name);
        var features = ModelFeatureExtractor.Extract(source);
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(source.Path, options);
        var input = session.InputMetadata.Single();
        Assert.That(input.Key, Is.EqualTo(features.InputName));
        Assert.That(input.Value.Dimensions, Is.EqualTo(features.InputShape.Select(d => (int)d).ToArray()));

        var random = new Random(7);
        var data = new DenseTensor<float>(input.Value.Dimensions);
        for (var i = 0; i < data.Length; i++)
        {
            data.SetValue(i, (float)(random.NextDouble() * 2 - 1));
        }
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input.Key, data)]);

        Assert.That(results.Single().Name, Is.EqualTo(features.OutputName));
        var output = results.Single().AsTensor<float>();
        Assert.That(output.Dimensions.ToArray(), Is.EqualTo(features.OutputShape.Select(d => (int)d).ToArray()));
        Assert.That(output.ToArray(), Has.All.Matches<float>(float.IsFinite));
        Assert.That(output.ToArray().Distinct().Count(), Is.GreaterThan(1), "the output must depend on the input, not be constant");
    }
}
