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
    public let candidates: [PathPattern]
    public let reading: Reading
    private let candidateSet: PathPatternSet

    public init(_ name: String, _ candidates: [String], reading: Reading = .whole) {
        self.name = name
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
    public static let hostname = FactSpec("hostname", [
        "sos_commands/general/hostname", "sos_commands/host/hostname", "hostname",
        "etc/hostname", "proc/sys/kernel/hostname",
    ])
    /// RHEL 6 keeps the name in `HOSTNAME=` of this file; read after `proc/sys/kernel/hostname`.
    public static let sysconfigNetwork = FactSpec("sysconfigNetwork", ["etc/sysconfig/network"])
    public static let sosVersion = FactSpec("sosVersion", ["version.txt"])
    public static let manifest = FactSpec("manifest", ["sos_reports/manifest.json"])
    /// sos 2.2 writes no version.txt; these members exist only in its layout.
    public static let sos22Markers = FactSpec("sos22Markers", [
        "sos_commands/general/dmesg_now",
        "sos_commands/rpm/rpm_-qa_--qf_NAME_-_VERSION_-_RELEASE_._ARCH_INSTALLTIME_date_--",
    ])
    public static let date = FactSpec("date", [
        "sos_commands/date/date", "sos_commands/general/date", "date",
    ])
    public static let redhatRelease = FactSpec("redhatRelease", [
        "etc/redhat-release", "etc/centos-release", "etc/oracle-release", "etc/rocky-release",
        "etc/almalinux-release", "etc/fedora-release", "etc/system-release",
    ])
    public static let osRelease = FactSpec("osRelease", ["etc/os-release", "usr/lib/os-release"])
    public static let lsbRelease = FactSpec("lsbRelease", [
        "etc/lsb-release", "sos_commands/release/lsb_release_-a", "sos_commands/lsbrelease/lsb_release_-a",
        "sos_commands/lsbrelease/lsb_release",
    ])
    public static let uname = FactSpec("uname", ["sos_commands/kernel/uname_-a", "uname"])
    public static let osrelease = FactSpec("kernelOSRelease", ["proc/sys/kernel/osrelease"])
    public static let lsmod = FactSpec("lsmod", ["sos_commands/kernel/lsmod", "lsmod"])
    public static let procModules = FactSpec("procModules", ["proc/modules"])
    public static let modinfo = FactSpec("modinfo", [
        "sos_commands/kernel/modinfo_ALL_MODULES", "sos_commands/kernel/modinfo_*", "sos_commands/*/modinfo_*",
    ])
    public static let moduleTaint = FactSpec("moduleTaint", ["sys/module/*/taint"])
    public static let tainted = FactSpec("tainted", ["proc/sys/kernel/tainted"])
    public static let sysctlAll = FactSpec("sysctl", [
        "sos_commands/kernel/sysctl_-a", "sos_commands/general/sysctl_-a",
    ])
    public static let minFreeKbytes = FactSpec("vm.min_free_kbytes", ["proc/sys/vm/min_free_kbytes"])
    public static let zoneReclaimMode = FactSpec("vm.zone_reclaim_mode", ["proc/sys/vm/zone_reclaim_mode"])
    public static let meminfo = FactSpec("meminfo", ["proc/meminfo"])
    public static let buddyinfo = FactSpec("buddyinfo", ["proc/buddyinfo"])
    public static let zoneinfo = FactSpec("zoneinfo", ["proc/zoneinfo"])
    public static let pagetypeinfo = FactSpec("pagetypeinfo", ["proc/pagetypeinfo"])
    public static let dmidecode = FactSpec("dmidecode", ["sos_commands/hardware/dmidecode", "dmidecode"])
    public static let dmiVendor = FactSpec("dmiVendor", ["sys/class/dmi/id/sys_vendor"])
    public static let dmiProduct = FactSpec("dmiProduct", ["sys/class/dmi/id/product_name"])
    public static let ethtoolDriver = FactSpec("ethtool", [
        "sos_commands/networking/ethtool_-i_*",
        "sos_commands/networking/ip_netns_exec_*_ethtool_-i_*",
        "sos_commands/networking/namespaces/*/ip_netns_exec_*_ethtool_-i_*",
    ])
    public static let rpmList = FactSpec("rpm", [
        "installed-rpms", "sos_commands/rpm/*rpm*-qa*", "sos_commands/rpm/package-data",
    ])
    public static let dpkgList = FactSpec("dpkg", ["installed-debs", "sos_commands/dpkg/dpkg_-l"])
    /// Kernel logs, streamed. dmesg copies first: they hold this boot; `messages` and friends
    /// reach further back. `.tailed` copies are what sos kept of a log over its size limit.
    public static let kernelLogs = FactSpec("kernelLog", [
        "sos_commands/kernel/dmesg", "sos_commands/kernel/dmesg_-T", "sos_commands/general/dmesg",
        "sos_commands/general/dmesg_now", "var/log/dmesg",
        "var/log/messages", "var/log/messages-*", "var/log/messages.*",
        "var/log/syslog", "var/log/syslog.*", "var/log/kern.log", "var/log/kern.log.*",
        "sos_commands/general/tail_messages*",
        "sos_strings/*/var.log.messages*.tailed", "sos_strings/*/var.log.syslog*.tailed",
        "sos_strings/*/var.log.kern.log*.tailed",
        "sos_commands/logs/journalctl_--no-pager", "sos_commands/logs/journalctl_--no-pager_--catalog_--boot",
        "sos_commands/logs/journalctl_--no-pager_--boot", "sos_commands/logs/journalctl_--no-pager_--since_-3days",
        "sos_commands/kernel/journalctl_--no-pager_--dmesg*",
    ], reading: .lines)

    /// Members whose presence marks a folder or tar as a sosreport.
    public static let sosMarkers: [PathPattern] = [
        "sos_commands/*", "version.txt", "sos_logs/*", "sos_reports/*",
    ].map(PathPattern.init)

    public static let wholeFiles: [FactSpec] = [
        hostname, sysconfigNetwork, sosVersion, manifest, sos22Markers, date, redhatRelease, osRelease,
        lsbRelease, uname, osrelease, lsmod, procModules, modinfo, moduleTaint, tainted, sysctlAll,
        minFreeKbytes, zoneReclaimMode, meminfo, buddyinfo, zoneinfo, pagetypeinfo, dmidecode, dmiVendor,
        dmiProduct, ethtoolDriver, rpmList, dpkgList,
    ]

    /// Every place of ``wholeFiles``, asked once per member.
    public static let wholeFilePlaces = PathPatternSet(wholeFiles.flatMap(\.candidates))
}
