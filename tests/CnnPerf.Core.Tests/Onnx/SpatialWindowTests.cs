using CnnPerf.Onnx;

namespace CnnPerf.Core.Tests.Onnx;

public class SpatialWindowTests
{
    private static SpatialWindow Window(long[] kernel, params OnnxAttribute[] attributes)
    {
        var writer = new OnnxModelWriter("w").Input("x", 1, 1, 9, 9).Output("y").Node("MaxPool", "pool", ["x"], ["y"], attributes);
        return SpatialWindow.Of(OnnxModel.Read(writer.ToBytes(), "w").Nodes[0], kernel);
    }

    [TestCase(112, 3, 2, 1, 1, false, 56)]
    [TestCase(55, 3, 2, 0, 0, true, 27)]
    [TestCase(56, 3, 2, 0, 0, true, 28)]
    [TestCase(7, 7, 1, 0, 0, false, 1)]
    public void Output_size_follows_floor_and_ceil_modes(int input, int kernel, int stride, int padBegin, int padEnd, bool ceil, int expected) =>
        Assert.That(SpatialWindow.OutputSize(input, kernel, stride, padBegin, padEnd, 1, ceil), Is.EqualTo(expected));

    [Test]
    public void Ceil_mode_drops_a_last_window_that_would_start_in_the_trailing_padding()
    {
        // 4 + 0 + 1 = 5 cells, windows of 1 every 2: ceil((5 - 1) / 2) + 1 = 3, but the 3rd would start at 4, in the padding.
        Assert.That(SpatialWindow.OutputSize(4, 1, 2, 0, 1, 1, ceilMode: true), Is.EqualTo(2));
    }

    [Test]
    public void Dilation_widens_the_window()
    {
        // extent 2 * (3 - 1) + 1 = 5: (15 + 1 - 5) / 2 + 1 = 6
        Assert.That(SpatialWindow.OutputSize(15, 3, 2, 0, 1, 2, ceilMode: false), Is.EqualTo(6));
    }

    [Test]
    public void A_window_larger_than_the_padded_input_is_an_error() =>
        Assert.That(() => SpatialWindow.OutputSize(4, 7, 1, 1, 1, 1, false), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("window 7 is larger than the padded input 6"));

    [Test]
    public void Same_upper_puts_the_odd_padding_cell_after_the_input_same_lower_before_it()
    {
        var upper = Window([4, 4], OnnxAttribute.Of("auto_pad", "SAME_UPPER"), OnnxAttribute.Of("strides", 2L, 2L));
        var lower = Window([4, 4], OnnxAttribute.Of("auto_pad", "SAME_LOWER"), OnnxAttribute.Of("strides", 2L, 2L));

        // 9 / 2 rounded up = 5 outputs: (5 - 1) * 2 + 4 - 9 = 3 cells of padding.
        Assert.That(upper.Padding([9, 9]), Is.EqualTo((new long[] { 1, 1 }, new long[] { 2, 2 })));
        Assert.That(lower.Padding([9, 9]), Is.EqualTo((new long[] { 2, 2 }, new long[] { 1, 1 })));
        Assert.That(upper.OutputSize([9, 9]), Is.EqualTo(new long[] { 5, 5 }));
    }

    [Test]
    public void Valid_pads_nothing_and_explicit_pads_are_begin_then_end()
    {
        var valid = Window([3, 3], OnnxAttribute.Of("auto_pad", "VALID"), OnnxAttribute.Of("pads", 1L, 1L, 1L, 1L));
        var explicitPads = Window([3, 3], OnnxAttribute.Of("pads", 0L, 1L, 2L, 3L));

        Assert.That(valid.Padding([9, 9]), Is.EqualTo((new long[] { 0, 0 }, new long[] { 0, 0 })));
        Assert.That(valid.OutputSize([9, 9]), Is.EqualTo(new long[] { 7, 7 }));
        Assert.That(explicitPads.Padding([9, 9]), Is.EqualTo((new long[] { 0, 1 }, new long[] { 2, 3 })));
        Assert.That(explicitPads.OutputSize([9, 9]), Is.EqualTo(new long[] { 9, 11 }));
    }

    [Test]
    public void Attributes_of_the_wrong_length_or_value_are_errors()
    {
        Assert.That(() => Window([3, 3], OnnxAttribute.Of("strides", [2L])), Throws.InstanceOf<CnnPerfException>().With.Message.EqualTo("attribute strides has 1 values, expected 2"));
        Assert.That(() => Window([3, 3], OnnxAttribute.Of("auto_pad", "SAME")), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("auto_pad 'SAME'"));
        Assert.That(() => Window([3, 3], OnnxAttribute.Of("pads", -1L, 0L, 0L, 0L)), Throws.InstanceOf<CnnPerfException>().With.Message.Contains("not all positive"));
    }
}
