using System;
using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Diagnostics;

/// <summary>
/// The option a PyTorch or timm user means by a name of theirs: <c>gamma</c> → <c>Gamma</c>, <c>lr</c> →
/// <c>LearningRate</c>, <c>T_max</c> → <c>Period</c>. The table holds the names that differ by more than case and
/// underscores; the rest match an attribute's property ignoring both (<c>label_smoothing</c> → <c>LabelSmoothing</c>).
/// </summary>
internal static class PyTorchNames
{
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lr"] = "LearningRate",
        ["base_lr"] = "LearningRate",
        ["max_lr"] = "LearningRate",
        ["eps"] = "Epsilon",
        ["T_max"] = "Period",
        ["eta_min"] = "MinLr",
        ["start_factor"] = "WarmupStart",
        ["warmup_lr_init"] = "WarmupStart",
        ["warmup_t"] = "WarmupEpochs",
        ["decay_t"] = "StepSize",
        ["decay_rate"] = "Gamma",
        ["anneal_epochs"] = "Period",
        ["num_epochs"] = "Epochs",
        ["max_epochs"] = "Epochs",
        ["prob"] = "Probability",
        ["p"] = "Probability",
        ["mix_prob"] = "Probability",
        ["switch_prob"] = "SwitchProbability",
        ["mixup_alpha"] = "Alpha",
        ["cutmix_alpha"] = "Alpha",
        ["smoothing"] = "LabelSmoothing",
        ["T"] = "Temperature",
        ["topk"] = "K",
        ["top_k"] = "K",
        ["channels_last"] = "ChannelsLast",
        ["eta"] = "TrustCoefficient",
        ["trust_coeff"] = "TrustCoefficient",
        ["rho"] = "Alpha",
    };

    /// <summary>The property of <paramref name="options"/> that <paramref name="written"/> means, or null.</summary>
    public static string? Meant(string written, IReadOnlyList<string> options)
    {
        if (Renamed.TryGetValue(written, out var renamed) && options.Contains(renamed)) return renamed;
        var folded = Fold(written);
        return options.FirstOrDefault(o => Fold(o) == folded);
    }

    private static string Fold(string name) => name.Replace("_", "").ToLowerInvariant();
}
