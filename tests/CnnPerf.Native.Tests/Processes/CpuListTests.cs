using CnnPerf.Native.Processes;

namespace CnnPerf.Native.Tests.Processes;

public class CpuListTests
{
    [TestCase("0", new[] { 0 })]
    [TestCase("0,64\n", new[] { 0, 64 })]
    [TestCase("0-3,8", new[] { 0, 1, 2, 3, 8 })]
    [TestCase("3,1-2,2", new[] { 1, 2, 3 })]
    public void Cpu_lists(string text, int[] expected)
    {
        Assert.That(CpuList.Parse(text), Is.EqualTo(expected));
    }

    [TestCase("", "names no CPU")]
    [TestCase("a", "'a' in 'a' is not a CPU number or range")]
    [TestCase("3-1", "'3-1' in '3-1' is not a CPU number or range")]
    [TestCase("0-x", "'0-x' in '0-x' is not a CPU number or range")]
    [TestCase("0-2000000000", "'0-2000000000' in '0-2000000000' is not a CPU number or range (for example 0,64 or 0-3; CPUs 0-1048575)")]
    public void Bad_cpu_lists_are_refused_with_the_part_that_is_wrong(string text, string message)
    {
        Assert.That(() => CpuList.Parse(text), Throws.InstanceOf<CnnPerfException>().With.Message.Contains(message));
    }

    [Test]
    public void Lists_are_written_as_ranges()
    {
        Assert.That(CpuList.Format([8, 0, 1, 2, 3, 5, 3]), Is.EqualTo("0-3,5,8"));
        Assert.That(CpuList.Format(Enumerable.Range(2, 99999)), Is.EqualTo("2-100000"));
    }
}
