import SOSArchive

/// A fact a report reads, and the places sos puts it, best first.
///
/// Parsers never see a path; this table is the only place that knows the layout of each sos
/// generation (reference/sos-layout.md §3), so a layout change is a one-line edit here. Each
/// candidate is a literal member path or a `PathPattern` glob; links among them (the top-level
/// `uname`, `etc/os-release -> ../usr/lib/os-release`) are followed inside the archive.
public struct FactSpec: Sendable {
    /// How the fact's members are read during the streaming pass.
    public enum Reading: Sendable {
        /// Small files, read whole (capped by `ReadLimits.wholeMemberBytes`).
        case whole
        /// Logs: fed line by line, only what matters is kept.
        case lines
    }

    public let name: String
    /// The fact this spec feeds: where a missing file's state and a citation are recorded.
    public let fact: Fact
    public let candidates: [PathPattern]
    public let reading: Reading
    private let candidateSet: PathPatternSet

    public init(_ name: String, feeds fact: Fact, _ candidates: [String], reading: Reading = .whole) {
        self.name = name
        self.fact = fact
        self.candidates = candidates.map(PathPattern.init)
        self.candidateSet = PathPatternSet(self.candidates)
        self.reading = reading
    }

    /// True when `path` is one of this fact's places.
    public func wants(_ path: String) -> Bool {
        candidateSet.matches(path)
    }
}

/// Every fact the report builder reads, with its candidate members per sos generation.
public enum FactCatalog {
    // sos 2.2 (RHEL 6) | 3.0-3.5 | 3.6+ and 4.x, then files every generation copies.
    public static let hostname = FactSpec("hostname", feeds: .hostname, [
        "sos_commands/general/hostname", "sos_commands/host/hostname", "hostname",
        "etc/hostname", "proc/sys/kernel/hostname",
    ])
    /// RHEL 6 keeps the name in `HOSTNAME=` of this file; read after `proc/sys/kernel/hostname`.
    public static let sysconfigNetwork = FactSpec("sysconfigNetwork", feeds: .hostname, ["etc/sysconfig/network"])
    public static let sosVersion = FactSpec("sosVersion", feeds: .sosVersion, ["version.txt"])
    public static let manifest = FactSpec("manifest", feeds: .sosVersion, ["sos_reports/manifest.json"])
    /// sos 2.2 writes no version.txt; these members exist only in its layout.
    public static let sos22Markers = FactSpec("sos22Markers", feeds: .sosVersion, [
        "sos_commands/general/dmesg_now",
        "sos_commands/rpm/rpm_-qa_--qf_NAME_-_VERSION_-_RELEASE_._ARCH_INSTALLTIME_date_--",
    ])
    public static let date = FactSpec("date", feeds: .collectedAt, [
        "sos_commands/date/date", "sos_commands/general/date", "date",
    ])
    /// How long the host had been up: with `date`, when the running boot began, which dates the
    /// ring buffer's seconds-since-boot stamps.
    public static let uptime = FactSpec("uptime", feeds: .uptime, [
        "sos_commands/host/uptime", "sos_commands/general/uptime", "uptime", "proc/uptime",
    ])
    public static let redhatRelease = FactSpec("redhatRelease", feeds: .os, [
        "etc/redhat-release", "etc/centos-release", "etc/oracle-release", "etc/rocky-release",
        "etc/almalinux-release", "etc/fedora-release", "etc/system-release",
    ])
    public static let osRelease = FactSpec("osRelease", feeds: .os, ["etc/os-release", "usr/lib/os-release"])
    public static let lsbRelease = FactSpec("lsbRelease", feeds: .os, [
        "etc/lsb-release", "sos_commands/release/lsb_release_-a", "sos_commands/lsbrelease/lsb_release_-a",
        "sos_commands/lsbrelease/lsb_release",
    ])
    /// Read for the OS only when no release file is there: an rpm-ostree deployment's name.
    public static let procCmdline = FactSpec("procCmdline", feeds: .os, ["proc/cmdline"])
    public static let uname = FactSpec("uname", feeds: .uname, ["sos_commands/kernel/uname_-a", "uname"])
    public static let osrelease = FactSpec("kernelOSRelease", feeds: .kernelRelease, ["proc/sys/kernel/osrelease"])
    public static let lsmod = FactSpec("lsmod", feeds: .modules, ["sos_commands/kernel/lsmod", "lsmod"])
    public static let procModules = FactSpec("procModules", feeds: .modules, ["proc/modules"])
    public static let modinfo = FactSpec("modinfo", feeds: .modinfo, [
        "sos_commands/kernel/modinfo_ALL_MODULES", "sos_commands/kernel/modinfo_*", "sos_commands/*/modinfo_*",
    ])
    public static let moduleTaint = FactSpec("moduleTaint", feeds: .modules, ["sys/module/*/taint"])
    public static let tainted = FactSpec("tainted", feeds: .taint, ["proc/sys/kernel/tainted"])
    public static let sysctlAll = FactSpec("sysctl", feeds: .sysctl, [
        "sos_commands/kernel/sysctl_-a", "sos_commands/general/sysctl_-a",
    ])
    public static let minFreeKbytes = FactSpec("vm.min_free_kbytes", feeds: .minFreeKbytes, ["proc/sys/vm/min_free_kbytes"])
    public static let zoneReclaimMode = FactSpec("vm.zone_reclaim_mode", feeds: .zoneReclaimMode, ["proc/sys/vm/zone_reclaim_mode"])
    public static let meminfo = FactSpec("meminfo", feeds: .memory, ["proc/meminfo"])
    public static let buddyinfo = FactSpec("buddyinfo", feeds: .buddyinfo, ["proc/buddyinfo"])
    public static let zoneinfo = FactSpec("zoneinfo", feeds: .zoneinfo, ["proc/zoneinfo"])
    public static let pagetypeinfo = FactSpec("pagetypeinfo", feeds: .pagetypeinfo, ["proc/pagetypeinfo"])
    public static let dmidecode = FactSpec("dmidecode", feeds: .hardware, ["sos_commands/hardware/dmidecode", "dmidecode"])
    public static let dmiVendor = FactSpec("dmiVendor", feeds: .hardware, ["sys/class/dmi/id/sys_vendor"])
    public static let dmiProduct = FactSpec("dmiProduct", feeds: .hardware, ["sys/class/dmi/id/product_name"])
    public static let ethtoolDriver = FactSpec("ethtool", feeds: .nics, [
        "sos_commands/networking/ethtool_-i_*",
        "sos_commands/networking/ip_netns_exec_*_ethtool_-i_*",
        "sos_commands/networking/namespaces/*/ip_netns_exec_*_ethtool_-i_*",
    ])
    /// Fallbacks for a NIC's driver when `ethtool -i` is missing or empty.
    public static let lspci = FactSpec("lspci", feeds: .nics, [
        "sos_commands/pci/lspci_-nnvv", "sos_commands/pci/lspci_-k", "sos_commands/hardware/lspci_-nnvv",
        "sos_commands/hardware/lspci_-k", "lspci",
    ])
    public static let ipDetails = FactSpec("ipDetails", feeds: .nics, [
        "sos_commands/networking/ip_-d_address", "sos_commands/networking/ip_-d_link",
        "sos_commands/networking/ip_-s_-d_link",
    ])
    public static let rpmList = FactSpec("rpm", feeds: .packages, [
        "installed-rpms", "sos_commands/rpm/*rpm*-qa*", "sos_commands/rpm/package-data",
    ])
    public static let dpkgList = FactSpec("dpkg", feeds: .packages, ["installed-debs", "sos_commands/dpkg/dpkg_-l"])
    /// Kernel logs, streamed. dmesg copies first: they hold this boot; `messages` and friends
    /// reach further back. `.tailed` copies are what sos kept of a log over its size limit.
    public static let kernelLogs = FactSpec("kernelLog", feeds: .kernelLog, [
        "sos_commands/kernel/dmesg", "sos_commands/kernel/dmesg_-T", "sos_commands/general/dmesg",
        "sos_commands/general/dmesg_now", "var/log/dmesg",
        "var/log/messages", "var/log/messages-*", "var/log/messages.*",
        "var/log/syslog", "var/log/syslog.*", "var/log/kern.log", "var/log/kern.log.*",
        "sos_commands/general/tail_messages*",
        "sos_strings/*/var.log.messages*.tailed", "sos_strings/*/var.log.syslog*.tailed",
        "sos_strings/*/var.log.kern.log*.tailed",
        "sos_commands/logs/journalctl_--no-pager", "sos_commands/logs/journalctl_--no-pager_--catalog_--boot",
        "sos_commands/logs/journalctl_--no-pager_--boot", "sos_commands/logs/journalctl_--no-pager_--since_-3days",
        // the previous boot (sos 3.6+), and journal exports over the size limit, tailed by sos 4.x
        "sos_commands/logs/journalctl_--no-pager_--catalog_--boot_-1", "sos_commands/logs/journalctl_--no-pager_--boot_-1",
        "sos_strings/logs/journalctl_--no-pager*.tailed",
        "sos_commands/kernel/journalctl_--no-pager_--dmesg*",
        "var/crash/*/vmcore-dmesg.txt",
    ], reading: .lines)

    /// Top-level names whose presence (as a member or a folder of members) marks a folder or
    /// tar as a sosreport.
    public static let sosMarkerNames = ["version.txt", "sos_commands", "sos_logs", "sos_reports"]

    /// True when `path` (relative to the report's top folder) is one of ``sosMarkerNames`` or
    /// lies inside one.
    public static func isSOSMarker(_ path: String) -> Bool {
        sosMarkerNames.contains { path == $0 || (path.hasPrefix($0) && path.utf8.dropFirst($0.utf8.count).first == UInt8(ascii: "/")) }
    }

    /// Read for the names they hold (redaction must learn them), never shown.
    public static let etcHosts = FactSpec("etcHosts", feeds: .namesInFiles, ["etc/hosts"])
    public static let corosyncConf = FactSpec("corosyncConf", feeds: .namesInFiles, ["etc/corosync/corosync.conf"])
    public static let clusterConf = FactSpec("clusterConf", feeds: .namesInFiles, ["etc/cluster/cluster.conf"])

    public static let wholeFiles: [FactSpec] = [
        hostname, sysconfigNetwork, sosVersion, manifest, sos22Markers, date, uptime, redhatRelease, osRelease,
        lsbRelease, procCmdline, uname, osrelease, lsmod, procModules, modinfo, moduleTaint, tainted, sysctlAll,
        minFreeKbytes, zoneReclaimMode, meminfo, buddyinfo, zoneinfo, pagetypeinfo, dmidecode, dmiVendor,
        dmiProduct, ethtoolDriver, lspci, ipDetails, rpmList, dpkgList, etcHosts, corosyncConf, clusterConf,
        machineID, systemUUID,
    ] + displayed.map(\.spec) + network

    /// Facts that are only parsed and shown, read alike by the assembler (``DisplayedFact``).
    static let displayed: [DisplayedFact] = [
        DisplayedFact(transparentHugePages, parse: TransparentHugePagesParser.parse, into: \.transparentHugePages, line: \.line),
    ]

    public static let transparentHugePages = FactSpec("transparentHugePages", feeds: .transparentHugePages, [
        "sys/kernel/mm/transparent_hugepage/enabled", "sys/kernel/mm/redhat_transparent_hugepage/enabled",
    ])

    /// Every place of ``wholeFiles``, asked once per member.
    public static let wholeFilePlaces = PathPatternSet(wholeFiles.flatMap(\.candidates))
}

extension Fact {
    public static let transparentHugePages = Fact(rawValue: "transparentHugePages")
    /// Names the files hold, for redaction; no state is ever recorded for it.
    public static let namesInFiles = Fact(rawValue: "namesInFiles")
}
