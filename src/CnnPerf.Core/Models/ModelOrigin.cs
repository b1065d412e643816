namespace CnnPerf.Models;

/// <summary>Where a model comes from.</summary>
public enum ModelOrigin
{
    /// <summary>Built by CnnPerf's model zoo with seeded weights.</summary>
    Zoo,
    /// <summary>A pretrained network shipped in a NuGet package.</summary>
    NuGet,
    /// <summary>A file the user named by path.</summary>
    File,
}
