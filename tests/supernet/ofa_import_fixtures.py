"""Writes the OFA checkpoints that ofa_import_test reads, with Debian's python3-torch.

usage: /usr/bin/python3 ofa_import_fixtures.py OUT_DIR

Random weights in the complete key layout of ofa_mbv3_d234_e346_k357_w1.0 / _w1.2 (NAT-REFERENCE.md
§3), in the current and the 2020 key spellings, zip and legacy formats, plus reference logits of
one fixed subnet computed here with plain torch.nn.functional (our own re-implementation of the
OFA MobileNetV3 forward, written from the paper's description; not OFA's code). Test input only.
"""
import collections
import json
import math
import os
import sys

import torch
import torch.nn.functional as F

OUT = sys.argv[1]
STAGES = [  # base channels, stride, activation, squeeze-excite
    (24, 2, "relu", False), (40, 2, "relu", True), (80, 2, "h_swish", False),
    (112, 1, "h_swish", True), (160, 2, "h_swish", True)]


def make_divisible(v, divisor=8):
    n = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return n + divisor if n < 0.9 * v else n


def widths(width):
    w = [make_divisible(c * width) for c in (16, 16, 24, 40, 80, 112, 160, 960, 1280)]
    return {"stem": w[0], "first": w[1], "stages": w[2:7], "final": w[7], "mix": w[8]}


def ofa_layout(width, classes=1000):
    """(key, shape, kind) in the current OFA code's spelling."""
    w = widths(width)
    out = []

    def bn(prefix, c):
        out.extend((f"{prefix}.{p}", (c,), p) for p in ("weight", "bias", "running_mean", "running_var"))
        out.append((f"{prefix}.num_batches_tracked", (), "count"))

    out.append(("first_conv.conv.weight", (w["stem"], 3, 3, 3), "conv"))
    bn("first_conv.bn", w["stem"])
    out.append(("blocks.0.conv.depth_conv.conv.weight", (w["stem"], 1, 3, 3), "conv"))
    bn("blocks.0.conv.depth_conv.bn", w["stem"])
    out.append(("blocks.0.conv.point_linear.conv.weight", (w["first"], w["stem"], 1, 1), "conv"))
    bn("blocks.0.conv.point_linear.bn", w["first"])
    cin, block = w["first"], 1
    for cout, (_, _, _, se) in zip(w["stages"], STAGES):
        for _ in range(4):
            mid, p = make_divisible(round(cin * 6)), f"blocks.{block}.conv"
            out.append((f"{p}.inverted_bottleneck.conv.conv.weight", (mid, cin, 1, 1), "conv"))
            bn(f"{p}.inverted_bottleneck.bn.bn", mid)
            out.append((f"{p}.depth_conv.conv.7to5_matrix", (25, 25), "matrix"))
            out.append((f"{p}.depth_conv.conv.5to3_matrix", (9, 9), "matrix"))
            out.append((f"{p}.depth_conv.conv.conv.weight", (mid, 1, 7, 7), "conv"))
            bn(f"{p}.depth_conv.bn.bn", mid)
            if se:
                r = make_divisible(mid // 4)
                out += [(f"{p}.depth_conv.se.fc.reduce.weight", (r, mid, 1, 1), "conv"),
                        (f"{p}.depth_conv.se.fc.reduce.bias", (r,), "bias"),
                        (f"{p}.depth_conv.se.fc.expand.weight", (mid, r, 1, 1), "conv"),
                        (f"{p}.depth_conv.se.fc.expand.bias", (mid,), "bias")]
            out.append((f"{p}.point_linear.conv.conv.weight", (cout, mid, 1, 1), "conv"))
            bn(f"{p}.point_linear.bn.bn", cout)
            cin, block = cout, block + 1
    out.append(("final_expand_layer.conv.weight", (w["final"], cin, 1, 1), "conv"))
    bn("final_expand_layer.bn", w["final"])
    out.append(("feature_mix_layer.conv.weight", (w["mix"], w["final"], 1, 1), "conv"))
    out += [("classifier.linear.weight", (classes, w["mix"]), "linear"), ("classifier.linear.bias", (classes,), "bias")]
    return out


def old_spelling(key):
    """The 2020 spelling: MobileInvertedResidualBlock.mobile_inverted_conv, dynamic first/last layers."""
    parts = key.split(".")
    if parts[0] == "blocks":
        parts[2] = "mobile_inverted_conv"
        key = ".".join(parts)
        if parts[1] != "0":
            return key
    elif parts[0] == "classifier":
        return key.replace(".linear.", ".linear.linear.")
    return key.replace(".conv.weight", ".conv.conv.weight").replace(".bn.", ".bn.bn.")


def random_tensor(shape, kind):
    # Scales keep activations of order 1 through 20 blocks, so logits compare at 1e-4 absolute.
    if kind == "count":
        return torch.tensor(4321)
    if kind == "conv":
        fan_in = shape[1] * shape[2] * shape[3]
        return torch.randn(shape) * math.sqrt(1.0 / fan_in)
    if kind == "linear":
        return torch.randn(shape) * math.sqrt(1.0 / shape[1])
    if kind == "matrix":  # not symmetric, so a transposed use would show
        return torch.eye(shape[0]) + 0.1 * torch.randn(shape)
    if kind == "weight":
        return 1.0 + 0.1 * torch.randn(shape)
    if kind == "running_var":
        return 0.5 + torch.rand(shape)
    return 0.1 * torch.randn(shape)  # bias, running_mean


def state_dict(width):
    return collections.OrderedDict((k, random_tensor(s, kind)) for k, s, kind in ofa_layout(width))


# ---- our own forward of one fixed OFA subnet, on the current-spelling state_dict ----

def hswish(x):
    return x * F.relu6(x + 3.0) / 6.0


def act(x, name):
    return F.relu(x) if name == "relu" else hswish(x)


def bn(x, sd, prefix):
    c = x.shape[1]
    return F.batch_norm(x, sd[prefix + ".running_mean"][:c], sd[prefix + ".running_var"][:c],
                        sd[prefix + ".weight"][:c], sd[prefix + ".bias"][:c], False, 0.0, 1e-5)


def depthwise_filter(sd, p, mid, k):
    f = sd[p + ".depth_conv.conv.conv.weight"][:mid]
    for src, dst in ((7, 5), (5, 3)):
        if k > dst:
            break
        s = (src - dst) // 2
        centre = f[:, :, s:s + dst, s:s + dst].reshape(mid, dst * dst)
        f = F.linear(centre, sd[f"{p}.depth_conv.conv.{src}to{dst}_matrix"]).reshape(mid, 1, dst, dst)
    return f


def mbconv(x, sd, p, k, e, cout, stride, act_name, se):
    cin = x.shape[1]
    mid = make_divisible(round(cin * e))
    y = act(bn(F.conv2d(x, sd[p + ".inverted_bottleneck.conv.conv.weight"][:mid, :cin]), sd,
               p + ".inverted_bottleneck.bn.bn"), act_name)
    y = F.conv2d(y, depthwise_filter(sd, p, mid, k), None, stride, k // 2, 1, mid)
    y = act(bn(y, sd, p + ".depth_conv.bn.bn"), act_name)
    if se:
        r = make_divisible(mid // 4)
        g = y.mean((2, 3), keepdim=True)
        g = F.relu(F.conv2d(g, sd[p + ".depth_conv.se.fc.reduce.weight"][:r, :mid], sd[p + ".depth_conv.se.fc.reduce.bias"][:r]))
        g = F.conv2d(g, sd[p + ".depth_conv.se.fc.expand.weight"][:mid, :r], sd[p + ".depth_conv.se.fc.expand.bias"][:mid])
        y = y * (F.relu6(g + 3.0) / 6.0)
    y = bn(F.conv2d(y, sd[p + ".point_linear.conv.conv.weight"][:cout, :mid]), sd, p + ".point_linear.bn.bn")
    return y + x if stride == 1 and cin == cout else y


def forward(sd, width, subnet, x):
    w = widths(width)
    y = hswish(bn(F.conv2d(x, sd["first_conv.conv.weight"], None, 2, 1), sd, "first_conv.bn"))
    z = F.relu(bn(F.conv2d(y, sd["blocks.0.conv.depth_conv.conv.weight"], None, 1, 1, 1, y.shape[1]), sd,
                  "blocks.0.conv.depth_conv.bn"))
    z = bn(F.conv2d(z, sd["blocks.0.conv.point_linear.conv.weight"]), sd, "blocks.0.conv.point_linear.bn")
    y = z + y if y.shape[1] == z.shape[1] else z
    layer = 0
    for s, (cout, (_, stride, act_name, se)) in enumerate(zip(w["stages"], STAGES)):
        for j in range(subnet["d"][s]):
            k, e = subnet["ks"][layer], subnet["e"][layer]
            y = mbconv(y, sd, f"blocks.{1 + 4 * s + j}.conv", k, e, cout, stride if j == 0 else 1, act_name, se)
            layer += 1
    y = hswish(bn(F.conv2d(y, sd["final_expand_layer.conv.weight"]), sd, "final_expand_layer.bn"))
    y = hswish(F.conv2d(y.mean((2, 3), keepdim=True), sd["feature_mix_layer.conv.weight"])).flatten(1)
    return F.linear(y, sd["classifier.linear.weight"], sd["classifier.linear.bias"])


SUBNETS = {  # every kernel, expand ratio and depth occurs; ks/e list the active layers only
    "1.0": {"ks": [3, 7, 5, 5, 7, 3, 3, 5, 7, 7, 3, 5, 5, 3, 7, 3], "e": [6, 3, 4, 4, 6, 3, 3, 6, 4, 3, 6, 4, 6, 3, 3, 4],
            "d": [2, 3, 4, 3, 4], "r": 192, "w": 1.0},
    "1.2": {"ks": [7, 5, 3, 3, 5, 7, 7, 3, 5, 5, 7, 3, 3, 5], "e": [3, 6, 4, 6, 3, 4, 6, 4, 3, 3, 4, 6, 4, 6],
            "d": [3, 2, 3, 4, 2], "r": 192, "w": 1.2},
}


def save(name, obj, legacy=False):
    torch.save(obj, os.path.join(OUT, name), _use_new_zipfile_serialization=not legacy)


def main():
    for label, width, seed in (("w10", 1.0, 10), ("w12", 1.2, 12)):
        torch.manual_seed(seed)
        sd = state_dict(width)
        old = collections.OrderedDict((old_spelling(k), v) for k, v in sd.items())
        save(f"{label}_new.pt", {"state_dict": sd, "epoch": 180})
        save(f"{label}_old_legacy.pt", {"state_dict": old, "epoch": 120, "best_acc": 77.0}, legacy=True)
        save(f"{label}_old_zip.pt", {"state_dict": old})
        subnet = SUBNETS[f"{width:.1f}"]
        x = torch.randn(2, 3, subnet["r"], subnet["r"])
        with torch.no_grad():
            logits = forward(sd, width, subnet, x)
        save(f"{label}_ref.pt", {"input": x, "logits": logits})
        with open(os.path.join(OUT, f"{label}_subnet.json"), "w") as f:
            json.dump(subnet, f)
        print(f"{label}: {len(sd)} tensors, {sum(v.numel() for k, v in sd.items() if 'running' not in k and 'num_batches' not in k)} "
              f"parameters, reference logits |max| {logits.abs().max().item():.3f}")

    torch.manual_seed(1)
    sd = state_dict(1.0)
    bad = collections.OrderedDict(sd)
    bad["blocks.5.conv.point_linear.conv.conv.weight"] = torch.zeros(40, 120, 1, 1)
    save("wrong_shape.pt", {"state_dict": bad})
    extra = collections.OrderedDict(sd)
    extra["blocks.3.conv.depth_conv.conv.9to7_matrix"] = torch.eye(49)
    del extra["final_expand_layer.bn.running_var"]
    save("extra_missing.pt", {"state_dict": extra})
    save("no_stem.pt", {"state_dict": collections.OrderedDict(list(sd.items())[5:])})


if __name__ == "__main__":
    main()
