namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number generators"; constants as in Vigna's
/// splitmix64.c): a 64-bit generator written out here so a split is the same on every machine and .NET version,
/// which System.Random does not promise.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong state = seed;

    public ulong Next()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A uniform integer in [0, bound): Lemire's multiply-shift with rejection (2019, "Fast random integer generation
    /// in an interval", algorithm 5), so no value is favoured.
    /// </summary>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        ulong high = Math.BigMul(Next(), bound, out ulong low);
        if (low < bound)
        {
            ulong threshold = (0UL - bound) % bound;
            while (low < threshold) high = Math.BigMul(Next(), bound, out low);
        }
        return high;
    }

    /// <summary>FNV-1a, 64 bits, over the UTF-8 bytes of <paramref name="text"/>: a stable hash for seeding.</summary>
    public static ulong Fnv1a(string text)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 0x100000001B3UL;
        return hash;
    }
}
