namespace TrainDsl.Cli;

/// <summary>How an experiment executable ends, for scripts and schedulers (signals follow the shell's 128 + N).</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Done = 0;

    /// <summary>Bad input: an argument, a file or a folder, explained in one sentence on stderr.</summary>
    public const int BadInput = 1;

    /// <summary>The run diverged (too many non-finite steps in a row); summary.json says "diverged".</summary>
    public const int Diverged = 3;

    /// <summary>SIGHUP (the terminal closed) stopped the run after its step; summary.json says "interrupted".</summary>
    public const int Hangup = 128 + 1;

    /// <summary>Ctrl-C (SIGINT) stopped the run after its step; summary.json says "interrupted".</summary>
    public const int Interrupted = 128 + 2;

    /// <summary>SIGTERM (docker stop, a scheduler's preemption) stopped the run after its step; summary.json says "interrupted".</summary>
    public const int Terminated = 128 + 15;
}
