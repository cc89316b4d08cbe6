using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace TrainDsl.Cli;

/// <summary>
/// The commands of an experiment executable. A new command is a <c>XxxCommand.Create(context)</c> in its own
/// file, added to the list below; its options are its own, so help, completion and rejection follow.
/// </summary>
internal static class CommandTree
{
    public static RootCommand Create(CliContext context)
    {
        var root = new RootCommand(
            "Train, evaluate and inspect the experiments of this program. With no command it trains, taking train's options (see train --help).");

        // No command is train: the root carries its own copy of train's options and action, hidden from the root's
        // help and option-name completion (train lists them) but parsed, so `<app> -e X --epochs 2` trains.
        TrainCommand.Define(root, context);
        foreach (var option in root.Options.Where(o => o is not (HelpOption or VersionOption)))
            option.Hidden = true;

        foreach (var command in new[]
                 {
                     TrainCommand.Create(context),
                     EvalCommand.Create(context),
                     PredictCommand.Create(context),
                     PlanCommand.Create(context),
                     ListCommand.Create(context),
                     ExportImagesCommand.Create(context),
                     ExportTorchCommand.Create(context),
                     CompareCommand.Create(context),
                     AblateCommand.Create(context),
                     SweepCommand.Create(context),
                 })
        {
            command.Validators.Add(RejectOptionsBeforeTheCommand);
            root.Subcommands.Add(command);
        }
        root.Subcommands.Add(HelpCommand.Create(root));
        return root;
    }

    // `<app> --epochs 2 plan` parses --epochs as the root's (train's) option, which plan would silently ignore.
    private static void RejectOptionsBeforeTheCommand(CommandResult command)
    {
        if (command.Parent is CommandResult root
            && root.Children.OfType<OptionResult>().FirstOrDefault(o => !o.Implicit && o.IdentifierToken is not null) is { } early)
        {
            var name = command.Command.Name;
            command.AddError($"Option {early.IdentifierToken!.Value} comes before the command; put options after it ({name} {early.IdentifierToken.Value} ...).");
        }
    }
}
