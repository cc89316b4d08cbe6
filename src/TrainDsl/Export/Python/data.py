"""The recipe's images, loaded from the sources TrainDsl reads and divided as TrainDsl divides them:
IDX files (gz or raw), CIFAR binary batches, or an image folder (its decoded cache when current, else Pillow);
then the validation split (ValidationSplit.cs), the long-tail subset, TrainLimit/TestLimit (StratifiedLimit.cs), and
normalisation by the training images' per-channel mean/std."""

import gzip
import hashlib
import math
import os
import struct
from dataclasses import dataclass

import numpy as np
import torch

MASK = (1 << 64) - 1
# ValidationSplit.Seed: the ASCII bytes of "validate"; fixed, so every run holds out the same images.
VALIDATION_SEED = int.from_bytes(b"validate", "big")

# The published training statistics TrainDsl normalises the built-in sets with (IdxDataset.cs, CifarDataset.cs).
PUBLISHED = {
    "FashionMnist": ([0.2860], [0.3530]),
    "Mnist": ([0.1307], [0.3081]),
    "Cifar10": ([0.4914, 0.4822, 0.4465], [0.2470, 0.2435, 0.2616]),
    "Cifar100": ([0.5071, 0.4865, 0.4409], [0.2673, 0.2564, 0.2762]),
}


@dataclass
class ImageSet:
    images: torch.Tensor  # uint8 [N, C, H, W]
    labels: torch.Tensor  # int64 [N]

    def __len__(self):
        return self.labels.shape[0]

    def take(self, index):
        index = torch.as_tensor(index, dtype=torch.int64)
        return ImageSet(self.images.index_select(0, index), self.labels.index_select(0, index))


@dataclass
class Splits:
    train: ImageSet
    test: ImageSet
    validation: ImageSet | None
    class_names: list
    mean: list
    std: list
    source: str


# ---------------------------------------------------------------- the split rules (StratifiedSplit.cs, SplitMix64.cs)
class SplitMix64:
    """Steele, Lea and Flood 2014 with Vigna's constants; Lemire's multiply-shift with rejection for a bound."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        m = self.next() * bound
        if (m & MASK) < bound:
            threshold = ((1 << 64) - bound) % bound
            while (m & MASK) < threshold:
                m = self.next() * bound
        return m >> 64


def fnv1a(text):
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & MASK
    return h


def held_out_count(n, fraction):
    """round(n * fraction), halves away from zero, in [1, n - 1] when n >= 2; 0 when n < 2."""
    if n < 2:
        return 0
    x = n * fraction
    k = math.floor(x)
    if x - k >= 0.5:
        k += 1
    return min(max(k, 1), n - 1)


def held_out_indices(class_name, n, fraction, seed):
    """The first k of a seeded Fisher-Yates shuffle of 0..n-1, sorted (StratifiedSplit.TestIndices)."""
    order = list(range(n))
    rng = SplitMix64((seed & MASK) ^ fnv1a(class_name))
    for i in range(n - 1, 0, -1):
        j = rng.below(i + 1)
        order[i], order[j] = order[j], order[i]
    return sorted(order[:held_out_count(n, fraction)])


def validation_indices(labels, class_names, fraction):
    """Positions (ascending) of the training images ValidationSplit holds out for validation."""
    labels = np.asarray(labels)
    picked = []
    for c, name in enumerate(class_names):
        positions = np.flatnonzero(labels == c)
        picked += [int(positions[j]) for j in held_out_indices(name, len(positions), fraction, VALIDATION_SEED)]
    return sorted(picked)


def carve(train, class_names, fraction):
    held = validation_indices(train.labels.numpy(), class_names, fraction)
    keep = np.ones(len(train), dtype=bool)
    keep[held] = False
    return train.take(np.flatnonzero(keep)), train.take(held)


# ---------------------------------------------------------------- limits (StratifiedLimit.cs, LongTail.cs)
def quotas(counts, limit):
    """Images kept per class: floor(N n_c / total), the leftover slots to the largest remainders (ties: lower class)."""
    counts = [int(n) for n in counts]
    total = sum(counts)
    if limit == 0 or limit >= total:
        return counts
    kept = [limit * n // total for n in counts]
    remainders = [limit * n % total for n in counts]
    left = limit - sum(kept)
    for c in sorted(range(len(counts)), key=lambda c: (-remainders[c], c)):
        if left == 0:
            break
        if kept[c] < counts[c]:
            kept[c] += 1
            left -= 1
    return kept


def first_per_class(data, sizes):
    """Each class's first sizes[c] images, in their original order."""
    labels = data.labels.numpy()
    keep = np.concatenate([np.flatnonzero(labels == c)[:n] for c, n in enumerate(sizes)])
    keep.sort()
    return data if len(keep) == len(data) else data.take(keep)


def limit(data, classes, n):
    counts = np.bincount(data.labels.numpy(), minlength=classes)
    return first_per_class(data, quotas(counts, n))


def long_tail(data, classes, ratio):
    """Cui et al. 2019: class c keeps its first floor(n_max (1/ratio)^(c/(C-1))) images."""
    counts = np.bincount(data.labels.numpy(), minlength=classes)
    n_max = int(counts.max())
    sizes = [n_max] if classes == 1 else [math.floor(n_max * (1.0 / ratio) ** (c / (classes - 1.0))) for c in range(classes)]
    return first_per_class(data, [min(s, int(n)) for s, n in zip(sizes, counts)])


# ---------------------------------------------------------------- IDX and CIFAR files
def read_bytes(path):
    with (gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")) as f:
        return f.read()


def read_idx(path):
    """An IDX file (LeCun's MNIST format): magic 0x0000 08 <dims>, big-endian sizes, uint8 data."""
    raw = read_bytes(path)
    zero, dtype, dims = struct.unpack(">HBB", raw[:4])
    if zero != 0 or dtype != 0x08:
        raise SystemExit(f"'{path}' is not an IDX file of bytes; replace it with the original from the dataset's distribution.")
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_idx(d):
    def pair(images, labels):
        x, y = read_idx(images), read_idx(labels)
        if len(x) != len(y):
            raise SystemExit(f"'{labels}' has {len(y)} labels but '{images}' has {len(x)} images; use the original pair.")
        return ImageSet(torch.from_numpy(x.copy()).unsqueeze(1), torch.from_numpy(y.astype(np.int64)))
    return pair(d["trainImages"], d["trainLabels"]), pair(d["testImages"], d["testLabels"])


def load_cifar(root):
    """CIFAR-10 (data_batch_1..5.bin, test_batch.bin; 1 label byte) or CIFAR-100 (train.bin, test.bin; coarse, fine)."""
    if os.path.exists(os.path.join(root, "data_batch_1.bin")):
        train_files, test_file, label_bytes = [f"data_batch_{i}.bin" for i in range(1, 6)], "test_batch.bin", 1
    elif os.path.exists(os.path.join(root, "train.bin")):
        train_files, test_file, label_bytes = ["train.bin"], "test.bin", 2
    else:
        raise SystemExit(f"'{root}' holds neither CIFAR-10 (data_batch_1.bin) nor CIFAR-100 (train.bin) binary batches.")

    def read(files):
        raw = np.concatenate([np.fromfile(os.path.join(root, f), dtype=np.uint8) for f in files])
        records = raw.reshape(-1, label_bytes + 3 * 32 * 32)
        labels = records[:, label_bytes - 1].astype(np.int64)  # CIFAR-100: the fine label, after the coarse one
        images = records[:, label_bytes:].reshape(-1, 3, 32, 32)
        return ImageSet(torch.from_numpy(images.copy()), torch.from_numpy(labels))
    return read(train_files), read([test_file])


# ---------------------------------------------------------------- image folders (Data/ImageFolder)
EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")


def class_folders(root):
    return sorted(n for n in os.listdir(root) if not n.startswith(".") and os.path.isdir(os.path.join(root, n)))


def image_files(root, relative):
    """The images under root/relative at any depth, as relative paths sorted ordinally; dot-names are ignored."""
    found = []
    for folder, dirs, files in os.walk(os.path.join(root, relative)):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            if not f.startswith(".") and f.lower().endswith(EXTENSIONS):
                found.append(os.path.relpath(os.path.join(folder, f), root).replace(os.sep, "/"))
    return sorted(found)


def layout_of(root):
    has = lambda name: os.path.isdir(os.path.join(root, name))
    if not has("train"):
        return "OneTree"
    if has("test"):
        return "TrainValTest" if has("val") else "TrainTest"
    if has("val"):
        return "TrainVal"
    raise SystemExit(f"'{root}' has a train/ folder but no test/ or val/ beside it; put the evaluation images in test/<class>/.")


def decode(path, channels, size):
    """ImageDecoder.cs with Pillow: EXIF orientation; 16-bit samples to their high byte; transparency composited onto
    black; L (ITU-R 601-2 luma) or RGB; the shorter side resized to size (bilinear, antialiased: Pillow's resize, as
    torchvision's Resize on a PIL image; the longer side int(size * long / short)); the central size x size square."""
    from PIL import Image, ImageOps
    with Image.open(path) as opened:
        im = ImageOps.exif_transpose(opened)
        if im.mode in ("I;16", "I;16B", "I"):
            im = Image.fromarray((np.asarray(im).astype(np.uint32) >> 8).astype(np.uint8), "L")
        if im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info:
            im = im.convert("RGBA")
            black = Image.new("RGB", im.size, 0)
            black.paste(im, mask=im.getchannel("A"))
            im = black
        im = im.convert("L" if channels == 1 else "RGB")
        w, h = im.size
        short, long = (w, h) if w <= h else (h, w)
        if short != size:
            new_long = int(size * long / short)
            im = im.resize((size, new_long) if w <= h else (new_long, size), Image.BILINEAR)
            w, h = im.size
        top, left = int(round((h - size) / 2.0)), int(round((w - size) / 2.0))
        im = im.crop((left, top, left + size, top + size))
        a = np.asarray(im, dtype=np.uint8)
        return a[None] if a.ndim == 2 else a.transpose(2, 0, 1)


def cache_file_name(folder, layout, channels, size, test_fraction, seed):
    """CacheKey.FileName: "<folder name>-<16 hex digits>.cache"."""
    settings = f"{folder}\n{channels}\n{size}"
    if layout == "OneTree":
        settings += f"\n{seed}\n{struct.unpack('<q', struct.pack('<d', test_fraction))[0]}"
    digits = hashlib.sha256(settings.encode("utf-8")).hexdigest()[:16]
    base = os.path.basename(folder.rstrip("/"))
    name = "".join(ch if (ch.isascii() and ch.isalnum()) or ch in "-_." else "_" for ch in base)[:40]
    return f"{name or 'images'}-{digits}.cache"


def read_dotnet_string(buf, at):
    n, shift = 0, 0
    while True:  # 7-bit encoded length, as BinaryWriter writes it
        b = buf[at]
        at += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            break
    return buf[at:at + n].decode("utf-8"), at + n


def read_folder_cache(path):
    """ImageFolderCache.cs: 4096-byte header, train then test rows (C x S x S bytes), then the index."""
    with open(path, "rb") as f:
        head = f.read(4096)
        if head[:8] != b"TDFolder" or struct.unpack_from("<i", head, 8)[0] != 1:
            return None
        channels, size, classes = struct.unpack_from("<iii", head, 12)
        train_rows, test_rows, index_length = struct.unpack_from("<qqq", head, 24)
        row = channels * size * size
        pixels = np.fromfile(f, dtype=np.uint8, count=(train_rows + test_rows) * row)
        index = f.read(index_length)
    at, (count,) = 4, struct.unpack_from("<i", index, 0)
    names, train_counts, test_counts = [], [], []
    for _ in range(count):
        name, at = read_dotnet_string(index, at)
        tr, te = struct.unpack_from("<qq", index, at)
        at += 16
        names.append(name), train_counts.append(tr), test_counts.append(te)
    (c,) = struct.unpack_from("<i", index, at)
    stats = struct.unpack_from("<" + "d" * (2 * c), index, at + 4)
    images = torch.from_numpy(pixels.reshape(-1, channels, size, size))
    labels = lambda counts: torch.cat([torch.full((n,), k, dtype=torch.int64) for k, n in enumerate(counts)])
    return (ImageSet(images[:train_rows], labels(train_counts)), ImageSet(images[train_rows:], labels(test_counts)),
            names, list(stats[0::2]), list(stats[1::2]))


def decode_set(root, files_per_class, channels, size):
    rows, labels = [], []
    for c, files in enumerate(files_per_class):
        for f in files:
            rows.append(decode(os.path.join(root, f), channels, size))
            labels.append(c)
    images = np.stack(rows) if rows else np.zeros((0, channels, size, size), np.uint8)
    return ImageSet(torch.from_numpy(images), torch.tensor(labels, dtype=torch.int64))


def exact_statistics(images):
    """ChannelStatistics.cs: integer sums, mean = S / 255n, std = sqrt(nQ - S^2) / 255n (population)."""
    x = images.numpy().astype(np.int64).transpose(1, 0, 2, 3).reshape(images.shape[1], -1)
    n = x.shape[1]
    s, q = [int(v) for v in x.sum(1)], [int(v) for v in (x * x).sum(1)]
    return [si / (255.0 * n) for si in s], [math.sqrt(n * qi - si * si) / (255.0 * n) for si, qi in zip(s, q)]


def load_image_folder(d, config, with_validation, log):
    root = os.path.abspath(d["root"])
    size, channels = int(d.get("imageSize", config.get("ImageSize", 0))), int(d.get("channels", config.get("ImageChannels", 3)))
    fraction, seed = float(config.get("TestFraction", 0.2)), int(d.get("splitSeed", 0))
    layout = layout_of(root)
    if layout == "OneTree":
        names = class_folders(root)
        all_files = [image_files(root, n) for n in names]
        train_files, test_files = [], []
        for name, files in zip(names, all_files):
            held = set(held_out_indices(name, len(files), fraction, seed))
            test_files.append([f for i, f in enumerate(files) if i in held])
            train_files.append([f for i, f in enumerate(files) if i not in held])
    else:
        names = class_folders(os.path.join(root, "train"))
        test_name = "val" if layout == "TrainVal" else "test"
        train_files = [image_files(root, "train/" + n) for n in names]
        test_files = [image_files(root, f"{test_name}/{n}") for n in names]

    cache = d.get("cache") or (os.path.join(d["dataRoot"], "image-folders",
                                            cache_file_name(root, layout, channels, size, fraction, seed)) if d.get("dataRoot") else None)
    loaded = read_folder_cache(cache) if cache and os.path.isfile(cache) else None
    if loaded is not None and loaded[2] == names:
        train, test, _, mean, std = loaded
        log(f"Read {len(train) + len(test)} decoded images from TrainDsl's cache '{cache}'.")
    else:
        if cache and loaded is not None:
            log(f"The cache '{cache}' holds other classes than '{root}'; decoding the folder with Pillow instead.")
        train = decode_set(root, train_files, channels, size)
        test = decode_set(root, test_files, channels, size)
        mean, std = exact_statistics(train.images)
        log(f"Decoded {len(train) + len(test)} images of '{root}' with Pillow.")
    validation = None
    if with_validation and layout == "TrainValTest":
        validation = decode_set(root, [image_files(root, "val/" + n) for n in names], channels, size)
    return train, test, validation, names, mean, std


# ---------------------------------------------------------------- the recipe's splits
def load(recipe, log=print):
    """Train, validation and test sets as TrainDsl's ValidationSplit.Load gives them, with the normalisation statistics."""
    d, config, plan = recipe["data"], recipe["config"], recipe["plan"]
    kind, dataset = d["kind"], recipe["parts"]["data"]
    fraction = float(config.get("Validation", 0) or 0)
    validation = None
    if kind == "idx":
        train, test = load_idx(d)
        source = f"IDX files {d['trainImages']} and {d['testImages']}"
    elif kind == "cifar":
        train, test = load_cifar(d["root"])
        source = f"CIFAR binary batches in {d['root']}"
    elif kind == "imageFolder":
        train, test, validation, names, mean, std = load_image_folder(d, config, fraction > 0, log)
        d = {**d, "classNames": d.get("classNames") or names, "mean": d.get("mean") or mean, "std": d.get("std") or std}
        source = f"image folder {d['root']}"
    else:
        raise SystemExit(f"Data of kind '{kind}' cannot be exported (a custom IDataSource); declare a built-in set or an image folder.")
    class_names = list(d.get("classNames") or plan.get("classNames"))
    classes = len(class_names)

    mean = plan.get("normalizeMean") or d.get("mean") or PUBLISHED.get(dataset, (None, None))[0]
    std = plan.get("normalizeStd") or d.get("std") or PUBLISHED.get(dataset, (None, None))[1]
    if mean is None or std is None:
        mean, std = exact_statistics(train.images)

    if fraction > 0 and validation is None:
        train, validation = carve(train, class_names, fraction)
    train = limit(train, classes, int(config.get("TrainLimit", 0) or 0))
    if float(config.get("Imbalance", 1) or 1) > 1:  # after the limit, as the generated Train applies LongTail to the loaded set
        train = long_tail(train, classes, float(config["Imbalance"]))
    test = limit(test, classes, int(config.get("TestLimit", 0) or 0))
    return Splits(train, test, validation, class_names, [float(m) for m in mean], [float(s) for s in std], source)


class Normalise:
    """(x / 255 - mean) / std as BatchLoader computes it: x * (1 / (255 std)) + (-mean / std), in float32."""

    def __init__(self, mean, std):
        self.mean0, self.std0 = mean[0], std[0]
        self.scale = [1.0 / (255.0 * float(np.float32(s))) for s in std]
        self.shift = [-float(np.float32(m)) / float(np.float32(s)) for m, s in zip(mean, std)]

    def __call__(self, pixels):
        x = pixels.to(torch.float32)
        if len(self.scale) == 1:
            return x.mul_(self.scale[0]).add_(self.shift[0])
        c = len(self.scale)
        return x.mul_(torch.tensor(self.scale, dtype=torch.float32).view(1, c, 1, 1)).add_(
            torch.tensor(self.shift, dtype=torch.float32).view(1, c, 1, 1))

    def black(self):
        """The normalised value of a black pixel in channel 0, RandomCrop's fill."""
        return float(-np.float32(self.mean0) / np.float32(self.std0))
