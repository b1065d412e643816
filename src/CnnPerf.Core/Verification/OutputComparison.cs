namespace CnnPerf.Verification;

/// <summary>
/// How far a backend's output is from a reference output: the largest absolute element difference, and that
/// difference relative to the largest reference magnitude (so one scale serves logits of any size).
/// </summary>
/// <param name="MaxAbsDiff">Largest |candidate - reference| over all elements.</param>
/// <param name="MaxRelDiff"><see cref="MaxAbsDiff"/> divided by the largest |reference|; NaN when the reference is all zeros or empty.</param>
public sealed record OutputComparison(double MaxAbsDiff, double MaxRelDiff)
{
    /// <summary>Compares two outputs element by element. A NaN anywhere makes both differences NaN.</summary>
    /// <exception cref="ArgumentException">The outputs have different lengths.</exception>
    public static OutputComparison Compare(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate)
    {
        if (reference.Length != candidate.Length)
        {
            throw new ArgumentException($"Outputs differ in length: reference {reference.Length}, candidate {candidate.Length}.", nameof(candidate));
        }
        if (reference.Length == 0)
        {
            return new OutputComparison(double.NaN, double.NaN);
        }
        double maxAbsDiff = 0, maxReference = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            double r = reference[i], c = candidate[i];
            var diff = Math.Abs(c - r);
            if (double.IsNaN(diff))
            {
                return new OutputComparison(double.NaN, double.NaN);
            }
            maxAbsDiff = Math.Max(maxAbsDiff, diff);
            maxReference = Math.Max(maxReference, Math.Abs(r));
        }
        return new OutputComparison(maxAbsDiff, maxReference > 0 ? maxAbsDiff / maxReference : double.NaN);
    }

    /// <summary>Merges two comparisons of the same pair of backends on different inputs (the larger differences).</summary>
    public OutputComparison Max(OutputComparison other) =>
        new(MaxOrNaN(MaxAbsDiff, other.MaxAbsDiff), MaxOrNaN(MaxRelDiff, other.MaxRelDiff));

    private static double MaxOrNaN(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b);

    /// <summary>True when <see cref="MaxRelDiff"/> is at most <paramref name="tolerance"/> (false for NaN).</summary>
    public bool IsWithin(double tolerance) => MaxRelDiff <= tolerance;
}
