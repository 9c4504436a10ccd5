"""Writes the checkpoint files that state_dict_reader_test reads, with Debian's python3-torch.

usage: /usr/bin/python3 state_dict_fixtures.py OUT_DIR

For every readable file NAME it also writes NAME.expected (one line per tensor that readStateDict
must return, in order: key, dtype, ndim, sizes..., byte offset and byte count in NAME.blob) and
NAME.blob (the tensors' contiguous bytes). Test input only; the application never runs Python.
"""
import argparse
import collections
import os
import pickle
import sys
import time
import zipfile

import numpy as np
import torch

OUT = sys.argv[1]
torch.manual_seed(0)


def path(name):
    return os.path.join(OUT, name)


def expect(name, tensors):
    with open(path(name + ".expected"), "w") as lines, open(path(name + ".blob"), "wb") as blob:
        pos = 0
        for key, t in tensors.items():
            if not isinstance(t, torch.Tensor):
                continue
            data = t.detach().contiguous().flatten().view(torch.uint8).numpy().tobytes()
            sizes = " ".join(str(s) for s in t.shape)
            lines.write(f"{key} {t.dtype} {t.dim()} {sizes} {pos} {len(data)}\n")
            blob.write(data)
            pos += len(data)


def save(name, obj, expected=None, legacy=False, protocol=2):
    torch.save(obj, path(name), _use_new_zipfile_serialization=not legacy, pickle_protocol=protocol)
    if expected is not None:
        expect(name, expected)


def save_both(stem, obj, expected, protocol=2):
    save(f"zip_{stem}.pt", obj, expected, protocol=protocol)
    save(f"legacy_{stem}.pt", obj, expected, legacy=True, protocol=protocol)


def every_dtype():
    return collections.OrderedDict([
        ("f32", torch.randn(3, 4)),
        ("f16", torch.randn(5).half()),
        ("bf16", torch.randn(2, 3).bfloat16()),
        ("f64", torch.randn(2, 2, dtype=torch.float64)),
        ("i64", torch.arange(-3, 7)),
        ("i32", torch.arange(4, dtype=torch.int32) * -70000),
        ("i16", torch.tensor([-300, 5], dtype=torch.int16)),
        ("i8", torch.tensor([-128, 127], dtype=torch.int8)),
        ("u8", torch.tensor([0, 255], dtype=torch.uint8)),
        ("bool", torch.tensor([True, False, True])),
        ("scalar", torch.tensor(2.5)),
        ("empty", torch.zeros(0, 3)),
    ])


def views():
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    return collections.OrderedDict([
        ("base", base), ("transposed", base.t()), ("slice", base[1:3, 2:5]), ("row", base[2]),
        ("every_other", base[:, ::2]), ("expanded", torch.randn(3, 1).expand(3, 4)),
    ])


def small_net():
    net = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3), torch.nn.BatchNorm2d(8), torch.nn.ReLU(),
                              torch.nn.Flatten(), torch.nn.Linear(8, 4))
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    net(torch.randn(2, 3, 3, 3)).sum().backward()
    opt.step()
    return net, opt


def make_divisible(v, divisor=8):
    n = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return n + divisor if n < 0.9 * v else n


def ofa_shapes(width=1.0, classes=1000):
    """(key, shape) of OFA-MobileNetV3 (ofa_mbv3_d234_e346_k357_w*) in the current code's spelling."""
    w = [make_divisible(c * width) for c in (16, 16, 24, 40, 80, 112, 160, 960, 1280)]
    out = []

    def bn(prefix, c):
        out.extend((f"{prefix}.{p}", (c,)) for p in ("weight", "bias", "running_mean", "running_var"))
        out.append((f"{prefix}.num_batches_tracked", ()))

    out.append(("first_conv.conv.weight", (w[0], 3, 3, 3)))
    bn("first_conv.bn", w[0])
    out.append(("blocks.0.conv.depth_conv.conv.weight", (w[0], 1, 3, 3)))
    bn("blocks.0.conv.depth_conv.bn", w[0])
    out.append(("blocks.0.conv.point_linear.conv.weight", (w[1], w[0], 1, 1)))
    bn("blocks.0.conv.point_linear.bn", w[1])
    cin, block = w[1], 1
    for cout, se in zip(w[2:7], (False, True, False, True, True)):
        for _ in range(4):
            mid, p = make_divisible(round(cin * 6)), f"blocks.{block}.conv"
            out.append((f"{p}.inverted_bottleneck.conv.conv.weight", (mid, cin, 1, 1)))
            bn(f"{p}.inverted_bottleneck.bn.bn", mid)
            out.append((f"{p}.depth_conv.conv.7to5_matrix", (25, 25)))
            out.append((f"{p}.depth_conv.conv.5to3_matrix", (9, 9)))
            out.append((f"{p}.depth_conv.conv.conv.weight", (mid, 1, 7, 7)))
            bn(f"{p}.depth_conv.bn.bn", mid)
            if se:
                r = make_divisible(mid // 4)
                out += [(f"{p}.depth_conv.se.fc.reduce.weight", (r, mid, 1, 1)), (f"{p}.depth_conv.se.fc.reduce.bias", (r,)),
                        (f"{p}.depth_conv.se.fc.expand.weight", (mid, r, 1, 1)), (f"{p}.depth_conv.se.fc.expand.bias", (mid,))]
            out.append((f"{p}.point_linear.conv.conv.weight", (cout, mid, 1, 1)))
            bn(f"{p}.point_linear.bn.bn", cout)
            cin, block = cout, block + 1
    out.append(("final_expand_layer.conv.weight", (w[7], cin, 1, 1)))
    bn("final_expand_layer.bn", w[7])
    out.append(("feature_mix_layer.conv.weight", (w[8], w[7], 1, 1)))
    out += [("classifier.linear.weight", (classes, w[8])), ("classifier.linear.bias", (classes,))]
    return out


def old_spelling(key):
    """The same tensor's key in the 2020 OFA code (MobileInvertedResidualBlock, dynamic first/last layers)."""
    parts = key.split(".")
    if parts[0] == "blocks":
        parts[2] = "mobile_inverted_conv"
        key = ".".join(parts)
        if parts[1] != "0":
            return key
    elif parts[0] == "classifier":
        return key.replace(".linear.", ".linear.linear.")
    return key.replace(".conv.weight", ".conv.conv.weight").replace(".bn.", ".bn.bn.")


def ofa_state_dict():
    sd = collections.OrderedDict()
    for key, shape in ofa_shapes():
        if key.endswith("num_batches_tracked"):
            sd[key] = torch.tensor(1234)
        elif key.endswith("running_var"):
            sd[key] = torch.rand(shape) + 0.5
        else:
            sd[key] = torch.randn(shape) * 0.1
    return sd


def main():
    plain = every_dtype()
    save_both("plain", dict(plain), plain)
    save_both("proto4", dict(plain), plain, protocol=4)
    v = views()
    save_both("views", dict(v), v)

    net, opt = small_net()
    ckpt = {"epoch": 7, "best_acc": 0.25, "optimizer": opt.state_dict(), "state_dict": net.state_dict(),
            "args": argparse.Namespace(lr=0.1, name="x"), "np_scalar": np.float64(1.5), "note": "hello",
            "arch": [3, 5, 7], "flag": None}
    save_both("ckpt", ckpt, net.state_dict())
    params = collections.OrderedDict([("w", torch.nn.Parameter(torch.randn(2, 3))),
                                      ("frozen", torch.nn.Parameter(torch.randn(4), requires_grad=False)),
                                      ("buffer", torch.randn(2))])
    save_both("params", {"state_dict": params, "epoch": 1}, params)
    save_both("model_entry", {"model": net.state_dict(keep_vars=True), "epoch": 2}, net.state_dict())
    save_both("module_sd", net.state_dict(), net.state_dict())

    new = ofa_state_dict()
    start = time.perf_counter()
    save("ofa_new.pt", {"state_dict": new}, new)
    print(f"python torch.save of the OFA-sized file: {time.perf_counter() - start:.3f} s")
    old = collections.OrderedDict((old_spelling(k), v) for k, v in new.items())
    save("ofa_old.pt", {"state_dict": old, "epoch": 120, "best_acc": 77.0}, legacy=True)
    start = time.perf_counter()
    torch.load(path("ofa_new.pt"))
    print(f"python torch.load of the OFA-sized file: {time.perf_counter() - start:.3f} s")

    # Files that must be refused with a clear message.
    save("list.pt", [torch.ones(2), 3])
    save("module.pt", net)
    save("no_tensors.pt", {"epoch": 1, "name": "x"})
    save("complex.pt", {"z": torch.zeros(2, dtype=torch.complex64)})
    save("sparse.pt", {"s": torch.eye(3).to_sparse()})
    with zipfile.ZipFile(path("no_pkl.pt"), "w") as z:
        z.writestr("archive/version", "3\n")
        z.writestr("archive/data/0", b"\0" * 8)
    with open(path("plain_pickle.pkl"), "wb") as f:
        pickle.dump({"a": 1}, f, protocol=2)


if __name__ == "__main__":
    main()
