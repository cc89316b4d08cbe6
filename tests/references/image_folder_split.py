"""The seeded per-class split of one tree of class folders (ImageFolderDataset), written independently of the C# code
from the rule in StratifiedSplit's summary:

  generator  SplitMix64 (Steele, Lea, Flood 2014; Vigna's splitmix64.c constants), seeded with seed XOR FNV-1a-64(UTF-8
             class name); a uniform integer below b by Lemire's multiply-shift with rejection (2019, algorithm 5)
  shuffle    Fisher-Yates (Durstenfeld): for i = n-1 ... 1, swap order[i] with order[j], j uniform in [0, i]
  test       the first k of the shuffled indices, sorted, k = round(n * fraction) with halves away from zero, clamped to
             [1, n-1] when n >= 2, and 0 when n = 1

  python tests/references/image_folder_split.py   ->  tests/references/image_folder_split.json
"""

from decimal import Decimal, ROUND_HALF_UP

from reference_json import write

MASK = (1 << 64) - 1
FASHION_FOLDERS = ["t-shirt", "Trouser", "pullover", "Dress", "coat", "Sandal", "shirt", "Sneaker", "bag", "Ankle boot"]


class SplitMix64:
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
        low = m & MASK
        if low < bound:
            threshold = ((1 << 64) - bound) % bound
            while low < threshold:
                m = self.next() * bound
                low = m & MASK
        return m >> 64


def fnv1a(text):
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & MASK
    return h


def test_count(n, fraction):
    if n < 2:
        return 0
    # Decimal(float) is the float's exact value; the product n * fraction is rounded to a double first, as in C#.
    k = int(Decimal(n * fraction).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return min(max(k, 1), n - 1)


def test_indices(name, n, fraction, seed):
    order = list(range(n))
    rng = SplitMix64((seed & MASK) ^ fnv1a(name))
    for i in range(n - 1, 0, -1):
        j = rng.below(i + 1)
        order[i], order[j] = order[j], order[i]
    return sorted(order[:test_count(n, fraction)])


def main():
    generators = []
    for seed in [0, 1234567, -1]:
        rng = SplitMix64(seed)
        outputs = [str(rng.next()) for _ in range(5)]
        rng = SplitMix64(seed)
        below = [rng.below(b) for b in [1, 2, 3, 10, 1000, 2**63 + 5, 2**64 - 1]]
        generators.append({"seed": seed, "next": outputs, "below_bounds": ["1", "2", "3", "10", "1000", str(2**63 + 5), str(2**64 - 1)],
                           "below": [str(v) for v in below]})
    hashes = [{"text": t, "fnv1a": str(fnv1a(t))} for t in ["", "a", "Ankle boot", "t-shirt", "ü"]]
    splits = []
    for name, n, fraction, seed in [
        ("cat", 1, 0.2, 0), ("cat", 2, 0.2, 0), ("cat", 2, 0.9, 0), ("cat", 5, 0.1, 0), ("cat", 25, 0.1, 3),
        ("cat", 15, 0.1, 3), ("dog", 10, 0.25, -7), ("dog", 1000, 0.3, 42),
    ]:
        splits.append({"name": name, "n": n, "fraction": fraction, "seed": seed, "test": test_indices(name, n, fraction, seed)})
    # The Fashion-MNIST tree the C# tests write: 100 images per class folder, fraction 0.2, seed 7.
    for name in FASHION_FOLDERS:
        splits.append({"name": name, "n": 100, "fraction": 0.2, "seed": 7, "test": test_indices(name, 100, 0.2, 7)})
    write("image_folder_split.json", {"generators": generators, "hashes": hashes, "splits": splits},
          "tests/references/image_folder_split.py")


if __name__ == "__main__":
    main()
