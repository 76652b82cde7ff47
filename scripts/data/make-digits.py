#!/usr/bin/env python3
"""Writes public/data/digits-8x8.bin from scikit-learn's bundled copy of the UCI "Optical Recognition
of Handwritten Digits" test set (1,797 images, 8x8, grey levels 0-16, labels 0-9; CC BY 4.0, see
public/data/ATTRIBUTION.md). Run: /usr/bin/python3 scripts/data/make-digits.py

The file (little-endian; read by src/engine/datasets/digits.ts):
  0  4 bytes  magic "DGT8"
  4  uint16   format version (1)
  6  uint8    width (8)           7  uint8  height (8)
  8  uint16   image count n       10 uint16 held-out count
  12 uint8    largest grey level (16)      13 uint8 classes (10)
  14 uint16   split seed (the numpy seed that drew the held-out set, for the record)
  16 n*64 uint8 pixels (row-major, image after image), n uint8 labels, n uint8 split flags (1 = held out)

The held-out set is stratified: round(20% of each class), drawn without replacement per class with
numpy's default_rng(SPLIT_SEED), so every class is held out in proportion and the split never moves.
"""
import gzip
import os
import struct

import numpy as np

SOURCE = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "public", "data", "digits-8x8.bin")
SPLIT_SEED = 2024
HELD_OUT = 0.2
MAGIC = b"DGT8"
VERSION = 1


def main():
    with gzip.open(SOURCE, "rt") as f:
        rows = np.loadtxt(f, delimiter=",", dtype=np.int64)
    pixels, labels = rows[:, :64], rows[:, 64]
    assert rows.shape == (1797, 65), rows.shape
    assert pixels.min() == 0 and pixels.max() == 16 and set(labels.tolist()) == set(range(10))

    rng = np.random.default_rng(SPLIT_SEED)
    held_out = np.zeros(len(labels), dtype=np.uint8)
    for c in range(10):
        members = np.flatnonzero(labels == c)
        k = int(round(HELD_OUT * len(members)))
        held_out[rng.choice(members, size=k, replace=False)] = 1

    n, n_test = len(labels), int(held_out.sum())
    header = MAGIC + struct.pack("<HBBHHBBH", VERSION, 8, 8, n, n_test, 16, 10, SPLIT_SEED)
    assert len(header) == 16
    body = pixels.astype(np.uint8).tobytes() + labels.astype(np.uint8).tobytes() + held_out.tobytes()
    with open(OUT, "wb") as f:
        f.write(header + body)
    counts = np.bincount(labels, minlength=10)
    test_counts = np.bincount(labels[held_out == 1], minlength=10)
    print(f"wrote {os.path.normpath(OUT)}: {n} images ({n - n_test} train, {n_test} held out), {len(header) + len(body)} bytes")
    print("per class:", counts.tolist())
    print("held out :", test_counts.tolist())


if __name__ == "__main__":
    main()
