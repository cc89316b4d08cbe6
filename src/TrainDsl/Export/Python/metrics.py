"""Evaluation as TrainDsl's generated Evaluate does it: eval mode, no gradients, batches of 512 in order; mean
cross-entropy, top-k accuracy and the confusion-matrix metrics (src/TrainDsl/Metrics), named as metrics.csv names them."""

import torch
import torch.nn.functional as F

EVAL_BATCH = 512


@torch.no_grad()
def evaluate(model, images, labels, normalise, classes, ks=(1,), device="cpu"):
    """Loss, confusion matrix and top-k correct counts of model on the whole set."""
    was_training = model.training
    model.eval()
    loss_sum, count = 0.0, 0
    confusion = torch.zeros(classes, classes, dtype=torch.int64)
    top = {k: 0 for k in ks}
    for start in range(0, len(labels), EVAL_BATCH):
        x = normalise(images[start:start + EVAL_BATCH]).to(device)
        y = labels[start:start + EVAL_BATCH].to(device)
        logits = model(x).float()
        loss_sum += F.cross_entropy(logits, y).item() * y.shape[0]
        count += y.shape[0]
        predicted = logits.argmax(1)
        confusion += torch.bincount(y.cpu() * classes + predicted.cpu(), minlength=classes * classes).view(classes, classes)
        for k in ks:
            top[k] += (logits.topk(min(k, classes), 1).indices == y.view(-1, 1)).any(1).sum().item()
    model.train(was_training)
    return Evaluation(loss_sum / max(count, 1), confusion, top, count)


class Evaluation:
    def __init__(self, loss, confusion, top, count):
        self.loss, self.confusion, self.top, self.count = loss, confusion.double(), top, count
        self.correct = int(confusion.diagonal().sum().item())

    @property
    def accuracy(self):
        return self.correct / self.count if self.count else 0.0

    def _per_class(self):
        m = self.confusion
        tp, rows, cols = m.diagonal(), m.sum(1), m.sum(0)
        ratio = lambda a, b: torch.where(b > 0, a / b.clamp_min(1), torch.zeros_like(a))
        return tp, rows, cols, ratio

    def f1(self):
        tp, rows, cols, ratio = self._per_class()
        return ratio(2 * tp, rows + cols)

    @property
    def macro_f1(self):
        """Averaged over the classes present in the labels or the predictions (scikit-learn's default)."""
        _, rows, cols, _ = self._per_class()
        seen = (rows + cols) > 0
        return self.f1()[seen].mean().item() if seen.any() else 0.0

    @property
    def weighted_f1(self):
        _, rows, _, _ = self._per_class()
        total = rows.sum().item()
        return (self.f1() * rows).sum().item() / total if total else 0.0

    @property
    def balanced_accuracy(self):
        tp, rows, _, ratio = self._per_class()
        present = rows > 0
        return ratio(tp, rows)[present].mean().item() if present.any() else 0.0

    def value(self, name):
        """A metric by its metrics.csv name after the split's prefix: loss, accuracy, macro_f1, top5, ..."""
        if name in ("loss", "test_loss"):
            return self.loss
        if name == "accuracy":
            return self.accuracy
        if name in ("macro_f1", "weighted_f1", "balanced_accuracy"):
            return getattr(self, name)
        if name.startswith("top") and name[3:].isdigit():
            return self.top[int(name[3:])] / self.count if self.count else 0.0
        raise KeyError(name)


def top_ks(columns):
    """The k of every top-k column (1 always, for the correct count)."""
    ks = {1}
    for c in columns:
        base = c.split("_", 1)[1] if c.startswith(("val_", "test_")) else c
        if base.startswith("top") and base[3:].isdigit():
            ks.add(int(base[3:]))
    return tuple(sorted(ks))


def split_of(column, has_validation):
    """("val" | "test", metric name) of a metrics.csv column."""
    if column.startswith("val_"):
        return "val", column[4:]
    if column.startswith("test_") and (has_validation or column != "test_loss"):
        return "test", column[5:]
    return "test", "loss" if column == "test_loss" else column
