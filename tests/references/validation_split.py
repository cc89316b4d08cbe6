"""The validation set ValidationSplit holds out of a training set, written from the rule in its summary, reusing the
independent implementation of the per-class shuffle in image_folder_split.py:

  seed       the ASCII bytes of "validate" as a big-endian 64-bit integer (not the experiment's seed)
  per class  the positions of the class's images in loaded order; the class's held-out positions are
             test_indices(class name, n, fraction, seed) of them: k = round(n * fraction) (halves away from zero),
             clamped to [1, n - 1] when n >= 2, 0 when n = 1

  python tests/references/validation_split.py   ->  tests/references/validation_split.json
"""

from image_folder_split import test_count, test_indices
from reference_json import write

SEED = int.from_bytes(b"validate", "big")


def interleaved(sizes):
    """Labels dealt round-robin over the classes until each has its size: classes mixed, as a shuffled set is."""
    left, labels = list(sizes), []
    while any(left):
        for c, n in enumerate(left):
            if n:
                labels.append(c)
                left[c] -= 1
    return labels


def main():
    cases = []
    for names, sizes, fraction in [
        (["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat"], [10, 7, 1, 2, 25], 0.25),
        (["0", "1", "2"], [40, 33, 51], 0.1),
    ]:
        labels = interleaved(sizes)
        held = []
        for c, name in enumerate(names):
            positions = [i for i, label in enumerate(labels) if label == c]
            held += [positions[j] for j in test_indices(name, len(positions), fraction, SEED)]
        cases.append({"classNames": names, "fraction": fraction, "labels": labels, "counts": [test_count(n, fraction) for n in sizes],
                      "validation": sorted(held)})
    write("validation_split.json", {"seed": str(SEED), "cases": cases}, "tests/references/validation_split.py")


if __name__ == "__main__":
    main()
