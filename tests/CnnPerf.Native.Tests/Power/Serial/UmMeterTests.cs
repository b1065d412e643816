using CnnPerf.Native.Power.Serial;

namespace CnnPerf.Native.Tests.Power.Serial;

public class UmMeterTests
{
    [Test]
    public void Reads_frames_from_a_meter_on_a_pseudo_terminal()
    {
        using var device = new FakeUmDevice(i => UmFrameBuilder.Build(UmModel.Um25C, (ushort)(5000 + i), 2000, (uint)(1000 + i)));
        using var meter = UmMeter.Open(device.PortName, TimeSpan.FromSeconds(5));
        for (var i = 0; i < 5; i++)
        {
            var frame = meter.Read();
            Assert.That(frame.Volts, Is.EqualTo((5000 + i) / 1000.0).Within(1e-12));
            Assert.That(frame.Amps, Is.EqualTo(0.2).Within(1e-12));
            Assert.That(frame.Watts, Is.EqualTo((1000 + i) / 1000.0).Within(1e-12));
        }
        Assert.That(device.Requests, Is.EqualTo(5));
    }

    [Test]
    public void Control_characters_in_a_frame_pass_through_unchanged()
    {
        // CR LF, XON/XOFF, ^C and DEL would be translated or eaten by a terminal in cooked mode.
        using var device = new FakeUmDevice(_ => UmFrameBuilder.Build(UmModel.Um25C, 0x0D0A, 0x1311, 0x7F030A0D));
        using var meter = UmMeter.Open(device.PortName, TimeSpan.FromSeconds(5));
        var frame = meter.Read();
        Assert.That(frame.Volts, Is.EqualTo(0x0D0A / 1000.0).Within(1e-12));
        Assert.That(frame.Amps, Is.EqualTo(0x1311 / 10000.0).Within(1e-12));
        Assert.That(frame.Watts, Is.EqualTo(0x7F030A0D / 1000.0).Within(1e-9));
    }

    [Test]
    public void A_silent_meter_fails_the_read_with_a_timeout()
    {
        using var device = new FakeUmDevice(_ => UmFrameBuilder.Build(UmModel.Um24C, 500, 100, 500));
        using var meter = UmMeter.Open(device.PortName, TimeSpan.FromMilliseconds(300));
        Assert.That(meter.Read().Volts, Is.EqualTo(5.0).Within(1e-12));
        device.Unplug();
        Assert.That(() => meter.Read(), Throws.InstanceOf<IOException>().With.Message.Contains("no full frame"));
    }

    [Test]
    public void Opening_a_missing_port_says_how_to_bind_one()
    {
        Assert.That(() => UmMeter.Open("/dev/rfcomm-cnnperf-missing", TimeSpan.FromSeconds(1)),
            Throws.InstanceOf<CnnPerfException>().With.Message.Contains("rfcomm bind"));
    }

    [Test]
    public void Probe_lists_candidate_ports_or_says_there_are_none()
    {
        var dev = Directory.CreateTempSubdirectory("cnnperf-dev").FullName;
        try
        {
            Assert.That(UmMeter.Probe(dev).Reason, Does.Contain("rfcomm"));
            File.WriteAllText(Path.Combine(dev, "rfcomm0"), "");
            Assert.That(UmMeter.Probe(dev).Devices.Single(), Does.StartWith(Path.Combine(dev, "rfcomm0")));
        }
        finally
        {
            Directory.Delete(dev, true);
        }
    }
}
