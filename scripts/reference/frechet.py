#!/usr/bin/env python3
"""Reference values for src/engine/images/frechet.test.ts: the Fréchet distance between Gaussians
fitted to fixed small feature sets, computed the way the FID papers' code does it (numpy.cov and
scipy.linalg.sqrtm of the non-symmetric product Sigma1 Sigma2), independently of frechet.ts, which
uses Jacobi eigen-decompositions of the symmetric form. Also the eigenvalues of a fixed symmetric
matrix (numpy.linalg.eigh) for the Jacobi test.
Run: /usr/bin/python3 scripts/reference/frechet.py  (writes src/engine/images/fixtures/frechet-reference.json)"""
import json
import os

import numpy as np
from scipy import linalg


def frechet(x, y):
    mu1, mu2 = x.mean(0), y.mean(0)
    s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    covmean, _ = linalg.sqrtm(s1 @ s2, disp=False)
    covmean = covmean.real
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def rounded(a):
    # Inputs rounded to 6 decimals, so the JSON holds exactly what both sides compute from.
    return np.round(a, 6)


def main():
    rng = np.random.default_rng(7)
    cases = []
    # Two correlated clouds in 6 dimensions, different means and covariances.
    a = rounded(rng.normal(size=(40, 6)) @ rng.normal(size=(6, 6)))
    b = rounded(rng.normal(size=(35, 6)) @ rng.normal(size=(6, 6)) * 0.5 + 1.0)
    cases.append(("correlated clouds", a, b))
    # The same distribution, two draws: a small distance.
    c = rounded(rng.normal(size=(200, 4)))
    d = rounded(rng.normal(size=(200, 4)))
    cases.append(("two draws of N(0, I)", c, d))
    # Non-negative, sparse features (like ReLU outputs) in 8 dimensions, one set of rank < 8.
    e = rounded(np.maximum(rng.normal(size=(60, 8)), 0))
    f = rounded(np.maximum(rng.normal(size=(6, 8)) + 0.3, 0))
    cases.append(("ReLU-like, one covariance singular", e, f))
    out = {"cases": [{"name": n, "dim": x.shape[1], "x": x.ravel().tolist(), "y": y.ravel().tolist(), "frechet": frechet(x, y)} for n, x, y in cases]}
    m = rounded(rng.normal(size=(7, 7)))
    sym = rounded((m + m.T) / 2)
    out["symmetric"] = {"n": 7, "a": sym.ravel().tolist(), "eigenvalues": np.linalg.eigh(sym)[0].tolist()}
    path = os.path.join(os.path.dirname(__file__), "..", "..", "src", "engine", "images", "fixtures", "frechet-reference.json")
    with open(path, "w") as fh:
        json.dump(out, fh)
        fh.write("\n")
    for case in out["cases"]:
        print(f"{case['name']}: {case['frechet']:.10g}")


if __name__ == "__main__":
    main()
