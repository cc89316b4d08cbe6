using System.CommandLine;
using System.Globalization;
using TrainDsl.Export;
using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary>
/// <c>export-torch</c>: writes a PyTorch project for the resolved recipe (recipe.json, train.py and what it imports,
/// README.md), which torchrun runs with DistributedDataParallel on more processes or machines than TrainDsl's one.
/// </summary>
internal static class ExportTorchCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("export-torch",
            "Write a PyTorch project for the resolved recipe (recipe.json, train.py, README.md) to run under torchrun with DDP.");
        var experiment = new ExperimentOption(context.Experiments);
        var recipe = new RecipeOptions(experiment);
        var dataRoot = RunOptions.Data();
        var output = ValueOptions.Text("--out", "DIR", "the folder to write (default: torch/<experiment>)");
        var force = new Option<bool>("--force") { Description = "write into a folder that is not empty, replacing files of the same name" };
        var processes = ValueOptions.Int("--nproc-per-node", "N",
            "processes per machine in the README's torchrun command (default 2); the global batch must divide by it",
            min: 1, belowMin: "--nproc-per-node must be at least 1.");
        var pythonModel = ValueOptions.Text("--python-model", "FILE.py:CLASS",
            "a PyTorch module with the same architecture as a user-defined model, copied next to train.py");

        command.Options.Add(experiment.Option);
        recipe.AddTo(command);
        command.Options.Add(dataRoot);
        command.Options.Add(output);
        command.Options.Add(force);
        command.Options.Add(processes);
        command.Options.Add(pythonModel);

        command.SetAction(result =>
        {
            var chosen = experiment.Select(result);
            var parts = chosen.DeclaredParts
                ?? throw new TrainDslException($"{chosen.Name} was generated without its declared parts; rebuild it with this TrainDsl to export it.");
            var model = result.GetValue(pythonModel) is { } text ? PythonModel.Parse(text) : null;
            if (parts.HasUserModel && model is null)
                throw new TrainDslException(
                    $"{chosen.Name}'s model {parts.Model[DeclaredParts.CustomPrefix.Length..]} is a user-defined TorchSharp module, which export-torch " +
                    "cannot translate; pass --python-model path/to/module.py:ClassName, a PyTorch module with the same layers and parameter names.");
            if (!parts.HasUserModel && model is not null)
                throw new TrainDslException($"--python-model stands in for a user-defined model, but {chosen.Name}'s model is the built-in {parts.Model}, which is exported as it is.");
            if (model is not null && PythonProject.Files.Contains(Path.GetFileName(model.File)))
                throw new TrainDslException($"--python-model's file {Path.GetFileName(model.File)} would replace the project's own file of that name; rename it.");
            int world = result.GetValue(processes) ?? 2;
            // Checked before the data is loaded for the plan, which takes seconds.
            var to = Path.GetFullPath(result.GetValue(output) ?? Path.Combine("torch", chosen.Name));
            if (File.Exists(to))
                throw new TrainDslException($"--out '{to}' is a file; pass a folder for the PyTorch project.");
            if (Directory.Exists(to) && Directory.EnumerateFileSystemEntries(to).Any() && !result.GetValue(force))
                throw new TrainDslException($"The folder '{to}' is not empty; pass --force to replace its files, or choose another --out.");

            var settings = new RunSettings { DataRoot = result.GetValue(dataRoot), Log = null, LiveProgress = false };
            var exported = chosen.ExportRecipe(recipe.Read(result), settings);
            if (model is not null) exported = exported with { Parts = exported.Parts with { Model = model.Part } };
            int batch = exported.Plan.BatchSize;
            if (batch % world != 0)
                throw new TrainDslException(string.Create(CultureInfo.InvariantCulture,
                    $"The global batch {batch} does not divide among {world} processes; choose --nproc-per-node dividing {batch}, or --batch-size a multiple of {world}."));

            Directory.CreateDirectory(to);
            File.WriteAllText(Path.Combine(to, "recipe.json"), exported.ToJson(world));
            PythonProject.WriteTo(to);
            if (model is not null) File.Copy(model.File, Path.Combine(to, Path.GetFileName(model.File)), overwrite: true);
            File.WriteAllText(Path.Combine(to, "README.md"), TorchReadme.Write(exported, world, model));
            context.Out.WriteLine($"Wrote the PyTorch project of {chosen.Name} to '{to}'; run it there with: {TorchReadme.Command(world)}");
            return 0;
        });
        return command;
    }
}
