namespace CnnPerf.Models.Architectures;

/// <summary>Names and sizes every zoo network shares.</summary>
internal static class ZooConventions
{
    /// <summary>The name of the image input, <c>[1,3,224,224]</c>.</summary>
    public const string InputName = "input";

    /// <summary>The number of ImageNet classes, the size of the logits output.</summary>
    public const long Classes = 1000;
}
