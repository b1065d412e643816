namespace CnnPerf.Frameworks.Managed.Tests;

/// <summary>Model files the tests use.</summary>
internal static class TestModels
{
    /// <summary>The pretrained CNTK ResNet-18 from Microsoft.ML.DnnImageFeaturizer.ResNet18, copied to the test output.</summary>
    public static string ResNet18Cntk
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");
            Assume.That(File.Exists(path), $"{path} is missing: restore package Microsoft.ML.DnnImageFeaturizer.ResNet18");
            return path;
        }
    }
}
