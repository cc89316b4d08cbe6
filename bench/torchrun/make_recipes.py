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
    cmd = ["dotnet", APP, "plan", "-e", experiment, "--json", "--data", IDX, "--epochs", str(epochs),
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


if __name__ == "__main__":
    main()
