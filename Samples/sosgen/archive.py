"""Writes a report tree as a tar (GNU or PAX, fixed owner and mtimes), as an extracted folder,
or xz-compressed as sos 2.2 does."""
from __future__ import annotations

import io
import lzma
import os
import shutil
import tarfile
from pathlib import Path

from .tree import DIR, Link, Tree


def tarinfo(path: str, e: object, mtime: int, pax: dict | None) -> tuple[tarfile.TarInfo, bytes | None]:
    ti = tarfile.TarInfo(path)
    ti.mtime = mtime
    ti.uid = ti.gid = 0
    ti.uname = ti.gname = "root"
    data = None
    if e is DIR:
        ti.type = tarfile.DIRTYPE
        ti.mode = 0o755
    elif isinstance(e, Link):
        ti.type = tarfile.SYMTYPE
        ti.linkname = e.target
        ti.mode = 0o777
    else:
        data = e  # type: ignore[assignment]
        ti.size = len(data)
        ti.mode = 0o444 if path.split("/", 1)[-1].startswith(("proc/", "sys/")) else 0o644
    if pax is not None:
        ti.pax_headers = dict(pax)
    return ti, data


def write_tar(members: list[tuple[str, object]], mtime: int, fmt: int, pax: dict | None = None) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for path, e in members:
            ti, data = tarinfo(path, e, mtime, pax)
            tar.addfile(ti, io.BytesIO(data) if data is not None else None)
    return buf.getvalue()


def write_dir(tree: Tree, dest: Path, mtime: int) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    dirs = [dest]
    for path, e in sorted(tree.entries.items()):
        p = dest / path
        p.parent.mkdir(parents=True, exist_ok=True)
        if e is DIR:
            p.mkdir(parents=True, exist_ok=True)
        elif isinstance(e, Link):
            os.symlink(e.target, p)
        else:
            p.write_bytes(e)  # type: ignore[arg-type]
    for root, ds, fs in os.walk(dest):
        for n in fs + ds:
            q = Path(root) / n
            os.utime(q, (mtime, mtime), follow_symlinks=False)
        dirs.append(Path(root))
    for d in sorted(dirs, key=lambda x: -len(str(x))):
        os.utime(d, (mtime, mtime))


def xz(data: bytes, preset: int) -> bytes:
    return lzma.compress(data, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=preset)
