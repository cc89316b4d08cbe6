"""Checks the exported Python project's parts (src/TrainDsl/Export/Python) against the reference values in
tests/references, and against the reference implementations there that can be imported.

Run from the repository root with the PyTorch peer:
    flock /tmp/peer.lock bash /work/shared/peer/pytorch-peer.sh python bench/torchrun/check_parts.py
Prints one line per group of checks and exits non-zero when any fails. The bench recipes' plans
(bench/torchrun/*/recipe.json, from make_recipes.py) are checked too: the rate at each epoch's first step.
"""
import glob
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.dont_write_bytecode = True
REFS = os.path.join(ROOT, "tests", "references")
sys.path.insert(0, os.path.join(ROOT, "src", "TrainDsl", "Export", "Python"))
sys.path.append(REFS)  # after the exported modules: tests/references has an ema.py of its own

import torch  # noqa: E402

import augment  # noqa: E402
import data  # noqa: E402
import ema  # noqa: E402
import losses  # noqa: E402
import metrics  # noqa: E402
import mixing  # noqa: E402
import models  # noqa: E402
import optim  # noqa: E402
import schedules  # noqa: E402


def reference_module(name):
    """A reference script of tests/references as a module (those below import without side effects)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("reference_" + name, os.path.join(REFS, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ref_split = reference_module("image_folder_split")
ref_optimizers = reference_module("optimizers")
ref_focal = reference_module("focal_soft")
ref_distill = reference_module("distill_focal")
ref_ema = reference_module("ema")

failures = []


def ref(name):
    with open(os.path.join(REFS, name), encoding="utf-8") as f:
        return json.load(f)


def close(a, b, rtol, atol=0.0):
    a, b = torch.as_tensor(a, dtype=torch.float64), torch.as_tensor(b, dtype=torch.float64)
    return a.shape == b.shape and bool(torch.allclose(a, b, rtol=rtol, atol=atol))


class Group:
    def __init__(self, name):
        self.name, self.passed, self.failed = name, 0, []

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed.append(what)

    def report(self):
        status = "ok  " if not self.failed else "FAIL"
        print(f"{status} {self.name}: {self.passed}/{self.passed + len(self.failed)}"
              + ("" if not self.failed else "  failed: " + "; ".join(self.failed[:5])))
        failures.extend(self.failed)


def check_models():
    g = Group("models: names and shapes as models.json (make_references.py), zero-gamma norms")
    for case in ref("models.json")["cases"]:
        m = models.create(case["model"], case["inChannels"], case["classes"])
        label = f"{case['model']} {case['inChannels']}x{case['inputSize']} -> {case['classes']}"
        g.check([{"name": k, "shape": list(p.shape)} for k, p in m.named_parameters()] == case["parameters"], label + " parameters")
        g.check([{"name": k, "shape": list(b.shape)} for k, b in m.named_buffers()] == case["buffers"], label + " buffers")
        out = m.eval()(torch.zeros(2, case["inChannels"], case["inputSize"], case["inputSize"]))
        g.check(list(out.shape) == case["outputShape"], label + " output")
        if case["residualBranchNorms"]:
            g.check(models.zero_gamma(m) == case["residualBranchNorms"], label + " zero-gamma count")
            g.check(all(float(n.weight.abs().sum()) == 0 for n in m.residual_branch_norms()), label + " zero-gamma")
    # The wide ResNets against wide_resnet.py's record of TrainDsl's names, shapes and parameter counts.
    for case in ref("wide_resnet.json")["models"]:
        m = models.create(case["model"], case["inChannels"], case["classes"])
        label = f"{case['model']} {case['inChannels']} -> {case['classes']}"
        g.check([{"name": k, "shape": list(p.shape)} for k, p in m.named_parameters()] == case["parameters"], label + " parameters")
        g.check([{"name": k, "shape": list(b.shape)} for k, b in m.named_buffers()] == case["buffers"], label + " buffers")
        g.check(sum(p.numel() for p in m.parameters()) == case["parameterCount"], label + " parameter count")
    # WideCnn against wide_cnn.py's network, written from its description.
    for case in ref("wide_cnn.json")["models"]:
        m = models.create("WideCnn", case["inChannels"], case["classes"])
        label = f"WideCnn {case['inChannels']} -> {case['classes']}"
        g.check([{"name": k, "shape": list(p.shape)} for k, p in m.named_parameters()] == case["parameters"], label + " parameters")
        g.check([{"name": k, "shape": list(b.shape)} for k, b in m.named_buffers()] == case["buffers"], label + " buffers")
        g.check(sum(p.numel() for p in m.parameters()) == case["parameterCount"], label + " parameter count")
    # A "Python:<file>:<Class>" model kind: the user's module, built as Class(in_channels, classes).
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "net.py"), "w") as f:
            f.write("import torch.nn as nn\nclass Net(nn.Sequential):\n"
                    "    def __init__(self, i, c):\n        super().__init__(nn.Flatten(), nn.Linear(i * 28 * 28, c))\n")
        m = models.create("Python:net.py:Net", 1, 10, folder)
        g.check(list(m(torch.zeros(2, 1, 28, 28)).shape) == [2, 10], "Python:<file>:<Class> model")
    g.report()


def check_splits():
    g = Group("data: validation split (validation_split.json), per-class split and SplitMix64 (image_folder_split.json)")
    v = ref("validation_split.json")
    g.check(int(v["seed"]) == data.VALIDATION_SEED, "validation seed")
    for case in v["cases"]:
        g.check(data.validation_indices(case["labels"], case["classNames"], case["fraction"]) == case["validation"], "validation split")
        sizes = [case["labels"].count(c) for c in range(len(case["classNames"]))]
        g.check([data.held_out_count(n, case["fraction"]) for n in sizes] == case["counts"], "validation counts")
    s = ref("image_folder_split.json")
    for case in s["splits"]:
        g.check(data.held_out_indices(case["name"], case["n"], case["fraction"], case["seed"]) == case["test"], f"split {case['name']}")
    for case in s["hashes"]:
        g.check(data.fnv1a(case["text"]) == int(case["fnv1a"]), f"fnv1a {case['text']}")
    for case in s["generators"]:
        rng = data.SplitMix64(int(case["seed"]))
        g.check([rng.next() for _ in case["next"]] == [int(x) for x in case["next"]], f"splitmix64 {case['seed']}")
        rng = data.SplitMix64(int(case["seed"]))
        g.check([rng.below(int(b)) for b in case["below_bounds"]] == [int(x) for x in case["below"]], f"below {case['seed']}")
    # The reference implementation itself, on other sizes and fractions.
    for n in (1, 2, 3, 7, 10, 99, 1000):
        for fraction in (0.05, 0.1, 0.25, 0.5):
            for name in ("Coat", "ünïcode", "7"):
                g.check(data.held_out_indices(name, n, fraction, 12345) == ref_split.test_indices(name, n, fraction, 12345),
                        f"vs image_folder_split.test_indices n={n} f={fraction}")
    # StratifiedLimit: balanced classes are dealt round-robin; remainders go to the largest, lower class first.
    g.check(data.quotas([10, 10, 10], 7) == [3, 2, 2], "quotas round-robin")
    g.check(data.quotas([6, 3, 1], 5) == [3, 2, 0] or data.quotas([6, 3, 1], 5) == [3, 1, 1], "quotas remainders")
    g.check(data.quotas([5, 5], 0) == [5, 5], "quota 0 keeps all")
    g.report()


def check_mixing():
    g = Group("mixing: Beta draws, FMix images and masks, the MixUp draw stream, long-tail sizes (mixing_references.json)")
    r = ref("mixing_references.json")
    for case in r["beta"]:
        gen = torch.Generator().manual_seed(case["seed"])
        g.check([mixing.symmetric_beta(case["alpha"], gen) for _ in case["draws"]] == case["draws"], f"beta seed {case['seed']}")
    for case in r["fmix"]:
        gen = torch.Generator().manual_seed(case["seed"])
        f = mixing.FMix(1.0, case["decay"])
        image = f.low_frequency_image(case["height"], case["width"], gen)
        g.check(close(image.flatten(), case["image"], 1e-9, 1e-12), f"fmix image seed {case['seed']}")
        for m in case["masks"]:
            mask = mixing.FMix.binarise(image, m["kept"])
            g.check(mask.flatten().long().tolist() == m["mask"], f"fmix mask seed {case['seed']} lambda {m['lambda']}")
    for case in r["mixup_stream"]:
        policy = mixing.MixingPolicy([mixing.MixUp(case["alpha"])], classes=3, seed=case["seed"])
        b = case["batch"]
        for k, call in enumerate(case["calls"]):
            _, _, kind, lam, partner = policy(torch.zeros(b, 1, 2, 2), torch.zeros(b, dtype=torch.int64))
            g.check(kind == "MixUp" and lam == call["lambda"] and partner.tolist() == call["partner"], f"mixup stream {case['seed']} call {k}")
    for case in r["long_tail"]:
        labels = torch.arange(case["classes"]).repeat_interleave(case["nMax"])
        kept = data.long_tail(data.ImageSet(torch.zeros(len(labels), 1, 1, 1, dtype=torch.uint8), labels), case["classes"], case["ratio"])
        counts = torch.bincount(kept.labels, minlength=case["classes"]).tolist()
        g.check(counts == case["sizes"], f"long tail {case['nMax']}/{case['classes']}/{case['ratio']}")
    # Targets: smoothing applied once to the one-hot rows, then mixed (MixupTarget.cs).
    y = torch.tensor([0, 2, 1])
    t = mixing.mixed_targets(y, torch.tensor([2, 0, 1]), 0.7, 3, 0.1)
    one = torch.nn.functional.one_hot(y, 3).float() * 0.9 + 0.1 / 3
    g.check(close(t, 0.7 * one + 0.3 * one[[2, 0, 1]], 1e-6), "smoothed mixed targets")
    # CutMix: lambda is the kept area after clipping.
    box = mixing.CutMix.random_box(28, 28, 0.5, torch.Generator().manual_seed(3))
    g.check(0 <= box[0] and box[0] + box[2] <= 28 and box[2] <= int(28 * math.sqrt(0.5)), "cutmix box inside")
    g.report()


def check_losses():
    g = Group("losses: cross-entropy, focal, soft targets (losses.json, focal_soft.json), distillation (distill_focal.json, recipe_references.json)")
    dtypes = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}

    def run(fn, logits, shape, expected, expected_grad, tag, rtol=2e-5):
        x = torch.tensor(logits, dtype=torch.float32).view(shape).requires_grad_(True)
        loss = fn(x)
        loss.backward()
        g.check(close(loss.item(), expected, rtol, 1e-7), tag + " value")
        if expected_grad is not None:
            g.check(close(x.grad.flatten(), expected_grad, 1e-4, 1e-6), tag + " grad")

    for c in ref("losses.json")["cases"]:
        target = torch.tensor(c["target"]) if "target" in c else torch.tensor(c["softTarget"], dtype=torch.float32).view(c["shape"])
        if c["kind"] == "cross_entropy":
            fn = lambda x: losses.cross_entropy(x, target, c["params"]["labelSmoothing"])
        elif c["kind"] == "focal":
            fn = lambda x: losses.FocalLoss(c["params"]["gamma"], c["params"]["alpha"])(x, target)
        else:
            fn = lambda x: losses.soft_target_cross_entropy(x, target)
        run(fn, c["logits"], c["shape"], c["expected"], c["expectedGrad"] if c["dtype"] == "float32" else None, f"{c['kind']} {c['params']}")
    for c in ref("focal_soft.json")["cases"]:
        target = torch.tensor(c["softTarget"], dtype=torch.float32).view(c["shape"])
        run(lambda x: losses.FocalLoss(c["gamma"], c["alpha"])(x, target), c["logits"], c["shape"], c["expected"],
            c["expectedGrad"] if c["dtype"] == "float32" else None, f"focal soft {c['kind']} g{c['gamma']}")
        if "target" in c:
            index = torch.tensor(c["target"])
            run(lambda x: losses.FocalLoss(c["gamma"], c["alpha"])(x, index), c["logits"], c["shape"], c["expectedHard"],
                c["expectedHardGrad"] if c["dtype"] == "float32" else None, f"focal hard {c['kind']} g{c['gamma']}")
    for c in ref("distill_focal.json")["cases"]:
        target = torch.tensor(c["target"]) if "target" in c else torch.tensor(c["softTarget"], dtype=torch.float32).view(c["shape"])
        teacher = torch.tensor(c["teacher"], dtype=torch.float32).view(c["shape"])
        loss = losses.DistillationLoss(c["temperature"], c["alpha"], losses.FocalLoss(c["gamma"], c["focalAlpha"]))
        run(lambda x: loss(x, teacher, target), c["student"], c["shape"], c["expected"], c["expectedGrad"],
            f"distill focal {c['kind']} T{c['temperature']} a{c['alpha']}")
    for c in ref("recipe_references.json")["distillation"]:
        target = torch.tensor(c["target"]) if "target" in c else torch.tensor(c["softTarget"], dtype=torch.float32).view(c["shape"])
        teacher = torch.tensor(c["teacher"], dtype=torch.float32).view(c["shape"]).to(dtypes.get(c.get("dtype"), torch.float32))
        loss = losses.DistillationLoss(c["temperature"], c["alpha"], lambda s, t: losses.cross_entropy(s, t))
        run(lambda x: loss(x.to(teacher.dtype), teacher, target), c["student"], c["shape"], c["expected"],
            c["expectedGrad"] if c.get("dtype", "float32") == "float32" else None, f"distill T{c['temperature']} a{c['alpha']}")
    # Against the importable reference implementations, on fresh inputs.
    gen = torch.Generator().manual_seed(5)
    for gamma in (0.0, 0.5, 2.0):
        s = torch.randn(6, 4, generator=gen, dtype=torch.float64)
        t = torch.softmax(torch.randn(6, 4, generator=gen, dtype=torch.float64), 1)
        teacher = torch.randn(6, 4, generator=gen, dtype=torch.float64)
        g.check(close(losses.FocalLoss(gamma)(s, t.float()).item(), ref_focal.focal_soft(s, t, gamma, None).item(), 1e-5),
                f"vs focal_soft.focal_soft g{gamma}")
        mine = losses.DistillationLoss(4.0, 0.7, losses.FocalLoss(gamma))(s, teacher, t.float()).item()
        g.check(close(mine, ref_distill.distill(s, teacher, t, 4.0, 0.7, gamma, None).item(), 1e-5), f"vs distill_focal.distill g{gamma}")
    g.report()


def run_schedule(kind, config, steps, per_step=True, base=0.1, metrics_=None):
    """Rates after k = 0..steps ticks of a schedule built by schedules.Schedule."""
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=base)
    parts = {"schedule": kind, "scheduleInterval": "PerStep" if per_step else "PerEpoch"}
    s = schedules.Schedule(opt, parts, {"Epochs": steps, **config}, 1, maximize=config.get("_max", True))
    steps = min(steps, int(config.get("Epochs", steps)))
    out = [s.lr()]
    for k in range(steps):
        opt.step()
        if per_step:
            s.step_after_optimizer_step()
        else:
            s.step_after_epoch(None if metrics_ is None else metrics_[k])
        out.append(s.lr())
    return out


def step_rates(recipe):
    """The rate of every optimizer step of a recipe's run, as train.py's loop reads it."""
    plan, spe = recipe["plan"], recipe["plan"]["stepsPerEpoch"]
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=plan["learningRate"])
    s = schedules.Schedule(opt, recipe["parts"], recipe["config"], spe)
    rates = []
    for _ in range(plan["epochs"]):
        for _ in range(spe):
            rates.append(s.lr())
            opt.step()
            s.step_after_optimizer_step()
        s.step_after_epoch()
    return rates


def check_schedules():
    g = Group("schedules: step/multistep/cosine, one-cycle, warmups, plateau (schedules.json, one_cycle.json, recipe_references.json, plan_schedules.json)")
    for c in ref("schedules.json")["cases"]:
        p, n = c["params"], len(c["lrs"]) - 1
        config = {"step": lambda: {"StepSize": p.get("stepSize"), "ScheduleGamma": p.get("gamma")},
                  "multistep": lambda: {"Milestones": p.get("milestones"), "ScheduleGamma": p.get("gamma")},
                  "cosine": lambda: {"Period": p.get("tMax"), "MinLr": p.get("etaMin")}}[c["kind"]]()
        kind = {"step": "Step", "multistep": "MultiStep", "cosine": "Cosine"}[c["kind"]]
        g.check(close(run_schedule(kind, config, n, base=c["baseLr"]), c["lrs"], 0, 1e-12), f"{c['kind']} {p}")
    for c in ref("one_cycle.json")["cases"]:
        p = c["params"]
        if p["annealStrategy"] != "cos":
            continue  # TrainDsl's OneCycle part always anneals with the cosine
        lrs = run_schedule("OneCycle", {"Epochs": p["totalSteps"], "PctStart": p["pctStart"], "DivFactor": p["divFactor"],
                                        "FinalDivFactor": p["finalDivFactor"], "ThreePhase": p["threePhase"]},
                           p["totalSteps"], base=c["maxLr"])
        g.check(close(lrs, c["lrs"], 0, 1e-12), f"one-cycle {p}")
    for c in ref("recipe_references.json")["warmup"]:
        inner, w, steps = c["inner"], c["warmup"], c["ts"][-1]
        kind = {"step": "Step", "multistep": "MultiStep", "cosine": "Cosine", "constant": "Constant"}[inner["kind"]]
        config = {"WarmupEpochs": w, "WarmupStart": c["startFactor"], "StepSize": inner.get("stepSize"),
                  "ScheduleGamma": inner.get("gamma"), "Milestones": inner.get("milestones"), "Period": inner.get("tMax"),
                  "MinLr": inner.get("etaMin", 0.0)}
        lrs = run_schedule(kind, config, steps, base=c["baseLr"])
        g.check(close([lrs[t] for t in c["ts"]], c["lrs"], 0, 1e-12), f"warmup {c['mode']} {inner['kind']} W{w}")
    for c in ref("recipe_references.json")["plateau"]:
        p = c["params"]
        config = {"WarmupEpochs": c["warmup"], "WarmupStart": c["startFactor"], "PlateauFactor": p["factor"],
                  "PlateauPatience": p["patience"], "PlateauThreshold": p["threshold"], "PlateauCooldown": p["cooldown"],
                  "MinLr": p["minLr"], "_max": c["mode"] == "max"}
        if p["eps"] != 1e-8:
            continue  # TrainDsl's plateau has no eps option; PyTorch's default is used
        lrs = run_schedule("Plateau", config, len(c["metrics"]), per_step=False, base=c["baseLr"], metrics_=c["metrics"])
        g.check(close(lrs, c["lrs"], 0, 1e-15), f"plateau {c['label']}")
    # LinearWarmup.cs's composition, from each schedule alone: restart, lr(t) = f(t) base for t < W, then inner(t - W);
    # overlay, lr(t) = f(min(t, W)) inner(t); f(t) = s + (1 - s) t / W.
    for kind, config, restart in [("OneCycle", {"PctStart": 0.25, "DivFactor": 10.0, "FinalDivFactor": 100.0}, True),
                                  ("OneCycle", {"ThreePhase": True}, True), ("Cosine", {"MinLr": 1e-4}, True),
                                  ("Step", {"StepSize": 7, "ScheduleGamma": 0.5}, False),
                                  ("MultiStep", {"Milestones": [3, 20], "ScheduleGamma": 0.1}, False)]:
        T, W, start, base = 40, 6, 0.2, 0.3
        warm = lambda t: start + (1 - start) * min(t, W) / W
        composed = run_schedule(kind, {**config, "WarmupEpochs": W, "WarmupStart": start}, T, base=base)[:T]
        if restart:
            alone = run_schedule(kind, {**config, "Epochs": T - W}, T - W, base=base)
            expected = [warm(t) * base if t < W else alone[t - W] for t in range(T)]
        else:
            alone = run_schedule(kind, config, T, base=base)
            expected = [warm(t) * alone[t] for t in range(T)]
        g.check(close(composed, expected, 1e-12, 1e-15), f"{kind} {config} after a warmup")
    ps = json.load(open(os.path.join(REFS, "plan_schedules.json")))
    spe = ps["steps_per_epoch"]
    for name, config, kind, per_step in [("StepPlan", {"StepSize": 2, "ScheduleGamma": 0.5}, "Step", False),
                                         ("MultiStepPlan", {"Milestones": [2, 5], "ScheduleGamma": 0.1}, "MultiStep", False),
                                         ("CosinePlan", {"MinLr": 0.001}, "Cosine", False),
                                         ("CosinePerStepPlan", {}, "Cosine", True)]:
        parts = {"schedule": kind, "scheduleInterval": "PerStep" if per_step else "PerEpoch"}
        rates = schedules.planned_rates(parts, {"Epochs": ps["epochs"], **config}, spe, ps["base_lr"], ps["epochs"])
        g.check(close(rates, ps["cases"][name], 0, 1e-12), name)
    for path in sorted(glob.glob(os.path.join(HERE, "*", "recipe.json"))):
        r = json.load(open(path))
        plan = r["plan"]
        rates = schedules.planned_rates(r["parts"], r["config"], plan["stepsPerEpoch"], plan["learningRate"], plan["epochs"])
        g.check(close(rates, plan["epochLearningRates"], 0, 1e-9), f"{r['experiment']} plan epochLearningRates")
        if plan.get("stepLearningRates"):
            g.check(close(step_rates(r), plan["stepLearningRates"], 0, 1e-9), f"{r['experiment']} plan stepLearningRates")
    g.report()


def check_optimizers():
    g = Group("optimizers: Adam, RMSprop, LARS, LAMB steps (optimizers.json), SGD/AdamW groups (recipe_references.json), no-bias-decay groups")
    for c in ref("optimizers.json")["cases"]:
        m = ref_optimizers.tiny().double()
        with torch.no_grad():
            for n, p in m.named_parameters():
                p.copy_(torch.tensor(c["init"][n], dtype=torch.float64).view(c["shapes"][n]))
        s, wd = c["settings"], c["weightDecay"]
        if c["optimizer"] in ("lars", "lamb"):
            groups = optim.no_bias_decay_groups(m, wd, c["grouped"], adapt=False)
        else:
            groups = optim.no_bias_decay_groups(m, wd, c["grouped"])
        if c["optimizer"] == "adam":
            opt = torch.optim.Adam(groups, lr=c["lr"], betas=(s["beta1"], s["beta2"]), eps=s["eps"], amsgrad=s["amsgrad"], foreach=False)
        elif c["optimizer"] == "rmsprop":
            opt = torch.optim.RMSprop(groups, lr=c["lr"], alpha=s["alpha"], eps=s["eps"], momentum=s["momentum"],
                                      centered=s["centered"], foreach=False)
        elif c["optimizer"] == "lars":
            opt = optim.Lars(groups, lr=c["lr"], momentum=s["momentum"], trust_coefficient=s["trustCoefficient"])
        else:
            opt = optim.Lamb(groups, lr=c["lr"], betas=(s["beta1"], s["beta2"]), eps=s["eps"])
        ok = True
        for k, step in enumerate(c["grads"]):
            for group in opt.param_groups:
                group["lr"] = c["lr"] * c["rateFactors"][k]
            for n, p in m.named_parameters():
                p.grad = torch.tensor(step[n], dtype=torch.float64).view(c["shapes"][n])
            opt.step()
            ok &= all(close(p.detach().flatten(), c["after"][k][n], 1e-12, 1e-15) for n, p in m.named_parameters())
        g.check(ok, c["label"])
    for c in ref("recipe_references.json")["optimizers"]:
        m = ref_optimizers.tiny().double()
        with torch.no_grad():
            for n, p in m.named_parameters():
                p.copy_(torch.tensor(c["init"][n], dtype=torch.float64).view(c["shapes"][n]))
        s = c["settings"]
        groups = optim.no_bias_decay_groups(m, c["weightDecay"])
        if c["optimizer"].lower() == "sgd":
            opt = torch.optim.SGD(groups, lr=s["lr"], momentum=s.get("momentum", 0), nesterov=s.get("nesterov", False), foreach=False)
        else:
            opt = torch.optim.AdamW(groups, lr=s["lr"], betas=(s.get("beta1", 0.9), s.get("beta2", 0.999)), eps=s.get("eps", 1e-8), foreach=False)
        ok = True
        for k, step in enumerate(c["grads"]):
            for n, p in m.named_parameters():
                p.grad = torch.tensor(step[n], dtype=torch.float64).view(c["shapes"][n])
            opt.step()
            ok &= all(close(p.detach().flatten(), c["after"][k][n], 1e-12, 1e-15) for n, p in m.named_parameters())
        g.check(ok, f"{c['optimizer']} groups")
    # LARS and LAMB against the reference classes in optimizers.py, on a fresh run.
    for mine, theirs, kw in [(optim.Lars, ref_optimizers.Lars, dict(lr=0.5, momentum=0.9, weight_decay=1e-3, trust_coefficient=0.01)),
                             (optim.Lamb, ref_optimizers.Lamb, dict(lr=0.01, betas=(0.9, 0.99), eps=1e-6, weight_decay=0.02))]:
        gen = torch.Generator().manual_seed(11)
        a, b = ref_optimizers.tiny().double(), ref_optimizers.tiny().double()
        b.load_state_dict(a.state_dict())
        oa = mine(optim.no_bias_decay_groups(a, kw["weight_decay"], adapt=False), **{k: v for k, v in kw.items() if k != "weight_decay"})
        ob = theirs(ref_optimizers.no_decay_groups(b, kw["weight_decay"], adapt=False), **{k: v for k, v in kw.items() if k != "weight_decay"})
        for _ in range(4):
            grads = [torch.randn(p.shape, generator=gen, dtype=torch.float64) for p in a.parameters()]
            for p, q, gr in zip(a.parameters(), b.parameters(), grads):
                p.grad, q.grad = gr.clone(), gr.clone()
            oa.step(), ob.step()
        g.check(all(close(p.detach(), q.detach(), 1e-12, 1e-15) for p, q in zip(a.parameters(), b.parameters())),
                f"{mine.__name__} vs optimizers.{theirs.__name__}")
    # Which parameters are exempt on a real model.
    names = [n for group in optim.no_bias_decay_groups(models.create("ResNet20", 1, 10), 5e-4)[:1]
             for n, p in models.create("ResNet20", 1, 10).named_parameters() if any(p.shape == q.shape for q in group["params"])]
    m = models.create("ResNet20", 1, 10)
    groups = optim.no_bias_decay_groups(m, 5e-4)
    exempt = {id(p) for p in groups[0]["params"]}
    g.check(all((id(p) in exempt) == (p.ndim <= 1 or n.endswith(".bias")) for n, p in m.named_parameters()) and names, "ResNet20 exempt set")
    g.check(groups[0]["weight_decay"] == 0.0 and groups[1]["weight_decay"] == 5e-4, "group weight decays")
    g.report()


def check_ema():
    g = Group("EMA: decays and averaged state dicts (ema.json), against ema.py's v3_decay")
    r = ref("ema.json")
    for d in r["decays"]:
        decay = ema.EmaDecay(d["decay"], d["warmupSteps"], d["warmupPower"])
        g.check(close([decay.at(t) for t in range(1, 41)], d["values"], 1e-12, 1e-15), f"decay {d['decay']}/{d['warmupSteps']}")
        g.check(close([decay.at(t) for t in range(1, 41)],
                      [ref_ema.v3_decay(t, d["decay"], d["warmupSteps"], d["warmupPower"]) for t in range(1, 41)], 1e-12, 1e-15),
                f"vs ema.v3_decay {d['decay']}")
    for c in r["cases"]:
        model = ref_ema.make_model()

        def load(state):
            model.load_state_dict({k: torch.tensor(v).view(c["shapes"][k]).to(model.state_dict()[k].dtype) for k, v in state.items()})
        load(c["initial"])
        averaged = ema.ModelEma(model, ema.EmaDecay(c["decay"], c["warmupSteps"], c["warmupPower"]))
        ok = True
        for step in c["steps"]:
            load(step["model"])
            d = averaged.update(model)
            ok &= close(d, step["decay"], 1e-12)
            ok &= all(close(v.flatten(), step["ema"][k], 1e-5, 1e-7) for k, v in averaged.module.state_dict().items())
        g.check(ok, c["name"])
    g.report()


def check_metrics_and_augment():
    g = Group("metrics (metrics.json), RandomResizedCrop (random_resized_crop.json), image decoding (decode_images.json)")
    r = ref("metrics.json")
    logits = torch.tensor(r["logits"]).view(r["shape"])
    labels = torch.tensor(r["labels"])

    class Fixed(torch.nn.Module):
        def forward(self, x):
            return logits[x.view(-1).long()]
    images = torch.arange(len(labels)).view(-1, 1, 1, 1)
    ev = metrics.evaluate(Fixed(), images, labels, lambda x: x.float(), r["classes"], ks=(1, 2, 3, 5))
    e = r["expected"]
    g.check(close(ev.accuracy, e["accuracy"], 1e-12), "accuracy")
    g.check(close(ev.macro_f1, e["macroF1"], 1e-12), "macro F1")
    g.check(close(ev.weighted_f1, e["weightedF1"], 1e-12), "weighted F1")
    g.check(close(ev.balanced_accuracy, e["balancedAccuracy"], 1e-12), "balanced accuracy")
    for k, v in e["topK"].items():
        g.check(close(ev.value(f"top{k}"), v, 1e-12), f"top{k}")
    g.check(ev.confusion.long().tolist() == e["confusionMatrix"], "confusion matrix")
    rr = ref("random_resized_crop.json")
    for c in rr["cases"]:
        x = (torch.tensor(c["bytes"], dtype=torch.float32) / 255).view(c["shape"])
        out = augment.resized_crop(x, torch.tensor(c["boxes"]), c["size"][0], c["size"][1])
        g.check(close(out.flatten(), c["expected"], 1e-5, 2e-6), f"resized crop {c['name']}")
    for c in rr["fallbacks"]:
        g.check(list(augment.central_box(c["height"], c["width"], c["ratio"][0], c["ratio"][1])) == c["box"], f"central box {c['height']}x{c['width']}")
    for c in ref("decode_images.json")["cases"]:
        try:
            pixels = data.decode(os.path.join(REFS, "images", c["file"]), c["channels"], c["size"]).flatten()
        except Exception as e:  # a file Pillow cannot read at all
            g.check(False, f"decode {c['file']}: {e}")
            continue
        expected = torch.tensor(c["pixels"])
        g.check(torch.equal(torch.from_numpy(pixels.astype("int64")), expected), f"decode {c['file']} {c['channels']}x{c['size']}")
    # RandomCrop and flip keep the batch's shape; padding shows black.
    x = torch.ones(4, 1, 5, 5)
    cropped = augment.RandomCrop(2, 1, fill=-7.0)(x)
    g.check(cropped.shape == x.shape and set(cropped.unique().tolist()) <= {1.0, -7.0}, "random crop")
    g.check(torch.equal(augment.crop(x, torch.full((4,), 2), torch.full((4,), 2), 2), x), "crop at the centre is the identity")
    g.report()


def check_image_folder():
    g = Group("image folder: layout, classes, seeded split, decoding and statistics (a small tree written here)")
    import tempfile
    from PIL import Image
    fashion = torch.tensor(ref("decode_images.json")["cases"][0]["pixels"], dtype=torch.uint8).view(3, 28, 28)
    with tempfile.TemporaryDirectory() as root:
        sizes = {"coat": 5, "Bag": 3, "dress": 1}
        for name, n in sizes.items():
            os.makedirs(os.path.join(root, name, "sub"))
            for i in range(n):
                # Real pixels, shifted per file; one file per class one level deeper; one hidden file ignored.
                rgb = torch.roll(fashion, shifts=i, dims=2).permute(1, 2, 0).numpy()
                Image.fromarray(rgb).save(os.path.join(root, name, "sub" if i == 0 else "", f"{i}.png"))
            Image.fromarray(rgb).save(os.path.join(root, name, ".hidden.png"))
        recipe_data = {"kind": "imageFolder", "root": root, "imageSize": 20, "channels": 1}
        train, test, validation, names, mean, std = data.load_image_folder(recipe_data, {"TestFraction": 0.4}, False, lambda *a: None)
        g.check(names == ["Bag", "coat", "dress"], "classes sorted ordinally")
        counts = [sizes[n] for n in names]
        held = [data.held_out_count(n, 0.4) for n in counts]
        g.check(torch.bincount(test.labels, minlength=3).tolist() == held, "test images per class")
        g.check(torch.bincount(train.labels, minlength=3).tolist() == [n - k for n, k in zip(counts, held)], "train images per class")
        g.check(tuple(train.images.shape[1:]) == (1, 20, 20) and train.images.dtype == torch.uint8, "decoded shape")
        files = data.image_files(root, "coat")
        g.check(files[0] == "coat/1.png" and "coat/sub/0.png" in files and not any(".hidden" in f for f in files), "file listing")
        x = train.images.double() / 255
        g.check(close(mean, [x.mean().item()], 1e-12) and close(std, [x.std(unbiased=False).item()], 1e-9), "statistics")
        g.check(data.cache_file_name(root, "OneTree", 1, 20, 0.4, 0).endswith(".cache"), "cache name")
    g.report()


if __name__ == "__main__":
    torch.manual_seed(0)
    check_models()
    check_splits()
    check_mixing()
    check_losses()
    check_schedules()
    check_optimizers()
    check_ema()
    check_metrics_and_augment()
    check_image_folder()
    print(f"{'all checks passed' if not failures else f'{len(failures)} check(s) FAILED'}")
    sys.exit(1 if failures else 0)
