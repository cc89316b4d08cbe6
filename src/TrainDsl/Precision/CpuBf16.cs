using System.Globalization;

namespace TrainDsl.Precision;

/// <summary>
/// Whether this CPU has bf16 instructions (AVX-512-BF16 or AMX-BF16), read from /proc/cpuinfo. Without them libtorch
/// emulates bf16 convolutions and matmuls, so an [Amp] bf16 step runs many times slower than fp32 (24× for a wide
/// ResNet on a Zen 3 EPYC in bench/results/peak-amd-epyc.md); the run says so once, at its start.
/// </summary>
public static class CpuBf16
{
    private const string CpuInfo = "/proc/cpuinfo";

    /// <summary>The run's note when bf16 has no instructions here (only on Linux with libtorch on the CPU); null otherwise.</summary>
    public static string? Note()
    {
        try
        {
            return File.Exists(CpuInfo) ? NoteFor(File.ReadAllText(CpuInfo)) : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>The note for a /proc/cpuinfo text: null when its first flags line names avx512_bf16 or amx_bf16, or when it has none.</summary>
    public static string? NoteFor(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        string? model = null, flags = null;
        foreach (var line in cpuinfo.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            if (model is null && key == "model name") model = line[(colon + 1)..].Trim();
            else if (flags is null && key == "flags") flags = line[(colon + 1)..];
            if (model is not null && flags is not null) break;
        }
        if (flags is null) return null;
        var set = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (set.Contains("avx512_bf16") || set.Contains("amx_bf16")) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"this CPU ({model ?? "model unknown"}) has no bf16 instructions (neither avx512_bf16 nor amx_bf16 in /proc/cpuinfo), so libtorch emulates [Amp]'s bf16 and a step runs many times slower than in fp32; train in fp32 here with --set Amp=false");
    }
}
