using System.Collections.Concurrent;
using CnnPerf.Models.Architectures;
using CnnPerf.Onnx;

namespace CnnPerf.Models;

/// <summary>
/// The classic CNNs of the field as ONNX files, built with deterministic seeded weights on first use and
/// cached on disk, plus the pretrained <c>resnet18_cntk</c> from NuGet and any user file by path.
/// </summary>
/// <remarks>
/// Cached files are named after the model, <see cref="BuilderVersion"/> and the seed, so a changed builder
/// or seed builds a new file. Files are written to a temporary name and renamed, so processes that build the
/// same model at once never see a partial file.
/// </remarks>
public sealed class ModelZoo
{
    /// <summary>Version of the network builders; part of every cache key. Bump it when any built graph changes.</summary>
    public const int BuilderVersion = 2;

    /// <summary>The seed of the weights unless another is given.</summary>
    public const long DefaultSeed = 2019;

    /// <summary>Environment variable that overrides the default cache folder.</summary>
    public const string CacheEnvironmentVariable = "CNNPERF_MODEL_CACHE";

    /// <summary>The name of the pretrained network from NuGet.</summary>
    public const string PretrainedResNet18 = "resnet18_cntk";

    private static readonly (ZooModel Model, Func<string, long, byte[]> Build)[] Builders =
    [
        (new("alexnet", ModelOrigin.Zoo, "AlexNet, single tower, 224x224"), AlexNet.Build),
        (new("squeezenet1_1", ModelOrigin.Zoo, "SqueezeNet 1.1"), SqueezeNet11.Build),
        (new("googlenet", ModelOrigin.Zoo, "GoogLeNet / Inception v1 with LRN, no auxiliary heads"), GoogLeNet.Build),
        (new("mobilenet_v1", ModelOrigin.Zoo, "MobileNet v1 1.0-224"), MobileNetV1.Build),
        (new("mobilenet_v2", ModelOrigin.Zoo, "MobileNet v2 1.0-224"), MobileNetV2.Build),
        (new("resnet18", ModelOrigin.Zoo, "ResNet-18"), ResNet.Build18),
        (new("resnet50", ModelOrigin.Zoo, "ResNet-50 (v1.5)"), ResNet.Build50),
    ];

    private static readonly ConcurrentDictionary<string, object> BuildLocks = new();

    private readonly PackagedModelLocator _packagedModels;

    /// <summary>A zoo that caches its files in <paramref name="cacheDirectory"/> (default: <see cref="DefaultCacheDirectory"/>).</summary>
    /// <param name="cacheDirectory">Folder for built files; created on first build.</param>
    /// <param name="seed">Seed of the weights of every built model.</param>
    public ModelZoo(string? cacheDirectory = null, long seed = DefaultSeed)
        : this(cacheDirectory, seed, PackagedModelLocator.ForCurrentProcess())
    {
    }

    internal ModelZoo(string? cacheDirectory, long seed, PackagedModelLocator packagedModels)
    {
        CacheDirectory = Path.GetFullPath(cacheDirectory ?? DefaultCacheDirectory());
        Seed = seed;
        _packagedModels = packagedModels;
    }

    /// <summary>The folder of built model files.</summary>
    public string CacheDirectory { get; }

    /// <summary>The seed of the weights of every built model.</summary>
    public long Seed { get; }

    /// <summary>Every model the zoo offers by name: the built networks, then <c>resnet18_cntk</c>.</summary>
    public static IReadOnlyList<ZooModel> Models { get; } =
    [
        .. Builders.Select(b => b.Model),
        new(PretrainedResNet18, ModelOrigin.NuGet, $"pretrained ResNet-18 feature extractor (CNTK export) from NuGet {PackagedModelLocator.PackageId} {PackagedModelLocator.PackageVersion}"),
    ];

    /// <summary>
    /// <c>$CNNPERF_MODEL_CACHE</c> when set, else <c>$XDG_CACHE_HOME/cnnperf/models</c>, else
    /// <c>~/.cache/cnnperf/models</c> (under the temporary folder when there is no home folder).
    /// </summary>
    public static string DefaultCacheDirectory()
    {
        if (Environment.GetEnvironmentVariable(CacheEnvironmentVariable) is { Length: > 0 } configured)
        {
            return configured;
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(home.Length > 0 ? home : Path.GetTempPath(), ".cache");
        return Path.Combine(cacheHome, "cnnperf", "models");
    }

    /// <summary>Builds a zoo network in memory (nothing is cached): the bytes of its ONNX file.</summary>
    /// <exception cref="CnnPerfException"><paramref name="name"/> is not a network the zoo builds.</exception>
    public static byte[] Build(string name, long seed = DefaultSeed) => FindBuilder(name)(name, seed);

    /// <summary>A zoo model by name: a built network (built and cached now if needed) or <c>resnet18_cntk</c>.</summary>
    /// <exception cref="CnnPerfException">The name is unknown, the cache folder is not writable, or the packaged model cannot be found.</exception>
    public ModelSource Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == PretrainedResNet18)
        {
            return new ModelSource(PretrainedResNet18, _packagedModels.Locate(), ModelFormat.Onnx);
        }
        var build = FindBuilder(name);
        var path = CachePath(name);
        if (!File.Exists(path))
        {
            lock (BuildLocks.GetOrAdd(path, _ => new object()))
            {
                if (!File.Exists(path))
                {
                    try
                    {
                        OnnxModelFile.Save(build(name, Seed), path);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        throw new CnnPerfException($"cannot write model '{name}' to the cache folder {CacheDirectory}: {e.Message} (choose another with {CacheEnvironmentVariable})", e);
                    }
                }
            }
        }
        return new ModelSource(name, path, ModelFormat.Onnx);
    }

    /// <summary>
    /// A zoo name, an ONNX file path, or a Caffe <c>.prototxt</c> path with its <c>.caffemodel</c> beside it
    /// (same base name).
    /// </summary>
    /// <exception cref="CnnPerfException">Neither a zoo name nor an existing model file.</exception>
    public ModelSource Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (Models.Any(m => m.Name == nameOrPath))
        {
            return Get(nameOrPath);
        }
        if (File.Exists(nameOrPath))
        {
            if (!nameOrPath.EndsWith(".prototxt", StringComparison.OrdinalIgnoreCase))
            {
                return ModelSource.FromOnnxFile(nameOrPath);
            }
            var weights = Path.ChangeExtension(nameOrPath, ".caffemodel");
            return File.Exists(weights)
                ? ModelSource.FromCaffe(nameOrPath, weights)
                : throw new CnnPerfException($"Caffe model '{nameOrPath}' has no weights file '{weights}' beside it");
        }
        throw new CnnPerfException($"'{nameOrPath}' is neither a zoo model ({string.Join(", ", Models.Select(m => m.Name))}) nor an existing model file");
    }

    /// <summary>The cache file of a built network, keyed by name, builder version and seed.</summary>
    public string CachePath(string name) => Path.Combine(CacheDirectory, $"{name}.b{BuilderVersion}.s{Seed}.onnx");

    private static Func<string, long, byte[]> FindBuilder(string name) =>
        Builders.FirstOrDefault(b => b.Model.Name == name).Build
        ?? throw new CnnPerfException($"'{name}' is not a network the zoo builds (it builds {string.Join(", ", Builders.Select(b => b.Model.Name))})");
}
