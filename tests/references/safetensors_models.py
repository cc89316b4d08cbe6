"""PyTorch -> TrainDsl weights: the built-in models' state_dicts as safetensors files, and their eval-mode logits.

Run from the repository root with the PyTorch peer (PyTorch 2.6, safetensors):
    bash /work/shared/peer/pytorch-peer.sh python tests/references/safetensors_models.py
Builds SmallCnn and ResNet20 (the same architectures as src/TrainDsl/Models, defined in make_references.py), seeds
them, puts every BatchNorm in a non-trivial state (random gamma/beta and a few train-mode forwards, so the running
statistics and num_batches_tracked are not their defaults), saves state_dict() with safetensors.torch.save_file to
safetensors/<model>.safetensors, and writes safetensors_models.json: the input batch, each model's eval-mode logits,
and the name, shape and dtype of every state_dict entry (the key list a TrainDsl-written model.safetensors must match).
"""
import os

import torch
from safetensors.torch import save_file

from make_references import SmallCnn, ResNet
from reference_json import HERE, write, floats

DTYPES = {torch.float32: "F32", torch.int64: "I64"}


def main():
    torch.manual_seed(20)
    models = {
        "SmallCnn": lambda: SmallCnn(1, 10),
        "ResNet20": lambda: ResNet(1, 10, [3, 3, 3], [16, 32, 64]),
    }
    # One fixed batch for every model, stored with the logits so the C# test feeds exactly these values.
    x = torch.randn(4, 1, 28, 28)
    os.makedirs(os.path.join(HERE, "safetensors"), exist_ok=True)
    cases = []
    for name, build in models.items():
        m = build()
        with torch.no_grad():
            for mod in m.modules():
                if isinstance(mod, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)):
                    mod.weight.uniform_(0.5, 1.5)
                    mod.bias.uniform_(-0.2, 0.2)
            m.train()
            for _ in range(3):
                m(torch.randn(8, 1, 28, 28) * 1.5 + 0.3)
        m.eval()
        with torch.no_grad():
            logits = m(x)
        sd = m.state_dict()
        file = f"{name}.safetensors"
        save_file({k: v.contiguous() for k, v in sd.items()}, os.path.join(HERE, "safetensors", file))
        cases.append({
            "model": name, "inChannels": 1, "classes": 10, "file": file,
            "stateDict": [{"name": k, "shape": list(v.shape), "dtype": DTYPES[v.dtype]} for k, v in sd.items()],
            "logits": floats(logits),
        })
    write("safetensors_models.json", {"input": {"shape": list(x.shape), "values": floats(x)}, "cases": cases},
          f"safetensors_models.py, torch {torch.__version__}")


if __name__ == "__main__":
    main()
