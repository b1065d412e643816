using CnnPerf.Backends;

namespace CnnPerf.Core.Tests.Backends;

public class TensorShapeTests
{
    [Test]
    public void Shapes_with_the_same_dimensions_are_equal()
    {
        Assert.That(new TensorShape(1, 3, 224, 224), Is.EqualTo(new TensorShape(1, 3, 224, 224)));
        Assert.That(new TensorShape(1, 3, 224, 224).GetHashCode(), Is.EqualTo(new TensorShape(1, 3, 224, 224).GetHashCode()));
        Assert.That(new TensorShape(1, 3, 224, 224), Is.Not.EqualTo(new TensorShape(1, 3, 227, 227)));
    }

    [Test]
    public void Element_count_is_the_product_of_dimensions()
    {
        Assert.That(new TensorShape(1, 3, 224, 224).ElementCount, Is.EqualTo(150528));
    }

    [Test]
    public void Non_positive_dimension_is_rejected_with_the_shape_in_the_message()
    {
        var e = Assert.Throws<ArgumentException>(() => _ = new TensorShape(1, 0, 4));
        Assert.That(e!.Message, Does.Contain("[1,0,4]"));
    }

    [Test]
    public void Tensor_rejects_data_of_the_wrong_length()
    {
        var e = Assert.Throws<ArgumentException>(() => _ = new Tensor(new TensorShape(2, 2), new float[3]));
        Assert.That(e!.Message, Does.Contain("3 elements"));
    }

    [Test]
    public void Random_tensors_are_reproducible_from_their_seed()
    {
        var a = Tensor.Random(new TensorShape(1, 16), seed: 7);
        var b = Tensor.Random(new TensorShape(1, 16), seed: 7);
        var c = Tensor.Random(new TensorShape(1, 16), seed: 8);
        Assert.That(a.Data, Is.EqualTo(b.Data));
        Assert.That(a.Data, Is.Not.EqualTo(c.Data));
        Assert.That(a.Data, Has.All.InRange(-1f, 1f));
    }
}
