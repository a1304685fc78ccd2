"""Writes the whole Samples/ fleet into a folder: one file (or folder) per report, named and
compressed as its sos generation does, then expected.json, expected-correlation.json and
README.md."""
from __future__ import annotations

import bz2
import gzip
import hashlib
import json
import re
import shutil
import tarfile
from pathlib import Path

from .archive import write_dir, write_tar, xz
from .expected import expected22, expected_correlation, expected_modern
from .readme import write_readme
from .sos22 import build22
from .sos_modern import build_modern
from .story import Host, Modern, modern_hosts, rhel6_hosts
from .times import epoch
from .tree import members_sos452, members_unsorted


def remove_earlier_outputs(out: Path) -> None:
    """Only what this generator writes: a folder may hold other files (Samples/ holds the scripts)."""
    for p in out.glob("sosreport-*"):
        p.unlink()
    for p in out.iterdir():
        if p.is_dir() and re.match(r"^[a-z0-9]+-\d{22}$", p.name):
            shutil.rmtree(p)


def write_rhel6_report(out: Path, h: Host) -> tuple[str, dict, dict]:
    """sos 2.2: `.tar.xz` named after the archive's md5 (as 2.2 renames after hashing), or the folder."""
    tr, facts = build22(h)
    stamp = h.collected
    top = f"{h.short}-{stamp:%Y%m%d%H%M}{epoch(stamp)}"
    mt = epoch(stamp)
    if h.extracted:
        write_dir(tr, out / top, mt)
        key = top
        return key, facts, expected22(h, facts, top, "directory")
    data = xz(write_tar(members_unsorted(tr, top), mt, tarfile.GNU_FORMAT), preset=1)
    key = f"sosreport-{h.archive_name}-{stamp:%Y%m%d%H%M%S}-{hashlib.md5(data).hexdigest()[-4:]}.tar.xz"
    (out / key).write_bytes(data)
    return key, facts, expected22(h, facts, top, "tar.xz")


def write_modern_report(out: Path, h: Modern) -> tuple[str, dict, dict]:
    """sos 3.9: GNU tar, bzip2 level 1; sos 4.7.2: PAX tar in the 4.5.2+ order, gzip (mtime 0)."""
    tr, facts = build_modern(h)
    mt = epoch(h.collected)
    top = facts["top"]
    if h.gen == "3.x":
        raw = write_tar(members_unsorted(tr, top), mt, tarfile.GNU_FORMAT)
        data = bz2.compress(raw, compresslevel=1)
        key, fmt, tfmt = f"{top}.tar.bz2", "tar.bz2", "gnu"
    else:
        pax = {"atime": f"{mt}.{h.seed:06d}", "ctime": f"{mt}.{h.seed:06d}"}
        raw = write_tar(members_sos452(tr, top), mt, tarfile.PAX_FORMAT, pax)
        data = gzip.compress(raw, compresslevel=6, mtime=0)
        key, fmt, tfmt = f"{top}.tar.gz", "tar.gz", "pax"
    (out / key).write_bytes(data)
    return key, facts, expected_modern(h, facts, fmt, tfmt)


def write_samples(out: Path, readme_template: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    remove_earlier_outputs(out)
    expected: dict[str, dict] = {}
    hostrows = []
    for h in rhel6_hosts():
        key, facts, expected[key] = write_rhel6_report(out, h)
        hostrows.append((key, h, facts))
    for h in modern_hosts():
        key, facts, expected[key] = write_modern_report(out, h)
        hostrows.append((key, h, facts))
    (out / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=False) + "\n")
    (out / "expected-correlation.json").write_text(json.dumps(expected_correlation(expected), indent=1) + "\n")
    write_readme(out, hostrows, readme_template)
