using Microsoft.Data.Sqlite;

namespace CnnPerf.Store;

/// <summary>A prepared INSERT into one table, reused for many rows of one transaction.</summary>
internal sealed class RowInserter : IDisposable
{
    private readonly SqliteCommand _command;

    private readonly bool _returnsId;

    public RowInserter(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
        : this(connection, transaction, table, false, columns) { }

    public RowInserter(SqliteConnection connection, SqliteTransaction transaction, string table, bool returnsId, params string[] columns)
    {
        _returnsId = returnsId;
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})"
            + (returnsId ? " RETURNING rowid" : "");
        foreach (var column in columns)
        {
            _command.Parameters.Add(new SqliteParameter("$" + column, null));
        }
    }

    /// <summary>Inserts one row (values in column order; null and NaN become NULL); returns its rowid when the inserter was created to.</summary>
    public long Insert(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                double d when double.IsNaN(d) => DBNull.Value,
                var value => value,
            };
        }
        if (_returnsId)
        {
            return (long)_command.ExecuteScalar()!;
        }
        _command.ExecuteNonQuery();
        return 0;
    }

    public void Dispose() => _command.Dispose();
}
