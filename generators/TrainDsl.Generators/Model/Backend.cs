namespace TrainDsl.Generators.Model;

/// <summary>The TorchSharp backend the project builds against (MSBuild <c>TrainDslBackend</c>): cpu unless set to cuda.</summary>
internal enum Backend { Cpu, Cuda }
