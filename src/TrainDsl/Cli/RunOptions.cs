using System.CommandLine;
using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary>The options of commands that load data and run libtorch (train, eval): where and how, not what.</summary>
internal sealed class RunOptions
{
    private readonly Option<string?> output;
    private readonly Option<int?> threads = ValueOptions.Int("--threads", "N", "libtorch intra-op threads (default: one per core)",
        min: 0, belowMin: "--threads must be 0 (libtorch's default) or more.");
    private readonly Option<string?> data = Data();

    /// <param name="output">What --out names, for its help (ablate and sweep write their own folder there).</param>
    public RunOptions(string output = "folder for run folders (default: runs)") =>
        this.output = ValueOptions.Text("--out", "DIR", output);

    /// <summary>--out as given; null when it was not.</summary>
    public string? Output(ParseResult result) => result.GetValue(output);

    /// <summary>--data DIR, the one definition every command that finds data shares.</summary>
    public static Option<string?> Data() => ValueOptions.Folder("--data", "DIR", "dataset folder (default: $TRAINDSL_DATA or the user cache)");

    public void AddTo(Command command)
    {
        command.Options.Add(output);
        command.Options.Add(threads);
        command.Options.Add(data);
    }

    /// <summary>The settings these options give, silent and cancelled by <paramref name="context"/>'s Ctrl-C.</summary>
    public RunSettings Read(ParseResult result, CliContext context) => new()
    {
        OutputRoot = result.GetValue(output) ?? RunSettings.Default.OutputRoot,
        Threads = result.GetValue(threads) ?? 0,
        DataRoot = result.GetValue(data),
        Log = null,
        LiveProgress = false,
        Cancellation = context.Cancellation,
    };
}
