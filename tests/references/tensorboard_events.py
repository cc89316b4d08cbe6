"""Reads a TrainDsl run's TensorBoard log with nothing of TrainDsl's or TensorBoard's: TFRecord framing, the masked
CRC32C (a table CRC-32C here) and the Event protos decoded from the wire format; then checks that every cell of the
run's metrics.csv is the scalar epoch/<column> at step <epoch> with the same float32 value, and prints what it read.

Usage (from the repository root): bash ../shared/peer/pytorch-peer.sh python tests/references/tensorboard_events.py RUN_FOLDER
(RUN_FOLDER inside the repository, as the peer sees only it). Exit code 1 on the first mismatch.
"""

import csv
import glob
import os
import struct
import sys

# CRC-32C (Castagnoli), reflected polynomial 0x82F63B78.
TABLE = []
for n in range(256):
    c = n
    for _ in range(8):
        c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
    TABLE.append(c)


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def masked(data):
    c = crc32c(data)
    return (((c >> 15) | (c << 17)) + 0xA282EAD8) & 0xFFFFFFFF


assert crc32c(b"123456789") == 0xE3069283  # the CRC-32C check value


def varint(buf, i):
    shift = value = 0
    while True:
        b = buf[i]
        i += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value, i
        shift += 7


def fields(buf):
    i = 0
    while i < len(buf):
        key, i = varint(buf, i)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, i = varint(buf, i)
        elif wire == 1:
            value, i = buf[i:i + 8], i + 8
        elif wire == 5:
            value, i = buf[i:i + 4], i + 4
        elif wire == 2:
            length, i = varint(buf, i)
            value, i = buf[i:i + length], i + length
        else:
            raise ValueError(f"wire type {wire}")
        yield field, wire, value


def records(path):
    data = open(path, "rb").read()
    i = 0
    while i < len(data):
        header = data[i:i + 8]
        (length,) = struct.unpack("<Q", header)
        (header_crc,) = struct.unpack("<I", data[i + 8:i + 12])
        assert header_crc == masked(header), f"length CRC at byte {i}"
        body = data[i + 12:i + 12 + length]
        (body_crc,) = struct.unpack("<I", data[i + 12 + length:i + 16 + length])
        assert body_crc == masked(body), f"data CRC at byte {i}"
        yield body
        i += 16 + length


def scalars(path):
    """(tag, step, float32 value) of every simple_value in the file; Event.step = 2, summary = 5; Value.tag = 1, simple_value = 2."""
    out = []
    for body in records(path):
        step, summaries = 0, []
        for field, wire, value in fields(body):
            if field == 2 and wire == 0:
                step = value
            elif field == 5 and wire == 2:
                summaries.append(value)
        for summary in summaries:
            for field, wire, value in fields(summary):
                if field != 1:
                    continue
                tag, simple = None, None
                for f, w, v in fields(value):
                    if f == 1 and w == 2:
                        tag = v.decode()
                    elif f == 2 and w == 5:
                        (simple,) = struct.unpack("<f", v)
                if simple is not None:
                    out.append((tag, step, simple))
    return out


def main(run):
    files = sorted(glob.glob(os.path.join(run, "tb", "*tfevents*")))
    assert files, f"no event file in {run}/tb"
    found = {}
    for path in files:
        for tag, step, value in scalars(path):
            found[(tag, step)] = value
    with open(os.path.join(run, "metrics.csv")) as f:
        rows = list(csv.DictReader(f))
    checked = 0
    for row in rows:
        epoch = int(row["epoch"])
        for column, text in row.items():
            if column == "epoch":
                continue
            expected = struct.unpack("<f", struct.pack("<f", float(text)))[0]
            actual = found.get((f"epoch/{column}", epoch))
            if actual != expected:
                print(f"epoch/{column} at epoch {epoch}: metrics.csv {text} (float32 {expected!r}), event file {actual!r}")
                sys.exit(1)
            checked += 1
    steps = sorted(step for tag, step in found if tag == "train/loss")
    print(f"{len(files)} event file(s), {len(found)} scalars; all {checked} metrics.csv cells of {len(rows)} epochs match; "
          f"train/loss at steps {steps[0]}..{steps[-1]} ({len(steps)} steps)")


if __name__ == "__main__":
    main(sys.argv[1])
