"""Kernel modules as lsmod and /proc/modules print them (RHEL 6 module-init-tools and the
kmod layout of RHEL 7/9)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Mod:
    name: str
    size: int
    used: int
    holders: str
    path: str                 # under /lib/modules/<rel>/ (kernel/... or extra/... or weak-updates/...)
    license: str = "GPL"
    version: str | None = None
    description: str = ""
    author: str = ""
    depends: str = ""


def M(name, size, used, holders, path, lic="GPL", ver=None, desc="", author="", dep=""):
    return Mod(name, size, used, holders, path, lic, ver, desc, author, dep)


def parse_mods(table: str) -> list[Mod]:
    mods = []
    for line in table.strip().splitlines():
        head, lic, ver, desc = line.split("|")
        name, size, used, holders, path = head.split(" ")
        mods.append(Mod(name, int(size), int(used), "" if holders == "-" else holders, "kernel/" + path, lic,
                        ver or None, desc, "", ""))
    for m in mods:   # depends = modules that list m among their holders... inverted: m depends on X if m in X.holders
        m.depends = ",".join(x.name for x in mods if m.name in x.holders.split(","))
    return mods


# lsmod's header (module-init-tools and kmod print the same one).
LSMOD_HEADER = "Module                  Size  Used by"


def lsmod_text(mods: list[Mod]) -> str:
    out = [LSMOD_HEADER + "\n"]
    for m in mods:
        out.append(f"{m.name:<19} {m.size:>8}  {m.used} {m.holders}\n")
    return "".join(out)


def lsmod_modern(mods: list[Mod]) -> str:
    out = [LSMOD_HEADER + "\n"]
    for m in mods:
        out.append(f"{m.name:<19} {m.size:>8}  {m.used}{(' ' + m.holders) if m.holders else ''}\n")
    return "".join(out)


def proc_modules(mods: list[Mod]) -> str:
    out = []
    for i, m in enumerate(mods):
        holders = "".join(h + "," for h in m.holders.split(",")) if m.holders else "-"
        out.append(f"{m.name} {m.size} {m.used} {holders} Live 0xffffffffc{(0x0a00000 + i * 0x23000):07x}\n")
    return "".join(out)
