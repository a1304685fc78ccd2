#!/usr/bin/env python3
"""Regenerate the Samples/ fleet into a temporary folder and compare it with the committed files.

Proves that the committed samples are exactly what make_samples.py (the sosgen package) writes,
so a change to the generator that changes a sample cannot go unnoticed. Exit status 1 on any
difference, with one line per difference.

    python3 Samples/check_regeneration.py

What is compared, and why not everything byte for byte:
- expected.json, expected-correlation.json, README.md: byte for byte.
- Archives: the uncompressed tar stream, byte for byte (so every header, mtime, owner, PAX
  record and member order is checked). The compressed bytes depend on the xz/bzip2/zlib library
  that Python links (an xz 5.2 and a 5.4 liblzma may encode the same data differently), so a
  compressed-bytes difference is printed as a note only. The file names must match too, and the
  2.2 names carry the md5 of the compressed bytes: a liblzma that compresses differently shows
  up as a missing and an extra archive with the same tar inside, reported as such.
- The extracted folder: every file's bytes and every symlink's target. Not the mtimes (git does
  not keep them) and not the empty sos_reports/ folder (git drops empty folders).
"""
from __future__ import annotations

import bz2
import gzip
import lzma
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DECOMPRESS = {".xz": lzma.decompress, ".bz2": bz2.decompress, ".gz": gzip.decompress}
TEXT_OUTPUTS = ["expected.json", "expected-correlation.json", "README.md"]


def generated_names(folder: Path) -> set[str]:
    """What make_samples.py writes, besides TEXT_OUTPUTS: sosreport-* archives and 2.2 folders."""
    return {p.name for p in folder.iterdir()
            if p.name.startswith("sosreport-") or (p.is_dir() and p.name[:1].isalpha() and "-20" in p.name
                                                   and (p / "sos_commands").is_dir())}


def tree_of(folder: Path) -> dict[str, bytes | tuple[str, str]]:
    """Relative path -> file bytes, or ("link", target); directories are implied by their contents."""
    out: dict[str, bytes | tuple[str, str]] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                out[rel] = ("link", os.readlink(path))
            elif path.is_file():
                out[rel] = path.read_bytes()
    return out


def tar_stream(path: Path) -> bytes:
    return DECOMPRESS[path.suffix](path.read_bytes())


def compare(committed: Path, fresh: Path) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    notes: list[str] = []
    old, new = generated_names(committed), generated_names(fresh)
    for name in sorted(old & new):
        a, b = committed / name, fresh / name
        if a.is_dir():
            ta, tb = tree_of(a), tree_of(b)
            for rel in sorted(ta.keys() | tb.keys()):
                if rel not in ta:
                    problems.append(f"{name}/{rel}: written by the generator, not committed")
                elif rel not in tb:
                    problems.append(f"{name}/{rel}: committed, no longer written by the generator")
                elif ta[rel] != tb[rel]:
                    problems.append(f"{name}/{rel}: differs from a fresh run")
        elif tar_stream(a) != tar_stream(b):
            problems.append(f"{name}: the tar inside differs from a fresh run")
        elif a.read_bytes() != b.read_bytes():
            notes.append(f"{name}: same tar, other compressed bytes (another compression library)")
    missing, extra = sorted(old - new), sorted(new - old)
    renamed: dict[str, str] = {}
    for name in missing:
        # a 2.2 name ends in 4 hex digits of the xz bytes' md5: pair it with its fresh twin
        twin = next((x for x in extra if x.rsplit("-", 1)[0] == name.rsplit("-", 1)[0]), None)
        if twin is None:
            problems.append(f"{name}: committed, no longer written by the generator")
            continue
        extra.remove(twin)
        if tar_stream(fresh / twin) == tar_stream(committed / name):
            notes.append(f"{name}: regenerated as {twin}, same tar (another liblzma: other xz bytes, other md5 name)")
            renamed[name] = twin
        else:
            problems.append(f"{name}: the tar inside differs from a fresh run (which names it {twin})")
    problems += [f"{name}: written by the generator, not committed" for name in extra]
    for name in TEXT_OUTPUTS:
        text = (fresh / name).read_bytes()
        for old_name, new_name in renamed.items():   # expected.json and README.md name the archives
            text = text.replace(new_name.encode(), old_name.encode())
        if (committed / name).read_bytes() != text:
            problems.append(f"{name}: differs from a fresh run")
    return problems, notes


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="sosgen-check-") as tmp:
        fresh = Path(tmp)
        run = subprocess.run([sys.executable, "-B", str(HERE / "make_samples.py"), "--out", str(fresh)],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(f"make_samples.py failed ({run.returncode}):\n{run.stderr}", file=sys.stderr)
            return 1
        problems, notes = compare(HERE, fresh)
        count = len(generated_names(fresh))
    for line in notes:
        print(f"note: {line}")
    for line in problems:
        print(f"DIFFERS: {line}")
    if problems:
        print(f"{len(problems)} difference(s): regenerate with `python3 Samples/make_samples.py` if intended")
        return 1
    same = "tar streams identical" if notes else "every file byte-identical"
    print(f"Samples/ matches a fresh make_samples.py run ({count} reports and {len(TEXT_OUTPUTS)} text files, {same})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
