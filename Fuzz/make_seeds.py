#!/usr/bin/env python3
"""Seed corpus for the fuzz targets, built from files already in the repository.

Parser targets get the corpus fixtures of their kind (Tests/SOSAnalyzerTests/Fixtures/) and the
matching members of the Samples/ reports. The archive target gets the Samples/ archives, a small
report repacked as plain tar, gzip, bzip2 and xz (one Block, and many small Blocks), a collect bundle holding it, and a tar with
links, hard links, a FIFO and an unsafe name. Nothing here is committed: run.sh writes the seeds
under Fuzz/work/ on every run.
"""
import bz2, glob, gzip, io, lzma, os, shutil, subprocess, sys, tarfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests/SOSAnalyzerTests/Fixtures")
SAMPLES = os.path.join(ROOT, "Samples")

# target -> (fixture globs under Fixtures/, member-path suffixes inside Samples/ reports)
KINDS = {
    "allocfail": (["corpus/allocfail-*", "corpus/taintmsg-*", "real/dmesg-excerpt"], ["var/log/messages", "var/log/dmesg", "sos_commands/general/dmesg"]),
    "banner": (["corpus/uname-*", "real/dmesg-excerpt", "corpus/allocfail-rhel6-01.txt"], ["var/log/dmesg", "sos_commands/general/dmesg"]),
    "buddyinfo": (["corpus/buddyinfo-*", "real/buddyinfo-*"], ["proc/buddyinfo"]),
    "dmidecode": (["real/dmidecode-*"], ["dmidecode"]),
    "ethtool": (["corpus/ethtool-i-*", "real/ethtool_-i_*"], ["/ethtool_-i_eth0", "/ethtool_-i_bond0"]),
    "gfp": ([], []),
    "kernlog": (["corpus/allocfail-*", "corpus/taintmsg-*", "real/dmesg-excerpt"], ["var/log/messages", "var/log/dmesg"]),
    "lsb-release": (["real/lsb-release", "real/lsb_release_-a", "corpus/release-*"], ["lsb_release_-a", "etc/lsb-release"]),
    "lsmod": (["corpus/lsmod-*", "real/lsmod", "real/proc-modules"], ["sos_commands/kernel/lsmod", "proc/modules"]),
    "meminfo": (["corpus/meminfo-*", "real/meminfo-*"], ["proc/meminfo"]),
    "modinfo": (["corpus/modinfo-*", "real/modinfo_*"], ["/modinfo_"]),
    "os-release": (["real/os-release", "corpus/release-*"], ["etc/os-release", "usr/lib/os-release"]),
    "pagetypeinfo": (["corpus/pagetypeinfo-*", "real/pagetypeinfo-*"], ["proc/pagetypeinfo"]),
    "redhat-release": (["corpus/release-*"], ["etc/redhat-release"]),
    "rpm": (["real/installed-rpms-*", "real/rpm-qa-*"], ["installed-rpms", "/rpm_-qa_--qf_NAME"]),
    "dpkg": (["real/installed-debs-*"], ["dpkg_-l"]),
    "sosversion": (["real/version.txt"], ["version.txt"]),
    "sysctl": (["real/sysctl_-a-*", "real/min_free_kbytes-*"], ["sos_commands/kernel/sysctl_-a", "proc/sys/vm/min_free_kbytes", "etc/sysctl.conf"]),
    "sys-module-taint": (["real/sys-module-*"], ["/taint"]),
    "tainted": (["corpus/tainted-*", "real/proc-sys-kernel-tainted"], ["proc/sys/kernel/tainted"]),
    "taintmsg": (["corpus/taintmsg-*", "real/dmesg-excerpt"], ["var/log/messages"]),
    "uname": (["corpus/uname-*", "real/uname_-a"], ["sos_commands/kernel/uname_-a", "uname"]),
    "zoneinfo": (["corpus/zoneinfo-*", "real/zoneinfo-*"], ["proc/zoneinfo"]),
}
MAX_SEED = 64 << 10


def sample_archives():
    return sorted(p for p in glob.glob(os.path.join(SAMPLES, "sosreport-*.tar*")))


def sample_members():
    """(member path, bytes) of every regular file in every Samples/ report (archives and folders)."""
    for path in sample_archives():
        with tarfile.open(path) as tar:
            for info in tar:
                if info.isfile() and info.size <= MAX_SEED:
                    handle = tar.extractfile(info)
                    if handle:
                        yield info.name, handle.read()
    for folder in sorted(glob.glob(os.path.join(SAMPLES, "*/"))):
        for dirpath, _, names in os.walk(folder):
            for name in sorted(names):
                full = os.path.join(dirpath, name)
                if os.path.isfile(full) and not os.path.islink(full) and os.path.getsize(full) <= MAX_SEED:
                    with open(full, "rb") as handle:
                        yield os.path.relpath(full, folder), handle.read()


def add(info_tar, name, data, **extra):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 1700000000
    for key, value in extra.items():
        setattr(info, key, value)
    info_tar.addfile(info, io.BytesIO(data))


def mini_report(members):
    """A small plain tar holding the members a report is made of, cut short."""
    wanted = ["version.txt", "uname", "hostname", "sos_commands/kernel/uname_-a", "etc/redhat-release",
              "proc/meminfo", "proc/buddyinfo", "proc/sys/kernel/tainted", "proc/sys/vm/min_free_kbytes",
              "sos_commands/networking/ethtool_-i_eth0", "var/log/dmesg", "sos_commands/kernel/lsmod"]
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.GNU_FORMAT) as tar:
        add(tar, "sosreport-fuzz/sos_commands/", b"", type=tarfile.DIRTYPE)
        for name in wanted:
            data = members.get(name)
            if data is not None:
                add(tar, "sosreport-fuzz/" + name, data[:4096])
        add(tar, "sosreport-fuzz/sos_logs/sos.log", b"")
    return out.getvalue()


def odd_report():
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        add(tar, "sosreport-odd/version.txt", b"sosreport: 4.2\r\n")
        add(tar, "sosreport-odd/sos_commands/kernel/uname_-a", b"Linux h 5.15.0-1-generic #1 SMP x86_64 GNU/Linux\n")
        add(tar, "sosreport-odd/uname", b"", type=tarfile.SYMTYPE, linkname="sos_commands/kernel/uname_-a")
        add(tar, "sosreport-odd/etc/os-release", b"", type=tarfile.SYMTYPE, linkname="../usr/lib/os-release")
        add(tar, "sosreport-odd/usr/lib/os-release", b'ID=ubuntu\nVERSION_ID="22.04"\n')
        add(tar, "sosreport-odd/proc/meminfo", b"", type=tarfile.LNKTYPE, linkname="sosreport-odd/usr/lib/os-release")
        add(tar, "sosreport-odd/loop", b"", type=tarfile.SYMTYPE, linkname="loop")
        add(tar, "sosreport-odd/fifo", b"", type=tarfile.FIFOTYPE)
        add(tar, "../escape", b"x\n")
        add(tar, "/etc/passwd", b"root:x:0:0\n")
        add(tar, "sosreport-odd/proc/sys/kernel/tainted", b"99999999999999999999999\n")
    return out.getvalue()


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as handle:
        handle.write(data[:MAX_SEED] if not name.startswith("archive-") else data)


def main(out):
    shutil.rmtree(out, ignore_errors=True)
    members = {}
    by_target = {target: [] for target in KINDS}
    for name, data in sample_members():
        relative = name.split("/", 1)[1] if "/" in name and name.split("/", 1)[0] not in ("sos_commands", "proc", "etc", "var") else name
        members.setdefault(relative, data)
        for target, (_, suffixes) in KINDS.items():
            if any(relative.endswith(s) or (s.startswith("/") and s in "/" + relative) for s in suffixes):
                by_target[target].append((relative, data))
    for target, (globs, _) in KINDS.items():
        folder = os.path.join(out, target)
        os.makedirs(folder, exist_ok=True)
        for pattern in globs:
            for path in sorted(glob.glob(os.path.join(FIXTURES, pattern))):
                with open(path, "rb") as handle:
                    write(folder, "fixture-" + os.path.basename(path), handle.read())
        for index, (relative, data) in enumerate(by_target[target][:12]):
            write(folder, "sample-%02d-%s" % (index, relative.replace("/", "_")[-60:]), data)
    gfp = os.path.join(out, "gfp")
    write(gfp, "rhel6", bytes.fromhex("00000000000200d0") + b"2.6.32-504.el6.x86_64")
    write(gfp, "upstream", bytes.fromhex("0000000000cc0cc0") + b"6.8.0-45-generic")

    folder = os.path.join(out, "archive")
    mini = mini_report(members)
    write(folder, "archive-mini.tar", mini)
    write(folder, "archive-mini.tar.gz", gzip.compress(mini, mtime=0))
    write(folder, "archive-mini.tar.bz2", bz2.compress(mini))
    write(folder, "archive-mini.tar.xz", lzma.compress(mini))
    # Many small xz Blocks, as `xz -T0` writes them: the path that jumps over skipped Blocks.
    blocks = subprocess.run(["xz", "-T2", "--block-size=1024", "-c"], input=mini, stdout=subprocess.PIPE, check=True)
    write(folder, "archive-mini-blocks.tar.xz", blocks.stdout)
    write(folder, "archive-odd.tar", odd_report())
    bundle = io.BytesIO()
    with tarfile.open(fileobj=bundle, mode="w") as tar:
        add(tar, "sos-collector-fuzz/sosreport-node1-fuzz.tar.xz", lzma.compress(mini))
        add(tar, "sos-collector-fuzz/sosreport-node2-fuzz.tar", odd_report())
        add(tar, "sos-collector-fuzz/sos-collector.log", b"collector log\n")
    write(folder, "archive-bundle.tar", bundle.getvalue())
    for path in sample_archives():
        with open(path, "rb") as handle:
            write(folder, "archive-sample-" + os.path.basename(path), handle.read())
    print("seeds:", ", ".join("%s %d" % (t, len(os.listdir(os.path.join(out, t)))) for t in sorted(os.listdir(out))))


if __name__ == "__main__":
    main(sys.argv[1])
