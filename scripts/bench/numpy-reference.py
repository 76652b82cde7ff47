# Reference point for `npm run bench` (optional; needs python3 and numpy): the same training step
# as the playground's default model (batch 256: forward, hand-written backward, clipped Adam, weight
# average) in NumPy on one thread, to time native BLAS on the same machine.
# Run: python3 scripts/bench/numpy-reference.py
import os, time, sys
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1"); os.environ.setdefault("OMP_NUM_THREADS", "1"); os.environ.setdefault("MKL_NUM_THREADS", "1")
import numpy as np
rng = np.random.default_rng(0)
B, W, D, F, dim = 256, 128, 3, 98, 2
shapes = [(F, W), (W,)] + [(W, W), (W,)] * D + [(W, dim), (dim,)]
P = [rng.standard_normal(s).astype(np.float32) * 0.05 for s in shapes]
m = [np.zeros_like(p) for p in P]; v = [np.zeros_like(p) for p in P]; ema = [p.copy() for p in P]
u = rng.standard_normal((B, F)).astype(np.float32); y = rng.standard_normal((B, dim)).astype(np.float32)
def step(t):
    hs = [np.maximum(u @ P[0] + P[1], 0)]; acts = []
    for k in range(D):
        a = np.maximum(hs[-1] @ P[2 + 2 * k] + P[3 + 2 * k], 0); acts.append(a); hs.append(hs[-1] + a)
    out = hs[-1] @ P[2 + 2 * D] + P[3 + 2 * D]
    delta = (out - y) * (2.0 / (B * dim))
    g = [None] * len(P)
    g[2 + 2 * D] = hs[-1].T @ delta; g[3 + 2 * D] = delta.sum(0); gh = delta @ P[2 + 2 * D].T
    for k in range(D - 1, -1, -1):
        e = gh * (acts[k] > 0); g[2 + 2 * k] = hs[k].T @ e; g[3 + 2 * k] = e.sum(0); gh = gh + e @ P[2 + 2 * k].T
    e0 = gh * (hs[0] > 0); g[0] = u.T @ e0; g[1] = e0.sum(0)
    norm = np.sqrt(sum(float((x * x).sum()) for x in g)); s = min(1.0, 1.0 / max(norm, 1e-12))
    c1 = 2e-3 / (1 - 0.9 ** t); c2 = 1 / np.sqrt(1 - 0.999 ** t)
    for i in range(len(P)):
        gi = g[i] * s
        m[i] *= 0.9; m[i] += 0.1 * gi; v[i] *= 0.999; v[i] += 0.001 * gi * gi
        P[i] -= c1 * m[i] / (np.sqrt(v[i]) * c2 + 1e-7)
        ema[i] += 0.005 * (P[i] - ema[i])
for t in range(1, 30): step(t)
best = 0
for trial in range(int(sys.argv[1]) if len(sys.argv) > 1 else 5):
    t0 = time.perf_counter(); n = 0
    while time.perf_counter() - t0 < 2: step(30 + n); n += 1
    best = max(best, n / (time.perf_counter() - t0))
print(f"numpy {np.__version__}, 1 thread: {best:.0f} steps/s (best of 2-s runs)")
