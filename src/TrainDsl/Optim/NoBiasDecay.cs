using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainDsl.Optim;

/// <summary>
/// No weight decay on biases and normalisation parameters (He et al. 2019, "Bag of Tricks", §3.1), split as timm's
/// param_groups_weight_decay does: a parameter with ndim ≤ 1 or a name ending in ".bias" goes to a group with
/// weight decay 0, every other one (conv and linear weights) to a group with <c>weightDecay</c>. The no-decay group
/// comes first, as in timm; an empty group is left out; frozen parameters (requires_grad false) are left out.
/// For LARS and LAMB the no-decay group also skips the layer-wise trust ratio.
/// Only weight decay (and LARS/LAMB's adaptation) is set on the groups: learning rate, momentum, betas and the rest come from the optimizer's
/// arguments (TorchSharp's ParamGroup constructors with named options would silently reset the learning rate).
/// Build the optimizer after the model has its final dtype and device: moving a model replaces its parameters.
/// <para><c>exempt: false</c> puts every parameter in the decayed group (the recipe without the trick, one group), so an
/// ablation switches the trick off (Config.NoBiasDecay = false) without another code path.</para>
/// </summary>
public static class NoBiasDecay
{
    /// <summary>Groups for <c>optim.SGD(groups, learningRate, momentum, ...)</c>.</summary>
    public static IReadOnlyList<SGD.ParamGroup> SgdGroups(nn.Module model, double weightDecay, bool exempt = true)
    {
        var (decay, noDecay) = Split(model, weightDecay, exempt);
        var groups = new List<SGD.ParamGroup>();
        if (noDecay.Count > 0) groups.Add(new SGD.ParamGroup(noDecay, new SGD.Options { weight_decay = 0 }));
        if (decay.Count > 0) groups.Add(new SGD.ParamGroup(decay, new SGD.Options { weight_decay = weightDecay }));
        return groups;
    }

    /// <summary>Groups for <c>optim.AdamW(groups, lr, beta1, beta2, eps, ...)</c> (decoupled decay, Loshchilov &amp; Hutter 2019).</summary>
    public static IReadOnlyList<AdamW.ParamGroup> AdamWGroups(nn.Module model, double weightDecay, bool exempt = true)
    {
        var (decay, noDecay) = Split(model, weightDecay, exempt);
        var groups = new List<AdamW.ParamGroup>();
        if (noDecay.Count > 0) groups.Add(new AdamW.ParamGroup(noDecay, new AdamW.Options { weight_decay = 0 }));
        if (decay.Count > 0) groups.Add(new AdamW.ParamGroup(decay, new AdamW.Options { weight_decay = weightDecay }));
        return groups;
    }

    /// <summary>Groups for <c>optim.Adam(groups, lr, beta1, beta2, eps, amsgrad: ..)</c> (L2 decay added to the gradient).</summary>
    public static IReadOnlyList<Adam.ParamGroup> AdamGroups(nn.Module model, double weightDecay, bool exempt = true)
    {
        var (decay, noDecay) = Split(model, weightDecay, exempt);
        var groups = new List<Adam.ParamGroup>();
        if (noDecay.Count > 0) groups.Add(new Adam.ParamGroup(noDecay, new Adam.Options { weight_decay = 0 }));
        if (decay.Count > 0) groups.Add(new Adam.ParamGroup(decay, new Adam.Options { weight_decay = weightDecay }));
        return groups;
    }

    /// <summary>Groups for <c>optim.RMSProp(groups, lr, alpha, eps, momentum: .., centered: ..)</c>.</summary>
    public static IReadOnlyList<RMSProp.ParamGroup> RmsPropGroups(nn.Module model, double weightDecay, bool exempt = true)
    {
        var (decay, noDecay) = Split(model, weightDecay, exempt);
        var groups = new List<RMSProp.ParamGroup>();
        if (noDecay.Count > 0) groups.Add(new RMSProp.ParamGroup(noDecay, new RMSProp.Options { weight_decay = 0 }));
        if (decay.Count > 0) groups.Add(new RMSProp.ParamGroup(decay, new RMSProp.Options { weight_decay = weightDecay }));
        return groups;
    }

    /// <summary>
    /// Groups for <see cref="Lars"/>: biases and norms get neither decay nor the trust ratio, as in SimCLR's and
    /// BYOL's LARS (their exclude_from_layer_adaptation).
    /// </summary>
    public static IReadOnlyList<Lars.ParamGroup> LarsGroups(nn.Module model, double weightDecay, bool exempt = true)
    {
        var (decay, noDecay) = Split(model, weightDecay, exempt);
        var groups = new List<Lars.ParamGroup>();
        if (noDecay.Count > 0) groups.Add(new Lars.ParamGroup(noDecay, new Lars.Options { WeightDecay = 0, Adapt = false }));
        if (decay.Count > 0) groups.Add(new Lars.ParamGroup(decay, new Lars.Options { WeightDecay = weightDecay, Adapt = true }));
        return groups;
    }

    /// <summary>Groups for <see cref="Lamb"/>: biases and norms get neither decay nor the trust ratio, as in BERT's LAMB.</summary>
    public static IReadOnlyList<Lamb.ParamGroup> LambGroups(nn.Module model, double weightDecay, bool exempt = true)
    {
        var (decay, noDecay) = Split(model, weightDecay, exempt);
        var groups = new List<Lamb.ParamGroup>();
        if (noDecay.Count > 0) groups.Add(new Lamb.ParamGroup(noDecay, new Lamb.Options { WeightDecay = 0, Adapt = false }));
        if (decay.Count > 0) groups.Add(new Lamb.ParamGroup(decay, new Lamb.Options { WeightDecay = weightDecay, Adapt = true }));
        return groups;
    }

    /// <summary>True for parameters that get no weight decay: biases, and 1-D (norm) or scalar parameters.</summary>
    public static bool IsExempt(string name, Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.ndim <= 1 || name.EndsWith(".bias", StringComparison.Ordinal);
    }

    private static (List<Parameter> Decay, List<Parameter> NoDecay) Split(nn.Module model, double weightDecay, bool exempt)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(weightDecay >= 0) || double.IsInfinity(weightDecay))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be a finite number ≥ 0 (5e-4 is usual for SGD, 0.05 for AdamW).");
        var decay = new List<Parameter>();
        var noDecay = new List<Parameter>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!parameter.requires_grad) continue;
            (exempt && IsExempt(name, parameter) ? noDecay : decay).Add(parameter);
        }
        if (decay.Count + noDecay.Count == 0)
            throw new ArgumentException($"The model {model.GetName()} has no trainable parameters, so there is nothing to optimize.", nameof(model));
        return (decay, noDecay);
    }
}
