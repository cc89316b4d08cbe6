namespace TrainDsl.Runs;

/// <summary>How a run is executed, as opposed to what it trains (the experiment's Config).</summary>
public sealed record RunSettings
{
    /// <summary>Folder under which each run gets its own folder <c>&lt;experiment&gt;/&lt;timestamp&gt;</c>. Default <c>runs</c>.</summary>
    public string OutputRoot { get; init; } = "runs";

    /// <summary>Intra-op threads for libtorch; 0 keeps libtorch's default (one per core).</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Stop after this many optimizer steps (a quick check), counted from where this session starts (a resumed
    /// run's earlier steps do not count); 0 trains every epoch.
    /// </summary>
    public long MaxSteps { get; init; }

    /// <summary>
    /// The folder of an earlier run of the same experiment to continue from its last completed epoch (see
    /// <see cref="TrainSession.Resume"/>); null starts a new run folder.
    /// </summary>
    public string? Resume { get; init; }

    /// <summary>
    /// The exact folder of a new run (empty or absent), as <c>ablate</c> lays its runs out; null creates
    /// <c>&lt;OutputRoot&gt;/&lt;experiment&gt;/&lt;timestamp&gt;</c>.
    /// </summary>
    public string? RunFolder { get; init; }

    /// <summary>
    /// Non-finite steps in a row that stop the run as diverged (<see cref="TrainSession.IsFinite"/>); each such step
    /// is skipped. Default <see cref="DefaultMaxNonFiniteSteps"/>.
    /// </summary>
    public int MaxNonFiniteSteps
    {
        get;
        init => field = value >= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxNonFiniteSteps), value, "MaxNonFiniteSteps must be at least 1.");
    } = DefaultMaxNonFiniteSteps;

    /// <summary>
    /// 10: a bad batch or two is survived, while blown-up weights (which make every step non-finite) stop the run
    /// within seconds instead of training on NaN.
    /// </summary>
    public const int DefaultMaxNonFiniteSteps = 10;

    /// <summary>Where datasets are read from or cached; null uses $TRAINDSL_DATA or the user cache folder.</summary>
    public string? DataRoot { get; init; }

    /// <summary>Where progress and notes go; null is silent.</summary>
    public TextWriter? Log { get; init; } = Console.Out;

    /// <summary>Redraw one progress line in place (a terminal) instead of printing a line every few seconds.</summary>
    public bool LiveProgress { get; init; } = !Console.IsOutputRedirected;

    /// <summary>Stops the run after the current step; the run folder keeps everything written so far.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>The settings in force when none are given.</summary>
    public static RunSettings Default { get; } = new();
}
