/// The distribution a release package names: the package that owns `/etc/*-release` on an
/// rpm-based system. Read when the report holds no release file (RHEL CoreOS links
/// `etc/os-release` into `/usr/lib`, which sos does not always copy).
///
/// Real sample: the AlmaLinux 9.2 `rpm -qa` in Fixtures/field lists
/// `almalinux-release-9.2-1.el9.x86_64`, which yields `alma` 9.2.
public enum ReleasePackages {
    /// Package name, or name prefix ending in `-`, and the `OSInfo.id` it names, most specific
    /// first (`redhat-release-coreos` before `redhat-release`).
    static let owners: [(name: String, id: String)] = [
        ("redhat-release-coreos", "rhcos"), ("redhat-release-", "rhel"), ("redhat-release", "rhel"),
        ("centos-stream-release", "centos"), ("centos-release", "centos"), ("fedora-release", "fedora"),
        ("fedora-release-", "fedora"), ("almalinux-release", "alma"), ("rocky-release", "rocky"),
        ("oraclelinux-release", "oracle"), ("enterprise-release", "oracle"), ("sl-release", "scientific"),
        ("system-release", "amzn"),
    ]

    /// The release a package list names, or nil when it holds no release package.
    public static func os(in packages: [InstalledPackage]) -> (OSInfo, InstalledPackage)? {
        for owner in owners {
            let matches = packages.filter { package in
                owner.name.hasSuffix("-") ? package.name.hasPrefix(owner.name) : package.name == owner.name
            }
            // Sub-packages that name no release (fedora-release-common ships the files of
            // fedora-release-server, say) still carry the release's version.
            guard let package = matches.first(where: { $0.version != nil }) else { continue }
            let named = owner.id == "rhcos" ? openShiftTag(in: packages) ?? version(of: package, id: owner.id)
                : version(of: package, id: owner.id)
            return (OSInfo(id: owner.id, version: named, name: nvr(package)), package)
        }
        return nil
    }

    /// The OpenShift release RHEL CoreOS's own packages are built for: the `rhaos4.2` of
    /// `afterburn-4.1.1-3.rhaos4.2.el8` (real RHCOS 4.2 rpm list, Fixtures/field). It says the
    /// release plainly where `redhat-release-coreos-420.8` does not; the most frequent wins.
    static func openShiftTag(in packages: [InstalledPackage]) -> String? {
        var counts: [String: Int] = [:]
        for package in packages {
            guard let release = package.release, let range = release.range(of: "rhaos") else { continue }
            let tag = release[range.upperBound...].prefix { $0.isASCIIDigit || $0 == "." }
            let parts = tag.split(separator: ".")
            guard parts.count >= 2 else { continue }
            counts["\(parts[0]).\(parts[1])", default: 0] += 1
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    static func version(of package: InstalledPackage, id: String) -> String? {
        guard let version = package.version?.split(separator: ":").last.map(String.init) else { return nil }
        switch id {
        case "rhcos":
            // redhat-release-coreos is versioned by the OpenShift release it ships with: 42 is
            // OpenShift 4.2, 410 is 4.10 (openshift/redhat-release-coreos spec `Version: 48`).
            guard version.count >= 2, version.allSatisfy(\.isASCIIDigit) else { return version }
            return "\(version.prefix(1)).\(version.dropFirst())"
        case "centos":
            // centos-release-7-6.1810.2.el7.centos: the minor release leads the RELEASE field.
            if !version.contains("."), let minor = package.release?.split(separator: ".").first,
               minor.allSatisfy(\.isASCIIDigit) {
                return "\(version).\(minor)"
            }
            return version
        default:
            return version
        }
    }

    private static func nvr(_ package: InstalledPackage) -> String {
        [package.name, package.version, package.release].compactMap { $0 }.joined(separator: "-")
    }
}
