"""Reference weight EMAs for TrainDsl's ModelEma and EmaDecay (tests/TrainDsl.Tests/Ema/ModelEmaTests.cs).

Run from the repository root with the PyTorch peer (PyTorch 2.6; timm is not installed there):
    bash /work/shared/peer/pytorch-peer.sh python tests/references/ema.py
Writes ema.json next to this script.

timm's update rules, written out from timm/utils/model_ema.py:
- ModelEmaV2.update: for every state_dict entry, ema = decay * ema + (1 - decay) * model.
  (V2 applies it to integer buffers too; V3, and TrainDsl, copy those: num_batches_tracked.)
- ModelEmaV3.get_decay(step) with update_after_step = 0, min_decay = 0: step' = max(0, step - 1); 0 when step' <= 0,
  else min(decay, 1 - (1 + step' / warmup_gamma) ** -warmup_power); its update lerps floating-point entries,
  ema.lerp_(model, 1 - decay), and copies the others. timm's train.py calls update(model, step=num_updates) after each
  optimizer step with num_updates counted from 1.
TrainDsl's WarmupSteps W sets warmup_gamma = W / ((1 - decay) ** (-1 / power) - 1), so the curve reaches decay at step' = W.

- cases: a small conv + BatchNorm + linear model (so running statistics and num_batches_tracked matter) trained by
  SGD(momentum 0.9) for 6 steps on fixed random batches; "initial" is the state_dict before training (the EMA's start),
  each step holds the model's state_dict after the optimizer step, the decay used and the EMA's state_dict after update.
- decays: get_decay for updates 1..40 under a few settings.
"""

from collections import OrderedDict

import torch
from torch import nn

from reference_json import floats, write


def gamma_for(decay, warmup_steps, power):
    return warmup_steps / ((1 - decay) ** (-1 / power) - 1)


def v3_decay(step, decay, warmup_steps, power):
    """ModelEmaV3.get_decay with use_warmup, warmup_gamma from TrainDsl's WarmupSteps; constant decay without warmup."""
    if warmup_steps == 0:
        return decay
    step = max(0, step - 0 - 1)
    if step <= 0:
        return 0.0
    d = 1 - (1 + step / gamma_for(decay, warmup_steps, power)) ** -power
    return max(min(d, decay), 0.0)


def v2_update(ema, model, decay):
    with torch.no_grad():
        for e, m in zip(ema.state_dict().values(), model.state_dict().values()):
            if e.is_floating_point():
                e.copy_(decay * e + (1.0 - decay) * m)
            else:
                e.copy_(m)


def v3_update(ema, model, decay):
    with torch.no_grad():
        for e, m in zip(ema.state_dict().values(), model.state_dict().values()):
            if e.is_floating_point():
                e.lerp_(m, weight=1.0 - decay)
            else:
                e.copy_(m)


def make_model():
    return nn.Sequential(OrderedDict(
        conv=nn.Conv2d(1, 4, 3),
        bn=nn.BatchNorm2d(4),
        relu=nn.ReLU(),
        flatten=nn.Flatten(),
        fc=nn.Linear(4 * 4 * 4, 3),
    ))


def state(module):
    return {k: floats(v) for k, v in module.state_dict().items()}


def case(name, decay, warmup_steps, power, update, seed):
    torch.manual_seed(seed)
    model = make_model()
    ema = make_model()
    ema.load_state_dict(model.state_dict())  # ModelEmaV2/V3 start from deepcopy(model)
    ema.eval()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    initial = state(model)
    steps = []
    for t in range(1, 7):
        x = torch.randn(8, 1, 6, 6)
        y = torch.randint(0, 3, (8,))
        model.train()
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
        d = v3_decay(t, decay, warmup_steps, power)
        update(ema, model, d)
        steps.append({"decay": d, "model": state(model), "ema": state(ema)})
    return {
        "name": name, "decay": decay, "warmupSteps": warmup_steps, "warmupPower": power,
        "shapes": {k: list(v.shape) for k, v in model.state_dict().items()},
        "initial": initial, "steps": steps,
    }


def main():
    cases = [
        case("ModelEmaV2, constant decay 0.8", 0.8, 0, 2 / 3, v2_update, seed=1),
        case("ModelEmaV3 warmup: decay 0.9, 4 warmup steps, power 2/3", 0.9, 4, 2 / 3, v3_update, seed=2),
    ]
    settings = [(0.9999, 0, 2 / 3), (0.9999, 100, 2 / 3), (0.999, 10, 0.75), (0.99, 1, 2 / 3), (0.5, 3, 1.0)]
    decays = [{"decay": d, "warmupSteps": w, "warmupPower": p, "values": [v3_decay(t, d, w, p) for t in range(1, 41)]}
              for d, w, p in settings]
    write("ema.json", {"torch": torch.__version__, "cases": cases, "decays": decays}, "tests/references/ema.py")


if __name__ == "__main__":
    main()
