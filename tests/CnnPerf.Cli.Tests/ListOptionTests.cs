using System.CommandLine;

namespace CnnPerf.Cli.Tests;

public class ListOptionTests
{
    private static readonly Option<string[]> Items = ListOption.Create("--items", "Things");

    private static ParseResult Parse(params string[] args)
    {
        var command = new RootCommand { Items };
        command.Options.Add(new Option<bool>("--flag"));
        return command.Parse(args);
    }

    [TestCase("a,b,c")]
    [TestCase("a", "b", "c")]
    [TestCase("a,b", "c")]
    [TestCase("a,", "b ,c")]
    [TestCase("a, b", "c", "--flag")]
    public void Commas_and_spaces_give_the_same_list(params string[] arguments)
    {
        var result = Parse(["--items", .. arguments]);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Items(Items), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void An_option_not_given_has_no_list_and_an_empty_one_has_no_items()
    {
        Assert.That(Parse().Items(Items), Is.Null);
        Assert.That(Parse("--items", ",").Items(Items), Is.Empty);
    }

    [Test]
    public void Items_with_a_grammar_of_their_own_are_joined_by_commas()
    {
        Assert.That(Parse("--items", "cpu/event=0x3c,umask=0/", "task-clock").Joined(Items), Is.EqualTo("cpu/event=0x3c,umask=0/,task-clock"));
    }
}
