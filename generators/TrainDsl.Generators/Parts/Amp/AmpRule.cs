using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Amp;

/// <summary>TD0025: fp16 is a GPU format; on a CPU-only build bf16 is the fast 16-bit type.</summary>
internal static class AmpRule
{
    public static void Check(ExperimentDeclaration declaration, Backend backend, ICollection<DiagnosticInfo> diagnostics)
    {
        if (backend == Backend.Cpu && declaration.Amp?.Precision is { Value: AmpPrecision.Float16 } precision)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Fp16OnCpu, precision.Location ?? declaration.Amp.Attribute));
    }
}
