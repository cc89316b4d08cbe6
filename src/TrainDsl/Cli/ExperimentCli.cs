using System.CommandLine;
using System.CommandLine.Invocation;
using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary>
/// The command line of an experiment executable: <c>train</c> (the default), <c>eval</c>, <c>predict</c>, <c>plan</c>, <c>list</c>,
/// on System.CommandLine (see <see cref="CommandTree"/>). The generated entry point calls <c>Run(args, experiments)</c>
/// with every experiment of the program.
/// </summary>
public static class ExperimentCli
{
    public static int Run(string[] args, params IExperiment[] experiments) =>
        Run(args, experiments, Console.Out, Console.Error);

    /// <summary>Runs the command <paramref name="args"/> name; 0 when done, 1 for bad input, 130 for a run stopped by Ctrl-C.</summary>
    public static int Run(IReadOnlyList<string> args, IReadOnlyList<IExperiment> experiments, TextWriter stdout, TextWriter stderr)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // First Ctrl-C: stop after the current step and keep the run folder; second: exit now.
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
            stderr.WriteLine("\nstopping after this step (Ctrl-C again to exit now)...");
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var root = CommandTree.Create(new CliContext(experiments, stdout, cancel.Token));
            var result = root.Parse(args);
            if (result.Action is ParseErrorAction)
            {
                stderr.WriteLine("error: " + ParseErrorSentence.For(result));
                return 1;
            }
            return result.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                // Exceptions reach the filter below: the user's get one sentence, bugs keep their stack trace.
                EnableDefaultExceptionHandler = false,
                // Ctrl-C is handled above (stop after the step); System.CommandLine's handler would end the process.
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception e) when (IsUsersToFix(e))
        {
            stderr.WriteLine("error: " + e.Message);
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    // These carry a sentence written for the user (bad data files, unwritable folders, bad arguments);
    // anything else is a bug and keeps its stack trace.
    private static bool IsUsersToFix(Exception e) =>
        e is TrainDslException or InvalidDataException or IOException or UnauthorizedAccessException or TimeoutException
            or ArgumentException;
}
