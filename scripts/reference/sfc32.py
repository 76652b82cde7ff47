#!/usr/bin/env python3
"""Reference words for src/engine/rng.test.ts: sfc32 seeded through splitmix32, written from the
generators' published definitions in Python integers (masked to 32 bits), independently of rng.ts.
Run: python3 scripts/reference/sfc32.py"""
M = 0xFFFFFFFF


def splitmix32(seed):
    s = seed & M

    def nxt():
        nonlocal s
        s = (s + 0x9E3779B9) & M
        z = s
        z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M
        return (z ^ (z >> 16)) & M

    return nxt


def sfc32(seed):
    mix = splitmix32(seed)
    a, b, c, d = mix(), mix(), mix(), mix()

    def nxt():
        nonlocal a, b, c, d
        t = (a + b + d) & M
        d = (d + 1) & M
        a = b ^ (b >> 9)
        b = (c + (c << 3)) & M
        c = ((c << 21) | (c >> 11)) & M
        c = (c + t) & M
        return t

    for _ in range(12):  # rng.ts discards the first 12 words
        nxt()
    return nxt


for seed in (1, 2026):
    g = sfc32(seed)
    print(seed, [g() for _ in range(5)])
