using System.Text.Json;
using TrainDsl.Data;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Data;

/// <summary>
/// ValidationSplit against tests/references/validation_split.py, which computes the held-out positions from the rule
/// independently (its own SplitMix64, FNV-1a and Fisher–Yates, and the seed from the bytes of "validate").
/// </summary>
public class ValidationSplitTests
{
    static readonly JsonElement Reference = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "references", "validation_split.json"))).RootElement;

    public static TheoryData<int> Cases => new(Enumerable.Range(0, Reference.GetProperty("cases").GetArrayLength()));

    static JsonElement Case(int i) => Reference.GetProperty("cases")[i];
    static long[] Labels(int i) => [.. Case(i).GetProperty("labels").EnumerateArray().Select(l => l.GetInt64())];
    static string[] Names(int i) => [.. Case(i).GetProperty("classNames").EnumerateArray().Select(n => n.GetString()!)];
    static double Fraction(int i) => Case(i).GetProperty("fraction").GetDouble();

    /// <summary>The reference's labels as a set whose image i is filled with the value i, so every image names itself.</summary>
    static ImageDataset Set(long[] labels, string[] names)
    {
        using var scope = NewDisposeScope();
        int n = labels.Length;
        var images = arange(n, dtype: ScalarType.Byte).reshape(n, 1, 1, 1).expand(n, 1, 2, 2).contiguous();
        return new ImageDataset(images, tensor(labels), names, [0.5f], [0.25f]);
    }

    static int[] Ids(ImageDataset set) => [.. set.Images[.., 0, 0, 0].data<byte>().ToArray().Select(b => (int)b)];

    [Fact]
    public void TheSeedIsTheBytesOfValidate()
        => Assert.Equal(Reference.GetProperty("seed").GetString(), unchecked((ulong)ValidationSplit.Seed).ToString());

    [Theory]
    [MemberData(nameof(Cases))]
    public void HeldOutPositionsMatchTheReference(int i)
    {
        var expected = Case(i).GetProperty("validation").EnumerateArray().Select(v => v.GetInt32()).ToArray();

        Assert.Equal(expected, ValidationSplit.Indices(Labels(i), Names(i), Fraction(i)));
        Assert.Equal(expected, ValidationSplit.Indices(Labels(i), Names(i), Fraction(i))); // the same on every call
    }

    /// <summary>k = round(n·v), halves away from zero, in [1, n − 1] for n ≥ 2, 0 for n = 1 (reference counts, and by hand).</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void EachClassHoldsOutItsRoundedShare(int i)
    {
        var expected = Case(i).GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToArray();
        using var train = Set(Labels(i), Names(i));

        var (kept, validation) = ValidationSplit.Carve(train, Fraction(i));
        using var _ = kept; using var __ = validation;

        Assert.Equal(expected, validation.ClassCounts());
        Assert.Equal(train.ClassCounts().Zip(expected, (n, k) => n - k), kept.ClassCounts());
        Assert.Equal(expected, train.ClassCounts().Select(n => ValidationSplit.CountOf(n, Fraction(i))));
    }

    [Fact]
    public void CountsFollowTheFormula()
    {
        // 6,000 Fashion-MNIST images per class at 0.1 hold out 600; 2.5 rounds to 3; a class of 2 keeps 1; of 1 holds out none.
        Assert.Equal(600, ValidationSplit.CountOf(6000, 0.1));
        Assert.Equal(3, ValidationSplit.CountOf(10, 0.25));
        Assert.Equal(1, ValidationSplit.CountOf(2, 0.1));
        Assert.Equal(1, ValidationSplit.CountOf(2, 0.9));
        Assert.Equal(0, ValidationSplit.CountOf(1, 0.5));
        Assert.Equal(99, ValidationSplit.CountOf(100, 0.999));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ThePartsAreDisjointCoverTheSetAndKeepItsOrderAndLabels(int i)
    {
        var labels = Labels(i);
        using var train = Set(labels, Names(i));

        var (kept, validation) = ValidationSplit.Carve(train, Fraction(i));
        using var _ = kept; using var __ = validation;

        int[] keptIds = Ids(kept), heldIds = Ids(validation);
        Assert.Empty(keptIds.Intersect(heldIds));
        Assert.Equal(Enumerable.Range(0, labels.Length), keptIds.Concat(heldIds).Order());
        Assert.Equal(keptIds.Order(), keptIds);
        Assert.Equal(heldIds.Order(), heldIds);
        Assert.Equal(keptIds.Select(id => labels[id]), kept.Labels.data<long>().ToArray());
        Assert.Equal(heldIds.Select(id => labels[id]), validation.Labels.data<long>().ToArray());
        Assert.Equal(train.Mean, validation.Mean);
        Assert.Equal(train.Std, validation.Std);
    }

    /// <summary>A source that loads the reference's labels as its training set (TrainLimit applied as the built-in sets do).</summary>
    sealed class ReferenceSource(long[] labels, string[] names) : IDataSource
    {
        public string Name => "reference";
        public IReadOnlyList<string> ClassNames => names;
        public int TrainSizeFor(DataOptions options) => throw new InvalidOperationException("TrainClassCountsFor is what the split needs.");
        public DatasetSplits Load(DataOptions options)
        {
            return new DatasetSplits(Set(labels, names), Set([0, 1], names), "reference").Limit(options);
        }
    }

    [Fact]
    public void TrainLimitAppliesToWhatIsLeftAndTheValidationSetIsNotLimited()
    {
        var labels = Labels(0);
        var source = new ReferenceSource(labels, Names(0));
        var options = new DataOptions { Validation = Fraction(0), TrainLimit = 20 };

        using var data = ValidationSplit.Load(source, options);

        // Left per class: 10−3, 7−2, 1−0, 2−1, 25−6 = 7, 5, 1, 1, 19 (33 in all); 20 of 33 by StratifiedLimit's rule:
        // ⌊20·n/33⌋ = 4, 3, 0, 0, 11 (18), the 2 left over to the largest remainders 20·1/33 (rem 20) twice: classes 2 and 3.
        Assert.Equal([4L, 3, 1, 1, 11], data.Train.ClassCounts());
        Assert.Equal([3L, 2, 0, 1, 6], data.RequiredValidation.ClassCounts());
        Assert.Equal(Case(0).GetProperty("validation").EnumerateArray().Select(v => v.GetInt32()), Ids(data.RequiredValidation));
        Assert.Equal(20, ValidationSplit.TrainSizeFor(source, options));
        Assert.Equal(12, ValidationSplit.SizeFor(source, options));
        Assert.Contains("Validation: 25 % of each training class (12 images)", data.Source);
    }

    [Fact]
    public void WithoutAShareTheSourceLoadsAsItIs()
    {
        var source = new ReferenceSource(Labels(0), Names(0));

        using var data = ValidationSplit.Load(source, new DataOptions());

        Assert.Null(data.Validation);
        Assert.Equal(Labels(0).Length, data.Train.Count);
        Assert.Throws<TrainDslException>(() => data.RequiredValidation);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void AShareOutsideZeroToOneIsOneSentence(double share)
    {
        var e = Assert.Throws<TrainDslException>(() => ValidationSplit.Load(new ReferenceSource(Labels(0), Names(0)), new DataOptions { Validation = share }));
        Assert.Contains("is not between 0 and 1", e.Message);
    }

    [Fact]
    public void DisposingTheSplitsFreesTheValidationSet()
    {
        var data = ValidationSplit.Load(new ReferenceSource(Labels(1), Names(1)), new DataOptions { Validation = 0.1 });
        var validation = data.RequiredValidation;

        data.Dispose();

        Assert.Throws<InvalidOperationException>(() => validation.Images.numel());
    }
}
