using System.Globalization;
using System.Text;

namespace TrainDsl.Export;

/// <summary>The exported project's README.md: how to launch it with torchrun, on CPUs, GPUs and several machines.</summary>
public static class TorchReadme
{
    /// <summary>The command that trains on one machine with <paramref name="processes"/> processes.</summary>
    public static string Command(int processes)
        => "torchrun --nproc_per_node=" + processes.ToString(CultureInfo.InvariantCulture) + " train.py --out runs";

    public static string Write(TorchRecipe recipe, int processes, PythonModel? pythonModel)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var plan = recipe.Plan;
        var n = processes.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        void Line(string text = "") => sb.Append(text).Append('\n');
        Line($"# {plan.Experiment} for PyTorch");
        Line();
        Line("Exported by TrainDsl's `export-torch` from the resolved recipe: recipe.json holds the declared parts, the Config");
        Line("(overrides included), the plan TrainDsl computes for it and where the data's files are. train.py needs only torch,");
        Line("numpy and safetensors.");
        Line();
        Line("## Run");
        Line();
        Line($"On CPUs, {n} processes on this machine (gloo; torchrun gives each process one thread):");
        Line();
        Line("    " + Command(processes));
        Line();
        Line("On CUDA GPUs, one process per GPU (nccl, chosen when CUDA is available):");
        Line();
        Line("    torchrun --nproc_per_node=gpu train.py --out runs");
        Line();
        Line("On M machines, the same command on each, with its rank R (0 … M−1) and the address of machine 0:");
        Line();
        Line($"    torchrun --nnodes=M --node_rank=R --master_addr=HOST --master_port=29500 --nproc_per_node={n} train.py --out runs");
        Line();
        Line("Only rank 0 writes the run folder under runs/: plan.json, metrics.csv, summary.json and model.safetensors, which");
        Line("TrainDsl's `eval --checkpoint model.safetensors` reads.");
        Line();
        Line("## Batch and learning rate");
        Line();
        Line(string.Create(CultureInfo.InvariantCulture,
            $"BatchSize ({plan.BatchSize}) is the global batch: each of the W processes takes {plan.BatchSize} / W images per step, so W must"));
        Line(string.Create(CultureInfo.InvariantCulture, $"divide {plan.BatchSize}. The learning rate, {plan.LearningRate:R}, does not change with W"));
        Line($"({recipe.LearningRateSource(processes)}).");
        Line();
        Line("## Data");
        Line();
        Line("recipe.json's \"data\" names the files on the machine that exported it; on another machine, copy them and edit the paths.");
        if (pythonModel is not null)
        {
            Line();
            Line("## Model");
            Line();
            Line($"The model is {pythonModel.ClassName} from {Path.GetFileName(pythonModel.File)}, given with --python-model in place of the");
            Line("TorchSharp model, which export-torch cannot translate.");
        }
        return sb.ToString();
    }
}
