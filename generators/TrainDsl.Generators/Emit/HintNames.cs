using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// Hint names the compiler accepts: only [A-Za-z0-9_.-] (a verbatim <c>@struct</c> loses its <c>@</c>, any other
/// character becomes <c>_</c>), and unique across the compilation, because a duplicate makes the generator fail
/// and the compiler then drops every generated file.
/// </summary>
internal static class HintNames
{
    /// <summary><paramref name="name"/> with every character outside [A-Za-z0-9_.-] removed (<c>@</c>) or replaced by <c>_</c>.</summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c == '@') continue;
            builder.Append(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '.' or '-' ? c : '_');
        }
        return builder.Length == 0 ? "_" : builder.ToString();
    }

    /// <summary>
    /// <c>Name.g.cs</c> for each base name, in order; a name already taken (compared ignoring case, as file systems
    /// do) gets the first free suffix <c>Name.2.g.cs</c>, <c>Name.3.g.cs</c>, …, so the same input always gets the same names.
    /// </summary>
    public static List<string> Assign(IEnumerable<string> baseNames)
    {
        var taken = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var baseName in baseNames)
        {
            var stem = Sanitize(baseName);
            var name = stem + ".g.cs";
            for (var i = 2; !taken.Add(name); i++) name = stem + "." + i.ToString(CultureInfo.InvariantCulture) + ".g.cs";
            names.Add(name);
        }
        return names;
    }
}
