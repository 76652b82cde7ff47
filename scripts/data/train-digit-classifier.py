#!/usr/bin/env python3
"""Trains the fixed digit classifier that scores generated digits (src/engine/images/classifier.ts)
and writes public/data/digit-classifier.bin and public/data/digit-classifier.json.
Run: /usr/bin/python3 scripts/data/train-digit-classifier.py   (CPU, seeded, deterministic)

The network: x (64 pixels in [-1, 1]) -> h = relu(x W1 + b1) (64) -> logits = h W2 + b2 (10), trained
with Adam on cross-entropy over the training split of public/data/digits-8x8.bin only. The held-out
split is used once, at the end, for the accuracy the JSON records (the TypeScript forward pass must
reproduce it exactly: an independent implementation of the same network).

The weights file (little-endian): magic "DCLF", uint16 version (1), uint16 inputs, uint16 hidden,
uint16 classes, uint16 0, then float32 W1 (inputs x hidden, row-major), b1, W2 (hidden x classes), b2.
"""
import json
import os
import struct

import numpy as np
import torch

HERE = os.path.dirname(__file__)
DATA = os.path.join(HERE, "..", "..", "public", "data")
SEED = 0
HIDDEN = 64
EPOCHS = 200
BATCH = 64
LR = 1e-3
WEIGHT_DECAY = 1e-4


def load_digits():
    """Reads digits-8x8.bin as src/engine/datasets/digits.ts does: pixels v/8 - 1, labels, held-out flags."""
    raw = open(os.path.join(DATA, "digits-8x8.bin"), "rb").read()
    assert raw[:4] == b"DGT8"
    version, w, h, n, n_test, levels, classes, _ = struct.unpack("<HBBHHBBH", raw[4:16])
    assert (version, w, h, levels, classes) == (1, 8, 8, 16, 10)
    body = np.frombuffer(raw, dtype=np.uint8, offset=16)
    pixels = body[: n * 64].reshape(n, 64).astype(np.float32) / 8.0 - 1.0
    labels = body[n * 64 : n * 65].astype(np.int64)
    held_out = body[n * 65 : n * 66].astype(bool)
    assert held_out.sum() == n_test
    return pixels, labels, held_out


def main():
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    pixels, labels, held_out = load_digits()
    x_train, y_train = torch.from_numpy(pixels[~held_out]), torch.from_numpy(labels[~held_out])
    x_test, y_test = torch.from_numpy(pixels[held_out]), torch.from_numpy(labels[held_out])

    net = torch.nn.Sequential(torch.nn.Linear(64, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, 10))
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

    w1 = net[0].weight.detach().numpy().T.astype("<f4")  # (64, HIDDEN): h = x W1 + b1
    b1 = net[0].bias.detach().numpy().astype("<f4")
    w2 = net[2].weight.detach().numpy().T.astype("<f4")  # (HIDDEN, 10)
    b2 = net[2].bias.detach().numpy().astype("<f4")
    header = b"DCLF" + struct.pack("<HHHHH", 1, 64, HIDDEN, 10, 0)
    with open(os.path.join(DATA, "digit-classifier.bin"), "wb") as f:
        f.write(header + w1.tobytes() + b1.tobytes() + w2.tobytes() + b2.tobytes())
    report = {
        "network": f"64 -> {HIDDEN} ReLU -> 10",
        "trainedOn": "training split of digits-8x8.bin",
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
    with open(os.path.join(DATA, "digit-classifier.json"), "w") as f:
        json.dump(report, f, indent=1)
        f.write("\n")
    print(f"train accuracy {train_acc:.4f}; held-out accuracy {accuracy:.4f} ({correct}/{len(y_test)}); "
          f"held-out share with confidence >= 0.8: {confident:.4f}")


if __name__ == "__main__":
    main()
