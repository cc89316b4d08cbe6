using System.Text.Json.Serialization;

namespace TrainDsl.Predict;

/// <summary>One class of a prediction: its label, name and softmax probability.</summary>
public sealed record ClassProbability(int Class, string Name, double Probability);

/// <summary>
/// A model's verdict on one image: its most probable classes, best first. <see cref="Image"/> is the file it came from
/// (null for an image given as a tensor). In JSON (<c>predict --json</c>) the top class's fields come before the list.
/// </summary>
public sealed record Prediction(string? Image, [property: JsonPropertyOrder(1)] IReadOnlyList<ClassProbability> Top)
{
    /// <summary>The predicted label (the top class).</summary>
    public int Class => Top[0].Class;

    /// <summary>The predicted class's name.</summary>
    public string Name => Top[0].Name;

    /// <summary>The predicted class's probability.</summary>
    public double Probability => Top[0].Probability;
}
