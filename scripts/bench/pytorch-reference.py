# Reference point for `npm run bench` (optional; needs Debian's python3-torch): the playground's
# training steps in PyTorch on one CPU thread, to compare with the browser's figures on the same
# machine. Each step draws its batch, timesteps and noise, as the playground's trainer does, and
# takes Adam with gradient clipping at 1 and a weight average.
#   2d:     the default model: x, sin/cos embedding of each coordinate (scale 25), time embedding;
#           3 residual blocks of width 128; batch 256, Adam at 2e-3.
#   digits: the image model of src/engine/images/digitModel.ts (the bench's trainImages): 8×8 digits
#           (64 pixels) fed raw with the time embedding (no coordinate embedding) and a one-hot of the
#           digit with a ∅ slot (11), labels dropped to ∅ with probability 0.1; cosine schedule;
#           2 residual blocks of width 256; batch 128, Adam at 2e-3, weight average 0.995 (the data
#           are random pixels in [-1, 1] with random digits: speed does not depend on them).
# Run: /usr/bin/python3 scripts/bench/pytorch-reference.py [trials] [2d|digits|all]   (default: 5 all)
import math, sys, time
import torch
torch.set_num_threads(1)
torch.manual_seed(0)
T, E = 1000, 32
def linear_abar():
    return torch.cumprod(1 - torch.linspace(1e-4, 0.02, T), 0)
def cosine_abar(s=0.008):  # eq. 3.7, β capped at 0.999
    f = torch.cos(((torch.arange(T + 1, dtype=torch.float64) / T + s) / (1 + s)) * math.pi / 2) ** 2
    betas = (1 - f[1:] / f[:-1]).clamp(max=0.999)
    return torch.cumprod(1 - betas, 0).float()
freqs = torch.exp(-math.log(10000.0) * torch.arange(E // 2) / (E // 2))
t_all = torch.arange(T, dtype=torch.float32)[:, None] * freqs[None]
time_table = torch.cat([t_all.sin(), t_all.cos()], 1)  # T × E, looked up by t
MODELS = {
    # name: (data dim, width, depth, batch, coordinate embedding, data, classes, schedule's ᾱ, weight average)
    "2d": (2, 128, 3, 256, True, torch.randn(2000, 2), 0, linear_abar(), 0.995),
    "digits": (64, 256, 2, 128, False, torch.rand(1438, 64) * 2 - 1, 10, cosine_abar(), 0.995),
}
DROP_LABEL = 0.1

def features(x, t, embed, onehot):
    parts = [x]
    if embed:
        v = (x * 25.0)[:, :, None] * freqs[None, None]  # B × dim × E/2
        parts += [v.sin().flatten(1), v.cos().flatten(1)]
    if onehot is not None: parts.append(onehot)
    return torch.cat(parts + [time_table[t]], 1)
class Net(torch.nn.Module):
    def __init__(self, inputs, dim, W, D):
        super().__init__()
        self.inp = torch.nn.Linear(inputs, W)
        self.blocks = torch.nn.ModuleList([torch.nn.Linear(W, W) for _ in range(D)])
        self.out = torch.nn.Linear(W, dim)
    def forward(self, u):
        h = torch.relu(self.inp(u))
        for b in self.blocks: h = h + torch.relu(b(h))
        return self.out(h)

def make_step(name):
    dim, W, D, B, embed, data, C, abar, decay = MODELS[name]
    sqrt_ab, sqrt_1mab = abar.sqrt(), (1 - abar).sqrt()
    labels = torch.randint(0, C, (data.shape[0],)) if C else None
    net = Net(dim + (dim * E if embed else 0) + (C + 1 if C else 0) + E, dim, W, D)
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    ema = [p.detach().clone() for p in net.parameters()]
    rate = 1 - decay
    def step():
        i = torch.randint(0, data.shape[0], (B,)); t = torch.randint(0, T, (B,)); eps = torch.randn(B, dim)
        xt = sqrt_ab[t, None] * data[i] + sqrt_1mab[t, None] * eps
        onehot = None
        if C:  # the digit, dropped to ∅ (index C) with probability DROP_LABEL
            c = torch.where(torch.rand(B) < DROP_LABEL, torch.full((B,), C), labels[i])
            onehot = torch.nn.functional.one_hot(c, C + 1).float()
        loss = ((net(features(xt, t, embed, onehot)) - eps) ** 2).mean()
        opt.zero_grad(set_to_none=True); loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        with torch.no_grad():
            for e, p in zip(ema, net.parameters()): e.lerp_(p, rate)
    return step

trials = int(sys.argv[1]) if len(sys.argv) > 1 else 5
which = sys.argv[2] if len(sys.argv) > 2 else "all"
for name in (MODELS if which == "all" else [which]):
    step = make_step(name)
    for _ in range(30): step()
    rates = []
    for trial in range(trials):
        t0 = time.perf_counter(); n = 0
        while time.perf_counter() - t0 < 2: step(); n += 1
        rates.append(n / (time.perf_counter() - t0))
    dim, W, D, B = MODELS[name][:4]
    # The median too: the bench's figures are means over one 10-s window, not the best of several.
    print(f"pytorch {torch.__version__}, 1 thread, {name} (dim {dim}, width {W}, depth {D}, batch {B}): {max(rates):.0f} steps/s (best of {trials} 2-s runs; median {sorted(rates)[trials // 2]:.0f})")
