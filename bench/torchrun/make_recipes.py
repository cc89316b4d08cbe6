"""Hand-made recipe.json files for FashionBaseline and FashionFullRecipe, in the shape `export-torch` writes
(/work/notes/recipe-json.md), while the exporter is being written: the plan and config are TrainDsl's own
(`FashionMnist plan -e NAME --json` with the same overrides), the parts are written here from the declarations in
examples/FashionMnist/*.cs.

    python3 bench/torchrun/make_recipes.py [--epochs-baseline 2 --train-limit 12000 ...]   (host Python, no torch)
Writes bench/torchrun/<Experiment>/recipe.json.
"""
import argparse
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
APP = os.path.join(ROOT, "examples/FashionMnist/bin/Release/net10.0/FashionMnist.dll")
IDX = "/usr/share/datasets/fashion-mnist"

PARTS = {
    "FashionBaseline": {
        "data": "FashionMnist", "model": "SmallCnn", "augment": [], "mixing": [], "loss": "CrossEntropy",
        "distill": False, "teacher": None, "optimizer": "Sgd", "schedule": "Cosine", "scheduleInterval": "PerStep",
        "metrics": ["Accuracy"], "tricks": [],
    },
    "FashionFullRecipe": {
        "data": "FashionMnist", "model": "ResNet20", "augment": ["RandomCrop", "HorizontalFlip"], "mixing": ["MixUp", "CutMix"],
        "loss": "CrossEntropy", "distill": False, "teacher": None, "optimizer": "Sgd", "schedule": "Cosine",
        "scheduleInterval": "PerStep", "metrics": ["Accuracy", "MacroF1"], "tricks": ["NoBiasDecay", "ZeroGamma"],
    },
}


def plan(experiment, epochs, train_limit, test_limit):
    # --steps: the plan also lists every optimizer step's rate (stepLearningRates), which check_parts.py compares.
    cmd = ["dotnet", APP, "plan", "-e", experiment, "--json", "--steps", "--data", IDX, "--epochs", str(epochs),
           "--train-limit", str(train_limit), "--test-limit", str(test_limit)]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--baseline-epochs", type=int, default=2)
    p.add_argument("--full-epochs", type=int, default=2)
    p.add_argument("--train-limit", type=int, default=12000)
    p.add_argument("--test-limit", type=int, default=0)
    p.add_argument("--full-train-limit", type=int, default=6000)
    p.add_argument("--full-test-limit", type=int, default=2000)
    # The peer's chroot sees only the repository (at /host), so the bench copies the IDX files under it.
    p.add_argument("--idx-in-recipe", default="bench/torchrun/.data/fashion-mnist",
                   help="where recipe.json says the IDX files are (relative to the repository root, where the peer starts)")
    a = p.parse_args()
    for experiment, epochs, train_limit, test_limit in [
            ("FashionBaseline", a.baseline_epochs, a.train_limit, a.test_limit),
            ("FashionFullRecipe", a.full_epochs, a.full_train_limit, a.full_test_limit)]:
        pl = plan(experiment, epochs, train_limit, test_limit)
        d = a.idx_in_recipe
        recipe = {
            "format": 1, "experiment": experiment, "parts": PARTS[experiment], "config": pl["config"], "plan": pl,
            "data": {"kind": "idx", "trainImages": f"{d}/train-images-idx3-ubyte.gz", "trainLabels": f"{d}/train-labels-idx1-ubyte.gz",
                     "testImages": f"{d}/t10k-images-idx3-ubyte.gz", "testLabels": f"{d}/t10k-labels-idx1-ubyte.gz",
                     "classNames": pl["classNames"]},
            "batch": {"global": pl["batchSize"]},
        }
        os.makedirs(os.path.join(HERE, experiment), exist_ok=True)
        with open(os.path.join(HERE, experiment, "recipe.json"), "w", encoding="utf-8") as f:
            json.dump(recipe, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print(f"wrote bench/torchrun/{experiment}/recipe.json ({epochs} epochs, train limit {train_limit}, test limit {test_limit})")
    smoke(a.idx_in_recipe)


def smoke(d):
    """SmokeAllParts: no TrainDsl experiment declares all of these, so its plan is written here by hand: the parts
    FashionBaseline and FashionFullRecipe leave out (RandomResizedCrop, FMix, focal loss with distillation from the
    FashionBaseline run's weights, LAMB, a plateau schedule after a warmup, AMP, EMA, gradient accumulation, gradient
    clipping, early stopping, top-k and balanced accuracy), to run every code path under torchrun once."""
    lr, start, batch, accumulation, train = 0.004, 0.25, 64, 2, 2000
    config = {"Epochs": 3, "BatchSize": batch, "Seed": 7, "TrainLimit": train, "TestLimit": 500, "Validation": 0.1,
              "ResizedCrop": True, "MinScale": 0.35, "MaxScale": 1.0, "MinRatio": 0.75, "MaxRatio": 4 / 3, "Flip": True,
              "FlipProbability": 0.5, "Mixing": True, "FMixAlpha": 1.0, "FMixDecayPower": 3.0, "MixProbability": 0.8,
              "LabelSmoothing": 0.1, "FocalGamma": 2.0, "FocalAlpha": [1, 1, 1, 1, 1, 1, 2, 1, 1, 1], "Distill": True,
              "DistillTemperature": 4.0, "DistillAlpha": 0.5, "LearningRate": lr, "Beta1": 0.9, "Beta2": 0.999,
              "Epsilon": 1e-6, "WeightDecay": 0.01, "NoBiasDecay": True, "WarmupEpochs": 1, "WarmupStart": start,
              "PlateauFactor": 0.5, "PlateauPatience": 0, "PlateauThreshold": 1e-4, "PlateauCooldown": 0, "MinLr": 0,
              "Amp": True, "EmaDecay": 0.99, "EmaWarmupSteps": 0, "EmaWarmupPower": 2 / 3, "AccumulationSteps": accumulation,
              "MaxGradNorm": 5.0, "EarlyStoppingPatience": 2, "EarlyStoppingMinDelta": 0.0}
    columns = [f"{s}_{m}" for s in ("val", "test") for m in ("loss", "accuracy", "top3", "balanced_accuracy")]
    plan = {"experiment": "SmokeAllParts", "learningRate": lr, "schedule": "ReduceLROnPlateau(val_loss, min, factor 0.5, "
            "patience 0, threshold 0.0001, cooldown 0, min lr 0) after a linear warmup over 1 epochs", "metrics": columns,
            "primaryMetric": "val_balanced_accuracy", "epochs": 3, "batchSize": batch, "seed": 7, "trainSize": train,
            "validationSize": 6000, "stepsPerEpoch": (train // batch) // accumulation, "epochLearningRates": [lr * start, lr],
            "config": config, "notes": ["hand-made plan (make_recipes.py): no TrainDsl experiment declares these parts together"]}
    recipe = {
        "format": 1, "experiment": "SmokeAllParts",
        "parts": {"data": "FashionMnist", "model": "SmallCnn", "augment": ["RandomResizedCrop", "HorizontalFlip"], "mixing": ["FMix"],
                  "loss": "Focal", "distill": True,
                  "teacher": {"model": "SmallCnn", "checkpoint": "bench/torchrun/FashionBaseline/run-w2/model.safetensors"},
                  "optimizer": "Lamb", "schedule": "Plateau", "scheduleInterval": "PerEpoch",
                  "metrics": ["Accuracy", "TopK", "BalancedAccuracy"],
                  "tricks": ["NoBiasDecay", "Amp", "Ema", "GradientAccumulation", "ClipGradNorm", "EarlyStopping"]},
        "config": config, "plan": plan,
        "data": {"kind": "idx", "trainImages": f"{d}/train-images-idx3-ubyte.gz", "trainLabels": f"{d}/train-labels-idx1-ubyte.gz",
                 "testImages": f"{d}/t10k-images-idx3-ubyte.gz", "testLabels": f"{d}/t10k-labels-idx1-ubyte.gz",
                 "classNames": ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]},
        "batch": {"global": batch},
    }
    os.makedirs(os.path.join(HERE, "SmokeAllParts"), exist_ok=True)
    with open(os.path.join(HERE, "SmokeAllParts", "recipe.json"), "w", encoding="utf-8") as f:
        json.dump(recipe, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote bench/torchrun/SmokeAllParts/recipe.json (hand-made plan)")


if __name__ == "__main__":
    main()
