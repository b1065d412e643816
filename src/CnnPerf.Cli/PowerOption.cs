using System.CommandLine;
using CnnPerf.Cli.Commands;
using CnnPerf.Power;
using CnnPerf.Running;

namespace CnnPerf.Cli;

/// <summary><c>--power SPEC</c> of <c>run</c> and <c>study</c>: a meter sampled on the host while each configuration runs.</summary>
internal sealed class PowerOption
{
    public Option<string?> Option { get; } = new("--power") { Description = $"Record power with this meter: {PowerMeterSpec.Forms}" };

    /// <summary>The monitor the option asks for (the meter checked once now), or null without <c>--power</c>.</summary>
    /// <exception cref="UsageException">The spec is malformed.</exception>
    /// <exception cref="CnnPerfException">The meter is absent, does not answer, or is present but not metering.</exception>
    public PowerMonitor? CreateMonitor(ParseResult parseResult)
    {
        if (parseResult.GetValue(Option) is not { } text)
        {
            return null;
        }
        var spec = MetersCommand.ParseSpec(text);
        PowerMeterFactory.Check(spec);
        return new PowerMonitor(() => PowerMeterFactory.CreateRecorder(spec));
    }
}
