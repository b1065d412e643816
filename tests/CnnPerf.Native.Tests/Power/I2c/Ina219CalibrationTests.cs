using CnnPerf.Native.Power.I2c;

namespace CnnPerf.Native.Tests.Power.I2c;

public class Ina219CalibrationTests
{
    [Test]
    public void Calibration_follows_the_datasheet_formula()
    {
        // 0.1 Ω, 3.2 A: current LSB 97.66 µA, Cal = trunc(0.04096 / (97.66e-6 * 0.1)) = 4194.
        var calibration = new Ina219Calibration(0.1, 3.2);
        Assert.That(calibration.Register, Is.EqualTo(4194));
        Assert.That(calibration.CurrentLsbAmps, Is.EqualTo(3.2 / 32768).Within(0.01).Percent);
        Assert.That(calibration.PowerLsbWatts, Is.EqualTo(20 * calibration.CurrentLsbAmps));
    }

    [Test]
    public void Datasheet_example_gives_its_calibration()
    {
        // Datasheet example: 32 V, 0.1 Ω... with current LSB 100 µA (max 3.2768 A), Cal = 4096.
        Assert.That(new Ina219Calibration(0.1, 3.2768).Register, Is.EqualTo(4096));
    }

    [Test]
    public void Bit_zero_of_the_register_is_always_clear()
    {
        Assert.That(new Ina219Calibration(0.1, 3.2).Register % 2, Is.EqualTo(0));
        Assert.That(new Ina219Calibration(0.05, 1.3).Register % 2, Is.EqualTo(0));
    }

    [TestCase(0.0, 1.0)]
    [TestCase(0.1, -1.0)]
    [TestCase(double.NaN, 1.0)]
    public void Non_positive_values_are_refused(double ohms, double amps)
    {
        Assert.That(() => new Ina219Calibration(ohms, amps), Throws.InstanceOf<CnnPerfException>());
    }

    [Test]
    public void A_calibration_that_does_not_fit_16_bits_is_refused_with_the_numbers()
    {
        Assert.That(() => new Ina219Calibration(0.001, 0.001),
            Throws.InstanceOf<CnnPerfException>().With.Message.Contains("0.001 Ω").And.Message.Contains("raise"));
    }
}
