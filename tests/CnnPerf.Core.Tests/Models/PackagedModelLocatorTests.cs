using CnnPerf.Models;

namespace CnnPerf.Core.Tests.Models;

public class PackagedModelLocatorTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("cnnperf-locator-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private PackagedModelLocator Locator(string? nugetPackages) =>
        new(name => name == "NUGET_PACKAGES" ? nugetPackages : null, Path.Combine(_directory, "app"), Path.Combine(_directory, "home"));

    private static string Touch(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1]);
        return path;
    }

    [Test]
    public void The_copy_beside_the_application_comes_first()
    {
        var beside = Touch(Path.Combine(_directory, "app", "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx"));
        Touch(Path.Combine(_directory, "home", ".nuget", "packages", "microsoft.ml.dnnimagefeaturizer.resnet18", "0.23.1", "tools", "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx"));

        Assert.That(Locator(null).Locate(), Is.EqualTo(beside));
    }

    [Test]
    public void NUGET_PACKAGES_replaces_the_packages_folder_in_the_home_directory()
    {
        var packages = Path.Combine(_directory, "packages");
        var model = Touch(Path.Combine(packages, "microsoft.ml.dnnimagefeaturizer.resnet18", "0.23.1", "tools", "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx"));
        Touch(Path.Combine(_directory, "home", ".nuget", "packages", "microsoft.ml.dnnimagefeaturizer.resnet18", "0.23.1", "tools", "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx"));

        Assert.That(Locator(packages).Locate(), Is.EqualTo(model));
        Assert.That(Locator(null).Locate(), Does.StartWith(Path.Combine(_directory, "home")));
    }

    [Test]
    public void A_missing_package_is_a_clear_error_that_says_where_it_looked_and_what_to_do()
    {
        var e = Assert.Throws<CnnPerfException>(() => Locator(null).Locate());

        Assert.That(e!.Message, Does.Contain("Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1")
            .And.Contain(Path.Combine(_directory, "app"))
            .And.Contain(Path.Combine(_directory, "home", ".nuget", "packages"))
            .And.Contain("dotnet add package"));
    }

    [Test]
    public void The_zoo_reports_the_missing_package_for_resnet18_cntk()
    {
        var zoo = new ModelZoo(Path.Combine(_directory, "cache"), ModelZoo.DefaultSeed, Locator(null));

        var e = Assert.Throws<CnnPerfException>(() => zoo.Get(ModelZoo.PretrainedResNet18));

        Assert.That(e!.Message, Does.Contain("ResNet18.onnx"));
    }
}
