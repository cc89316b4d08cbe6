using System.CommandLine;
using TrainDsl.Data.ImageFolder;
using TrainDsl.Data.Images;

namespace TrainDsl.Cli;

/// <summary>
/// <c>export-images</c>: writes an experiment's data (after its limits) as an image folder, OUT/train/&lt;class&gt;/*
/// and OUT/test/&lt;class&gt;/*, which <c>[Data(ImageFolder)]</c> reads back.
/// </summary>
internal static class ExportImagesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("export-images", "Write the experiment's train and test images as an image folder (OUT/train/<class>/, OUT/test/<class>/).");
        var experiment = new ExperimentOption(context.Experiments);
        var recipe = new RecipeOptions(experiment);
        var output = ValueOptions.Text("--out", "DIR", "the folder to write (required; train/ and test/ in it must be empty or absent)");
        var dataRoot = RunOptions.Data();
        var format = ValueOptions.Text("--format", "png|jpeg", "png (lossless, the default) or jpeg");
        var quality = ValueOptions.Int("--quality", "Q", "JPEG quality, 1 to 100 (default 95)", min: 1, belowMin: "--quality must be at least 1.");

        command.Options.Add(experiment.Option);
        recipe.AddTo(command);
        command.Options.Add(dataRoot);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(quality);

        command.SetAction(result =>
        {
            var chosen = experiment.Select(result);
            var to = result.GetValue(output) is { } folder ? Path.GetFullPath(folder)
                : throw new TrainDslException("export-images needs --out DIR, the folder to write the image folder to.");
            var fileFormat = result.GetValue(format)?.ToLowerInvariant() switch
            {
                null or "png" => ImageFileFormat.Png,
                "jpeg" or "jpg" => ImageFileFormat.Jpeg,
                var other => throw new TrainDslException($"--format must be png or jpeg, not {other}."),
            };
            int q = result.GetValue(quality) ?? 95;
            if (q > 100) throw new TrainDslException($"--quality must be at most 100, not {q}.");
            ImageFolderExport.RefuseFilled(to); // before loading, which may decode a whole folder
            var settings = new Runs.RunSettings { DataRoot = result.GetValue(dataRoot), Log = context.Out, LiveProgress = false };
            using var data = chosen.LoadData(recipe.Read(result), settings);
            ImageFolderExport.Write(data, to, fileFormat, q, context.Out);
            return 0;
        });
        return command;
    }
}
