#!/usr/bin/env python3
"""Reference values for src/engine/normalCdf.test.ts and src/engine/discreteDecoder.test.ts:
the log standard-normal CDF, the log probability of an interval, and the discretised Gaussian
decoder of Ho et al. (2020, eq. 13) on 17 grey levels scaled to [-1, 1], all in 60-digit
arithmetic (mpmath), independently of the TypeScript under test.
Run: python3 scripts/reference/discreteGaussian.py > src/engine/fixtures/discreteGaussian.json"""
import json

import mpmath as mp

mp.mp.dps = 60


def Phi(z):
    if z == mp.inf:
        return mp.mpf(1)
    if z == -mp.inf:
        return mp.mpf(0)
    return mp.ncdf(z)


def log_interval(a, b):
    # log(Phi(b) - Phi(a)); far in one tail use the mirrored form so the difference keeps its digits.
    if a >= 0:
        return mp.log(Phi(-a) - Phi(-b))
    return mp.log(Phi(b) - Phi(a))


def num(x):
    if x == mp.inf:
        return "Infinity"
    if x == -mp.inf:
        return "-Infinity"
    return float(x)


log_cdf = [{"z": z, "logPhi": float(mp.log(Phi(mp.mpf(z))))} for z in
           [-45, -38.5, -20, -10, -5, -2, -1, -0.5, 0, 0.3, 1, 2.5, 5, 9, 12]]

pairs = [(-mp.inf, -30), (-mp.inf, -1), (-mp.inf, 0.5), (30, mp.inf), (2, mp.inf), (-0.1, 0.2),
         (5, 5.0001), (-5.0001, -5), (-6.25, 6.25), (-100, -99), (99, 100), (-1e-6, 1e-6), (7, 8)]
log_intervals = [{"a": num(a), "b": num(b), "logP": float(log_interval(mp.mpf(a), mp.mpf(b)))} for a, b in pairs]

MAX_LEVEL = 16
DELTA = mp.mpf(2) / MAX_LEVEL


def decoder_log_prob(levels, means, variance):
    """sum_i log of the N(mean_i, variance) mass of level i's bin; the end bins reach +-infinity."""
    sd = mp.sqrt(mp.mpf(variance))
    total = mp.mpf(0)
    for k, m in zip(levels, means):
        x = -1 + k * DELTA
        lo = -mp.inf if k == 0 else (x - DELTA / 2 - m) / sd
        hi = mp.inf if k == MAX_LEVEL else (x + DELTA / 2 - m) / sd
        total += log_interval(lo, hi)
    return total


cases = [
    # A decoder as sharp as beta_1 = 1e-4 (sd 0.01), means near, off and far from the bin centres.
    {"levels": [0, 8, 16, 3], "means": [-1.0, 0.0, 1.0, -0.625], "variance": 1e-4},
    {"levels": [0, 8, 16, 3], "means": [-0.95, 0.05, 0.93, -0.56], "variance": 1e-4},
    {"levels": [2, 8, 15, 3], "means": [0.5, -0.9, -1.0, 0.9], "variance": 1e-4},
    # Broad Gaussians, where the bin is small next to the spread.
    {"levels": [0, 4, 8, 12, 16, 7], "means": [0.1] * 6, "variance": 1.0},
    {"levels": [0, 4, 8, 12, 16, 7], "means": [-0.2] * 6, "variance": 0.25},
    {"levels": [1, 9, 14], "means": [0.3, -0.4, 0.0], "variance": 0.04},
    # Interior levels only (no bin reaching to infinity), for the midpoint rule of eq. 8.6.
    {"levels": [3, 5, 8, 11, 13, 7], "means": [0.1] * 6, "variance": 1.0},
    {"levels": [3, 5, 8, 11, 13, 7], "means": [0.1] * 6, "variance": 0.25},
    {"levels": [3, 5, 8, 11, 13, 7], "means": [0.1] * 6, "variance": 0.04},
    {"levels": [3, 5, 8, 11, 13, 7], "means": [-0.625, -0.375, 0.0, 0.375, 0.625, -0.125], "variance": 1e-4},
]
decoder = [dict(c, logProb=float(decoder_log_prob(c["levels"], [mp.mpf(m) for m in c["means"]], c["variance"]))) for c in cases]

print(json.dumps({"maxLevel": MAX_LEVEL, "logNormalCdf": log_cdf, "logNormalInterval": log_intervals,
                  "discretizedGaussian": decoder}, indent=1))
