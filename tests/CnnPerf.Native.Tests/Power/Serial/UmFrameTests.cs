using CnnPerf.Native.Power.Serial;

namespace CnnPerf.Native.Tests.Power.Serial;

public class UmFrameTests
{
    [Test]
    public void Um25c_has_one_more_decimal_on_voltage_and_current()
    {
        var frame = UmFrame.Parse(UmFrameBuilder.Build(UmModel.Um25C, 5123, 4567, 2339, celsius: 31, group: 3, groupMah: 120, groupMwh: 610, dataPlusRaw: 60, dataMinusRaw: 270, resistanceRaw: 112));
        Assert.That(frame.Model, Is.EqualTo(UmModel.Um25C));
        Assert.That(frame.Volts, Is.EqualTo(5.123).Within(1e-12));
        Assert.That(frame.Amps, Is.EqualTo(0.4567).Within(1e-12));
        Assert.That(frame.Watts, Is.EqualTo(2.339).Within(1e-12));
        Assert.That(frame.TemperatureCelsius, Is.EqualTo(31));
        Assert.That((frame.DataGroup, frame.GroupMilliampHours, frame.GroupMilliwattHours), Is.EqualTo((3, 120u, 610u)));
        Assert.That(frame.DataPlusVolts, Is.EqualTo(0.60).Within(1e-12));
        Assert.That(frame.DataMinusVolts, Is.EqualTo(2.70).Within(1e-12));
        Assert.That(frame.LoadOhms, Is.EqualTo(11.2).Within(1e-12));
    }

    [TestCase(UmModel.Um24C)]
    [TestCase(UmModel.Um34C)]
    public void Um24c_and_um34c_use_10_mV_and_1_mA(UmModel model)
    {
        var frame = UmFrame.Parse(UmFrameBuilder.Build(model, 512, 456, 2334));
        Assert.That(frame.Model, Is.EqualTo(model));
        Assert.That(frame.Volts, Is.EqualTo(5.12).Within(1e-12));
        Assert.That(frame.Amps, Is.EqualTo(0.456).Within(1e-12));
    }

    [Test]
    public void Bad_frames_are_refused_with_the_reason()
    {
        var frame = UmFrameBuilder.Build(UmModel.Um25C, 5000, 1000, 500);
        Assert.That(() => UmFrame.Parse(frame.AsSpan(0, 64)), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("64 bytes"));
        frame[129] = 0;
        Assert.That(() => UmFrame.Parse(frame), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("end marker"));
        frame[0] = 0x12;
        Assert.That(() => UmFrame.Parse(frame), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("0x12"));
    }
}
