"""Reference pixels for TrainDsl's ImageDecoder (tests/TrainDsl.Tests/Data/Images/ImageDecoderTests.cs), decoded by Pillow.

Run from the repository root with the PyTorch peer (Pillow 11), the official Fashion-MNIST training images on stdin
(the peer sees only the repository):
    gzip -dc /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz | \
        bash /work/shared/peer/pytorch-peer.sh python tests/references/decode_images.py
Writes the test images to tests/references/images/ and Pillow's decoded pixels to decode_images.json.

Every image is made from real Fashion-MNIST training images (never random pixels): RGB images stack three of them as
R, G, B, an alpha channel is a fourth. Each case decodes one file as ImageDecoder.Decode(file, channels, size) does it,
with Pillow: ImageOps.exif_transpose; 16-bit samples to 8 bits (the high byte: Pillow's own rule for 16-bit RGB, applied
to 16-bit gray too, whose convert("L") would clip at 255 instead); transparency composited onto black
(paste onto a black image with alpha as the mask); convert("L") or convert("RGB"); torchvision's Resize(size)
(shorter side to size, the longer int(size·long/short), Image.BILINEAR, skipped when the shorter side already is size)
and CenterCrop(size) (offsets int(round(margin / 2))). "pixels" is the result flattened as CHW.
"""

import io
import os
import struct
import sys
import zlib

import numpy as np
from PIL import Image, ImageOps

from reference_json import write

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGES = os.path.join(HERE, "images")


def fashion_images():
    data = sys.stdin.buffer.read()
    magic, n, rows, cols = struct.unpack(">IIII", data[:16])
    assert (magic, n, rows, cols) == (2051, 60000, 28, 28), "stdin must be the Fashion-MNIST training images (IDX)"
    return np.frombuffer(data[16:], dtype=np.uint8).reshape(n, rows, cols)


def stacked(images, first, size=None):
    """Images first, first+1, first+2 as R, G, B; upscaled (bilinear) to size = (w, h) when given."""
    im = Image.fromarray(np.stack([images[first + c] for c in range(3)], axis=-1), "RGB")
    return im.resize(size, Image.BILINEAR) if size else im


def png16(path, rgb16):
    """A 16-bit RGB PNG (colour type 2, bit depth 16), which Pillow cannot write; written chunk by chunk."""
    h, w, _ = rgb16.shape
    raw = b"".join(b"\x00" + rgb16[y].astype(">u2").tobytes() for y in range(h))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def make_files(images):
    """The test images; returns nothing, writes tests/references/images/*."""
    os.makedirs(IMAGES, exist_ok=True)
    path = lambda name: os.path.join(IMAGES, name)
    rgb = stacked(images, 0)                                     # 28x28: an ankle boot, a T-shirt, a T-shirt
    rgb.save(path("rgb.png"))
    rgba = np.dstack([np.asarray(rgb), images[3]])               # alpha: a dress, so edges are partly transparent
    Image.fromarray(rgba, "RGBA").save(path("rgba.png"))
    Image.fromarray(images[4], "L").save(path("gray.png"))
    # 16-bit samples with real data in both bytes (high: one image, low: another), so the 16→8 bit rule shows.
    Image.fromarray(images[5].astype(np.uint16) * 256 + images[45]).save(path("gray16.png"))
    png16(path("rgb16.png"), np.asarray(stacked(images, 6)).astype(np.uint16) * 256 + np.asarray(stacked(images, 46)))
    rgb.quantize(64).save(path("palette.png"))
    Image.fromarray(np.vstack([images[12], images[13][:1]]), "L").save(path("tall.png"))   # 28x29: margin 1, top round(0.5) = 0
    stacked(images, 14, (96, 64)).save(path("wide.png"))         # resize 64→32 / 64→80, crop
    stacked(images, 17, (56, 56)).save(path("rgb.jpg"), quality=90)
    Image.fromarray(images[20], "L").save(path("gray.jpg"), quality=90)
    exif = Image.Exif()
    exif[0x0112] = 6                                             # stored rotated: upright = 90° clockwise
    stacked(images, 21, (40, 28)).save(path("exif6.jpg"), quality=90, exif=exif)
    stacked(images, 24, (96, 64)).save(path("wide.jpg"), quality=90)
    cmyk = np.dstack([images[27], images[28], images[29], images[30] // 2])
    Image.fromarray(cmyk, "CMYK").save(path("cmyk.jpg"), quality=90)
    stacked(images, 31).save(path("rgb.bmp"))
    stacked(images, 34).save(path("rgb.gif"))
    stacked(images, 37).save(path("rgb.webp"), lossless=True)
    stacked(images, 40).save(path("rgb.tif"))                    # a format the decoder refuses
    # Entropy-coded data damaged in place: JPEG has no checksum, so libjpeg(-turbo) decodes it with its error
    # recovery, as Pillow does; the decoder must give the same pixels (and not crash).
    jpeg = bytearray(open(path("rgb.jpg"), "rb").read())
    middle = (jpeg.index(b"\xff\xda") + len(jpeg)) // 2
    jpeg[middle:middle + 8] = bytes(b ^ 0xFF for b in jpeg[middle:middle + 8])
    open(path("corrupt-scan.jpg"), "wb").write(jpeg)


def decode(name, channels, size):
    """ImageDecoder.Decode(name, channels, size) done with Pillow, as CHW uint8."""
    im = ImageOps.exif_transpose(Image.open(os.path.join(IMAGES, name)))
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
    if short != size:                                            # torchvision's Resize(size)
        new_long = int(size * long / short)
        im = im.resize((size, new_long) if w <= h else (new_long, size), Image.BILINEAR)
        w, h = im.size
    top, left = int(round((h - size) / 2.0)), int(round((w - size) / 2.0))   # torchvision's CenterCrop(size)
    im = im.crop((left, top, left + size, top + size))
    a = np.asarray(im)
    return (a[None] if a.ndim == 2 else a.transpose(2, 0, 1)).flatten().tolist()


CASES = [
    ("rgb.png", 3, 28), ("rgb.png", 1, 28), ("rgba.png", 3, 28), ("rgba.png", 1, 28),
    ("gray.png", 1, 28), ("gray.png", 3, 28), ("gray16.png", 1, 28), ("rgb16.png", 3, 28),
    ("palette.png", 3, 28), ("tall.png", 1, 28), ("wide.png", 3, 32), ("wide.png", 3, 80), ("wide.png", 1, 40),
    ("rgb.png", 3, 20), ("rgb.bmp", 3, 28), ("rgb.gif", 3, 28), ("rgb.webp", 3, 28),
    ("rgb.jpg", 3, 56), ("rgb.jpg", 1, 56), ("gray.jpg", 1, 28), ("exif6.jpg", 3, 28), ("wide.jpg", 3, 32),
    ("cmyk.jpg", 3, 28), ("corrupt-scan.jpg", 3, 56),
]


def main():
    make_files(fashion_images())
    cases = [{"file": f, "channels": c, "size": s, "pixels": decode(f, c, s)} for f, c, s in CASES]
    write("decode_images.json", {"cases": cases}, "tests/references/decode_images.py (Pillow)")


if __name__ == "__main__":
    main()
