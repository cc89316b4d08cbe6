using System.Linq;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// Writes <c>DeclaredParts</c> (every declared part by kind) and <c>ExportRecipe</c> (those parts with the resolved
/// config, its plan and the data's files), which <c>export-torch</c> turns into recipe.json for the PyTorch project.
/// Each part says what it is through <see cref="PartEmitter.ContributeExport"/>.
/// </summary>
internal static class ExportEmitter
{
    public static void Write(SourceWriter writer, ResolvedExperiment experiment, RecipeParts parts)
    {
        var export = new ExportBuilder();
        foreach (var part in parts.All) part.ContributeExport(export);
        var tricks = ExportBuilder.TrickOrder.Where(export.Tricks.Contains);

        writer.Line("/// <summary>The declared parts by kind, as export-torch writes them into recipe.json.</summary>");
        writer.Line("public static " + experiment.Hides + Qualified.DeclaredParts + " DeclaredParts { get; } = new()");
        writer.OpenBrace();
        writer.Line("Data = " + CSharpLiteral.String(export.Data) + ",");
        writer.Line("Model = " + CSharpLiteral.String(export.Model) + ",");
        writer.Line("Augment = " + List(export.Augment) + ",");
        writer.Line("Mixing = " + List(export.Mixing) + ",");
        writer.Line("Loss = " + CSharpLiteral.String(export.Loss) + ",");
        if (export.TeacherModel is { } teacherModel) writer.Line("TeacherModel = " + teacherModel + ",");
        writer.Line("Optimizer = " + CSharpLiteral.String(export.Optimizer) + ",");
        writer.Line("Schedule = " + CSharpLiteral.String(export.Schedule) + ",");
        writer.Line("ScheduleInterval = " + CSharpLiteral.String(export.ScheduleInterval) + ",");
        writer.Line("Metrics = " + List(export.Metrics) + ",");
        writer.Line("Tricks = " + List(tricks) + ",");
        writer.CloseBrace(";");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// The recipe for PyTorch (export-torch): the declared parts, the config with its plan, and the data's files on this machine.");
        writer.Line("/// Loads the data as Train does, for the plan's normalisation, image shape and test size.");
        writer.Line("/// </summary>");
        writer.Signature("public static " + Qualified.TorchRecipe, "ExportRecipe",
            "Config? config = null, " + Qualified.RunSettings + "? settings = null", "");
        writer.OpenBrace();
        TrainEmitter.WriteConfigPrologue(writer);
        writer.Line(Qualified.TorchRuntime + ".EnsureLoaded();");
        writer.Line("return " + Qualified.TorchRecipe + ".Create(DeclaredParts, Plan(config, settings), " + export.DataSource + ",");
        writer.Line("    DataOptionsFor(config, settings),");
        writer.Line("    load: () => " + parts.Data.Load + ",");
        writer.Line("    teacherCheckpoint: " + (export.TeacherCheckpoint ?? "null") + ");");
        writer.CloseBrace();
    }

    private static string List(System.Collections.Generic.IEnumerable<string> items)
        => "[" + string.Join(", ", items.Select(CSharpLiteral.String)) + "]";
}
