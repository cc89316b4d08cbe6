"""Trains a TrainDsl experiment with PyTorch, from the recipe.json `export-torch` wrote next to this file.

    python train.py                                   # one process
    torchrun --nproc_per_node=2 train.py --out run    # DDP: gloo on CPU, nccl on CUDA

The recipe's BatchSize is the global batch: each of the W processes takes BatchSize / W images per step, so the
learning rate (the linear scaling rule's 0.1 x global / 256, or the set one) is the same at any world size. Rank 0
evaluates the whole validation and test sets and alone writes the run folder: plan.json, metrics.csv, summary.json and
model.safetensors, whose names are TrainDsl's, so `eval --checkpoint model.safetensors` reads it. Depends only on torch,
numpy, safetensors (and Pillow for an image folder without TrainDsl's decoded cache)."""

import argparse
import contextlib
import json
import math
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ beside the exported project's files

import torch  # noqa: E402
from torch.nn.parallel import DistributedDataParallel  # noqa: E402
from torch.utils.data import BatchSampler, DistributedSampler  # noqa: E402

import augment  # noqa: E402
import data  # noqa: E402
import ema as ema_module  # noqa: E402
import losses  # noqa: E402
import metrics  # noqa: E402
import mixing  # noqa: E402
import models  # noqa: E402
import optim  # noqa: E402
import schedules  # noqa: E402
from distributed import World  # noqa: E402
from runfolder import RunFolder  # noqa: E402

# Each augmentation's generator is seeded with Seed + its offset, as TrainDsl's generated code seeds it (SeedOffsets.cs);
# other ranks add RANK_OFFSET x rank, so their sub-batches draw their own crops, flips and mixes.
CROP_SEED_OFFSET, FLIP_SEED_OFFSET, MIXING_SEED_OFFSET, RESIZED_CROP_SEED_OFFSET = 1_000_000, 2_000_000, 3_000_000, 4_000_000
RANK_OFFSET = 10_000_000
LR_TOLERANCE = 1e-9


def arguments():
    p = argparse.ArgumentParser(description="Train a TrainDsl recipe with PyTorch (torchrun-ready).")
    p.add_argument("--recipe", default=os.path.join(HERE, "recipe.json"), help="recipe.json (default: next to train.py)")
    p.add_argument("--out", help="the run folder (default: runs/<experiment>-<time>-torchrun)")
    p.add_argument("--epochs", type=int, help="override Epochs (the schedule follows; the plan check then uses the recomputed rates)")
    p.add_argument("--threads", type=int, help="torch threads per process (default: 1 per process under torchrun on CPU)")
    p.add_argument("--sync-bn", action="store_true", help="synchronise BatchNorm statistics across processes (SyncBatchNorm)")
    return p.parse_args()


def load_recipe(path):
    if not os.path.isfile(path):
        raise SystemExit(f"There is no recipe at '{path}'; run `export-torch` first or pass --recipe.")
    with open(path, encoding="utf-8") as f:
        recipe = json.load(f)
    if recipe.get("format") != 1:
        raise SystemExit(f"'{path}' has recipe format {recipe.get('format')}, but this train.py reads format 1; export again.")
    return recipe


def maximizes(column):
    return not column.endswith("loss")


def plateau_monitor(plan):
    """The column and direction the plan's ReduceLROnPlateau watches, e.g. ("val_loss", False)."""
    m = re.search(r"ReduceLROnPlateau\((\w+), (max|min)", plan.get("schedule") or "")
    return (m.group(1), m.group(2) == "max") if m else (plan.get("primaryMetric"), maximizes(plan.get("primaryMetric") or ""))


def main():
    args = arguments()
    recipe = load_recipe(args.recipe)
    parts, config, plan = recipe["parts"], dict(recipe["config"]), dict(recipe["plan"])
    plan_changed = args.epochs is not None and args.epochs != int(config["Epochs"])
    if args.epochs is not None:
        config["Epochs"] = args.epochs
    world = World(args.threads)
    log = print if world.main else (lambda *a, **k: None)
    started = time.time()

    epochs, seed = int(config["Epochs"]), int(config["Seed"])
    global_batch = int(recipe.get("batch", {}).get("global", config["BatchSize"]))
    if global_batch % world.size:
        raise SystemExit(f"The global batch {global_batch} does not divide into {world.size} processes; "
                         f"choose --nproc_per_node among its divisors or export with another --batch-size.")
    batch = global_batch // world.size
    tricks = set(parts.get("tricks", []))
    accumulation = int(config.get("AccumulationSteps", 1)) if "GradientAccumulation" in tricks else 1
    base_lr = float(plan.get("learningRate") or config["LearningRate"])

    # ---- data
    splits = data.load(recipe, log)
    train, classes = splits.train, len(splits.class_names)
    channels = train.images.shape[1]
    normalise = data.Normalise(splits.mean, splits.std)
    steps_per_epoch = (len(train) // global_batch) // accumulation
    if steps_per_epoch == 0:
        raise SystemExit(f"{len(train)} training images make no whole step of {global_batch * accumulation} images; "
                         "lower the batch size or raise TrainLimit.")
    log(f"{recipe['experiment']}: {len(train)} training, {0 if splits.validation is None else len(splits.validation)} validation and "
        f"{len(splits.test)} test images; {world.size} process(es) x batch {batch} = global batch {global_batch}"
        f"{f' x {accumulation} micro-batches' if accumulation > 1 else ''}; {steps_per_epoch} steps per epoch; "
        f"{world.threads} thread(s) per process; backend {world.backend or 'none (one process)'}.")
    if not plan_changed and plan.get("stepsPerEpoch") not in (None, steps_per_epoch):
        log(f"!!! MISMATCH: {steps_per_epoch} steps per epoch, but TrainDsl's plan has {plan['stepsPerEpoch']}.")

    # ---- model, as TrainDsl creates it: seeded by the config's Seed, then zero-gamma
    torch.manual_seed(seed)
    model = models.create(parts["model"], channels, classes, HERE)
    if "ZeroGamma" in tricks and config.get("ZeroGamma", True):
        models.zero_gamma(model)
    model.to(world.device)
    teacher = None
    if parts.get("distill") and config.get("Distill", True):
        from safetensors.torch import load_file
        spec = parts.get("teacher") or {}
        checkpoint = spec.get("checkpoint") or config.get("TeacherCheckpoint")
        if not checkpoint or not os.path.isfile(checkpoint):
            raise SystemExit(f"The teacher checkpoint '{checkpoint}' does not exist; train the teacher and export its model.safetensors.")
        teacher = models.create(spec.get("model", parts["model"]), channels, classes, HERE)
        teacher.load_state_dict(load_file(checkpoint))
        teacher.to(world.device).eval()
    averaged = None
    if "Ema" in tricks:
        averaged = ema_module.ModelEma(model, ema_module.EmaDecay(float(config.get("EmaDecay", 0.9999)),
                                                                  int(config.get("EmaWarmupSteps", 0)),
                                                                  float(config.get("EmaWarmupPower", 2 / 3))))

    # ---- augmentations and mixing, in the declared order
    seed_for = lambda offset: seed + offset + RANK_OFFSET * world.rank
    steps = []
    for kind in parts.get("augment", []):
        if kind == "RandomCrop" and config.get("Crop", True):
            steps.append(augment.RandomCrop(int(config.get("CropPadding", 4)), seed_for(CROP_SEED_OFFSET), fill=normalise.black()))
        elif kind == "HorizontalFlip" and config.get("Flip", True):
            steps.append(augment.HorizontalFlip(float(config.get("FlipProbability", 0.5)), seed_for(FLIP_SEED_OFFSET)))
        elif kind == "RandomResizedCrop" and config.get("ResizedCrop", True):
            steps.append(augment.RandomResizedCrop(float(config.get("MinScale", 0.08)), float(config.get("MaxScale", 1.0)),
                                                   float(config.get("MinRatio", 3 / 4)), float(config.get("MaxRatio", 4 / 3)),
                                                   seed_for(RESIZED_CROP_SEED_OFFSET)))
    mix = mixing.from_recipe(parts, config, classes, seed_for(MIXING_SEED_OFFSET)) if parts.get("mixing") else None
    smoothing = float(config.get("LabelSmoothing", 0) or 0)
    # Focal and distillation take the smoothed rows as soft targets; plain cross-entropy smooths the indices itself.
    smooth_rows = smoothing > 0 and (parts.get("loss") == "Focal" or parts.get("distill"))
    criterion = losses.from_recipe(parts, config)

    # ---- optimizer, schedule, precision
    optimizer = optim.create(parts, config, model, base_lr)
    if args.sync_bn and world.size > 1:
        model = torch.nn.SyncBatchNorm.convert_sync_batchnorm(model)
    net = DistributedDataParallel(model, device_ids=[world.device] if world.device.type == "cuda" else None) if world.size > 1 else model
    monitor, monitor_max = plateau_monitor(plan)
    schedule = schedules.Schedule(optimizer, parts, config, steps_per_epoch, maximize=monitor_max)
    expected = list(plan.get("epochLearningRates") or [])
    if plan_changed or not expected:
        expected = schedules.planned_rates(parts, config, steps_per_epoch, base_lr, epochs)
    amp = "Amp" in tricks and config.get("Amp", True)
    cuda = world.device.type == "cuda"
    autocast = (lambda: torch.autocast("cuda", dtype=torch.float16)) if amp and cuda else \
        (lambda: torch.autocast("cpu", dtype=torch.bfloat16)) if amp else contextlib.nullcontext
    scaler = torch.amp.GradScaler("cuda") if amp and cuda else None
    clip = float(config.get("MaxGradNorm", 0) or 0) if "ClipGradNorm" in tricks else 0.0
    stopping = None
    primary = plan.get("primaryMetric") or "accuracy"
    if "EarlyStopping" in tricks:
        stopping = {"patience": int(config.get("EarlyStoppingPatience", 3)), "min_delta": float(config.get("EarlyStoppingMinDelta", 0)),
                    "best": None, "waited": 0}

    folder = None
    if world.main:
        folder = RunFolder("runs", recipe["experiment"], args.out)
        folder.write_json("plan.json", {**plan, "config": config, "worldSize": world.size, "perProcessBatch": batch,
                                        "threadsPerProcess": world.threads, "engine": f"PyTorch {torch.__version__}"})
        log(f"Run folder: {folder.path}")

    sampler = DistributedSampler(range(len(train)), num_replicas=world.size, rank=world.rank, shuffle=True, seed=seed, drop_last=True)
    columns = plan.get("metrics") or ["test_loss", "accuracy"]
    has_validation = splits.validation is not None
    ks = metrics.top_ks(columns)
    evaluated = lambda: averaged.module if averaged is not None else model
    lr_report, mismatches, history, best = [], 0, [], None
    steps_done, non_finite, status, stop_reason, stopped_epoch = 0, 0, "completed", None, None
    total_images, train_seconds = 0, 0.0
    final_eval = {}

    for epoch in range(epochs):
        epoch_start = time.time()
        net.train()
        sampler.set_epoch(epoch)
        batches = list(BatchSampler(sampler, batch, drop_last=True))
        loss_sum, images_seen, first_lr, lr = 0.0, 0, None, schedule.lr()
        for s in range(steps_per_epoch):
            group = batches[s * accumulation:(s + 1) * accumulation]
            lr = schedule.lr()
            first_lr = lr if first_lr is None else first_lr
            optimizer.zero_grad(set_to_none=True)
            step_loss = 0.0
            for i, index in enumerate(group):
                index = torch.tensor(index, dtype=torch.int64)
                x = normalise(train.images.index_select(0, index))
                y = train.labels.index_select(0, index)
                for transform in steps:
                    x = transform(x)
                if mix is not None:
                    x, targets, *_ = mix(x, y)
                else:
                    targets = mixing.smoothed(y, classes, smoothing) if smooth_rows else y
                x, targets = x.to(world.device, non_blocking=True), targets.to(world.device, non_blocking=True)
                # Only the last micro-batch of a step all-reduces the summed gradients.
                sync = contextlib.nullcontext() if world.size == 1 or i == len(group) - 1 else net.no_sync()
                with sync:
                    with autocast():
                        logits = net(x)
                        teacher_logits = None
                        if teacher is not None:
                            with torch.no_grad():
                                teacher_logits = teacher(x)
                    loss = criterion(logits.float(), None if teacher_logits is None else teacher_logits.float(), targets)
                    scaled = loss / accumulation
                    (scaler.scale(scaled) if scaler else scaled).backward()
                step_loss += loss.item() / accumulation
            if scaler:
                scaler.unscale_(optimizer)
            # Skipped when a loss or a gradient is inf or NaN, as TrainDsl skips it; the gradients are the same on every rank.
            finite = math.isfinite(step_loss) and all(p.grad is None or bool(torch.isfinite(p.grad).all())
                                                      for p in model.parameters())
            finite = world.all_min(1.0 if finite else 0.0) > 0
            if clip > 0 and finite:
                torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
            if scaler:
                scaler.step(optimizer)
                scaler.update()
            elif finite:
                optimizer.step()
            if not finite:
                non_finite += 1
            if averaged is not None:
                averaged.update(model)
            schedule.step_after_optimizer_step()
            steps_done += 1
            loss_sum += step_loss * batch * accumulation
            images_seen += batch * accumulation
        train_seconds_epoch = time.time() - epoch_start
        loss_sum, images_seen = world.all_sum([loss_sum, float(images_seen)])
        train_seconds += train_seconds_epoch
        total_images += images_seen

        # ---- evaluation: rank 0 evaluates the whole sets, so its counts are exact
        values, flags = {}, [0.0, 0.0]
        if world.main:
            module = evaluated()
            results = {"test": metrics.evaluate(module, splits.test.images, splits.test.labels, normalise, classes, ks, world.device)}
            if has_validation:
                results["val"] = metrics.evaluate(module, splits.validation.images, splits.validation.labels, normalise,
                                                  classes, ks, world.device)
            row = []
            for column in columns:
                split, name = metrics.split_of(column, has_validation)
                row.append((column, results[split].value(name)))
            values = dict(row)
            final_eval = {("validation" if k == "val" else k): {"correct": r.correct, "total": r.count} for k, r in results.items()}
            planned = expected[epoch] if epoch < len(expected) else None
            agrees = planned is None or abs(first_lr - planned) <= LR_TOLERANCE
            mismatches += 0 if agrees else 1
            lr_report.append({"epoch": epoch + 1, "lr": first_lr, "plan": planned,
                              "difference": None if planned is None else abs(first_lr - planned)})
            if not agrees:
                log(f"!!! LEARNING-RATE MISMATCH at epoch {epoch + 1}: the first step ran at {first_lr!r}, the plan says {planned!r} "
                    f"(difference {abs(first_lr - planned):.3e} > {LR_TOLERANCE}).")
            folder.append_epoch(epoch + 1, loss_sum / max(images_seen, 1), lr, time.time() - epoch_start,
                                images_seen / max(train_seconds_epoch, 1e-9), row)
            history.append(values)
            value = values.get(primary, float("nan"))
            if value == value and (best is None or (value > best[0] if maximizes(primary) else value < best[0])):
                best = (value, epoch + 1)
                folder.save_weights("best.safetensors", module)
            flags = [values.get(monitor, float("nan")) if monitor else float("nan"), 0.0]
            if stopping is not None:
                v, s_ = values.get(primary, float("nan")), stopping
                improved = math.isfinite(v) and (s_["best"] is None or (v > s_["best"] + s_["min_delta"] if maximizes(primary)
                                                                        else v < s_["best"] - s_["min_delta"]))
                if improved:
                    s_["best"], s_["waited"] = v, 0
                else:
                    s_["waited"] += 1
                    if s_["waited"] >= s_["patience"]:
                        flags[1] = 1.0
            log(f"epoch {epoch + 1}/{epochs}  lr {first_lr:.6g} (plan {planned!r})  train_loss {loss_sum / max(images_seen, 1):.4f}  "
                + "  ".join(f"{k} {v:.4f}" for k, v in row))
        # Every rank steps the schedule with rank 0's metric and stops when rank 0 says so.
        metric_value, stop = world.all_sum(flags) if world.size > 1 else flags
        schedule.step_after_epoch(metric_value)
        if stop > 0:
            status, stopped_epoch = "stopped-early", epoch + 1
            stop_reason = (f"no improvement of {primary} by more than {stopping['min_delta']:g} for {stopping['patience']} "
                           f"epoch{'s' if stopping['patience'] != 1 else ''}")
            break

    if world.main:
        checkpoint = folder.save_weights("model.safetensors", evaluated())
        seconds = time.time() - started
        summary = {
            "experiment": recipe["experiment"], "status": status, "runFolder": os.path.abspath(folder.path),
            "epochsCompleted": len(history), "steps": steps_done, "seconds": seconds,
            "imagesPerSecond": total_images / max(train_seconds, 1e-9),
            "finalTrainLoss": loss_sum / max(images_seen, 1) if history else float("nan"),
            "finalMetrics": history[-1] if history else {}, "checkpoint": os.path.abspath(checkpoint),
            "bestCheckpoint": os.path.join(folder.path, "best.safetensors") if best else None,
            "bestMetric": best[0] if best else None, "bestEpoch": best[1] if best else None,
            "selectedOn": "validation" if has_validation else "test", "stoppedEpoch": stopped_epoch, "stopReason": stop_reason,
            "notes": list(plan.get("notes") or []), "reason": None, "nonFiniteSteps": non_finite,
            "worldSize": world.size, "perProcessBatch": batch, "globalBatch": global_batch,
            "evalCounts": final_eval,
            "learningRateCheck": {"tolerance": LR_TOLERANCE, "mismatches": mismatches, "epochs": lr_report},
        }
        folder.write_json("summary.json", summary)
        test = final_eval.get("test", {})
        log(f"{status} in {seconds:.1f} s; test {test.get('correct')}/{test.get('total')} correct; "
            f"learning rate {'agrees with' if mismatches == 0 else f'DISAGREES at {mismatches} epoch(s) with'} the plan; "
            f"results in {folder.path}")
    world.barrier()
    world.close()
    return 0 if mismatches == 0 else 3


if __name__ == "__main__":
    sys.exit(main())
