namespace TrainDsl.Export;

/// <summary>
/// A PyTorch module that stands for a user's TorchSharp model in the exported project (<c>--python-model
/// path/to/module.py:ClassName</c>): copied next to train.py, named in recipe.json as <c>Python:module.py:ClassName</c>.
/// </summary>
/// <param name="File">The module file's full path.</param>
/// <param name="ClassName">The nn.Module class in it, constructed as the built-in models are: (in_channels, classes).</param>
public sealed record PythonModel(string File, string ClassName)
{
    /// <summary>recipe.json's parts.model.</summary>
    public string Part => DeclaredParts.PythonPrefix + Path.GetFileName(File) + ":" + ClassName;

    /// <summary>Parses <c>path/to/module.py:ClassName</c>, refusing a missing file or a name that is not a Python identifier.</summary>
    public static PythonModel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            throw new TrainDslException($"--python-model takes path/to/module.py:ClassName, got '{text}'.");
        var file = Path.GetFullPath(text[..colon]);
        var name = text[(colon + 1)..];
        if (!file.EndsWith(".py", StringComparison.Ordinal))
            throw new TrainDslException($"--python-model's module '{file}' is not a .py file; give path/to/module.py:ClassName.");
        if (!System.IO.File.Exists(file))
            throw new TrainDslException($"--python-model's module '{file}' does not exist; give path/to/module.py:ClassName.");
        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new TrainDslException($"--python-model's class '{name}' is not a Python class name; give path/to/module.py:ClassName.");
        return new PythonModel(file, name);
    }
}
