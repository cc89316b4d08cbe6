namespace TrainDsl.Mixing;

/// <summary>Which mixing method produced a <see cref="MixedBatch"/>; <see cref="None"/> when the step did not mix.</summary>
public enum MixKind { None = 0, MixUp = 1, CutMix = 2, FMix = 3 }
