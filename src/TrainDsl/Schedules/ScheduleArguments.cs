namespace TrainDsl.Schedules;

/// <summary>Argument checks shared by the schedules, so each states its problem in one sentence.</summary>
internal static class ScheduleArguments
{
    public static void RequireTime(long t)
    {
        if (t < 0)
            throw new ArgumentOutOfRangeException(nameof(t), t, "Schedule time must count epochs (or steps) from 0; negative values have no rate.");
    }

    public static void RequirePositive(double value, string paramName, string what)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(paramName, value, $"{what} must be a finite number > 0.");
    }
}
