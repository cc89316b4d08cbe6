namespace TrainDsl.Mixing;

/// <summary>A mixed-sample method whose mixing ratio is drawn as λ ~ Beta(α, α).</summary>
public abstract class MixingMethod
{
    private protected MixingMethod(double alpha)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha,
                $"The {GetType().Name} α must be a positive number (λ ~ Beta(α, α)); typical values are 0.2 to 1.");
        Alpha = alpha;
    }

    /// <summary>α of the Beta(α, α) that λ is drawn from.</summary>
    public double Alpha { get; }

    public abstract MixKind Kind { get; }
}
