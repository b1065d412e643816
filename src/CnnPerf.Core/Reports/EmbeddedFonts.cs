using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace CnnPerf.Reports;

/// <summary>
/// DejaVu Sans (regular and bold), embedded in this assembly and registered with ScottPlot ahead of the system
/// fonts, so charts render their text identically on machines that have no fonts installed.
/// </summary>
internal sealed class EmbeddedFonts : IFontResolver
{
    /// <summary>The family name charts use.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<EmbeddedFonts> Registered = new(Register);

    private readonly SKTypeface _regular = Load("DejaVuSans.ttf");
    private readonly SKTypeface _bold = Load("DejaVuSans-Bold.ttf");

    /// <summary>Registers the fonts with ScottPlot once per process; returns the family name to use.</summary>
    public static string EnsureRegistered()
    {
        _ = Registered.Value;
        return Family;
    }

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic)
        => fontName == Family ? (bold ? _bold : _regular) : null;

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width)
        => CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    private static EmbeddedFonts Register()
    {
        var fonts = new EmbeddedFonts();
        Fonts.FontResolvers.Insert(0, fonts);
        return fonts;
    }

    private static SKTypeface Load(string file)
    {
        var name = "CnnPerf.Reports.Fonts." + file;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font resource '{name}' is missing from {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        using var data = SKData.CreateCopy(buffer.ToArray());
        return SKTypeface.FromData(data);
    }
}
