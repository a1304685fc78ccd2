#!/usr/bin/env python3
"""Builds a batch of small sosreport folders from the real network outputs in
Tests/SOSAnalyzerTests/Fixtures/network (each file's first line names its source), so that

    python3 Samples/make_network_batch.py /tmp/network-batch
    sosanalyze summarize /tmp/network-batch
    sosanalyze correlate --affected-if nic-drops /tmp/network-batch

shows the NIC counters of every driver in the knowledge table with their meanings, softnet
backlog drops and time squeeze with the tunables, TCP pruning, and the hosts that drop frames.

Each output goes where sos 4.x puts it: `ethtool -S <if>` in sos_commands/networking/ethtool_-S_<if>,
`netstat -s` in sos_commands/networking/netstat_-s, the proc files under proc/<pid>/net/ with
proc/net -> self/net and proc/self -> <pid> links as sos stores them. nethost01 also holds the
real RHEL 6.3 vmxnet3 allocation failure of Fixtures/corpus/allocfail-rhel6-07.txt in
var/log/messages. Only the command outputs and that log are real; the skeleton (version.txt,
hostname, date, uname, the release file, and `ethtool -i` files naming only the driver) is
minimal and invented. nethost04's driver is not named by its source, so it has no `ethtool -i`.
"""
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
NETWORK = ROOT / "Tests/SOSAnalyzerTests/Fixtures/network"
CORPUS = ROOT / "Tests/SOSAnalyzerTests/Fixtures/corpus"

RHEL6 = ("Red Hat Enterprise Linux Server release 6.3 (Santiago)", "2.6.32-279.14.1.el6.x86_64")
UBUNTU = ("Ubuntu 20.04.3 LTS", "5.4.0-97-generic")

# host -> release, {interface: (driver or None, ethtool -S fixture)}, proc/net files, netstat -s, sysctl, extra logs
HOSTS = {
    "nethost01": dict(release=RHEL6, nics={"eth0": ("vmxnet3", "ethtool-S-vmxnet3-collectd1059")},
                      softnet="softnet_stat-10col-rhel6-insights", netstat_s="netstat-s-hiboma4",
                      messages=CORPUS / "allocfail-rhel6-07.txt"),
    "nethost02": dict(release=UBUNTU, nics={"eno2": ("ixgbe", "ethtool-S-ixgbe-netmap79"),
                                             "enp3s0f0": ("ixgbe", "ethtool-S-ixgbe-ethq1"),
                                             "enp24s0f1": ("i40e", "ethtool-S-i40e-busterswt-arp")},
                      softnet="softnet_stat-13col-insights", netstat_s="netstat-s-freeformz41"),
    "nethost03": dict(release=RHEL6, nics={"eth0": ("be2net", "ethtool-S-be2net-netutils208"),
                                           "eth1": ("be2net", "ethtool-S-be2net-netutils208")},
                      softnet="softnet_stat-9col-2.6-chinaunix"),
    "nethost04": dict(release=UBUNTU, nics={"eth0": (None, "ethtool-S-e1000-style-netdata988")}),
    "nethost05": dict(release=UBUNTU, nics={"p3p1": ("mlx5_core", "ethtool-S-mlx5_core-ethq8"),
                                             "ens1": ("mlx4_en", "ethtool-S-mlx4_en-ethq21"),
                                             "enp59s0f0": ("ice", "ethtool-S-ice-ethq27"),
                                             "eth2": ("bnx2x", "ethtool-S-bnx2x-ethq6")}),
    "nethost06": dict(release=UBUNTU, nics={"ens3": ("virtio_net", "ethtool-S-virtio_net-k8stest-4"),
                                             "lo": (None, "ethtool-S-lo-k8stest-4")},
                      dev="proc-net-dev-k8stest-4", softnet="softnet_stat-5.4-k8stest-4",
                      netstat="proc-net-netstat-k8stest-4", ip_s_link="ip-s-d-link-k8stest-4",
                      sysctl="sysctl-net-core-k8stest-4"),
    "nethost07": dict(release=UBUNTU, nics={"eth0": ("ena", "ethtool-S-ena-ethq15"), "eth1": ("igb", "ethtool-S-igb-ethq4"),
                                             "eno1": ("e1000e", "ethtool-S-e1000e-ethq11"),
                                             "veth0": ("veth", "ethtool-S-veth-lxd-5-0")},
                      netstat_s="netstat-s-lxd-5-0"),
}


def fixture(name: str) -> str:
    """A fixture's text without its `# source:` line."""
    text = (NETWORK / f"{name}.txt").read_text()
    return text.split("\n", 1)[1] if text.startswith("# source:") else text


def write(path: pathlib.Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().split("\n\n")[0], file=sys.stderr)
        print("usage: make_network_batch.py OUTDIR", file=sys.stderr)
        return 64
    out = pathlib.Path(sys.argv[1])
    for host, spec in HOSTS.items():
        root = out / f"sosreport-{host}-2024-01-15-abcdef"
        release, kernel = spec["release"]
        write(root / "version.txt", "sosreport: 4.5.3\n")
        write(root / "hostname", f"{host}.example.com\n")
        write(root / "date", "Mon Jan 15 10:00:00 UTC 2024\n")
        write(root / "sos_commands/kernel/uname_-a", f"Linux {host} {kernel} #1 SMP x86_64 x86_64 x86_64 GNU/Linux\n")
        if release.startswith("Red Hat"):
            write(root / "etc/redhat-release", release + "\n")
        else:
            write(root / "etc/lsb-release", "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=20.04\nDISTRIB_CODENAME=focal\n"
                  f"DISTRIB_DESCRIPTION=\"{release}\"\n")
        networking = root / "sos_commands/networking"
        for interface, (driver, name) in spec["nics"].items():
            if driver:
                write(networking / f"ethtool_-i_{interface}", f"driver: {driver}\n")
            write(networking / f"ethtool_-S_{interface}", fixture(name))
        proc_files = {"dev": "dev", "softnet": "softnet_stat", "netstat": "netstat"}
        if any(key in spec for key in proc_files):
            pid = root / "proc/4242/net"
            for key, member in proc_files.items():
                if key in spec:
                    write(pid / member, fixture(spec[key]))
            os.symlink("self/net", root / "proc/net")
            os.symlink("4242", root / "proc/self")
        if "netstat_s" in spec:
            write(networking / "netstat_-s", fixture(spec["netstat_s"]))
        if "ip_s_link" in spec:
            write(networking / "ip_-s_-d_link", fixture(spec["ip_s_link"]))
        if "sysctl" in spec:
            write(root / "sos_commands/kernel/sysctl_-a", fixture(spec["sysctl"]))
        if "messages" in spec:
            write(root / "var/log/messages", spec["messages"].read_text())
    print(f"wrote {len(HOSTS)} reports to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
