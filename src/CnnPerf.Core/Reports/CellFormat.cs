using System.Globalization;

namespace CnnPerf.Reports;

/// <summary>Formats numbers for report tables: compact, invariant culture, "n/a" for NaN.</summary>
internal static class CellFormat
{
    /// <summary>A value with about four significant digits (scientific notation from 100000 up).</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value))
        {
            return "n/a";
        }

        var magnitude = Math.Abs(value);
        var format = magnitude switch
        {
            0 => "0",
            >= 1e5 => "0.###e+0",
            >= 100 => "F1",
            >= 1 => "F2",
            >= 0.01 => "F4",
            _ => "0.##e+0",
        };
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A p-value: scientific below 0.001.</summary>
    public static string PValue(double value)
        => double.IsNaN(value) ? "n/a" : value < 1e-3 ? value.ToString("0.0e+0", CultureInfo.InvariantCulture) : value.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>A share in percent with one decimal.</summary>
    public static string Percent(double share) => double.IsNaN(share) ? "n/a" : (100 * share).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
