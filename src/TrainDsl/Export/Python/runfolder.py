"""The run folder rank 0 writes, with TrainDsl's files and columns (src/TrainDsl/Runs): plan.json, metrics.csv
(epoch, train_loss, lr, seconds, images_per_second, the metrics in the plan's order, live_tensors, rss_mib),
summary.json (RunSummary.cs, camelCase) and the weights as model.safetensors (best.safetensors for the best epoch)."""

import datetime
import json
import os

from safetensors.torch import save_file


def resident_mib():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError):
        return 0.0


def number(value):
    """Shortest round-trip text, as .NET's "R" writes doubles."""
    return repr(float(value)) if value == value and abs(value) != float("inf") else ("NaN" if value != value else
                                                                                     ("Infinity" if value > 0 else "-Infinity"))


class RunFolder:
    def __init__(self, root, experiment, path=None):
        if path is None:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            path = os.path.join(root, f"{experiment}-{stamp}-torchrun")
        os.makedirs(path, exist_ok=True)
        self.path = path
        self.metrics_path = os.path.join(path, "metrics.csv")
        if os.path.exists(self.metrics_path):
            os.remove(self.metrics_path)

    def write_json(self, name, payload):
        temp = os.path.join(self.path, name + ".tmp")
        with open(temp, "w", encoding="utf-8") as f:
            json.dump(payload, f, indent=2, ensure_ascii=False)
            f.write("\n")
        os.replace(temp, os.path.join(self.path, name))

    def append_epoch(self, epoch, train_loss, lr, seconds, images_per_second, columns):
        cells = [("epoch", str(epoch)), ("train_loss", number(train_loss)), ("lr", number(lr)),
                 ("seconds", f"{seconds:.3f}"), ("images_per_second", f"{images_per_second:.1f}")]
        cells += [(name, number(value)) for name, value in columns]
        cells += [("live_tensors", "0"), ("rss_mib", f"{resident_mib():.1f}")]
        new = not os.path.exists(self.metrics_path)
        with open(self.metrics_path, "a", encoding="utf-8") as f:
            if new:
                f.write(",".join(name for name, _ in cells) + "\n")
            f.write(",".join(text for _, text in cells) + "\n")

    def save_weights(self, name, module):
        """state_dict with TrainDsl's names; tensors made contiguous and unshared, as safetensors requires."""
        state = {k: v.detach().cpu().contiguous().clone() for k, v in module.state_dict().items()}
        path = os.path.join(self.path, name)
        save_file(state, path)
        return path
