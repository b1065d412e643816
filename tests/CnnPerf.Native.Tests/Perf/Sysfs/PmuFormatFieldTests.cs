using CnnPerf.Native.Perf.Sysfs;

namespace CnnPerf.Native.Tests.Perf.Sysfs;

public class PmuFormatFieldTests
{
    [Test]
    public void ParsesSingleBitsRangesAndOtherWords()
    {
        Assert.That(PmuFormatField.Parse("edge", "config:18\n").Ranges, Is.EqualTo(new[] { (18, 18) }));
        var ldlat = PmuFormatField.Parse("ldlat", "config1:0-15");
        Assert.That((ldlat.Word, ldlat.Width), Is.EqualTo((1, 16)));
    }

    [Test]
    public void SpreadsAValueOverSeveralRangesLowBitsFirst()
    {
        var field = PmuFormatField.Parse("event", "config:0-7,32-35");
        Span<ulong> words = stackalloc ulong[4];
        field.Encode(0x1c2, words);
        Assert.That(words[0], Is.EqualTo(0xc2UL | 0x1UL << 32));
        Assert.That(field.Width, Is.EqualTo(12));
    }

    [Test]
    public void AFullWordTakesAnyValue()
    {
        Span<ulong> words = stackalloc ulong[4];
        PmuFormatField.Parse("offcore_rsp", "config1:0-63").Encode(ulong.MaxValue, words);
        Assert.That(words[1], Is.EqualTo(ulong.MaxValue));
    }

    [TestCase("config:7-0")]
    [TestCase("config:0-64")]
    [TestCase("config4:0-7")]
    [TestCase("config:")]
    public void RejectsMalformedFormats(string text)
    {
        Assert.Throws<CnnPerfException>(() => PmuFormatField.Parse("x", text));
    }
}
