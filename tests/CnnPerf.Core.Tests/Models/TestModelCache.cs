using CnnPerf.Models;

namespace CnnPerf.Core.Tests.Models;

/// <summary>One zoo for the whole test run, caching in a temporary folder that is deleted afterwards.</summary>
[SetUpFixture]
public class TestModelCache
{
    private static string? _directory;
    private static ModelZoo? _zoo;

    /// <summary>The shared zoo (models are built once per test run).</summary>
    public static ModelZoo Zoo => _zoo ?? throw new InvalidOperationException("the set-up fixture has not run");

    [OneTimeSetUp]
    public void CreateZoo()
    {
        _directory = Directory.CreateTempSubdirectory("cnnperf-zoo-tests-").FullName;
        _zoo = new ModelZoo(_directory);
    }

    [OneTimeTearDown]
    public void DeleteZoo()
    {
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
