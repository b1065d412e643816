namespace CnnPerf.Store;

/// <summary>The file format of an export.</summary>
public enum ExportFormat
{
    /// <summary>Comma-separated values with a header row (RFC 4180 quoting, invariant culture, empty for missing).</summary>
    Csv,
    /// <summary>A JSON array of flat records (<c>pandas.read_json(path)</c>), null for missing.</summary>
    Json,
}
