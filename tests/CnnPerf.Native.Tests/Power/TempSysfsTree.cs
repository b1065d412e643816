namespace CnnPerf.Native.Tests.Power;

/// <summary>A temporary directory standing in for a sysfs subtree; files hold one value and a newline, like sysfs.</summary>
internal sealed class TempSysfsTree : IDisposable
{
    public TempSysfsTree()
    {
        Root = Directory.CreateTempSubdirectory("cnnperf-sysfs").FullName;
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, object value)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"{value}\n");
    }

    public void Delete(string relative) => File.Delete(PathOf(relative));

    public void Dispose() => Directory.Delete(Root, true);
}
