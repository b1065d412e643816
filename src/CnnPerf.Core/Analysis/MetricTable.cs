namespace CnnPerf.Analysis;

/// <summary>
/// Plain data for analysis: one row per configuration (model, backend, threads) and one numeric column per metric
/// id, NaN where a configuration lacks a metric. Immutable; no dependency on the runner or the store.
/// </summary>
public sealed class MetricTable
{
    private readonly Dictionary<string, double[]> _columns;

    /// <summary>Creates a table from its keys and columns.</summary>
    /// <param name="keys">One key per row.</param>
    /// <param name="columns">Values per metric id, each with one value per row (NaN for missing).</param>
    /// <exception cref="ArgumentException">A column's length differs from the number of keys.</exception>
    public MetricTable(IReadOnlyList<ConfigurationKey> keys, IReadOnlyDictionary<string, double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var (name, values) in columns)
        {
            if (values.Length != keys.Count)
            {
                throw new ArgumentException($"Column '{name}' has {values.Length} values but the table has {keys.Count} rows.", nameof(columns));
            }
        }

        Keys = keys.ToArray();
        _columns = columns.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
        Columns = columns.Keys.ToArray();
    }

    /// <summary>The configuration of each row.</summary>
    public IReadOnlyList<ConfigurationKey> Keys { get; }

    /// <summary>Metric ids of the columns, in insertion order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Number of rows (configurations).</summary>
    public int RowCount => Keys.Count;

    /// <summary>Builds a table from rows; the columns are the union of every row's metric ids, in first-seen order.</summary>
    public static MetricTable FromRows(IEnumerable<MetricRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var names = list.SelectMany(row => row.Values.Keys).Distinct(StringComparer.Ordinal).ToList();
        var columns = names.ToDictionary(
            name => name,
            name => list.Select(row => row.Values.TryGetValue(name, out var value) ? value : double.NaN).ToArray(),
            StringComparer.Ordinal);
        return new MetricTable(list.Select(row => row.Key).ToList(), columns);
    }

    /// <summary>True when the table has a column with this metric id.</summary>
    public bool HasColumn(string metricId) => _columns.ContainsKey(metricId);

    /// <summary>The values of one column, one per row (NaN where missing).</summary>
    /// <exception cref="ArgumentException">The table has no such column.</exception>
    public IReadOnlyList<double> Column(string metricId)
    {
        if (!_columns.TryGetValue(metricId, out var values))
        {
            throw new ArgumentException(
                $"The table has no column '{metricId}' (it has {Columns.Count}: {string.Join(", ", Columns)}).", nameof(metricId));
        }

        return values;
    }

    /// <summary>The rows whose key satisfies <paramref name="predicate"/>, with every column.</summary>
    public MetricTable Where(Func<ConfigurationKey, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var rows = Enumerable.Range(0, RowCount).Where(i => predicate(Keys[i])).ToArray();
        return new MetricTable(
            rows.Select(i => Keys[i]).ToList(),
            _columns.ToDictionary(pair => pair.Key, pair => rows.Select(i => pair.Value[i]).ToArray(), StringComparer.Ordinal));
    }
}
