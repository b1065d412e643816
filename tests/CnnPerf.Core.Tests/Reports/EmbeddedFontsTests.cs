using CnnPerf.Reports;
using ScottPlot;

namespace CnnPerf.Core.Tests.Reports;

public sealed class EmbeddedFontsTests
{
    [Test]
    public void ScottPlotResolvesTheFamilyToTheEmbeddedRegularAndBoldFaces()
    {
        var family = EmbeddedFonts.EnsureRegistered();
        Assert.That(Fonts.FontResolvers[0], Is.InstanceOf<EmbeddedFonts>(), "ahead of the system fonts, so a machine without fonts renders text too");
        var regular = Fonts.GetTypeface(family, bold: false, italic: false);
        var bold = Fonts.GetTypeface(family, bold: true, italic: false);
        Assert.That(regular.FamilyName, Is.EqualTo("DejaVu Sans"));
        Assert.That(bold.FamilyName, Is.EqualTo("DejaVu Sans"));
        Assert.That((int)bold.FontWeight, Is.GreaterThan((int)regular.FontWeight));
        Assert.That(regular.GlyphCount, Is.GreaterThan(1000), "a real font, not a fallback");
    }

    [Test]
    public void RegisteringTwiceAddsOneResolver()
    {
        EmbeddedFonts.EnsureRegistered();
        EmbeddedFonts.EnsureRegistered();
        Assert.That(Fonts.FontResolvers.OfType<EmbeddedFonts>().Count(), Is.EqualTo(1));
    }
}
