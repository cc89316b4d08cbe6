using System.Collections.Generic;

namespace TrainDsl.Generators.Diagnostics;

/// <summary>
/// TD0041: a recipe word hidden by a namespace or type of the user's (<c>dotnet new traindsl -n FashionMnist</c> makes a
/// namespace FashionMnist, so <c>[Data(FashionMnist)]</c> names it). The compiler reports CS0118 or CS0119 without saying
/// why; this names what the word meant and the qualified spelling that always works.
/// </summary>
internal static class HiddenRecipeWordRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        foreach (var hidden in declaration.HiddenRecipeWords)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HiddenRecipeWord, hidden.Location,
                hidden.Word, hidden.Attribute, hidden.Meaning, RecipeWords.Qualified(hidden.Word), hidden.Rename));
        }
    }
}
