"""Plain PyTorch-in-Python version of one static subnet, timed for `nat bench supernet --python`.

usage: /usr/bin/python3 bench_static_net.py SPEC.json

SPEC.json (written by the bench): {"space": <search-space preset JSON>, "subnet": <net.subnet JSON>,
"classes": N, "input_channels": C, "batch": B, "resolution": R, "threads": T, "channels_last": bool,
"dropout": p, "warmup": W, "seed": S, "device": "cpu"|"cuda"|"cuda:N", "bf16": bool}.
On CUDA the timings synchronise the device, and "bf16" runs forward and loss under
torch.autocast("cuda", dtype=torch.bfloat16), as the C++ side's --bf16 does.

The network is built here from torch.nn modules (stem conv/BN/h_swish, the MBConv layers of the
architecture, final expand, pooling, feature mix, dropout, linear), the same computation as our
C++ StaticSubnet. After W warm-up steps the script reads commands from stdin, one per line, and
answers each with one JSON line, so the C++ bench can interleave its runs with ours:
  "train N"  → N timed training steps (forward, cross-entropy, backward, SGD step)
  "infer N"  → N timed inference batches (eval mode, no grad)
  "quit"
Benchmark helper only: the application never runs Python.
"""
import contextlib
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def make_divisible(v, divisor=8):
    n = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return n + divisor if n < 0.9 * v else n


def activation(name):
    return nn.ReLU() if name == "relu" else nn.Hardswish()


class SqueezeExcite(nn.Module):
    def __init__(self, channels, reduction):
        super().__init__()
        mid = make_divisible(channels // reduction)
        self.reduce = nn.Conv2d(channels, mid, 1, bias=True)
        self.expand = nn.Conv2d(mid, channels, 1, bias=True)

    def forward(self, x):
        g = x.mean((2, 3), keepdim=True)
        g = F.hardsigmoid(self.expand(F.relu(self.reduce(g))))
        return x * g


class MBConv(nn.Module):
    def __init__(self, cin, cout, kernel, expand, stride, act, se, reduction):
        super().__init__()
        mid = make_divisible(round(cin * expand))
        layers = []
        if expand != 1:
            layers += [nn.Conv2d(cin, mid, 1, bias=False), nn.BatchNorm2d(mid), activation(act)]
        layers += [nn.Conv2d(mid, mid, kernel, stride, kernel // 2, groups=mid, bias=False), nn.BatchNorm2d(mid),
                   activation(act)]
        if se:
            layers.append(SqueezeExcite(mid, reduction))
        layers += [nn.Conv2d(mid, cout, 1, bias=False), nn.BatchNorm2d(cout)]
        self.body = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        y = self.body(x)
        return y + x if self.residual else y


class StaticNet(nn.Module):
    def __init__(self, space, subnet, classes, in_channels, dropout):
        super().__init__()
        w = space["width_mults"].index(subnet.get("w", space["width_mults"][0]))
        stem = space["stem_channels"][w]
        self.stem = nn.Sequential(nn.Conv2d(in_channels, stem, 3, space["stem_stride"], 1, bias=False),
                                  nn.BatchNorm2d(stem), nn.Hardswish())
        red = space["se_reduction"]
        blocks = [MBConv(stem, space["first_block_channels"][w], 3, 1, 1, space["first_block_act"], False, red)]
        cin, layer = space["first_block_channels"][w], 0
        for stage, depth in zip(space["stages"], subnet["d"]):
            for j in range(depth):
                cout = stage["channels"][w]
                blocks.append(MBConv(cin, cout, subnet["ks"][layer], subnet["e"][layer], stage["stride"] if j == 0 else 1,
                                     stage["act"], stage["se"], red))
                cin, layer = cout, layer + 1
        self.blocks = nn.Sequential(*blocks)
        final, mix = space["final_expand_channels"][w], space["feature_mix_channels"][w]
        self.final_expand = nn.Sequential(nn.Conv2d(cin, final, 1, bias=False), nn.BatchNorm2d(final), nn.Hardswish())
        self.feature_mix = nn.Sequential(nn.Conv2d(final, mix, 1, bias=False), nn.Hardswish())
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(mix, classes)

    def forward(self, x):
        y = self.final_expand(self.blocks(self.stem(x)))
        y = self.feature_mix(y.mean((2, 3), keepdim=True)).flatten(1)
        return self.classifier(self.dropout(y))


class Bench:
    def __init__(self, spec):
        torch.manual_seed(spec.get("seed", 0))
        torch.set_num_threads(spec["threads"])
        self.device = torch.device(spec.get("device", "cpu"))
        self.bf16 = bool(spec.get("bf16", False))
        self.net = StaticNet(spec["space"], spec["subnet"], spec["classes"], spec["input_channels"], spec["dropout"])
        self.net.to(self.device)
        if spec["channels_last"] and self.device.type == "cuda":
            self.net.to(memory_format=torch.channels_last)  # PyTorch's own GPU recipe (weights too)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=0.01, momentum=0.9)
        b, r = spec["batch"], spec["resolution"]
        self.x = torch.randn(b, spec["input_channels"], r, r, device=self.device)
        if spec["channels_last"]:
            self.x = self.x.to(memory_format=torch.channels_last)  # also for 1 channel, unlike .contiguous()
        self.y = torch.randint(0, spec["classes"], (b,), device=self.device)
        for _ in range(spec["warmup"]):
            self.train(1)
            self.infer(1)

    def autocast(self):
        # A CPU-only PyTorch refuses even a disabled CUDA autocast: no context at all there.
        if self.bf16 and self.device.type == "cuda":
            return torch.autocast("cuda", dtype=torch.bfloat16)
        return contextlib.nullcontext()

    def sync(self):
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)

    def train(self, steps):
        self.net.train()
        self.sync()
        start = time.perf_counter()
        for _ in range(steps):
            self.opt.zero_grad(set_to_none=True)
            with self.autocast():
                loss = F.cross_entropy(self.net(self.x), self.y)
            loss.backward()
            self.opt.step()
        self.sync()
        return steps * self.x.shape[0] / (time.perf_counter() - start)

    def infer(self, steps):
        self.net.eval()
        with torch.no_grad(), self.autocast():
            self.sync()
            start = time.perf_counter()
            for _ in range(steps):
                self.net(self.x)
            self.sync()
            return steps * self.x.shape[0] / (time.perf_counter() - start)


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    bench = Bench(spec)
    params = sum(p.numel() for p in bench.net.parameters())
    print(json.dumps({"ready": True, "params": params, "threads": torch.get_num_threads(),
                      "torch": torch.__version__}), flush=True)
    for line in sys.stdin:
        cmd = line.split()
        if not cmd or cmd[0] == "quit":
            break
        rate = bench.train(int(cmd[1])) if cmd[0] == "train" else bench.infer(int(cmd[1]))
        print(json.dumps({"images_per_s": rate}), flush=True)


if __name__ == "__main__":
    main()
