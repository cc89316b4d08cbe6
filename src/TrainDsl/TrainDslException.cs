namespace TrainDsl;

/// <summary>
/// A problem the user can fix (bad input, missing data, an unwritable folder). Its message is one
/// sentence saying what is wrong and how to fix it; the command line prints only that.
/// </summary>
public sealed class TrainDslException : Exception
{
    public TrainDslException(string message) : base(message) { }
    public TrainDslException(string message, Exception inner) : base(message, inner) { }
}
