using TrainDsl.Data.Images;

namespace TrainDsl.Tests.Data.Images;

/// <summary>The ImageFolder loader decodes on all cores: eight tasks decoding the same files give the same pixels as one.</summary>
public class ThreadSafetyTests
{
    [Fact]
    public async Task EightTasksDecodeTheSameFilesToTheSamePixels()
    {
        (string File, int Channels, int Size)[] jobs =
        [
            ("rgb.png", 3, 28), ("rgba.png", 1, 28), ("gray16.png", 3, 28), ("wide.png", 3, 32), ("rgb.jpg", 3, 40),
            ("exif6.jpg", 3, 28), ("cmyk.jpg", 1, 28), ("rgb.gif", 3, 28), ("rgb.webp", 3, 28), ("rgb.bmp", 1, 20),
        ];
        var paths = jobs.Select(j => PillowAgreementTests.ImagePath(j.File)).ToArray();
        var alone = jobs.Select((j, i) => ImageDecoder.Decode(paths[i], j.Channels, j.Size)).ToArray();

        var tasks = Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            var results = new byte[50 * jobs.Length][];
            for (int n = 0; n < results.Length; n++)
            {
                int i = (n + t) % jobs.Length;     // the tasks start at different files, so different codecs overlap
                results[n] = ImageDecoder.Decode(paths[i], jobs[i].Channels, jobs[i].Size);
            }
            return results;
        })).ToArray();
        var all = await Task.WhenAll(tasks);

        for (int t = 0; t < all.Length; t++)
            for (int n = 0; n < all[t].Length; n++)
                Assert.Equal(alone[(n + t) % jobs.Length], all[t][n]);
    }
}
