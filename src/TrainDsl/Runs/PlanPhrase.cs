using System.Collections;
using System.Globalization;
using System.Text;

namespace TrainDsl.Runs;

/// <summary>
/// Builds the plan's phrases ("SGD(momentum 0.9, nesterov true, weight decay 0.0005)") from literal text and
/// config values, so generated code lists the pieces instead of one long interpolation. Values are written
/// culture-invariant: numbers round-trip, booleans are lowercase, lists are comma-separated.
/// </summary>
public static class PlanPhrase
{
    public static string Of(params object?[] pieces)
    {
        var text = new StringBuilder();
        foreach (var piece in pieces) Append(text, piece);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? piece)
    {
        switch (piece)
        {
            case null:
                break;
            case string s:
                text.Append(s);
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case IEnumerable list:
                var first = true;
                foreach (var item in list)
                {
                    if (!first) text.Append(", ");
                    Append(text, item);
                    first = false;
                }
                break;
            default:
                text.Append(Convert.ToString(piece, CultureInfo.InvariantCulture));
                break;
        }
    }
}
