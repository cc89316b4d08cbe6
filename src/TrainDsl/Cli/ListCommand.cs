using System.CommandLine;

namespace TrainDsl.Cli;

/// <summary><c>list</c>: the program's experiments, one name a line, in the order <c>-e</c> defaults by.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List the experiments in this program.");
        command.SetAction(_ =>
        {
            foreach (var x in context.Experiments.OrderBy(x => x.Name, StringComparer.Ordinal)) context.Out.WriteLine(x.Name);
            return 0;
        });
        return command;
    }
}
