namespace CnnPerf.Core.Tests.Power;

/// <summary>A temporary directory standing in for /sys and /dev; files hold one value and a newline, like sysfs.</summary>
internal sealed class TempSysfsTree : IDisposable
{
    public TempSysfsTree()
    {
        Root = Directory.CreateTempSubdirectory("cnnperf-power").FullName;
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, object value)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"{value}\n");
    }

    public void Dispose() => Directory.Delete(Root, true);
}
