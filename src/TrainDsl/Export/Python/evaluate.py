"""Evaluates a model.safetensors state_dict, trained by PyTorch (train.py) or by TrainDsl, on the recipe's test set:

    python evaluate.py --weights model.safetensors [--recipe recipe.json] [--split test|validation]

The model is built as train.py builds it and takes the weights with load_state_dict (strict, no renaming); the set is
loaded, limited and normalised as in training. Prints the metrics and the count of correct images."""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ beside the exported project's files

import torch  # noqa: E402
from safetensors.torch import load_file  # noqa: E402

import data  # noqa: E402
import metrics  # noqa: E402
import models  # noqa: E402
from train import load_recipe  # noqa: E402


def main():
    p = argparse.ArgumentParser(description="Evaluate a safetensors state_dict on the recipe's test set.")
    p.add_argument("--weights", required=True, help="model.safetensors (PyTorch- or TrainDsl-trained)")
    p.add_argument("--recipe", default=os.path.join(HERE, "recipe.json"))
    p.add_argument("--split", choices=["test", "validation"], default="test")
    p.add_argument("--threads", type=int)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    args = p.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    if not os.path.isfile(args.weights):
        raise SystemExit(f"There is no weights file at '{args.weights}'; pass a run folder's model.safetensors.")

    recipe = load_recipe(args.recipe)
    splits = data.load(recipe, log=lambda *a: None)
    target = splits.test if args.split == "test" else splits.validation
    if target is None:
        raise SystemExit("The recipe declares no validation set; evaluate --split test.")
    classes = len(splits.class_names)
    model = models.create(recipe["parts"]["model"], target.images.shape[1], classes, HERE)
    state = load_file(args.weights)
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise SystemExit(f"'{args.weights}' does not fit {recipe['parts']['model']}: missing {sorted(missing)[:5]}, "
                         f"unexpected {sorted(unexpected)[:5]}; pass weights of the recipe's model.")
    columns = recipe["plan"].get("metrics") or ["test_loss", "accuracy"]
    result = metrics.evaluate(model, target.images, target.labels, data.Normalise(splits.mean, splits.std), classes,
                              metrics.top_ks(columns))
    names = ["loss", "accuracy", "macro_f1", "weighted_f1", "balanced_accuracy"] + [f"top{k}" for k in result.top if k > 1]
    report = {"split": args.split, "correct": result.correct, "total": result.count,
              **{n: result.value(n) for n in names}}
    if args.json:
        print(json.dumps(report))
    else:
        print(f"{args.split}: accuracy {result.accuracy:.6f} ({result.correct}/{result.count} correct), loss {result.loss:.6f}, "
              f"macro F1 {result.macro_f1:.6f}")


if __name__ == "__main__":
    main()
