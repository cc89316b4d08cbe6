using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>A student distills from a teacher experiment trained in the test, found as the teacher's newest run.</summary>
[Collection(TrainingCollection.Name)]
public class DistillationTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-distill-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private RunSettings Settings => new() { OutputRoot = output, Log = null, Threads = 2 };

    [Fact]
    public void AStudentLearnsTheClassesFromTheTeacherAlone()
    {
        var teacher = LiveTensors.LeftUnchangedBy(() => DistillTeacher.Train(settings: Settings));
        Assert.True(teacher.Final!.Accuracy > 0.5, $"teacher accuracy {teacher.Final.Accuracy}");

        // Alpha = 1: the loss is T²·KL(teacher ‖ student) only, so the labels reach the student through the teacher alone.
        var student = LiveTensors.LeftUnchangedBy(() => DistillStudent.Train(new DistillStudent.Config { DistillAlpha = 1 }, Settings));

        var csv = new MetricsCsv(student.Run.RunFolder);
        var trainLoss = csv.Column("train_loss");
        var live = csv.Column("live_tensors");
        Assert.Equal(live[0], live[1]); // the teacher's logits are freed with each step
        Assert.True(trainLoss[1] < trainLoss[0], $"distillation loss did not fall: {trainLoss[0]} then {trainLoss[1]}");
        Assert.True(student.Final!.Accuracy > 0.3, $"student accuracy {student.Final.Accuracy} (chance is 0.1)");
        Assert.Contains("from DistillTeacher (its newest run)", DistillStudent.Plan().Loss);
    }

    [Fact]
    public void WithoutATeacherRunTheStudentSaysWhatToDo()
    {
        var error = Assert.Throws<TrainDslException>(() => DistillStudent.Train(settings: Settings));

        Assert.Contains("train DistillTeacher first or set TeacherCheckpoint", error.Message);
    }

    [Fact]
    public void TeacherCheckpointIsTheFileLoaded()
    {
        var missing = Path.Combine(output, "no-such-teacher.bin");

        var error = Assert.Throws<TrainDslException>(() => DistillStudent.Train(new DistillStudent.Config { TeacherCheckpoint = missing }, Settings));

        Assert.Contains(missing, error.Message);
    }
}
