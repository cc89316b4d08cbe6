using System.Linq;

namespace TrainDsl.Generators.Parts.Ablation;

/// <summary>
/// The ablation variants on the experiment class (AblationVariants, AdditionVariants) and the Runner members that hand
/// them to <c>ablate</c>. A recipe without any trick ablate switches gets neither, so IExperiment's empty defaults apply.
/// </summary>
internal static class AblationEmitter
{
    public static bool Applies(ResolvedExperiment experiment) => !experiment.Ablation.IsEmpty;

    public static void WriteVariants(SourceWriter writer, ResolvedExperiment experiment)
    {
        writer.Line("/// <summary>The declared recipe without each declared trick in turn, as Config overrides (ablate).</summary>");
        Write(writer, "AblationVariants", experiment.Ablation, experiment.Base is { HasAblation: true });
        writer.Line();
        writer.Line("/// <summary>The plain baseline (every declared trick off), then the baseline plus each trick alone (ablate --add).</summary>");
        Write(writer, "AdditionVariants", experiment.Additions, experiment.Base is { HasAblation: true });
    }

    /// <param name="hides">The base experiment has the same property (it declares a trick too), which this one hides.</param>
    private static void Write(SourceWriter writer, string property, EquatableArray<ResolvedVariant> variants, bool hides)
    {
        writer.Statement("public static " + (hides ? "new " : "") + Qualified.ListOf(Qualified.AblationVariant) + " ", property + " { get; } =");
        writer.Line("[");
        writer.Indent();
        foreach (var variant in variants)
        {
            var settings = variant.Settings.Select(CSharpLiteral.String).ToList();
            if (variant.Skipped is { } reason)
            {
                writer.Line("// The recipe rules reject this variant, so ablate reports it and trains nothing.");
                writer.Line(Qualified.AblationVariant + ".Rejected(" + CSharpLiteral.String(variant.Name) + ",");
                WriteReason(writer, reason);
                WriteWrapped(writer, settings);
                continue;
            }
            var line = Qualified.AblationVariant + ".Of(" + string.Join(", ", new[] { CSharpLiteral.String(variant.Name) }.Concat(settings)) + "),";
            if (line.Length <= Width)
            {
                writer.Line(line);
                continue;
            }
            writer.Line(Qualified.AblationVariant + ".Of(" + CSharpLiteral.String(variant.Name) + ",");
            WriteWrapped(writer, settings);
        }
        writer.Unindent();
        writer.Line("];");
    }

    /// <summary>A variant's line within the list's indentation (the class's, the list's and the initializer's).</summary>
    private const int Width = SourceWriter.MaxLineLength - 16;

    /// <summary>The settings as the last arguments, indented and wrapped, closing the call.</summary>
    private static void WriteWrapped(SourceWriter writer, System.Collections.Generic.IReadOnlyList<string> settings)
    {
        var line = "";
        for (var i = 0; i < settings.Count; i++)
        {
            var piece = settings[i] + (i == settings.Count - 1 ? ")," : ",");
            if (line.Length > 0 && line.Length + 1 + piece.Length > Width - 4)
            {
                writer.Line("    " + line);
                line = "";
            }
            line += (line.Length > 0 ? " " : "") + piece;
        }
        writer.Line("    " + line);
    }

    /// <summary>The reason as a string literal, split at spaces into concatenated pieces that fit the line width.</summary>
    private static void WriteReason(SourceWriter writer, string reason)
    {
        var pieces = new System.Collections.Generic.List<string>();
        var rest = reason;
        while (CSharpLiteral.String(rest).Length > Width - 8)
        {
            var cut = rest.LastIndexOf(' ', System.Math.Min(rest.Length - 1, Width - 12));
            if (cut <= 0) break;
            pieces.Add(rest.Substring(0, cut + 1));
            rest = rest.Substring(cut + 1);
        }
        pieces.Add(rest);
        for (var i = 0; i < pieces.Count; i++)
            writer.Line("    " + (i > 0 ? "+ " : "") + CSharpLiteral.String(pieces[i]) + (i == pieces.Count - 1 ? "," : ""));
    }

    public static void WriteRunnerMembers(SourceWriter writer)
    {
        writer.Line();
        writer.Line("public " + Qualified.IReadOnlyList + "<" + Qualified.AblationVariant + "> Ablation => AblationVariants;");
        writer.Line();
        writer.Line("public " + Qualified.IReadOnlyList + "<" + Qualified.AblationVariant + "> Additions => AdditionVariants;");
    }
}
