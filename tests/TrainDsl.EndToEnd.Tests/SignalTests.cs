using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using TrainDsl.Cli;
using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// The example executable as a scheduler drives it: SIGTERM (docker stop, preemption) and SIGHUP (a closed terminal)
/// stop a run after its step as Ctrl-C does, writing summary.json and keeping the resume point, and the exit code
/// names the signal (128 + N).
/// </summary>
[Collection(TrainingCollection.Name)]
public class SignalTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-signal-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private const int SigHup = 1, SigTerm = 15;

    // The FashionMnist example, built next to the tests (a referenced executable). Through env --default-signal, which
    // execs it in the same process with SIGHUP and SIGTERM at their defaults: a test run under nohup would otherwise
    // hand its ignored SIGHUP down, and the runtime rightly leaves an inherited ignore alone (nohup means "keep going").
    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=HUP,TERM");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FashionMnist"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static (int Exit, string Out, string Err) Finish(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "the process did not exit");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Theory]
    [InlineData(SigTerm, ExitCodes.Terminated)]
    [InlineData(SigHup, ExitCodes.Hangup)]
    public async Task ASignalStopsTheRunAfterItsStepWithASummaryAndAResumePoint(int signal, int expectedExit)
    {
        using var process = Start("train", "--train-limit", "2560", "--test-limit", "200", "--epochs", "4", "--threads", "1",
            "--out", output);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Signalled in epoch 2, once epoch 1's resume point exists.
        var clock = Stopwatch.StartNew();
        string? resume = null;
        while (resume is null && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            Thread.Sleep(100);
            resume = Directory.GetFiles(output, RunFolder.ResumeFile, SearchOption.AllDirectories).FirstOrDefault();
        }
        Assert.NotNull(resume);
        Assert.Equal(0, kill(process.Id, signal));
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the process did not exit");

        Assert.Equal(expectedExit, process.ExitCode);
        Assert.Contains("stopping after this step", await stderr);
        var folder = Path.GetDirectoryName(resume)!;
        var summary = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, RunFolder.SummaryFile)), RunJson.Default.RunSummary)!;
        Assert.Equal("interrupted", summary.Status);
        Assert.True(summary.EpochsCompleted is >= 1 and < 4, $"{summary.EpochsCompleted} epochs");
        Assert.Contains("interrupted", await stdout);

        // The run goes on from its resume point.
        using var resumed = Start("train", "--resume", folder, "--threads", "1", "--quiet");
        var (exit, _, err) = Finish(resumed);
        Assert.True(exit == 0, err);
    }

    [Fact]
    public void HelpNamesTheExecutable()
    {
        using var process = Start("--help");
        var (exit, stdout, _) = Finish(process);

        Assert.Equal(0, exit);
        Assert.Contains("Usage:\n  FashionMnist [command] [options]", stdout);
        Assert.DoesNotContain("<app>", stdout);
        Assert.Contains("train", stdout);
    }
}
