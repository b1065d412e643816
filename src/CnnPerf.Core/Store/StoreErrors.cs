using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CnnPerf.Store;

/// <summary>Turns SQLite's failures into the one line a user needs: what is wrong with the store file.</summary>
internal static class StoreErrors
{
    /// <summary>The exception for a failure of <paramref name="doing"/> (for example <c>cannot open</c>) on the store at <paramref name="path"/>.</summary>
    public static StoreException From(SqliteException e, string path, string doing, TimeSpan lockTimeout) => new(e.SqliteErrorCode switch
    {
        5 or 6 => string.Create(CultureInfo.InvariantCulture,
            $"{doing} results store {path}: it is locked by another process (waited {lockTimeout.TotalSeconds:0.#} s)"),
        8 => $"{doing} results store {path}: it is read-only ({e.Message})",
        13 => $"{doing} results store {path}: the disk is full",
        14 => $"{doing} results store {path}: {e.Message} (check that the folder exists and can be written)",
        26 => $"{path} is not a results store: it is not an SQLite database",
        11 => $"{path} is a damaged results store ({e.Message})",
        _ => $"{doing} results store {path}: {e.Message}",
    }, e);
}
