namespace CnnPerf.Store;

/// <summary>The layout of an export table.</summary>
public enum ExportShape
{
    /// <summary>One row per configuration and metric (id, value, unit, provenance, running share).</summary>
    Long,
    /// <summary>One row per configuration, one column per metric id.</summary>
    Wide,
}
