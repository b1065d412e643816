using CnnPerf.Simulation;

namespace CnnPerf.Core.Tests.Simulation;

/// <summary>
/// The parser on files recorded here with valgrind 3.19 (squeezenet1_1 on ONNX Runtime, 1 thread): whole-run
/// cachegrind outputs and the callgrind dumps of single inferences, and on broken text.
/// </summary>
public class ValgrindProfileTests
{
    internal static string Recorded(int measured) =>
        Path.Combine(AppContext.BaseDirectory, "Simulation", "Recorded", $"squeezenet1_1-onnxruntime-1t-measured{measured}.cachegrind");

    /// <summary>A callgrind dump of the Cortex-A53 preset: 1 is the first simulated inference (empty caches), 2 the next.</summary>
    internal static string RecordedDump(int part) =>
        Path.Combine(AppContext.BaseDirectory, "Simulation", "Recorded", $"squeezenet1_1-onnxruntime-1t-cortex-a53.callgrind.{part}");

    [Test]
    public void The_summary_gives_every_event_total()
    {
        var profile = ValgrindProfile.Load(Recorded(1));

        Assert.That(profile.Totals.Keys, Is.EqualTo(new[] { "Ir", "I1mr", "ILmr", "Dr", "D1mr", "DLmr", "Dw", "D1mw", "DLmw", "Bc", "Bcm", "Bi", "Bim" }));
        Assert.That(profile["Ir"], Is.EqualTo(2_803_279_976));
        Assert.That(profile["D1mr"], Is.EqualTo(19_928_586));
        Assert.That(profile["Bim"], Is.EqualTo(9_771_849));
        Assert.That(profile["NoSuchEvent"], Is.Zero);
        Assert.That(profile.Command, Does.EndWith("worker --config cfg1.json --result r1.json"));
    }

    [Test]
    public void The_descriptions_give_the_simulated_geometry()
    {
        var profile = ValgrindProfile.Load(Recorded(4));

        Assert.That(profile.Caches["D1"], Is.EqualTo(new CacheLevel(32768, 8, 64)));
        Assert.That(profile.Caches["I1"], Is.EqualTo(new CacheLevel(32768, 8, 64)));
        Assert.That(profile.Caches["LL"], Is.EqualTo(new CacheLevel(268_435_456, 1, 64)), "direct-mapped is one way");
    }

    [Test]
    public void A_callgrind_dump_gives_its_summary_and_geometry()
    {
        var dump = ValgrindProfile.Load(RecordedDump(2));

        Assert.That(dump["Ir"], Is.EqualTo(84_195_472), "the summary line, not the totals line, which may differ in callgrind");
        Assert.That(dump["I1mr"], Is.EqualTo(14_249));
        Assert.That(dump["Bim"], Is.EqualTo(841));
        Assert.That(dump.Caches["LL"], Is.EqualTo(new CacheLevel(512 * 1024, 16, 64)));
        Assert.That(dump.Command, Is.EqualTo("cnnperf worker --config configuration.json --result result.json"));
    }

    [Test]
    public void Totals_stand_in_when_there_is_no_summary()
    {
        var profile = ValgrindProfile.Parse(new StringReader("events: Ir Dr\nfn=main\n1 5 2\ntotals: 5 2\n"));

        Assert.That(profile["Dr"], Is.EqualTo(2));
    }

    [Test]
    public void A_fully_associative_cache_has_one_set()
    {
        var profile = ValgrindProfile.Parse(new StringReader("desc: D1 cache: 4096 B, 64 B, fully associative\nevents: Ir\nsummary: 5\n"));

        Assert.That(profile.Caches["D1"], Is.EqualTo(new CacheLevel(4096, 64, 64)));
    }

    [TestCase("events: Ir Dr\n", "no 'summary:' line")]
    [TestCase("summary: 1 2\n", "no 'events:' line")]
    [TestCase("events: Ir Dr\nsummary: 1\n", "1 counts for 2 events")]
    [TestCase("events: Ir\nsummary: x\n", "'x' of event Ir is not a number")]
    public void Broken_text_is_a_clear_error(string text, string expected)
    {
        var error = Assert.Throws<CnnPerfException>(() => ValgrindProfile.Parse(new StringReader(text), "test.out"));

        Assert.That(error!.Message, Does.Contain(expected).And.Contain("test.out"));
    }

    [Test]
    public void A_missing_file_is_a_clear_error()
    {
        var error = Assert.Throws<CnnPerfException>(() => ValgrindProfile.Load("/nonexistent/cachegrind.out"));

        Assert.That(error!.Message, Does.StartWith("cannot read the valgrind output /nonexistent/cachegrind.out"));
    }
}
