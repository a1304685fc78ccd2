/// The operating system release a report names.
public struct OSInfo: Sendable, Codable, Equatable {
    /// Normalised distribution id: "rhel", "centos", "fedora", "oracle", "rocky", "alma",
    /// "scientific", "ubuntu", "debian", "sles", "rhcos", ...; "el" when only a kernel's `.el`
    /// dist tag named it (RHEL or a rebuild).
    public var id: String
    /// "6.4", "20.04"; null when the release file gives none.
    @Nullable public var version: String?
    /// The release line as the file wrote it; when no release file was read, which source said
    /// it ("release package redhat-release-coreos-48-1.el8", "kernel dist tag .el8 of ...").
    public var name: String
    public var beta: Bool = false

    public init(id: String, version: String?, name: String, beta: Bool = false) {
        self.id = id
        self.version = version
        self.name = name
        self.beta = beta
    }

    /// "RHEL 6.4", "Ubuntu 20.04": how people name a release in a case.
    public var displayName: String {
        let label = OSInfo.labels[id] ?? id.capitalized
        return version.map { "\(label) \($0)" } ?? label
    }

    private static let labels: [String: String] = [
        "rhel": "RHEL", "centos": "CentOS", "fedora": "Fedora", "oracle": "Oracle Linux",
        "rocky": "Rocky", "alma": "AlmaLinux", "scientific": "Scientific Linux",
        "ubuntu": "Ubuntu", "debian": "Debian", "sles": "SLES", "opensuse": "openSUSE",
        "amzn": "Amazon Linux", "rhcos": "RHEL CoreOS", "fedora-coreos": "Fedora CoreOS",
        "el": "Enterprise Linux",
    ]
}

/// The running kernel and where it comes from.
public struct KernelInfo: Sendable, Codable, Equatable {
    /// `uname -r`, e.g. "2.6.32-358.el6.x86_64".
    public var release: String
    /// The distribution minor release that shipped this kernel ("6.4"), null when unknown.
    @Nullable public var distroRelease: String?
    @Nullable public var arch: String?
    /// `uname -v`, e.g. "#1 SMP Tue Jan 29 11:47:41 EST 2013".
    @Nullable public var buildVersion: String?
    /// False when the release file names another minor release than the kernel's
    /// (release file 6.5, kernel of 6.4): the host was updated but not rebooted, or the
    /// kernel was pinned. Null when either side is unknown.
    @Nullable public var matchesOSRelease: Bool?
    /// Kernel packages installed (full NVRA), newest last as the package list orders them.
    public var installedPackages: [String] = []

    public init(release: String) {
        self.release = release
    }
}

/// Kernel taint: the number and what it means.
public struct TaintInfo: Sendable, Codable, Equatable {
    /// The integer from /proc/sys/kernel/tainted.
    public var value: UInt64
    /// Letters of the set bits, in bit order ("P", "O", ...).
    public var flags: [String]
    /// Each set bit with its name and meaning, per the layout of this kernel's family.
    public var decoded: [TaintFlag]
    /// Which bit table decoded it: "upstream", "rhel6", "rhel7", ...
    public var layout: String
}

/// Memory totals from /proc/meminfo, in KiB.
public struct MemoryInfo: Sendable, Codable, Equatable {
    @Nullable public var memTotalKiB: Int?
    @Nullable public var memFreeKiB: Int?
    @Nullable public var memAvailableKiB: Int?
    @Nullable public var buffersKiB: Int?
    @Nullable public var cachedKiB: Int?
    @Nullable public var slabKiB: Int?
    @Nullable public var swapTotalKiB: Int?
    @Nullable public var swapFreeKiB: Int?

    public init() {}
}

/// Hardware vendor and model from dmidecode (or /sys/class/dmi/id).
public struct HardwareInfo: Sendable, Codable, Equatable {
    @Nullable public var vendor: String?
    @Nullable public var model: String?
    /// BIOS version and date, when the boot log's `DMI:` line was the source; absent otherwise.
    public var bios: String?

    public init(vendor: String?, model: String?) {
        self.vendor = vendor
        self.model = model
    }
}

/// A network interface and the driver behind it, from `ethtool -i`.
public struct NICInfo: Sendable, Codable, Equatable {
    public var interface: String
    @Nullable public var driver: String?
    @Nullable public var version: String?
    @Nullable public var firmware: String?
    @Nullable public var busInfo: String?
    /// Network namespace, for interfaces sos found inside one.
    @Nullable public var namespace: String?
    public var source: Evidence
}

/// One loaded kernel module, with what modinfo, sysfs and the kernel log say about it.
public struct ModuleInfo: Sendable, Codable, Equatable {
    public var name: String
    public var size: Int
    public var usedBy: [String]
    /// Per-module taint letters (/sys/module/NAME/taint or /proc/modules), e.g. ["P", "O"].
    public var taintFlags: [String] = []
    /// True when the module does not come from the distribution's kernel build.
    public var thirdParty: Bool = false
    /// Why it is third-party, each reason in words with its evidence.
    public var thirdPartyReasons: [String] = []
    @Nullable public var version: String?
    @Nullable public var license: String?
    @Nullable public var signer: String?
    @Nullable public var intree: Bool?
    @Nullable public var filename: String?
    @Nullable public var vermagic: String?
    public var source: Evidence

    public init(name: String, size: Int, usedBy: [String], source: Evidence) {
        self.name = name
        self.size = size
        self.usedBy = usedBy
        self.source = source
    }
}

/// Installed packages, reduced to what a case needs.
public struct PackageSummary: Sendable, Codable, Equatable {
    /// "rpm" or "dpkg".
    public var manager: String
    public var count: Int
    /// Cluster software installed (cman, rgmanager, corosync, pacemaker, ...), by package name.
    public var clusterStack: [String] = []
    /// Packages that ship kernel modules from outside the distribution (kmod-*, *-dkms, VRTS*, ...).
    public var thirdPartyKernelPackages: [String] = []
    /// Other packages of note for correlation (storage, multipath, ...), by name.
    public var notable: [String] = []
    public var source: Evidence
}
