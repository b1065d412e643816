using System.Diagnostics;
using System.Security.Cryptography;
using CnnPerf.Frameworks.TorchSharp.Native;
using CnnPerf.Frameworks.TorchSharp.Tests.Support;

namespace CnnPerf.Frameworks.TorchSharp.Tests.Build;

/// <summary>
/// The Debian 12 load fix of src/CnnPerf.Frameworks.TorchSharp/build: the build output holds a patched copy of
/// libLibTorchSharp.so where the system libstdc++ lacks GLIBCXX_3.4.32, and the NuGet cache file stays as shipped.
/// </summary>
internal sealed class LoadFixTests
{
    private const string Shim = "libcnnperf_glibcxx_shim.so";

    private static string CacheLibrary => Path.Combine(TestPaths.NuGetPackageRoot, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", TorchSharpLibrary.FileName);

    private static string OutputLibrary => TorchSharpLibrary.CandidatePaths().First();

    [SetUp]
    public void RequireTools()
    {
        Assume.That(OperatingSystem.IsLinux(), "the load fix is for Linux");
        Assume.That(File.Exists(CacheLibrary), $"TorchSharp 0.107.0 is not in the NuGet cache at {CacheLibrary}");
        Assume.That(SystemLibstdcxxLacksGlibcxx3432(), "the system libstdc++ has GLIBCXX_3.4.32: no patch is needed here");
    }

    [Test]
    public void The_output_folder_holds_a_patched_copy_that_loads_with_its_shim()
    {
        Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(OutputLibrary)!, Shim)), "the shim sits next to the library");
        Assert.That(Hash(OutputLibrary), Is.Not.EqualTo(Hash(CacheLibrary)), "the output copy is patched");
        Assert.That(VersionNeed(OutputLibrary), Does.Contain("Name: GLIBCXX_3.4.32  Flags: WEAK"));
        Assert.That(TorchSharpLibrary.TryLoad(OutputLibrary), Is.Null, "the patched copy loads");
    }

    [Test]
    public void The_nuget_cache_file_still_requires_GLIBCXX_3_4_32_strictly()
    {
        Assert.That(VersionNeed(CacheLibrary), Does.Contain("Name: GLIBCXX_3.4.32  Flags: none"));
    }

    [Test]
    public void The_script_reads_the_source_only_and_a_second_run_reuses_the_patched_copy()
    {
        Assume.That(Which("patchelf") && Which("gcc"), "patchelf and gcc are needed (apt-get install patchelf gcc)");
        var staging = Directory.CreateTempSubdirectory("cnnperf-loadfix-").FullName;
        try
        {
            var before = Hash(CacheLibrary);
            var (firstOutcome, firstCode) = RunScript(CacheLibrary, staging);
            var patched = Path.Combine(staging, TorchSharpLibrary.FileName);
            var firstWrite = File.GetLastWriteTimeUtc(patched);
            var (secondOutcome, secondCode) = RunScript(CacheLibrary, staging);

            Assert.That((firstCode, firstOutcome), Is.EqualTo((0, "patched")));
            Assert.That((secondCode, secondOutcome), Is.EqualTo((0, "patched")));
            Assert.That(Hash(CacheLibrary), Is.EqualTo(before), "the NuGet cache file is unchanged");
            Assert.That(File.GetLastWriteTimeUtc(patched), Is.EqualTo(firstWrite), "the second run rewrote nothing");
            Assert.That(Hash(patched), Is.EqualTo(Hash(OutputLibrary)), "the build output holds the same patched bytes");
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    [Test]
    public void Without_patchelf_the_script_names_it_and_exits_3_for_the_build_warning()
    {
        var tools = Directory.CreateTempSubdirectory("cnnperf-loadfix-tools-").FullName;
        var staging = Path.Combine(tools, "staging");
        try
        {
            // A PATH with the shell tools the script needs, but no patchelf.
            foreach (var tool in new[] { "grep", "awk", "dirname" })
            {
                File.CreateSymbolicLink(Path.Combine(tools, tool), Run("sh", "-c", $"command -v {tool}").Output.Trim());
            }

            var (outcome, code) = RunScript(CacheLibrary, staging, tools);

            Assert.That((code, outcome), Is.EqualTo((3, "missing patchelf")));
            Assert.That(Directory.Exists(staging), Is.False, "nothing was written");
        }
        finally
        {
            Directory.Delete(tools, recursive: true);
        }
    }

    private static (string Outcome, int ExitCode) RunScript(string source, string staging, string? path = null)
    {
        var script = Path.Combine(TestPaths.LoadFixFolder, "patch-libtorchsharp.sh");
        var (output, code) = path is null
            ? Run("sh", script, source, staging)
            : Run("/usr/bin/env", $"PATH={path}", "/bin/sh", script, source, staging);
        return (output.TrimEnd().Split('\n')[^1], code);
    }

    private static bool SystemLibstdcxxLacksGlibcxx3432()
    {
        var (listing, _) = Run("/sbin/ldconfig", "-p");
        var path = listing.Split('\n').FirstOrDefault(l => l.Contains("libstdc++.so.6 ", StringComparison.Ordinal))?.Split("=> ")[^1].Trim();
        return path is not null && !File.ReadAllText(path).Contains("GLIBCXX_3.4.32", StringComparison.Ordinal);
    }

    private static string VersionNeed(string library)
    {
        Assume.That(Which("readelf"), "readelf (binutils) is needed to read version requirements");
        return Run("readelf", "-V", library).Output;
    }

    private static bool Which(string tool) => Run("sh", "-c", $"command -v {tool}").ExitCode == 0;

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static (string Output, int ExitCode) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (output.Result, process.ExitCode);
    }
}
