using System.Globalization;
using Overhead;

// Usage (bench/run.sh runs the suite; BENCH_RESULT=FILE writes a command's result as JSON):
//   TrainDsl.Bench overhead [baseline|full] [reps] [steps]  generated vs hand-written runs of FashionBaseline's or
//                                           FashionFullRecipe's recipe (`steps` batches, 1,000 test images per
//                                           evaluation), one process per run, alternated; prints the median
//                                           throughput ratio
//   TrainDsl.Bench overhead-run baseline|full WARM:TIMED steps  one such process: warm-up runs of the sides in WARM
//                                           (e.g. hand+generated), then one timed run of TIMED (generated or hand)
//   TrainDsl.Bench peer-fp32 [steps] [warmup] [threads] [--amp]  TrainDsl's side of the comparison with bench/peer_fp32.py:
//                                           the generated FashionBaseline loop on real data; one JSON line
//   TrainDsl.Bench export-data DIR          Fashion-MNIST's training set as raw files for bench/peer_fp32.py
//   TrainDsl.Bench tricks [reps] [steps] [threads] [--settings]  per-step cost of MixUp, CutMix, FMix, label
//                                           smoothing, distillation, the loader and the optimizer, and evaluation's
//                                           share of an epoch; --settings adds one thread and channels-last
//   TrainDsl.Bench micro DIR [BenchmarkDotNet args]  BenchmarkDotNet micro-benchmarks of the per-step building
//                                           blocks against a whole training step (Micro.cs); reports in DIR/results
//   TrainDsl.Bench memory [epochs]          FashionBaseline on 2,560 images for `epochs` epochs; RSS and live
//                                           tensors after each epoch, from metrics.csv
int Arg(int i, int fallback) => args.Length > i && int.TryParse(args[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
string command = args.Length > 0 && !char.IsDigit(args[0][0]) ? args[0] : "overhead";
if (command != "overhead" || (args.Length > 0 && args[0] == "overhead")) args = args.Length > 0 ? args[1..] : args;
switch (command)
{
    case "micro":
        Micro.Run(args[0], args[1..]);
        break;
    case "memory":
        Memory.Run(Arg(0, 10));
        break;
    case "overhead":
        string recipe = args.Length > 0 && (args[0] is "baseline" or "full") ? args[0] : "baseline";
        if (args.Length > 0 && args[0] == recipe) args = args[1..];
        OverheadBench.Run(recipe, Arg(0, 5), Arg(1, recipe == "full" ? 40 : 100));
        break;
    case "overhead-run":
        OverheadBench.RunOnce(args[0], args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        break;
    case "peer-fp32":
        PeerFp32.Run(Arg(0, 150), Arg(1, 10), Arg(2, 2), amp: args.Contains("--amp"));
        break;
    case "export-data":
        PeerFp32.ExportData(args[0]);
        break;
    case "tricks":
        Tricks.Run(Arg(0, 3), Arg(1, 40), Arg(2, 2), settings: args.Contains("--settings"));
        break;
    default:
        Console.Error.WriteLine($"unknown command '{command}'; see the top of bench/TrainDsl.Bench/Program.cs");
        Environment.Exit(2);
        break;
}
