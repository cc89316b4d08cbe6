using System.CommandLine;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// Runs the command <paramref name="args"/> name and returns its <see cref="ExitCodes"/>: 0 when done, 1 for bad
    /// input, 3 for a diverged run, and 128 + the signal for a run that Ctrl-C, SIGTERM or SIGHUP stopped after its step.
    /// </summary>
    public static int Run(IReadOnlyList<string> args, IReadOnlyList<IExperiment> experiments, TextWriter stdout, TextWriter stderr)
    {
        using var cancel = new CancellationTokenSource();
        int stoppedBy = ExitCodes.Interrupted;
        // First signal: stop after the current step, writing the resume point and summary.json; a second one ends the
        // process now (the signal's default action).
        bool Stop(int exitCode, string how)
        {
            if (cancel.IsCancellationRequested) return false;
            stoppedBy = exitCode;
            cancel.Cancel();
            stderr.WriteLine($"\nstopping after this step ({how} again to exit now)...");
            return true;
        }
        ConsoleCancelEventHandler onCancel = (_, e) => e.Cancel = Stop(ExitCodes.Interrupted, "Ctrl-C");
        Console.CancelKeyPress += onCancel;
        // SIGTERM (docker stop, cluster preemption) and SIGHUP (the terminal closed) get the same grace as Ctrl-C.
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => c.Cancel = Stop(ExitCodes.Terminated, "SIGTERM"));
        using var onHup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => c.Cancel = Stop(ExitCodes.Hangup, "SIGHUP"));
        try
        {
            var root = CommandTree.Create(new CliContext(experiments, stdout, cancel.Token) { Error = stderr });
            var result = root.Parse(args);
            if (result.Action is ParseErrorAction)
            {
                stderr.WriteLine("error: " + ParseErrorSentence.For(result));
                return ExitCodes.BadInput;
            }
            int exit = result.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                // Exceptions reach the filter below: the user's get one sentence, bugs keep their stack trace.
                EnableDefaultExceptionHandler = false,
                // Signals are handled above (stop after the step); System.CommandLine's handler would end the process.
                ProcessTerminationTimeout = null,
            });
            return exit == ExitCodes.Interrupted ? stoppedBy : exit;
        }
        catch (Exception e) when (IsUsersToFix(e))
        {
            stderr.WriteLine("error: " + e.Message);
            return ExitCodes.BadInput;
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
