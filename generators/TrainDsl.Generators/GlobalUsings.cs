// Every stage reaches every part's model, so each slice's namespace is imported once, here.
global using TrainDsl.Generators.Diagnostics;
global using TrainDsl.Generators.Emit;
global using TrainDsl.Generators.Model;
global using TrainDsl.Generators.Parts.Amp;
global using TrainDsl.Generators.Parts.Augment;
global using TrainDsl.Generators.Parts.Data;
global using TrainDsl.Generators.Parts.Distill;
global using TrainDsl.Generators.Parts.Inherit;
global using TrainDsl.Generators.Parts.Loss;
global using TrainDsl.Generators.Parts.Metric;
global using TrainDsl.Generators.Parts.Mixing;
global using TrainDsl.Generators.Parts.Model;
global using TrainDsl.Generators.Parts.Optimizer;
global using TrainDsl.Generators.Parts.Run;
global using TrainDsl.Generators.Parts.Schedule;
global using TrainDsl.Generators.Parts.Sweep;
global using TrainDsl.Generators.Pipeline;
