using CnnPerf.Simulation;

namespace CnnPerf.Core.Tests.Simulation;

public class CacheGeometryTests
{
    [Test]
    public void The_host_preset_leaves_the_caches_to_valgrind()
    {
        Assert.That(CacheGeometry.Parse("host").ToValgrindArguments(), Is.Empty);
    }

    [Test]
    public void The_cortex_a53_preset_has_32_KiB_L1_and_512_KiB_16_way_LL()
    {
        Assert.That(CacheGeometry.Parse("Cortex-A53").ToValgrindArguments(),
            Is.EqualTo(new[] { "--I1=32768,4,64", "--D1=32768,4,64", "--LL=524288,16,64" }));
    }

    [Test]
    public void An_explicit_geometry_sets_only_the_levels_it_names()
    {
        var geometry = CacheGeometry.Parse("D1=64K,8,64; LL=2M,16,64");

        Assert.That(geometry.Name, Is.EqualTo("custom"));
        Assert.That(geometry.I1, Is.Null);
        Assert.That(geometry.ToValgrindArguments(), Is.EqualTo(new[] { "--D1=65536,8,64", "--LL=2097152,16,64" }));
    }

    [TestCase("pentium", "is not a cache level")]
    [TestCase("D1=32K,4", "is not a cache geometry size,ways,line")]
    [TestCase("L2=32K,4,64", "is not a cache level")]
    [TestCase("D1=32K,4,48", "power-of-two line size")]
    [TestCase("D1=48K,4,64", "power-of-two line size")]
    [TestCase("D1=32K,4,64;D1=64K,4,64", "is not a cache level")]
    public void A_bad_geometry_is_a_clear_error(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => CacheGeometry.Parse(text));

        Assert.That(error!.Message, Does.Contain(expected));
    }
}
