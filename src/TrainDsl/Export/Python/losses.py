"""The recipe's losses as src/TrainDsl/Losses computes them, in fp32 whatever the logits' dtype."""

import torch
import torch.nn.functional as F


def cross_entropy(logits, target, label_smoothing=0.0):
    """Cross-entropy on class indices with label smoothing (Szegedy et al. 2016, 7), or on soft-target rows."""
    logits = logits.float()
    if target.is_floating_point():
        return soft_target_cross_entropy(logits, target)
    return F.cross_entropy(logits, target, label_smoothing=label_smoothing)


def soft_target_cross_entropy(logits, target):
    """mean_i -sum_c t_ic log softmax(x_i)_c (timm's SoftTargetCrossEntropy)."""
    return (-(target.float() * logits.float().log_softmax(1)).sum(1)).mean()


class FocalLoss:
    """Lin et al. 2017, eq. 5, multi-class: -alpha_y (1 - p_y)^gamma log p_y for indices, and for soft targets
    -sum_c alpha_c t_c (1 - p_c)^gamma log p_c, averaged over the batch. 1 - p = -expm1(log p), floored at 1e-12."""

    def __init__(self, gamma=2.0, alpha=None):
        self.gamma, self.alpha = gamma, alpha

    def __call__(self, logits, target):
        log_p = logits.float().log_softmax(1)
        soft = target.is_floating_point()
        if not soft:
            log_p = log_p.gather(1, target.unsqueeze(1)).squeeze(1)
        loss = -log_p
        if self.gamma != 0:
            loss = loss * (-log_p.expm1()).clamp_min(1e-12).pow(self.gamma)
        if self.alpha is not None:
            alpha = torch.tensor(self.alpha, dtype=torch.float32, device=logits.device)
            loss = loss * (alpha if soft else alpha.index_select(0, target))
        if soft:
            loss = (loss * target.float()).sum(1)
        return loss.mean()


class DistillationLoss:
    """Hinton et al. 2015: alpha T^2 KL(softmax(t/T) || softmax(s/T)) (batchmean) + (1 - alpha) label term; without a
    teacher (Distill off) the label term alone at full weight."""

    def __init__(self, temperature, alpha, label_loss):
        self.temperature, self.alpha, self.label_loss = temperature, alpha, label_loss

    def __call__(self, student, teacher, target):
        student = student.float()
        alpha = 0.0 if teacher is None else self.alpha
        loss = None
        if alpha > 0:
            t = self.temperature
            log_q = (student / t).log_softmax(1)
            log_p = (teacher.detach().float() / t).log_softmax(1)
            kl = F.kl_div(log_q, log_p, log_target=True, reduction="sum") / student.shape[0]
            loss = kl * (alpha * t * t)
        if alpha < 1:
            labels = self.label_loss(student, target) * (1 - alpha)
            loss = labels if loss is None else loss + labels
        return loss


def from_recipe(parts, config):
    """criterion(logits, teacher_logits_or_None, target) for the declared loss."""
    if parts.get("loss") == "Focal":
        alpha = config.get("FocalAlpha")
        label = FocalLoss(float(config.get("FocalGamma", 2.0)), [float(a) for a in alpha] if alpha else None)
    else:
        smoothing = float(config.get("LabelSmoothing", 0) or 0)
        label = lambda logits, target: cross_entropy(logits, target, smoothing)
    if parts.get("distill"):
        distill = DistillationLoss(float(config.get("DistillTemperature", 4.0)), float(config.get("DistillAlpha", 0.9)), label)
        return lambda logits, teacher, target: distill(logits, teacher, target)
    return lambda logits, teacher, target: label(logits, target)
