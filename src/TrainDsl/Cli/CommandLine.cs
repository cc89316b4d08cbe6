using System.Globalization;
using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary>A parsed command line: the command, the experiment, overrides and run settings.</summary>
public sealed record CommandLine
{
    public string Command { get; init; } = "train";
    public string? Experiment { get; init; }
    public ConfigOverrides Overrides { get; init; } = ConfigOverrides.None;
    public long MaxSteps { get; init; }
    public string OutputRoot { get; init; } = "runs";
    public int Threads { get; init; }
    public string? DataRoot { get; init; }
    public string? Checkpoint { get; init; }
    public string? Resume { get; init; }
    public bool Json { get; init; }
    public bool Quiet { get; init; }

    public const string Usage = """
        usage: <app> [train|eval|plan|list] [options]

        commands:
          train            train the experiment (default), writing a run folder
          eval             evaluate a checkpoint on the test set (default: the newest run's model.bin)
          plan             print the resolved recipe and the learning rate of every epoch
          list             list the experiments in this program

        options:
          -e, --experiment NAME   which experiment (default: the first by name)
          --epochs N              override the number of epochs
          --batch-size N          override the batch size (an SGD rate from the scaling rule follows it)
          --lr X                  override the base learning rate
          --seed N                override the seed
          --train-limit N         use only the first N training images (stratified)
          --test-limit N          use only the first N test images (stratified)
          --set NAME=VALUE        override any other Config property (repeatable)
          --max-steps N           stop after N optimizer steps (of this invocation, when resuming)
          --resume RUN_FOLDER     train: continue that run after its last completed epoch, with its
                                  experiment and settings (--epochs N to extend a finished run)
          --out DIR               folder for run folders (default: runs)
          --threads N             libtorch intra-op threads (default: one per core)
          --data DIR              dataset folder (default: $TRAINDSL_DATA or the user cache)
          --checkpoint FILE       eval: the weights to evaluate
          --json                  plan/eval: print JSON
          --quiet                 train: no progress output
          -h, --help              show this help
        """;

    /// <summary>Parses <paramref name="args"/>; a bad argument throws one sentence saying what to fix.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        var overrides = new ConfigOverrides();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        int i = 0;
        if (args.Count > 0 && !args[0].StartsWith('-'))
        {
            var command = args[0];
            if (command is not ("train" or "eval" or "plan" or "list" or "help"))
                throw new TrainDslException($"Unknown command '{command}'; use train, eval, plan or list (or --help).");
            result = result with { Command = command };
            i = 1;
        }

        for (; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new TrainDslException($"Option {arg} needs a value; see --help.");
                return args[++i];
            }
            switch (arg)
            {
                case "-h" or "--help": result = result with { Command = "help" }; break;
                case "-e" or "--experiment": result = result with { Experiment = Value() }; break;
                case "--epochs": overrides = overrides with { Epochs = Int(arg, Value()) }; break;
                case "--batch-size": overrides = overrides with { BatchSize = Int(arg, Value()) }; break;
                case "--lr": overrides = overrides with { LearningRate = Double(arg, Value()) }; break;
                case "--seed": overrides = overrides with { Seed = Int(arg, Value()) }; break;
                case "--train-limit": overrides = overrides with { TrainLimit = Int(arg, Value()) }; break;
                case "--test-limit": overrides = overrides with { TestLimit = Int(arg, Value()) }; break;
                case "--set":
                    var pair = Value();
                    var eq = pair.IndexOf('=');
                    if (eq <= 0) throw new TrainDslException($"--set takes NAME=VALUE, got '{pair}'.");
                    values[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
                    break;
                case "--max-steps": result = result with { MaxSteps = Int(arg, Value()) }; break;
                case "--out": result = result with { OutputRoot = Value() }; break;
                case "--threads": result = result with { Threads = Int(arg, Value()) }; break;
                case "--data": result = result with { DataRoot = Value() }; break;
                case "--checkpoint": result = result with { Checkpoint = Value() }; break;
                case "--resume": result = result with { Resume = Value() }; break;
                case "--json": result = result with { Json = true }; break;
                case "--quiet": result = result with { Quiet = true }; break;
                default:
                    throw new TrainDslException($"Unknown option '{arg}'; run with --help to see the options.");
            }
        }
        if (result.MaxSteps < 0) throw new TrainDslException("--max-steps must be 0 (no limit) or more.");
        if (result.Resume is not null && result.Command != "train")
            throw new TrainDslException($"--resume continues a training run; use it with train, not {result.Command}.");
        if (result.Threads < 0) throw new TrainDslException("--threads must be 0 (libtorch's default) or more.");
        return result with { Overrides = overrides with { Values = values } };
    }

    private static int Int(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
        : throw new TrainDslException($"Option {option} takes a whole number, got '{value}'.");

    private static double Double(string option, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
        : throw new TrainDslException($"Option {option} takes a number such as 0.05, got '{value}'.");
}
