using System.Globalization;
using CnnPerf.Native.Power.Logs;
using CnnPerf.Power;

namespace CnnPerf.Core.Tests.Power;

public class PowerLogRecorderTests
{
    [Test]
    public void Align_maps_wall_clock_times_onto_the_monotonic_timeline()
    {
        var samples = PowerLogRecorder.Align([new PowerLogEntry(1000.5, 3), new PowerLogEntry(1001.0, 4)], monotonicAtUnixEpoch: -900);
        Assert.That(samples, Is.EqualTo(new[] { new PowerSample(100.5, 3), new PowerSample(101.0, 4) }));
    }

    [Test]
    public void Window_keeps_one_sample_beyond_each_boundary()
    {
        var samples = Enumerable.Range(0, 10).Select(i => new PowerSample(i, i)).ToArray();
        Assert.That(PowerLogRecorder.Window(samples, 3.5, 6.5).Select(s => s.Seconds), Is.EqualTo(new[] { 3.0, 4, 5, 6, 7 }));
        Assert.That(PowerLogRecorder.Window(samples, 3, 6).Select(s => s.Seconds), Is.EqualTo(new[] { 3.0, 4, 5, 6 }));
    }

    [Test]
    public void A_log_written_during_the_recording_is_aligned_and_integrated()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnperf-log-{Guid.NewGuid():N}.csv");
        try
        {
            var recorder = new PowerLogRecorder(path);
            recorder.Start();
            var startMonotonic = MonotonicClock.Now;
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            // The analyzer logged 7 W from 5 s before until 5 s after "now".
            File.WriteAllLines(path, ["time,watts", .. Enumerable.Range(-5, 11).Select(i => string.Create(CultureInfo.InvariantCulture, $"{now + i},7"))]);
            var capture = recorder.Stop();
            Assert.That(capture.Complete, Is.True, capture.Status);
            Assert.That(capture.Samples.Select(s => s.Watts), Is.All.EqualTo(7));
            Assert.That(capture.Samples[0].Seconds, Is.LessThanOrEqualTo(startMonotonic));
            Assert.That(PowerIntegration.MeanPower(capture.Samples, capture.Start, capture.End), Is.EqualTo(7).Within(1e-9));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_missing_log_gives_an_incomplete_capture_not_an_exception()
    {
        var recorder = new PowerLogRecorder("/nonexistent/power.csv");
        recorder.Start();
        var capture = recorder.Stop();
        Assert.That(capture.Status, Does.StartWith("power incomplete: power log /nonexistent/power.csv does not exist"));
    }
}
