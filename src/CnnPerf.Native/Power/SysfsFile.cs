using System.Globalization;

namespace CnnPerf.Native.Power;

/// <summary>Reads the one-value text attributes of sysfs (a number or a word followed by a newline).</summary>
internal static class SysfsFile
{
    /// <summary>The trimmed text of an attribute, or null when the file does not exist.</summary>
    public static string? ReadText(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    /// <summary>An attribute parsed as a signed integer.</summary>
    /// <exception cref="IOException">The file is missing, unreadable or not an integer.</exception>
    public static long ReadInt64(string path)
    {
        var text = File.ReadAllText(path).Trim();
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new IOException($"{path}: '{text}' is not an integer");
    }

    /// <summary>An attribute parsed as an unsigned integer.</summary>
    /// <exception cref="IOException">The file is missing, unreadable or not an integer.</exception>
    public static ulong ReadUInt64(string path)
    {
        var text = File.ReadAllText(path).Trim();
        return ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new IOException($"{path}: '{text}' is not an unsigned integer");
    }
}
