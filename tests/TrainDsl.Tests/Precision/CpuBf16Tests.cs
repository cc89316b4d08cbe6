using TrainDsl.Precision;

namespace TrainDsl.Tests.Precision;

public class CpuBf16Tests
{
    // The flags line of the Zen 3 EPYC in bench/results/peak-amd-epyc.md: AVX2, no AVX-512, no AMX.
    private const string ZenFlags = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid extd_apicid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm cmp_legacy cr8_legacy abm sse4a misalignsse 3dnowprefetch osvw topoext ssbd ibrs ibpb stibp vmmcall fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid rdseed adx smap clflushopt clwb sha_ni xsaveopt xsavec xgetbv1 xsaves clzero xsaveerptr wbnoinvd arat umip pku ospke vaes vpclmulqdq rdpid fsrm";

    private static string CpuInfo(string model, string flags) =>
        "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: " + model + "\nflags\t\t: " + flags + "\n\nprocessor\t: 1\nmodel name\t: " + model + "\nflags\t\t: " + flags + "\n";

    [Fact]
    public void A_cpu_without_bf16_instructions_gets_a_note_naming_it_and_the_fp32_switch()
    {
        var note = CpuBf16.NoteFor(CpuInfo("AMD EPYC", ZenFlags));
        Assert.NotNull(note);
        Assert.Contains("this CPU (AMD EPYC) has no bf16 instructions", note);
        Assert.EndsWith("--set Amp=false", note);
    }

    [Theory]
    [InlineData(" avx512f avx512_bf16")]               // Cooper Lake, Zen 4 and later
    [InlineData(" avx512f amx_bf16 amx_tile amx_int8")] // Sapphire Rapids and later
    public void A_cpu_with_bf16_instructions_gets_none(string extra) =>
        Assert.Null(CpuBf16.NoteFor(CpuInfo("Intel(R) Xeon(R) Processor", ZenFlags + extra)));

    [Fact]
    public void A_flag_is_a_whole_word_not_a_prefix() =>
        Assert.NotNull(CpuBf16.NoteFor(CpuInfo("AMD EPYC", ZenFlags + " avx512_bf16x")));

    [Fact]
    public void A_cpuinfo_without_x86_flags_gets_none() =>
        // aarch64 lists "Features" instead; the check does not guess there.
        Assert.Null(CpuBf16.NoteFor("processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 bf16\n"));
}
