using CnnPerf.Features;
using CnnPerf.Models;
using CnnPerf.Onnx;

namespace CnnPerf.Core.Tests.Models;

public class ModelZooTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("cnnperf-zoo-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void The_zoo_lists_the_seven_built_networks_and_the_packaged_resnet18()
    {
        Assert.That(ModelZoo.Models.Select(m => m.Name), Is.EqualTo(new[]
        {
            "alexnet", "squeezenet1_1", "googlenet", "mobilenet_v1", "mobilenet_v2", "resnet18", "resnet50", "resnet18_cntk",
        }));
        Assert.That(ModelZoo.Models.Single(m => m.Origin == ModelOrigin.NuGet).Name, Is.EqualTo("resnet18_cntk"));
    }

    [TestCase("squeezenet1_1")]
    [TestCase("mobilenet_v2")]
    public void The_same_seed_builds_byte_identical_models_and_another_seed_other_weights(string name)
    {
        var first = ModelZoo.Build(name, seed: 5);
        var second = ModelZoo.Build(name, seed: 5);
        var other = ModelZoo.Build(name, seed: 6);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(other, Has.Length.EqualTo(first.Length));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    // SHA-256 of each file built with the default seed by builder version 2. Weights use IEEE arithmetic only,
    // so every machine builds these exact bytes. When this fails, a builder changed: bump
    // ModelZoo.BuilderVersion (so that caches rebuild) and pin the new hashes.
    [TestCase("alexnet", "db6bb38c6debc2a05e841dcab10b3eb8283e3f58e5a0b99bac0919faf35e8010")]
    [TestCase("squeezenet1_1", "3e1be58c4cab8685643a51542cbf163815104773046c7eed193b46878ff05cfb")]
    [TestCase("googlenet", "386ffd0e21fce020a260f7a7df843f7a45a9ded77194efe9ea9e2c6cc7fa6c95")]
    [TestCase("mobilenet_v1", "fae80c275a1f61e26d938316f83e414a065b44d0165dc299c56ee91334e62e3a")]
    [TestCase("mobilenet_v2", "a6f0e110ba9734fa5023f253bea396d5bd765ba7b11a041a89507b2b7953c04b")]
    [TestCase("resnet18", "cdbbe231d4b59a8a1db12566efcb5289f6cc9c46f10feb54230a6ef6b7fc7a43")]
    [TestCase("resnet50", "7fa5df89275c7fd5ba190c941763cb82696d14fb4cbd2ba7b95c899a1324847f")]
    public void Every_built_model_has_the_bytes_pinned_for_its_builder_version(string name, string sha256)
    {
        Assert.That(ModelZoo.BuilderVersion, Is.EqualTo(2), "pin the hashes of the new builder version");
        using var file = File.OpenRead(TestModelCache.Zoo.Get(name).Path);

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));

        Assert.That(hash, Is.EqualTo(sha256), $"{name} changed: bump ModelZoo.BuilderVersion and pin the new hash");
    }

    [Test]
    public void A_cached_model_is_reused_and_not_rebuilt()
    {
        var zoo = new ModelZoo(_directory);
        var first = zoo.Get("squeezenet1_1");
        var written = File.GetLastWriteTimeUtc(first.Path);
        File.SetLastWriteTimeUtc(first.Path, written.AddHours(-1));

        var second = zoo.Get("squeezenet1_1");

        Assert.That(second.Path, Is.EqualTo(first.Path));
        Assert.That(File.GetLastWriteTimeUtc(second.Path), Is.EqualTo(written.AddHours(-1)), "the file was rebuilt");
        Assert.That(Path.GetFileName(first.Path), Is.EqualTo($"squeezenet1_1.b{ModelZoo.BuilderVersion}.s{ModelZoo.DefaultSeed}.onnx"));
        Assert.That(first.Format, Is.EqualTo(ModelFormat.Onnx));
        Assert.That(first.Name, Is.EqualTo("squeezenet1_1"));
    }

    [Test]
    public void The_cache_file_holds_exactly_the_model_the_builder_builds()
    {
        var source = new ModelZoo(_directory, seed: 11).Get("squeezenet1_1");

        Assert.That(File.ReadAllBytes(source.Path), Is.EqualTo(ModelZoo.Build("squeezenet1_1", seed: 11)));
        Assert.That(source.Path, Does.Contain(".s11."));
    }

    [Test]
    public void Concurrent_builders_of_one_model_leave_one_complete_file_and_no_temporary_files()
    {
        var zooA = new ModelZoo(_directory);
        var zooB = new ModelZoo(_directory);

        var paths = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(i => (i % 2 == 0 ? zooA : zooB).Get("squeezenet1_1").Path).ToArray();

        Assert.That(paths.Distinct().Count(), Is.EqualTo(1));
        Assert.That(Directory.GetFiles(_directory), Is.EqualTo(new[] { paths[0] }));
        Assert.That(OnnxModel.Load(paths[0]).Nodes, Is.Not.Empty);
    }

    [Test]
    public void The_cache_folder_follows_CNNPERF_MODEL_CACHE_then_XDG_CACHE_HOME()
    {
        var savedOverride = Environment.GetEnvironmentVariable(ModelZoo.CacheEnvironmentVariable);
        var savedXdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable(ModelZoo.CacheEnvironmentVariable, null);
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "/somewhere/cache");
            Assert.That(ModelZoo.DefaultCacheDirectory(), Is.EqualTo("/somewhere/cache/cnnperf/models"));
            Environment.SetEnvironmentVariable(ModelZoo.CacheEnvironmentVariable, _directory);
            Assert.That(new ModelZoo().CacheDirectory, Is.EqualTo(_directory));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ModelZoo.CacheEnvironmentVariable, savedOverride);
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", savedXdg);
        }
    }

    [Test]
    public void Resolve_takes_zoo_names_and_model_files_and_rejects_anything_else()
    {
        var zoo = new ModelZoo(_directory);
        var onnx = Path.Combine(_directory, "mine.onnx");
        File.WriteAllBytes(onnx, ModelZoo.Build("squeezenet1_1"));
        var prototxt = Path.Combine(_directory, "net.prototxt");
        File.WriteAllText(prototxt, "name: \"net\"");

        Assert.That(zoo.Resolve("squeezenet1_1").Path, Is.EqualTo(zoo.CachePath("squeezenet1_1")));
        Assert.That(zoo.Resolve(onnx), Is.EqualTo(new ModelSource("mine", onnx, ModelFormat.Onnx)));
        var missingWeights = Assert.Throws<CnnPerfException>(() => zoo.Resolve(prototxt));
        Assert.That(missingWeights!.Message, Does.Contain("net.caffemodel"));
        File.WriteAllBytes(Path.ChangeExtension(prototxt, ".caffemodel"), [0]);
        Assert.That(zoo.Resolve(prototxt).Format, Is.EqualTo(ModelFormat.Caffe));
        var unknown = Assert.Throws<CnnPerfException>(() => zoo.Resolve("resnet19"));
        Assert.That(unknown!.Message, Does.Contain("'resnet19' is neither a zoo model").And.Contain("resnet18_cntk"));
    }

    [Test]
    public void An_unwritable_cache_folder_is_a_clear_error()
    {
        var blocked = Path.Combine(_directory, "file-not-folder");
        File.WriteAllText(blocked, "");
        var zoo = new ModelZoo(Path.Combine(blocked, "models"));

        var e = Assert.Throws<CnnPerfException>(() => zoo.Get("squeezenet1_1"));

        Assert.That(e!.Message, Does.Contain("cannot write model 'squeezenet1_1'").And.Contain(ModelZoo.CacheEnvironmentVariable));
    }

    [Test]
    public void Building_an_unknown_network_names_the_known_ones()
    {
        var e = Assert.Throws<CnnPerfException>(() => ModelZoo.Build("vgg16"));
        Assert.That(e!.Message, Does.Contain("vgg16").And.Contain("mobilenet_v2"));
    }

    [Test]
    public void The_packaged_resnet18_resolves_to_the_real_pretrained_network()
    {
        var source = new ModelZoo(_directory).Get(ModelZoo.PretrainedResNet18);
        var features = ModelFeatureExtractor.Extract(source);

        Assert.That(source.Name, Is.EqualTo("resnet18_cntk"));
        Assert.That(new FileInfo(source.Path).Length, Is.GreaterThan(60_000_000));
        Assert.That(features.InputShape, Is.EqualTo(new long[] { 1, 3, 224, 224 }));
        Assert.That(features.InputName, Is.EqualTo("Input247"));
        Assert.That(features.OutputShape, Is.EqualTo(new long[] { 1, 512, 1, 1 }));
        TestContext.Out.WriteLine($"resnet18_cntk: {features.Parameters} parameters, {features.Macs} MACs, {features.Layers.Count} layers: " +
            string.Join(", ", features.LayerCounts.Select(c => $"{c.Key} {c.Value}")));
    }
}
