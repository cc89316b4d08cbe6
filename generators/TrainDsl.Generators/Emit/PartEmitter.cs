using System;
using System.Collections.Generic;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// One part of a recipe ([Data], [Model], [Loss], ...) as generated code. The skeletons
/// (<see cref="ConfigEmitter"/>, <see cref="PlanEmitter"/>, <see cref="TrainEmitter"/>) ask every part in
/// recipe order for its contribution to each place, so a part's lines appear only when it is declared and
/// removing its attribute removes exactly them. Every hook writes nothing by default.
/// </summary>
internal abstract class PartEmitter
{
    /// <summary>The part's hyperparameters, in the order the Config record lists them.</summary>
    public virtual IEnumerable<ConfigProperty> ConfigProperties => Array.Empty<ConfigProperty>();

    /// <summary>Fills in or adds to the plan's strings and lists.</summary>
    public virtual void ContributePlan(PlanBuilder plan) { }

    /// <summary>Says what the part is for export-torch's recipe.json (its kind, a trick it declares).</summary>
    public virtual void ContributeExport(ExportBuilder export) { }

    /// <summary>Train: what the part creates after the model seed and before the epoch loop.</summary>
    public virtual void WriteSetup(SourceWriter writer) { }

    /// <summary>Variables of the part that a resumed run restores (IResumable: a generator's position, a loss scale).</summary>
    public virtual IEnumerable<string> ResumableState => Array.Empty<string>();

    /// <summary>Train: lines at the start of each epoch, before its batches.</summary>
    public virtual void WriteEpochStart(SourceWriter writer) { }

    /// <summary>
    /// Train: lines at the start of each optimizer step, right after the batch joins the step's dispose scope (with
    /// [GradientAccumulation], before the step's first micro-batch).
    /// </summary>
    public virtual void WriteStepStart(SourceWriter writer) { }

    /// <summary>Train: what the part does to the batch before the forward pass (augment, mix).</summary>
    public virtual void WriteStepInputs(SourceWriter writer, StepFlow flow) { }

    /// <summary>Train: lines between the model's forward pass and the loss.</summary>
    public virtual void WriteAfterForward(SourceWriter writer, StepFlow flow) { }

    /// <summary>Train: lines right after each optimizer step.</summary>
    public virtual void WriteAfterStep(SourceWriter writer) { }
    /// <summary>Train: lines between backward (the gradients are on the fp32 weights) and the optimizer step.</summary>
    public virtual void WriteAfterBackward(SourceWriter writer) { }

    /// <summary>Train: lines after an epoch's evaluation has been recorded.</summary>
    public virtual void WriteEpochEnd(SourceWriter writer) { }

    /// <summary>Train: lines after the last epoch, before the final checkpoint.</summary>
    public virtual void WriteTrainEnd(SourceWriter writer) { }

    /// <summary>Constants of the class, written before its methods.</summary>
    public virtual IEnumerable<Action<SourceWriter>> Constants => Array.Empty<Action<SourceWriter>>();

    /// <summary>Factory methods of the class (CreateModel, CreateSchedule), written before the helpers.</summary>
    public virtual IEnumerable<Action<SourceWriter>> Factories => Array.Empty<Action<SourceWriter>>();

    /// <summary>Private helper methods of the class, written after the factories.</summary>
    public virtual IEnumerable<Action<SourceWriter>> Helpers => Array.Empty<Action<SourceWriter>>();
}
