#!/usr/bin/env python3
"""Re-derive the main facts of every sample straight from the files and compare with expected.json.

Independent of make_samples.py (reads only the archives / folder), so it catches a generator whose
expected values drift from what it wrote. Also checks the tar-level properties each generation must
have. Exit status 1 on any mismatch.

    python3 Samples/check_samples.py [DIR]
"""
import bz2
import gzip
import json
import lzma
import re
import sys
import tarfile
from pathlib import Path, PurePosixPath


def load(path: Path):
    """{relative path: bytes | ('link', target)}, top folder name, member names in order, tarfile format."""
    files, order, fmt = {}, [], None
    if path.is_dir():
        top = path.name
        for p in sorted(path.rglob("*")):
            rel = p.relative_to(path).as_posix()
            if p.is_symlink():
                files[rel] = ("link", str(p.readlink()))
            elif p.is_file():
                files[rel] = p.read_bytes()
        return files, top, order, "directory", None
    opener = {".xz": lzma.open, ".bz2": bz2.open, ".gz": gzip.open}[path.suffix]
    with opener(path) as raw:
        head = raw.read(512)
    # tarfile does not report the format it read, so look at the first header: GNU magic is
    # "ustar  \0"; a PAX archive starts with an 'x' extended header in POSIX "ustar\0" + "00"
    fmt = "gnu" if head[257:265] == b"ustar  \x00" else ("pax" if head[156:157] == b"x" and head[257:263] == b"ustar\x00" else "other")
    with tarfile.open(path) as t:
        members = t.getmembers()
        top = members[0].name.split("/")[0]
        for m in members:
            order.append(m)
            rel = m.name.split("/", 1)[1] if "/" in m.name else ""
            if m.issym():
                files[rel] = ("link", m.linkname)
            elif m.isfile():
                files[rel] = t.extractfile(m).read()
    return files, top, order, "tar", fmt


def read(files, rel, depth=0):
    v = files.get(rel)
    if isinstance(v, tuple) and depth < 8:
        target = str(PurePosixPath(rel).parent / v[1])
        parts = []
        for p in target.split("/"):
            if p == "..":
                parts.pop()
            elif p not in (".", ""):
                parts.append(p)
        return read(files, "/".join(parts), depth + 1)
    return v.decode("utf-8", "replace") if isinstance(v, bytes) else None


def derive(files):
    d = {}
    d["hostname"] = (read(files, "hostname") or "").strip()
    d["kernel"] = (read(files, "uname") or "").split()[2]
    rel = read(files, "etc/redhat-release") or ""
    d["osVersion"] = re.search(r"release (\d+\.\d+)", rel).group(1)
    if "sos_reports/manifest.json" in files:
        d["sosGeneration"] = "4.x"
    elif "version.txt" in files:
        d["sosGeneration"] = "3.x"
    elif "sos_logs/sos.log" in files and "sos_commands/general/dmesg_now" in files:
        d["sosGeneration"] = "2.2"
    nics = {}
    for k in files:
        if k.startswith("sos_commands/networking/ethtool_-i_"):
            m = re.search(r"^driver: (\S+)", read(files, k) or "", re.M)
            if m:
                nics[k.rsplit("_", 1)[1]] = m.group(1)
    d["nics"] = nics
    d["moduleCount"] = len((read(files, "lsmod") or "").strip().splitlines()) - 1
    modinfo = next(read(files, k) for k in files if k.startswith("sos_commands/kernel/modinfo_"))
    third = []
    for rec in re.split(r"(?m)^(?=filename:)", modinfo):
        if re.search(r"(?m)^license:\s+Proprietary", rec):
            third.append(re.search(r"/([^/]+)\.ko", rec).group(1))
    d["thirdPartyModules"] = sorted(third)
    d["taint"] = int(read(files, "proc/sys/kernel/tainted"))
    msgs = read(files, "var/log/messages") or ""
    heads = re.findall(r"kernel: (\S+): page allocation failure\. order:(\d+), mode:(0x[0-9a-f]+)", msgs)
    d["failures"] = [(p, int(o), m) for p, o, m in heads]
    if d["sosGeneration"] == "2.2":
        for f in ("sos_commands/general/dmesg", "sos_commands/general/dmesg_now"):
            dm = re.findall(r"(?m)^(\S+): page allocation failure\. order:(\d+), mode:(0x[0-9a-f]+)", read(files, f))
            assert [(p, int(o), m) for p, o, m in dm] == d["failures"], f"{f} disagrees with messages"
    d["minFreeKbytes"] = int(read(files, "proc/sys/vm/min_free_kbytes"))
    d["zoneReclaimMode"] = int(read(files, "proc/sys/vm/zone_reclaim_mode"))
    mi = read(files, "proc/meminfo")
    d["memTotalKiB"] = int(re.search(r"MemTotal:\s+(\d+)", mi).group(1))
    d["memFreeKiB"] = int(re.search(r"MemFree:\s+(\d+)", mi).group(1))
    rows = []
    for line in (read(files, "proc/buddyinfo") or "").splitlines():
        m = re.match(r"Node (\d+), zone\s+(\S+)\s+(.*)", line)
        rows.append({"node": int(m.group(1)), "zone": m.group(2), "freeBlocks": [int(x) for x in m.group(3).split()]})
    d["buddyinfo"] = rows
    d["cluster"] = (re.search(r'<cluster [^>]*name="([^"]+)"', read(files, "etc/cluster/cluster.conf") or "") or [None, None])[1]
    return d


def main():
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    expected = json.loads((root / "expected.json").read_text())
    bad = 0
    for name, e in expected.items():
        files, top, order, kind, fmt = load(root / name)
        d = derive(files)
        checks = {
            "topFolder": (top, e["topFolder"]),
            "hostname": (d["hostname"], e["hostname"]), "kernel": (d["kernel"], e["kernel"]),
            "osVersion": (d["osVersion"], e["osVersion"]), "sosGeneration": (d["sosGeneration"], e["sosGeneration"]),
            "nics": (d["nics"], e["nics"]), "moduleCount": (d["moduleCount"], e["moduleCount"]),
            "thirdPartyModules": (d["thirdPartyModules"], e["thirdPartyModules"]),
            "taint": (d["taint"], e["taint"]["value"]),
            "failures": (d["failures"], [(f["process"], f["order"], f["gfpMask"]) for f in e["allocationFailures"]["failures"]]),
            "minFreeKbytes": (d["minFreeKbytes"], e["minFreeKbytes"]),
            "zoneReclaimMode": (d["zoneReclaimMode"], e["zoneReclaimMode"]),
            "memTotalKiB": (d["memTotalKiB"], e["memTotalKiB"]), "memFreeKiB": (d["memFreeKiB"], e["memFreeKiB"]),
            "memFree=buddy": (d["memFreeKiB"], sum(c * 4 << k for r in d["buddyinfo"] for k, c in enumerate(r["freeBlocks"]))),
            "buddyinfo": (d["buddyinfo"], e["buddyinfo"]), "cluster": (d["cluster"], e["cluster"]),
        }
        if kind == "tar":
            names = [m.name.rstrip("/") for m in order]
            checks["top folder starts with the short hostname"] = (e["sosGeneration"] != "2.2" or top.startswith(e["shortHostname"] + "-"), True)
            if e["sosGeneration"] in ("2.2", "3.x"):
                checks["GNU format"] = (fmt, "gnu")
                checks["unsorted"] = (names != sorted(names), True)
                checks["top dir first"] = (names[0], top)
            else:
                checks["PAX format"] = (fmt, "pax")
                checks["4.5.2 order"] = (names[0], f"{top}/version.txt")
                checks["pax atime"] = (all("atime" in m.pax_headers for m in order), True)
        for k, (got, want) in checks.items():
            if got != want:
                bad += 1
                print(f"MISMATCH {name} {k}: got {str(got)[:200]} want {str(want)[:200]}")
        print(f"ok {name}" if not bad else f"checked {name}")
    print("ALL OK" if not bad else f"{bad} mismatches")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
