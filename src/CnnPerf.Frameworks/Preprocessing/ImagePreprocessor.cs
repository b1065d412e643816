using CnnPerf.Backends;
using CnnPerf.Frameworks.OpenCv;
using OpenCvSharp;

namespace CnnPerf.Frameworks.Preprocessing;

/// <summary>
/// Turns image files into model input tensors with OpenCV (any format <c>imread</c> reads): resize the
/// shorter side (area interpolation when shrinking, bilinear when enlarging), centre crop, normalise, NCHW.
/// </summary>
public sealed class ImagePreprocessor
{
    private readonly ImagePreprocessing _settings;

    /// <summary>Creates a preprocessor.</summary>
    /// <exception cref="ArgumentException">The settings are inconsistent (see <see cref="ImagePreprocessing.Validate"/>).</exception>
    public ImagePreprocessor(ImagePreprocessing settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid image preprocessing: {string.Join("; ", problems)}.", nameof(settings));
        }
        _settings = settings;
    }

    /// <summary>The [1, 3, crop height, crop width] tensor of an image file.</summary>
    /// <exception cref="CnnPerfException">OpenCV is unavailable, or the file is missing or not an image.</exception>
    public Tensor Load(string imagePath)
    {
        var availability = new OpenCvBackend().Availability;
        if (!availability.IsAvailable)
        {
            throw new CnnPerfException($"cannot read images: {availability.Reason}");
        }
        if (!File.Exists(imagePath))
        {
            throw new CnnPerfException($"image file not found: {imagePath}");
        }
        using var image = Cv2.ImRead(imagePath, ImreadModes.Color);
        if (image.Empty())
        {
            throw new CnnPerfException($"'{imagePath}' is not an image OpenCV can read");
        }
        return FromBgrImage(image);
    }

    /// <summary>The tensor of an 8-bit, 3-channel BGR image (as OpenCV loads it).</summary>
    /// <exception cref="ArgumentException">The image is not 8-bit BGR.</exception>
    public Tensor FromBgrImage(Mat image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Expected an 8-bit 3-channel BGR image, got {image.Type()}.", nameof(image));
        }
        using var resized = ResizeShorterSide(image);
        var left = (resized.Width - _settings.CropWidth) / 2;
        var top = (resized.Height - _settings.CropHeight) / 2;
        using var crop = new Mat(resized, new Rect(left, top, _settings.CropWidth, _settings.CropHeight));
        return ToTensor(crop);
    }

    private Mat ResizeShorterSide(Mat image)
    {
        var shorter = Math.Min(image.Width, image.Height);
        var factor = (double)_settings.ResizeShorterSide / shorter;
        var size = new Size(
            Math.Max(_settings.CropWidth, (int)Math.Round(image.Width * factor)),
            Math.Max(_settings.CropHeight, (int)Math.Round(image.Height * factor)));
        var resized = new Mat();
        Cv2.Resize(image, resized, size, interpolation: factor < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear);
        return resized;
    }

    private Tensor ToTensor(Mat crop)
    {
        int height = _settings.CropHeight, width = _settings.CropWidth, plane = height * width;
        var tensor = new Tensor(new TensorShape(1, 3, height, width));
        var data = tensor.Data;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var bgr = crop.At<Vec3b>(y, x);
                for (var c = 0; c < 3; c++)
                {
                    // OpenCV stores B, G, R; the tensor's plane c holds R, G, B for RGB order.
                    var value = _settings.Order == ChannelOrder.Bgr ? bgr[c] : bgr[2 - c];
                    data[c * plane + y * width + x] = (value * _settings.Scale - _settings.Mean[c]) / _settings.Std[c];
                }
            }
        }
        return tensor;
    }
}
