"""TrainDsl -> PyTorch weights, checked once by hand (not in CI): PyTorch loads a TrainDsl run's model.safetensors
with strict load_state_dict, no renaming, and evaluates it on the official Fashion-MNIST test set.

    mkdir -p /tmp/st-peer && cp tests/references/{load_traindsl_safetensors,make_references,reference_json}.py \
        /usr/share/datasets/fashion-mnist/t10k-*-ubyte* RUN/model.safetensors RUN/plan.json /tmp/st-peer/
    cd /tmp/st-peer && flock /tmp/peer.lock bash /work/shared/peer/pytorch-peer.sh \
        python load_traindsl_safetensors.py model.safetensors plan.json SmallCnn [resaved.safetensors]

Prints the count of correct test images (compare with `eval --checkpoint RUN/model.safetensors`, and model.bin), and
the eval-mode logits of the first two test images. With a fourth argument it also saves the loaded model's
state_dict() there with safetensors' own save_file (PyTorch's writer, its key order and alignment), for TrainDsl's
`eval --checkpoint` to count the same correct images from a file PyTorch wrote. The images are normalised as TrainDsl's BatchLoader does:
float32 pixels times 1/(255 std), plus -mean/std, with the mean and std plan.json records.
"""
import gzip
import json
import os
import sys

import numpy as np
import torch
from safetensors.torch import load_file, save_file

from make_references import SmallCnn, ResNet


def idx(name):
    path = name if os.path.exists(name) else name + ".gz"
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main(weights, plan_path, architecture, resave=None):
    torch.set_num_threads(1)
    plan = json.load(open(plan_path))
    mean = float(np.float32(plan["normalizeMean"][0]))
    std = float(np.float32(plan["normalizeStd"][0]))
    model = {"SmallCnn": lambda: SmallCnn(1, 10),
             "ResNet20": lambda: ResNet(1, 10, [3, 3, 3], [16, 32, 64])}[architecture]()
    missing, unexpected = model.load_state_dict(load_file(weights), strict=True)
    print(f"strict load_state_dict: {len(missing)} missing, {len(unexpected)} unexpected keys")
    model.eval()
    images = torch.from_numpy(idx("t10k-images-idx3-ubyte").copy()).unsqueeze(1)
    labels = torch.from_numpy(idx("t10k-labels-idx1-ubyte").astype(np.int64))
    correct = 0
    with torch.no_grad():
        for start in range(0, len(labels), 256):
            x = images[start:start + 256].float().mul_(1.0 / (255.0 * std)).add_(-mean / std)
            logits = model(x)
            if start == 0:
                print("logits of test images 0 and 1:", logits[:2].tolist())
            correct += int((logits.argmax(1) == labels[start:start + 256]).sum())
    print(f"correct: {correct} of {len(labels)} = {100.0 * correct / len(labels):.2f}%")
    if resave:
        save_file(model.state_dict(), resave)
        print("saved", resave)


if __name__ == "__main__":
    main(*sys.argv[1:5])
