namespace CnnPerf.Native.Perf.Sysfs;

/// <summary>One file of a PMU's <c>events/</c> folder with its optional <c>.scale</c> and <c>.unit</c> files.</summary>
/// <param name="Name">The event's name (the file name), for example <c>energy-pkg</c> or <c>l1d_cache_refill</c>.</param>
/// <param name="Terms">The terms it stands for, for example <c>event=0x3c,umask=0x00</c>.</param>
/// <param name="Scale">The factor from counts to <paramref name="Unit"/> (1 without a <c>.scale</c> file).</param>
/// <param name="Unit">The unit after scaling, or null.</param>
public sealed record PmuEventAlias(string Name, string Terms, double Scale = 1, string? Unit = null);
