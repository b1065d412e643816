using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CnnPerf.Tests;

namespace CnnPerf.Core.Tests.Packaging;

/// <summary>CnnPerf.nuspec: its dependencies match the packed projects, and the package works from a folder feed.</summary>
public partial class NuspecPackageTests
{
    private static readonly string Root = RepositoryFolder.Root;

    [Test]
    public void DependenciesAreThePackedProjectsPackageReferencesAtTheirCentralVersions()
    {
        var nuspec = XDocument.Load(Path.Combine(Root, "CnnPerf.nuspec"));
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var declared = nuspec.Descendants(ns + "dependency").ToDictionary(d => (string)d.Attribute("id")!, d => (string)d.Attribute("version")!);
        var central = XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);

        var packedProjects = nuspec.Descendants(ns + "file").Select(f => ProjectOfFile().Match((string)f.Attribute("src")!))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.That(packedProjects, Is.SupersetOf(new[] { "CnnPerf.Native", "CnnPerf.Core" }));

        var needed = new Dictionary<string, string>();
        foreach (var project in packedProjects)
        {
            var csproj = XDocument.Load(Path.Combine(Root, "src", project, project + ".csproj"));
            foreach (var reference in csproj.Descendants("PackageReference").Where(r => (string?)r.Attribute("PrivateAssets") != "all"))
            {
                var id = (string)reference.Attribute("Include")!;
                needed[id] = central[id];
            }
        }
        Assert.That(declared, Is.EquivalentTo(needed), "CnnPerf.nuspec <dependency> lines vs the packed projects' PackageReferences");
    }

    [Test]
    [Category("Slow")]
    public void APackageFromAFolderFeedReadsTaskClockInAThrowawayConsoleApp()
    {
        var work = Directory.CreateTempSubdirectory("cnnperf-pack-").FullName;
        var version = $"0.1.0-test{DateTime.UtcNow:yyyyMMddHHmmss}";
        try
        {
            var feed = Path.Combine(work, "feed");
            Dotnet(Root, "pack", "src/CnnPerf.Core/CnnPerf.Core.csproj", "-c", "Release", "-o", feed, "-nologo", "-v", "quiet",
                $"-p:NuspecFile={Path.Combine(Root, "CnnPerf.nuspec")}", $"-p:NuspecBasePath={Root}",
                $"-p:NuspecProperties=\"version={version};configuration=Release\"");
            Assert.That(File.Exists(Path.Combine(feed, $"CnnPerf.{version}.nupkg")), Is.True);

            var app = Path.Combine(work, "app");
            Directory.CreateDirectory(app);
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="CnnPerf" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                using CnnPerf.Native.Perf;

                using var counter = new PerfEventBuilder().Open(SoftwareEvent.TaskClock);
                var before = counter.Read();
                var sum = 0.0;
                for (var i = 0; i < 20_000_000; i++) sum += Math.Sqrt(i);
                var delta = counter.Read().Since(before);
                Console.WriteLine($"task-clock {delta.Raw} ns (sum {sum:E3})");
                """);

            var output = Dotnet(app, "run", "-c", "Release", "-nologo");
            var match = Regex.Match(output, @"task-clock (\d+) ns");
            Assert.That(match.Success, Is.True, output);
            Assert.That(ulong.Parse(match.Groups[1].Value), Is.GreaterThan(1_000_000UL), "20 million square roots take over a millisecond");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "cnnperf", version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }
    }

    private static string Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host's MSBuild settings must not leak into the child builds.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var output = stdout.Result + stderr;
        Assert.That(process.ExitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)} failed:\n{output}");
        return output;
    }

    [GeneratedRegex(@"^src/([^/]+)/bin/")]
    private static partial Regex ProjectOfFile();
}
