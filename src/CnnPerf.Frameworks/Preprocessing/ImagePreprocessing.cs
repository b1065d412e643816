namespace CnnPerf.Frameworks.Preprocessing;

/// <summary>
/// How an image becomes a model input: resize so the shorter side is <see cref="ResizeShorterSide"/>, crop the
/// centre <see cref="CropWidth"/> x <see cref="CropHeight"/>, scale pixel values by <see cref="Scale"/>, then per
/// channel subtract <see cref="Mean"/> and divide by <see cref="Std"/>, planes in <see cref="Order"/> (NCHW).
/// </summary>
/// <param name="ResizeShorterSide">Length of the shorter image side after resizing (at least the crop size).</param>
/// <param name="CropWidth">Width of the centre crop (the tensor's W).</param>
/// <param name="CropHeight">Height of the centre crop (the tensor's H).</param>
/// <param name="Scale">Factor applied to 8-bit pixel values first (1/255 maps them to [0, 1]).</param>
/// <param name="Mean">Per-channel mean, in <see cref="Order"/>.</param>
/// <param name="Std">Per-channel standard deviation, in <see cref="Order"/>.</param>
/// <param name="Order">Channel order of the tensor.</param>
public sealed record ImagePreprocessing(int ResizeShorterSide, int CropWidth, int CropHeight, float Scale, float[] Mean, float[] Std, ChannelOrder Order)
{
    /// <summary>torchvision's ImageNet evaluation transform: 256, centre 224, [0,1], ImageNet mean/std, RGB.</summary>
    public static ImagePreprocessing ImageNet { get; } =
        new(256, 224, 224, 1f / 255f, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f], ChannelOrder.Rgb);

    /// <summary>Caffe's classic transform: 256, centre 224, raw 0-255 values minus the BGR ImageNet mean, BGR.</summary>
    public static ImagePreprocessing Caffe { get; } =
        new(256, 224, 224, 1f, [104f, 117f, 123f], [1f, 1f, 1f], ChannelOrder.Bgr);

    /// <summary>The same transform for a different crop size (the resize keeps the 256:224 ratio).</summary>
    public ImagePreprocessing WithCrop(int width, int height) =>
        this with { CropWidth = width, CropHeight = height, ResizeShorterSide = (int)Math.Round(Math.Max(width, height) * 256.0 / 224.0) };

    /// <summary>Problems with the values; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (CropWidth < 1 || CropHeight < 1)
        {
            problems.Add($"crop {CropWidth}x{CropHeight} must be at least 1x1");
        }
        if (ResizeShorterSide < Math.Max(CropWidth, CropHeight))
        {
            problems.Add($"resize {ResizeShorterSide} is smaller than the crop {CropWidth}x{CropHeight}");
        }
        if (Mean is not { Length: 3 } || Std is not { Length: 3 })
        {
            problems.Add("mean and std need three values each");
        }
        else if (Std.Any(s => !(s > 0)))
        {
            problems.Add($"std values must be positive, got [{string.Join(", ", Std)}]");
        }
        return problems;
    }
}
