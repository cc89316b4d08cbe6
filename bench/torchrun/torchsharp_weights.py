"""Reads a TorchSharp checkpoint (TrainDsl's model.bin: Module.save's format) as a state_dict, to check the
TrainDsl -> PyTorch direction before TrainDsl writes model.safetensors itself:

    python bench/torchrun/torchsharp_weights.py RUN/model.bin OUT.safetensors      (in the peer)

Format: a LEB128 entry count, then per entry a .NET string (LEB128 byte length, UTF-8 name), the ScalarType (LEB128),
the number of dimensions and each size (LEB128), and the raw little-endian elements."""
import sys

import numpy as np
import torch
from safetensors.torch import save_file

DTYPES = {0: np.uint8, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.int64, 5: np.float16, 6: np.float32, 7: np.float64, 11: np.bool_}


def read(path):
    buf, at = open(path, "rb").read(), 0

    def leb():
        nonlocal at
        value = shift = 0
        while True:
            b = buf[at]
            at += 1
            value |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return value
    state = {}
    for _ in range(leb()):
        n = leb()
        name = buf[at:at + n].decode("utf-8")
        at += n
        dtype = DTYPES[leb()]
        shape = [leb() for _ in range(leb())]
        count = int(np.prod(shape)) if shape else 1
        size = count * np.dtype(dtype).itemsize
        state[name] = torch.from_numpy(np.frombuffer(buf, dtype=dtype, count=count, offset=at).reshape(shape).copy())
        at += size
    if at != len(buf):
        raise SystemExit(f"'{path}' has {len(buf) - at} bytes after its last tensor; it is not a TorchSharp checkpoint.")
    return state


if __name__ == "__main__":
    save_file(read(sys.argv[1]), sys.argv[2])
    print(f"wrote {sys.argv[2]}")
