#!/usr/bin/env python3
"""Trains the fixed shape classifier that scores generated 16x16 shapes (src/engine/images/classifier.ts,
the same file format and forward pass as the digit classifier) and writes public/data/shape-classifier.bin
and public/data/shape-classifier.json.
Run:  node scripts/data/shapes-split.mjs /tmp/shapes-split.bin
      /usr/bin/python3 scripts/data/train-shape-classifier.py /tmp/shapes-split.bin   (CPU, seeded, deterministic)

The images are the engine's own (src/engine/datasets/shapeSplits.ts: the seeded generator of
shapes.ts), exported by the Node script. The network: x (256 pixels in [-1, 1]) -> h = relu(x W1 + b1)
(64) -> logits = h W2 + b2 (6), Adam on cross-entropy over the training split only; the held-out
split is used once, at the end, for the figures the JSON records (the TypeScript forward pass must
reproduce them exactly). Weights file layout: see train-digit-classifier.py ("DCLF", version 1).
"""
import json
import os
import struct
import sys

import numpy as np
import torch

HERE = os.path.dirname(__file__)
DATA = os.path.join(HERE, "..", "..", "public", "data")
SEED = 0
HIDDEN = 64
EPOCHS = 120
BATCH = 64
LR = 1e-3
WEIGHT_DECAY = 1e-4
NAMES = ["circle", "square", "triangle", "cross", "ring", "bar"]


def load_split(path):
    raw = open(path, "rb").read()
    assert raw[:4] == b"SHP1"
    side, classes, n_train, n_test = struct.unpack("<IIII", raw[4:20])
    assert (side, classes) == (16, len(NAMES))
    dim = side * side
    at = 20
    pixels = np.frombuffer(raw, dtype="<f4", count=(n_train + n_test) * dim, offset=at).reshape(-1, dim)
    at += 4 * (n_train + n_test) * dim
    labels = np.frombuffer(raw, dtype=np.uint8, count=n_train + n_test, offset=at).astype(np.int64)
    return (pixels[:n_train].copy(), labels[:n_train].copy()), (pixels[n_train:].copy(), labels[n_train:].copy())


def main():
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    (xtr, ytr), (xte, yte) = load_split(sys.argv[1])
    x_train, y_train = torch.from_numpy(xtr), torch.from_numpy(ytr)
    x_test, y_test = torch.from_numpy(xte), torch.from_numpy(yte)
    classes = len(NAMES)

    net = torch.nn.Sequential(torch.nn.Linear(256, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, classes))
    opt = torch.optim.Adam(net.parameters(), lr=LR, weight_decay=WEIGHT_DECAY)
    gen = torch.Generator().manual_seed(SEED)
    for epoch in range(EPOCHS):
        order = torch.randperm(len(y_train), generator=gen)
        for start in range(0, len(order), BATCH):
            idx = order[start : start + BATCH]
            loss = torch.nn.functional.cross_entropy(net(x_train[idx]), y_train[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()

    with torch.no_grad():
        train_acc = (net(x_train).argmax(1) == y_train).float().mean().item()
        probs = torch.softmax(net(x_test), dim=1)
        pred = probs.argmax(1)
        correct = int((pred == y_test).sum())
        confident = float((probs.max(1).values >= 0.8).float().mean())
    accuracy = correct / len(y_test)

    w1 = net[0].weight.detach().numpy().T.astype("<f4")
    b1 = net[0].bias.detach().numpy().astype("<f4")
    w2 = net[2].weight.detach().numpy().T.astype("<f4")
    b2 = net[2].bias.detach().numpy().astype("<f4")
    header = b"DCLF" + struct.pack("<HHHHH", 1, 256, HIDDEN, classes, 0)
    with open(os.path.join(DATA, "shape-classifier.bin"), "wb") as f:
        f.write(header + w1.tobytes() + b1.tobytes() + w2.tobytes() + b2.tobytes())
    report = {
        "network": f"256 -> {HIDDEN} ReLU -> {classes}",
        "classes": NAMES,
        "trainedOn": "training split of src/engine/datasets/shapeSplits.ts (seed 1)",
        "torch": torch.__version__,
        "seed": SEED,
        "epochs": EPOCHS,
        "trainAccuracy": round(train_acc, 6),
        "heldOutCount": len(y_test),
        "heldOutCorrect": correct,
        "heldOutAccuracy": accuracy,
        "heldOutConfidentShare": confident,
        "heldOutPredictions": pred.tolist(),
        "firstHeldOutProbabilities": [[round(float(p), 6) for p in row] for row in probs[:3]],
    }
    with open(os.path.join(DATA, "shape-classifier.json"), "w") as f:
        json.dump(report, f, indent=1)
        f.write("\n")
    print(f"train accuracy {train_acc:.4f}; held-out accuracy {accuracy:.4f} ({correct}/{len(y_test)}); "
          f"held-out share with confidence >= 0.8: {confident:.4f}")


if __name__ == "__main__":
    main()
