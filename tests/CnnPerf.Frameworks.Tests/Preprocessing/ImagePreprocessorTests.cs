using CnnPerf.Backends;
using CnnPerf.Frameworks.OpenCv;
using CnnPerf.Frameworks.Preprocessing;
using CnnPerf.Frameworks.Tests.TestModels;
using OpenCvSharp;

namespace CnnPerf.Frameworks.Tests.Preprocessing;

public sealed class ImagePreprocessorTests
{
    // 20 wide, 10 high: the left half pure red, the right half pure blue, except a green bottom-right quarter.
    private static readonly Scalar Red = new(0, 0, 255), Blue = new(255, 0, 0), Green = new(0, 255, 0);

    private TemporaryDirectory _directory = null!;
    private string _imagePath = null!;

    [OneTimeSetUp]
    public void WriteImage()
    {
        var availability = new OpenCvBackend().Availability;
        Assume.That(availability.IsAvailable, Is.True, $"OpenCV is unavailable here: {availability.Reason}");
        _directory = new TemporaryDirectory();
        _imagePath = Path.Combine(_directory.Path, "halves.png");
        using var image = new Mat(100, 200, MatType.CV_8UC3, Red);
        image[new Rect(100, 0, 100, 100)].SetTo(Blue);
        image[new Rect(100, 50, 100, 50)].SetTo(Green);
        Cv2.ImWrite(_imagePath, image);
    }

    [OneTimeTearDown]
    public void DeleteImage() => _directory?.Dispose();

    [Test]
    public void Load_ResizesCropsNormalisesAndOrdersRgb()
    {
        // 200x100 -> shorter side 10 -> 20x10 -> centre 10x10 = columns 5..14: red left, blue/green right.
        var settings = new ImagePreprocessing(10, 10, 10, 1f / 255f, [0.5f, 0.25f, 0f], [0.5f, 0.5f, 2f], ChannelOrder.Rgb);

        var tensor = new ImagePreprocessor(settings).Load(_imagePath);

        Assert.That(tensor.Shape, Is.EqualTo(new TensorShape(1, 3, 10, 10)));
        // Top-left (red): R = (1 - 0.5) / 0.5, G = (0 - 0.25) / 0.5, B = 0 / 2.
        Assert.That(Pixel(tensor, 0, 0), Is.EqualTo(new[] { 1f, -0.5f, 0f }).Within(1e-6));
        // Top-right (blue): B = (1 - 0) / 2.
        Assert.That(Pixel(tensor, 0, 9), Is.EqualTo(new[] { -1f, -0.5f, 0.5f }).Within(1e-6));
        // Bottom-right (green): G = (1 - 0.25) / 0.5.
        Assert.That(Pixel(tensor, 9, 9), Is.EqualTo(new[] { -1f, 1.5f, 0f }).Within(1e-6));
    }

    [Test]
    public void Load_BgrOrder_PutsBlueInTheFirstPlane()
    {
        var settings = new ImagePreprocessing(10, 10, 10, 1f, [0f, 0f, 0f], [1f, 1f, 1f], ChannelOrder.Bgr);

        var tensor = new ImagePreprocessor(settings).Load(_imagePath);

        Assert.That(Pixel(tensor, 0, 0), Is.EqualTo(new[] { 0f, 0f, 255f }));
        Assert.That(Pixel(tensor, 0, 9), Is.EqualTo(new[] { 255f, 0f, 0f }));
    }

    [Test]
    public void ImageNetPreset_GivesTheModelInputShape()
    {
        var tensor = new ImagePreprocessor(ImagePreprocessing.ImageNet).Load(_imagePath);

        Assert.That(tensor.Shape, Is.EqualTo(new TensorShape(1, 3, 224, 224)));
        Assert.That(Pixel(tensor, 0, 0)[0], Is.EqualTo((1f - 0.485f) / 0.229f).Within(1e-5));
    }

    [Test]
    public void BadFilesAndSettings_AreClearErrors()
    {
        var notAnImage = Path.Combine(_directory.Path, "text.png");
        File.WriteAllText(notAnImage, "not an image");
        var preprocessor = new ImagePreprocessor(ImagePreprocessing.ImageNet);

        Assert.That(Assert.Throws<CnnPerfException>(() => preprocessor.Load(Path.Combine(_directory.Path, "absent.png")))!.Message, Does.StartWith("image file not found"));
        Assert.That(Assert.Throws<CnnPerfException>(() => preprocessor.Load(notAnImage))!.Message, Does.Contain("not an image OpenCV can read"));
        var bad = ImagePreprocessing.ImageNet with { ResizeShorterSide = 100, Std = [1f, 0f, 1f] };
        var e = Assert.Throws<ArgumentException>(() => new ImagePreprocessor(bad));
        Assert.That(e!.Message, Does.Contain("resize 100 is smaller than the crop 224x224").And.Contain("std values must be positive"));
    }

    private static float[] Pixel(Tensor tensor, int y, int x)
    {
        int height = tensor.Shape[2], width = tensor.Shape[3];
        return Enumerable.Range(0, 3).Select(c => tensor.Data[c * height * width + y * width + x]).ToArray();
    }
}
