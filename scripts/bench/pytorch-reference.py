# Reference point for `npm run bench` (optional; needs Debian's python3-torch): the playground's
# default training step in PyTorch on one CPU thread, to compare with the browser's figure on the
# same machine. Same network (x, sin/cos embedding of each coordinate, time embedding; 3 residual
# blocks of width 128), batch 256, Adam at 2e-3 with gradient clipping at 1 and a weight average;
# each step draws its batch, timesteps and noise, as the playground's trainer does.
# Run: /usr/bin/python3 scripts/bench/pytorch-reference.py
import math, sys, time
import torch
torch.set_num_threads(1)
torch.manual_seed(0)
T, B, W, D, E = 1000, 256, 128, 3, 32
betas = torch.linspace(1e-4, 0.02, T)
abar = torch.cumprod(1 - betas, 0)
sqrt_ab, sqrt_1mab = abar.sqrt(), (1 - abar).sqrt()
freqs = torch.exp(-math.log(10000.0) * torch.arange(E // 2) / (E // 2))
t_all = torch.arange(T, dtype=torch.float32)[:, None] * freqs[None]
time_table = torch.cat([t_all.sin(), t_all.cos()], 1)  # T × E, looked up by t
data = torch.randn(2000, 2)

def features(x, t):
    v = (x * 25.0)[:, :, None] * freqs[None, None]  # B × 2 × E/2
    return torch.cat([x, v.sin().flatten(1), v.cos().flatten(1), time_table[t]], 1)
class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.inp = torch.nn.Linear(2 + 2 * E + E, W)
        self.blocks = torch.nn.ModuleList([torch.nn.Linear(W, W) for _ in range(D)])
        self.out = torch.nn.Linear(W, 2)
    def forward(self, u):
        h = torch.relu(self.inp(u))
        for b in self.blocks: h = h + torch.relu(b(h))
        return self.out(h)
net = Net()
opt = torch.optim.Adam(net.parameters(), lr=2e-3)
ema = [p.detach().clone() for p in net.parameters()]
def step():
    i = torch.randint(0, data.shape[0], (B,)); t = torch.randint(0, T, (B,)); eps = torch.randn(B, 2)
    xt = sqrt_ab[t, None] * data[i] + sqrt_1mab[t, None] * eps
    loss = ((net(features(xt, t)) - eps) ** 2).mean()
    opt.zero_grad(set_to_none=True); loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
    opt.step()
    with torch.no_grad():
        for e, p in zip(ema, net.parameters()): e.lerp_(p, 0.005)
for _ in range(30): step()
best = 0.0
for trial in range(int(sys.argv[1]) if len(sys.argv) > 1 else 5):
    t0 = time.perf_counter(); n = 0
    while time.perf_counter() - t0 < 2: step(); n += 1
    best = max(best, n / (time.perf_counter() - t0))
print(f"pytorch {torch.__version__}, 1 thread: {best:.0f} steps/s (best of 2-s runs)")
