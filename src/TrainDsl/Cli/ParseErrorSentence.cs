using System.CommandLine;
using System.CommandLine.Parsing;

namespace TrainDsl.Cli;

/// <summary>
/// The one sentence that replaces System.CommandLine's parse errors (which come as several lines plus the whole
/// help): what is wrong and how to fix it, naming the command that was parsed.
/// </summary>
internal static class ParseErrorSentence
{
    public static string For(ParseResult result)
    {
        var root = (RootCommand)result.RootCommandResult.Command;
        var command = result.CommandResult.Command;
        // The root is train (the default command): its options and messages are train's.
        var name = command == root ? TrainCommand.Name : command.Name;

        if (result.UnmatchedTokens.Count > 0)
        {
            var token = result.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                var option = token.Split('=', ':')[0];
                var owners = root.Subcommands
                    .Where(c => !c.Hidden && c.Options.Any(o => o.Name == option || o.Aliases.Contains(option)))
                    .Select(c => c.Name)
                    .ToList();
                return owners.Count > 0
                    ? $"Option {option} does not apply to {name}, only to {Join(owners, "and")}; run {name} --help to see {name}'s options."
                    : $"Unknown option '{token}' for {name}; run {name} --help to see its options.";
            }
            if (command == root)
            {
                var commands = root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
                return $"Unknown command '{token}'; use {Join(commands, "or")} (or --help).";
            }
            return $"Unexpected argument '{token}' for {name}: each option takes one value (repeat the option for another); run {name} --help to see the options.";
        }

        var error = result.Errors[0];
        // System.CommandLine's own arity message for an option given without its value.
        if (error.SymbolResult is OptionResult { Tokens.Count: 0 } missing && missing.Option.Arity.MinimumNumberOfValues > 0)
            return $"Option {missing.IdentifierToken?.Value ?? missing.Option.Name} needs a value; see --help.";
        // Everything else was written as one sentence by the options' parsers and validators.
        return error.Message;
    }

    private static string Join(IReadOnlyList<string> names, string conjunction) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + $" {conjunction} " + names[^1];
}
