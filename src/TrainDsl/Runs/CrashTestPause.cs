namespace TrainDsl.Runs;

/// <summary>
/// For bench/crash only: with $TRAINDSL_CRASH_TEST_PAUSE_MS set, every write of a run file pauses that long between
/// writing its temporary or staged file and committing it, so the crash test can kill the process inside that
/// window. The pause only waits; what is written, and in what order, is the same as without it.
/// </summary>
internal static class CrashTestPause
{
    public const string EnvironmentVariable = "TRAINDSL_CRASH_TEST_PAUSE_MS";

    private static readonly int Milliseconds =
        int.TryParse(Environment.GetEnvironmentVariable(EnvironmentVariable), out var ms) && ms > 0 ? ms : 0;

    public static void BeforeCommit()
    {
        if (Milliseconds > 0) Thread.Sleep(Milliseconds);
    }
}
