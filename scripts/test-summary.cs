// Sums the outcomes of every TRX file in a folder, prints each skipped or failed test with its reason,
// and ends with one plain line: "N passed, N failed, N skipped". Exit code 1 when any test failed or no test ran.
// Under CI (CI=true) a skip whose reason names a package that scripts/setup.sh installs counts as a failure:
// the machine was not set up, and the tests that needed it must not pass as green. Skips for missing hardware
// (no PMU, no I2C bus) name no such package and stay skips.
using System.Text.RegularExpressions;
using System.Xml.Linq;

if (args.Length != 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: dotnet run scripts/test-summary.cs -- RESULTS_DIR");
    return 2;
}

var underCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
var setupPackages = SetupPackages(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? "scripts", "setup.sh"));
XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
int passed = 0, failed = 0, skipped = 0;
foreach (var file in Directory.EnumerateFiles(args[0], "*.trx", SearchOption.AllDirectories).Order())
{
    var document = XDocument.Load(file);
    foreach (var result in document.Descendants(ns + "UnitTestResult"))
    {
        var outcome = (string?)result.Attribute("outcome") ?? "";
        var name = (string?)result.Attribute("testName") ?? "?";
        var message = result.Element(ns + "Output")?.Element(ns + "ErrorInfo")?.Element(ns + "Message")?.Value.Trim() ?? "";
        switch (outcome)
        {
            case "Passed":
                passed++;
                break;
            case "NotExecuted" or "Inconclusive" when underCi && MissingSetup(message) is { } package:
                failed++;
                Console.WriteLine($"FAILED (skipped under CI, but scripts/setup.sh installs {package}): {name}: {FirstLine(message)}");
                break;
            case "NotExecuted" or "Inconclusive":
                skipped++;
                Console.WriteLine($"skipped: {name}: {FirstLine(message)}");
                break;
            default:
                failed++;
                Console.WriteLine($"FAILED ({outcome}): {name}: {FirstLine(message)}");
                break;
        }
    }
}
Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
if (passed + failed + skipped == 0)
{
    Console.WriteLine($"no test result in {args[0]}: nothing ran");
    return 1;
}
return failed > 0 ? 1 : 0;

// The package a skip reason names, when scripts/setup.sh installs it.
string? MissingSetup(string reason) =>
    setupPackages.FirstOrDefault(p => Regex.IsMatch(reason, $@"(?<![\w.-]){Regex.Escape(p)}(?![\w.-])"));

// The packages of the 'packages=(...)' line of scripts/setup.sh, the one list of what a machine needs.
static IReadOnlyList<string> SetupPackages(string setupScript)
{
    var line = File.Exists(setupScript) ? File.ReadLines(setupScript).FirstOrDefault(l => l.StartsWith("packages=(", StringComparison.Ordinal)) : null;
    if (line is null)
    {
        throw new InvalidOperationException($"{setupScript} has no 'packages=(...)' line");
    }
    return line["packages=(".Length..].TrimEnd(')', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

static string FirstLine(string text)
{
    var line = text.Split('\n', 2)[0].Trim();
    return line.Length == 0 ? "(no reason given)" : line;
}
