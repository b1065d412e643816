using CnnPerf.Simulation;
using CnnPerf.Tests;

namespace CnnPerf.Core.Tests.Simulation;

public class ValgrindTests
{
    [Test]
    public void A_missing_valgrind_names_the_Debian_package()
    {
        var error = Assert.Throws<CnnPerfException>(() => Valgrind.Locate("/nonexistent/bin/valgrind"));

        Assert.That(error!.Message, Is.EqualTo("valgrind not found at /nonexistent/bin/valgrind: install the Debian package 'valgrind' (apt-get install valgrind) to simulate counters"));
    }

    [Test]
    public void A_pass_cannot_be_created_without_valgrind()
    {
        var options = new SimulationOptions(CacheGeometry.Host) { ValgrindPath = "/nonexistent/valgrind" };

        var error = Assert.Throws<CnnPerfException>(() => new CallgrindPass(["/bin/true"], options));

        Assert.That(error!.Message, Does.Contain("Debian package 'valgrind'"));
    }

    [Test]
    public void Valgrind_is_found_on_the_path_when_installed()
    {
        SetupTool.Require("valgrind", "valgrind");

        Assert.That(Valgrind.Locate(), Does.EndWith("/valgrind"));
    }
}
