// Sums the outcomes of every TRX file in a folder, prints each skipped or failed test with its reason,
// and ends with one plain line: "N passed, N failed, N skipped". Exit code 1 when any test failed.
using System.Xml.Linq;

if (args.Length != 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: dotnet run scripts/test-summary.cs -- RESULTS_DIR");
    return 2;
}

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
return failed > 0 ? 1 : 0;

static string FirstLine(string text)
{
    var line = text.Split('\n', 2)[0].Trim();
    return line.Length == 0 ? "(no reason given)" : line;
}
