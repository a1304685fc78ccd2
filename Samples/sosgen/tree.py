"""A report as a tree of paths (files, symlinks, directories) and the member orders sos writes:
2.2/3.x readdir order, and the 4.5.2+ order."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass
class Link:
    target: str


DIR = object()   # explicit (possibly empty) directory


class Tree:
    """Paths relative to the report's top folder → bytes | Link | DIR."""

    def __init__(self) -> None:
        self.entries: dict[str, object] = {}

    def add(self, path: str, content: str | bytes) -> None:
        self.entries[path] = content.encode() if isinstance(content, str) else content

    def link(self, path: str, target: str) -> None:
        self.entries[path] = Link(target)

    def mkdir(self, path: str) -> None:
        self.entries[path] = DIR

    def children(self) -> dict[str, dict]:
        """Nested dict; leaves keep the entry, dirs are dicts."""
        root: dict = {}
        for path, e in self.entries.items():
            parts = path.split("/")
            cur = root
            for p in parts[:-1]:
                cur = cur.setdefault(p, {})
            if e is DIR:
                cur.setdefault(parts[-1], {})
            else:
                cur[parts[-1]] = e
        return root


def readdir_order(names: list[str], key: str) -> list[str]:
    """A fixed pseudo-random order standing in for ext4 hash order of readdir()."""
    return sorted(names, key=lambda n: hashlib.sha1(f"{key}/{n}".encode()).hexdigest())


def walk(node: dict, prefix: str, order) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for name in order(list(node), prefix):
        e = node[name]
        p = f"{prefix}/{name}"
        if isinstance(e, dict):
            out.append((p, DIR))
            out += walk(e, p, order)
        else:
            out.append((p, e))
    return out


def members_unsorted(tree: Tree, top: str) -> list[tuple[str, object]]:
    return [(top, DIR)] + walk(tree.children(), top, readdir_order)


def members_sos452(tree: Tree, top: str) -> list[tuple[str, object]]:
    """sos 4.5.2+ order: version.txt, sos_reports/**, sos_logs/**, <top>/, then the rest (sorted)."""
    srt = lambda names, _key: sorted(names)
    ch = tree.children()
    out: list[tuple[str, object]] = [(f"{top}/version.txt", ch["version.txt"])]
    for d in ("sos_reports", "sos_logs"):
        out.append((f"{top}/{d}", DIR))
        out += walk(ch[d], f"{top}/{d}", srt)
    out.append((top, DIR))
    rest = {k: v for k, v in ch.items() if k not in ("version.txt", "sos_reports", "sos_logs")}
    out += walk(rest, top, srt)
    return out
