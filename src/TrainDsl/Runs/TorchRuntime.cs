using System.Runtime.InteropServices;
using TorchSharp;

namespace TrainDsl.Runs;

/// <summary>Loads libtorch once, turning TorchSharp's loader trace into one sentence with the fix.</summary>
public static class TorchRuntime
{
    private const string RequiredGlibcxx = "GLIBCXX_3.4.32";
    private static bool loaded;

    public static void EnsureLoaded()
    {
        if (loaded) return;
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            loaded = true;
        }
        catch (Exception e) when (e is not TrainDslException)
        {
            throw new TrainDslException(Explain(e), e);
        }
    }

    private static string Explain(Exception e)
    {
        if (OperatingSystem.IsLinux() && !SystemLibStdCxxHas(RequiredGlibcxx))
            return $"TorchSharp's native library cannot load because this system's libstdc++ lacks {RequiredGlibcxx} (GCC 13 or newer); "
                 + "install a newer libstdc++6 (Debian 13 and Ubuntu 24.04 ship one; on Debian 12 run TrainDsl's eng/prereqs.sh, which installs Debian 13's).";
        return $"TorchSharp's native library (libtorch) cannot load ({e.GetBaseException().Message}); "
             + "make sure the project references TorchSharp-cpu for this platform and that the app was built for it.";
    }

    private static bool SystemLibStdCxxHas(string version)
    {
        string[] candidates =
        [
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        ];
        var path = candidates.FirstOrDefault(File.Exists);
        if (path is null) return true; // cannot tell; fall back to the generic message
        var needle = System.Text.Encoding.ASCII.GetBytes(version);
        return File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0;
    }
}
