using TrainDsl.Data;

namespace TrainDsl.Tests.Data;

/// <summary>Where data lives: DataOptions.Root, else $TRAINDSL_DATA, else $XDG_CACHE_HOME (or ~/.cache) + /traindsl.</summary>
public class DataRootTests
{
    static Func<string, string?> Env(params (string Name, string Value)[] vars)
        => name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void ExplicitRootWins()
        => Assert.Equal(Path.GetFullPath("/data/a"),
            DataRoot.Resolve(new DataOptions { Root = "/data/a" }, Env(("TRAINDSL_DATA", "/data/b"), ("XDG_CACHE_HOME", "/c"))));

    [Fact]
    public void EnvironmentVariableComesNext()
        => Assert.Equal(Path.GetFullPath("/data/b"),
            DataRoot.Resolve(new DataOptions(), Env(("TRAINDSL_DATA", "/data/b"), ("XDG_CACHE_HOME", "/c"))));

    [Fact]
    public void UserCacheFolderIsTheDefault()
    {
        Assert.Equal(Path.Combine(Path.GetFullPath("/c"), "traindsl"),
            DataRoot.Resolve(new DataOptions(), Env(("XDG_CACHE_HOME", "/c"))));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(Path.Combine("/home/u/.cache", "traindsl"), DataRoot.Resolve(new DataOptions(), Env(("HOME", "/home/u"))));
    }
}
