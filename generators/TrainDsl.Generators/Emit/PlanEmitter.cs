using System.Linq;

namespace TrainDsl.Generators.Emit;

/// <summary>Writes <c>Plan</c>: the resolved recipe and the learning rate of every epoch, without loading data.</summary>
internal static class PlanEmitter
{
    public static void Write(SourceWriter writer, RecipeParts parts)
    {
        var plan = new PlanBuilder();
        foreach (var part in parts.All) part.ContributePlan(plan);

        writer.Line("/// <summary>The resolved recipe and the learning rate of every epoch, without loading data.</summary>");
        writer.Line("public static " + Qualified.RecipePlan + " Plan(Config? config = null, " + Qualified.RunSettings + "? settings = null)");
        writer.OpenBrace();
        TrainEmitter.WriteConfigPrologue(writer);
        foreach (var line in plan.TrainSize) writer.Line(line);
        var batches = Qualified.EpochSteps + ".Of(trainSize, config.BatchSize, config.TrainLimit, source.Name)";
        if (parts.Accumulation.IsDeclared)
        {
            writer.Line("int batchesPerEpoch = " + batches + ";");
            writer.Line("int stepsPerEpoch = " + parts.Accumulation.StepsPerEpoch("batchesPerEpoch") + ";");
        }
        else writer.Line("int stepsPerEpoch = " + batches + ";");
        writer.Line("return new " + Qualified.RecipePlan);
        writer.OpenBrace();
        writer.Line("Experiment = ExperimentName,");
        plan.Dataset.Write(writer, "Dataset");
        if (plan.DataSource is { } source) writer.Line("DataSource = " + source + ",");
        if (plan.ClassNames is { } names) writer.Line("ClassNames = " + names + ",");
        plan.Model.Write(writer, "Model");
        plan.Loss.Write(writer, "Loss");
        plan.Optimizer.Write(writer, "Optimizer");
        writer.Line("LearningRate = config.ResolvedLearningRate,");
        writer.Line("LearningRateSource = config.LearningRateSource,");
        plan.Schedule.Write(writer, "Schedule");
        writer.Line("Metrics = [" + string.Join(", ", plan.Metrics.Select(CSharpLiteral.String)) + "],");
        writer.Line("PrimaryMetric = " + CSharpLiteral.String(plan.PrimaryMetric) + ",");
        writer.Line("Epochs = config.Epochs,");
        writer.Line("BatchSize = config.BatchSize,");
        if (parts.Accumulation.PlanLine is { } accumulation) writer.Line(accumulation);
        writer.Line("Seed = config.Seed,");
        writer.Line("TrainSize = trainSize,");
        if (plan.ValidationSize is { } validationSize) writer.Line("ValidationSize = " + validationSize + ",");
        writer.Line("StepsPerEpoch = stepsPerEpoch,");
        for (var i = 0; i < plan.LearningRates.Count; i++)
        {
            writer.Line((i == 0 ? "LearningRates = " : "") + plan.LearningRates[i]);
        }
        if (!plan.EarlyStopping.IsEmpty) plan.EarlyStopping.Write(writer, "EarlyStopping");
        writer.Line("Config = config.ToDictionary(),");
        if (plan.Notes.Count > 0)
        {
            var notes = "Notes = [" + string.Join(", ", plan.Notes) + "],";
            if (notes.Length <= 100)
            {
                writer.Line(notes);
            }
            else
            {
                writer.Line("Notes =");
                writer.Line("[");
                foreach (var note in plan.Notes) writer.Line("    " + note + ",");
                writer.Line("],");
            }
        }
        writer.CloseBrace(";");
        writer.CloseBrace();
    }
}
