using CnnPerf.Native.Power.Logs;

namespace CnnPerf.Native.Tests.Power.Logs;

public class PowerLogTests
{
    [Test]
    public void Unix_seconds_without_header()
    {
        var entries = PowerLog.Parse(new StringReader("1764138000.0,3.0\n1764138000.5,3.25\n"), "log");
        Assert.That(entries, Is.EqualTo(new[] { new PowerLogEntry(1764138000.0, 3.0), new PowerLogEntry(1764138000.5, 3.25) }));
    }

    [Test]
    public void Iso_times_header_with_columns_in_any_order_semicolons_and_comments()
    {
        const string text = "# exported by the analyzer\nvolts;power;timestamp\n5.0;2.0;2026-11-26T07:30:00+01:00\n5.0;2.5;2026-11-26T06:30:00.250Z\n";
        var entries = PowerLog.Parse(new StringReader(text), "log");
        var expected = new DateTimeOffset(2026, 11, 26, 6, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() / 1000.0;
        Assert.That(entries.Select(e => e.Watts), Is.EqualTo(new[] { 2.0, 2.5 }));
        Assert.That(entries[0].UnixSeconds, Is.EqualTo(expected).Within(1e-6));
        Assert.That(entries[1].UnixSeconds, Is.EqualTo(expected + 0.25).Within(1e-6));
    }

    [TestCase("time,watts\n1764138000,abc\n", "log:2: 'abc' is not a number of watts")]
    [TestCase("time,watts\nyesterday,3\n", "log:2: 'yesterday' is not a time")]
    [TestCase("time,watts\n1764138000\n", "log:2: expected at least 2 columns")]
    [TestCase("time,watts\n", "log: no (time, watts) lines")]
    [TestCase("watts\n3\n", "fewer than two columns")]
    [TestCase("time,watts\n1764138000,2\n1764138001,NaN\n", "log:3: 'NaN' is not a number of watts")]
    [TestCase("time,watts\n1764138000,2\n1764138001,-4\n", "log:3: -4 W is negative: not a power a machine draws")]
    [TestCase("time,watts\n1764138000,1e308\n", "log:2: 1E+308 W is more than 100000 W: not a power a machine draws")]
    [TestCase("time,watts\n1764138001,2\n1764138000,2\n", "log:3: time 1764138000 is before the previous line's: times must increase")]
    [TestCase("time,watts\n1764138000,2\n1764138000,3\n", "log:3: time 1764138000 is the same as the previous line's: times must increase")]
    public void Malformed_lines_are_reported_with_their_number(string text, string message)
    {
        Assert.That(() => PowerLog.Parse(new StringReader(text), "log"), Throws.InstanceOf<CnnPerfException>().With.Message.Contains(message));
    }

    [Test]
    public void Missing_file_is_reported()
    {
        Assert.That(() => PowerLog.Load("/nonexistent/power.csv"), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("does not exist"));
    }
}
