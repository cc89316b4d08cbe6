using System.CommandLine;

namespace TrainDsl.Cli;

/// <summary>
/// <c>help [command]</c>, hidden: the same as <c>[command] --help</c>, kept because the hand-written parser
/// before System.CommandLine accepted <c>help</c> as a command.
/// </summary>
internal static class HelpCommand
{
    public static Command Create(RootCommand root)
    {
        var topic = new Argument<string?>("command") { Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("help", "Show help for a command.") { Hidden = true };
        command.Arguments.Add(topic);
        command.SetAction(result =>
            root.Parse(result.GetValue(topic) is { } name ? [name, "--help"] : ["--help"]).Invoke(result.InvocationConfiguration));
        return command;
    }
}
