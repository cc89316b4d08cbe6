"""Writing reference values as the C# tests read them; shared by the reference scripts."""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, payload, generator):
    """Writes payload to tests/references/<name>, one line per top-level entry and per list item, so diffs stay readable."""
    payload = {"generator": generator, **payload}
    lines = []
    for key, value in payload.items():
        if isinstance(value, list):
            body = ",\n".join("  " + json.dumps(item, separators=(",", ":"), ensure_ascii=False) for item in value)
            lines.append(f'"{key}": [\n{body}\n ]')
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, separators=(',', ':'))}")
    with open(os.path.join(HERE, name), "w") as f:
        f.write("{\n " + ",\n ".join(lines) + "\n}\n")
    print("wrote", name)


def floats(t):
    """A float tensor as a flat list of doubles (fp32/bf16/fp16 values are exact in double)."""
    return [float(v) for v in t.detach().double().flatten().tolist()]
