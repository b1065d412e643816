using CnnPerf.Backends;

namespace CnnPerf.Frameworks.Managed;

/// <summary>The managed engine's backend settings, parsed from <see cref="BackendOptions"/>.</summary>
/// <param name="Threads">Threads per inference (the calling thread included).</param>
/// <param name="Technique">Convolution technique (setting <c>conv</c>).</param>
public sealed record ManagedSettings(int Threads, ConvolutionTechnique Technique)
{
    /// <summary>The name of the convolution setting.</summary>
    public const string ConvolutionSetting = "conv";

    /// <summary>Parses <paramref name="options"/>; <paramref name="problems"/> lists bad or unknown settings.</summary>
    public static ManagedSettings Parse(BackendOptions options, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        var found = new List<string>();
        if (options.Threads < 1)
        {
            found.Add($"threads must be at least 1, got {options.Threads}");
        }
        foreach (var name in options.Settings.Keys.Where(k => k != ConvolutionSetting))
        {
            found.Add($"unknown setting '{name}'; the managed backend knows: {ConvolutionSetting}=auto|direct|im2col|depthwise|winograd");
        }
        var value = options.GetSetting(ConvolutionSetting, "auto");
        var technique = ConvolutionTechnique.Auto;
        if (!TryParseTechnique(value, out technique))
        {
            found.Add($"unknown {ConvolutionSetting}='{value}'; expected auto, direct, im2col, depthwise or winograd");
        }
        problems = found;
        return new ManagedSettings(Math.Max(1, options.Threads), technique);
    }

    /// <summary>The setting value of <paramref name="technique"/> (lower case, as on the command line).</summary>
    public static string Format(ConvolutionTechnique technique) => technique.ToString().ToLowerInvariant();

    private static bool TryParseTechnique(string value, out ConvolutionTechnique technique)
    {
        foreach (var candidate in Enum.GetValues<ConvolutionTechnique>())
        {
            if (Format(candidate) == value.Trim().ToLowerInvariant())
            {
                technique = candidate;
                return true;
            }
        }
        technique = ConvolutionTechnique.Auto;
        return false;
    }
}
