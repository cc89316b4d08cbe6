namespace TrainDsl.Optim;

/// <summary>
/// Gradient accumulation: an epoch's batches grouped into optimizer steps of <c>microBatches</c> batches each. An epoch
/// of n batches makes ⌊n / k⌋ steps; the last n mod k batches would make a smaller step with another effective batch
/// size, so they are not drawn (as the loader drops a last partial batch). The groups stream: a step's batches are drawn
/// one at a time while it runs, so only one micro-batch is alive at once.
/// <code>
/// foreach (var microBatches in GradientAccumulation.Steps(train.Epoch(epoch), train.Count, k))
/// {
///     optimizer.zero_grad();
///     foreach (var batch in microBatches) (Loss(batch) / k).backward();
///     optimizer.step();
/// }
/// </code>
/// </summary>
public static class GradientAccumulation
{
    /// <summary>Optimizer steps in an epoch of <paramref name="batches"/> batches: ⌊batches / microBatches⌋.</summary>
    public static int StepsPerEpoch(int batches, int microBatches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(microBatches, 1);
        return batches / microBatches;
    }

    /// <summary>
    /// The epoch's <paramref name="count"/> batches as ⌊count / microBatches⌋ groups of <paramref name="microBatches"/>;
    /// enumerate each group to its end before asking for the next.
    /// </summary>
    public static IEnumerable<IEnumerable<T>> Steps<T>(IEnumerable<T> batches, int count, int microBatches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int steps = StepsPerEpoch(count, microBatches);
        return Group(batches, steps, microBatches);
    }

    private static IEnumerable<IEnumerable<T>> Group<T>(IEnumerable<T> batches, int steps, int microBatches)
    {
        using var source = batches.GetEnumerator();
        for (int s = 0; s < steps; s++)
        {
            var step = new Step<T>(source, microBatches);
            yield return step;
            if (step.Drawn < microBatches)
                throw new InvalidOperationException(
                    $"Step {s + 1} used {step.Drawn} of its {microBatches} micro-batches; enumerate each step's batches to the end before the next step.");
        }
    }

    private sealed class Step<T>(IEnumerator<T> source, int microBatches) : IEnumerable<T>
    {
        public int Drawn { get; private set; }

        public IEnumerator<T> GetEnumerator()
        {
            while (Drawn < microBatches)
            {
                if (!source.MoveNext())
                    throw new InvalidOperationException($"The epoch ran out of batches after {Drawn} of a step's {microBatches}; pass the loader's batch count.");
                Drawn++;
                yield return source.Current;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
