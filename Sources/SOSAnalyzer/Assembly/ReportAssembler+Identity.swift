import SOSArchive

/// Who and what the report is: sos version, host name, collection date, OS release.
extension ReportAssembler {
    mutating func readSosVersion() {
        if let (file, found) = parse(FactCatalog.sosVersion, SosVersionFileParser.parse) {
            report.sosVersion = file.version
            report.sosGeneration = file.version.hasPrefix("3.") ? "3.x" : file.version.hasPrefix("4.") ? "4.x" : file.version
            cite(.sosVersion, found.member, line: file.line)
            return
        }
        if case .found(let manifest) = lookup.first(FactCatalog.manifest),
           let version = ManifestVersion.version(inManifest: manifest.text) {
            report.sosVersion = version.value
            report.sosGeneration = "4.x"
            report[state: .sosVersion] = nil
            cite(.sosVersion, manifest.member, line: version.line)
            return
        }
        // sos 2.2 wrote no version.txt; its layout alone tells it apart.
        if let marker = FactCatalog.sos22Markers.candidates.first(where: { index.member(at: $0.text) != nil }) {
            report.sosVersion = "2.2"
            report.sosGeneration = "2.2"
            report[state: .sosVersion] = nil
            cite(.sosVersion, marker.text, line: nil)
        }
    }

    mutating func readUname() {
        if let (value, found) = parse(FactCatalog.uname, UnameParser.parse) {
            uname = value
            cite(.uname, found.member, line: value.line)
        }
    }

    mutating func readHostname() {
        for found in lookup.all(FactCatalog.hostname) {
            if let line = TextLines(found.text).first(where: { !$0.text.allSatisfy(\.isWhitespace) }) {
                report.hostname = line.text.trimmingWhitespace()
                cite(.hostname, found.member, line: line.number)
                return
            }
        }
        if case .found(let network) = lookup.first(FactCatalog.sysconfigNetwork) {
            for line in TextLines(network.text) where line.text.hasPrefix("HOSTNAME=") {
                let value = line.text.dropFirst("HOSTNAME=".count).trimmingWhitespace()
                    .trimmingCharacters(in: ["\"", "'"])
                if !value.isEmpty {
                    report.hostname = value
                    cite(.hostname, network.member, line: line.number)
                    return
                }
            }
        }
        if let uname, let evidence = report[evidence: .uname] {
            report.hostname = uname.hostname
            report[evidence: .hostname] = evidence
            return
        }
        report[state: .hostname] = .notCollected
    }

    mutating func readDate() {
        if case .found(let found) = lookup.first(FactCatalog.date),
           let line = TextLines(found.text).first(where: { !$0.text.allSatisfy(\.isWhitespace) }) {
            report.collectedAt = line.text.trimmingWhitespace()
            cite(.collectedAt, found.member, line: line.number)
        } else {
            report[state: .collectedAt] = .notCollected
        }
    }

    /// `collectedAt` minus the uptime: when the running boot began.
    mutating func readUptime() {
        guard let (uptime, found) = parse(FactCatalog.uptime, UptimeParser.parse) else { return }
        cite(.uptime, found.member, line: uptime.line)
        report.uptimeSeconds = uptime.seconds
        report.bootedAt = report.collectedAt.flatMap { BootClock.bootTime(collectedAt: $0, uptimeSeconds: uptime.seconds) }
    }

    mutating func readOS() {
        let attempts: [(FactSpec, (String) throws(ParseFailure) -> OSRelease)] = [
            (FactCatalog.redhatRelease, OSReleaseParser.parseRedHatRelease),
            (FactCatalog.osRelease, OSReleaseParser.parseOSRelease),
            (FactCatalog.lsbRelease, OSReleaseParser.parseLSBRelease),
        ]
        var states: [FactState] = []
        for (spec, parser) in attempts {
            if let (release, found) = parse(spec, parser) {
                report.os = OSInfo(id: release.id, version: release.version, name: release.name, beta: release.beta)
                report[state: .os] = found.truncatedBySos ? .truncatedBySos : nil
                cite(.os, found.member, line: release.line)
                return
            }
            if let state = report[state: .os] { states.append(state) }
        }
        report[state: .os] = states.first { $0 != .notCollected } ?? .notCollected
    }

    /// When no release file said the OS: the release package in the package list, then the
    /// ostree deployment on the boot command line, then the kernel's dist tag. The OS `name`
    /// says which was used, its evidence cites the member, and a problem says why the release
    /// files could not be read (a dangling `etc/os-release` link on RHEL CoreOS).
    mutating func readOSFallback() {
        guard report.os == nil, report[state: .os] == .notCollected || report[state: .os] == .empty else { return }
        var why = "no release file collected"
        if case .missing(_, let reason?) = lookup.first(FactCatalog.osRelease) { why = reason }
        var found: (OSInfo, String, Int?)?
        if let (os, package) = ReleasePackages.os(in: packages), let member = report[evidence: .packages]?.member {
            found = (OSInfo(id: os.id, version: os.version, name: "release package \(os.name)"), member, package.line)
        } else if case .found(let cmdline) = lookup.first(FactCatalog.procCmdline),
                  let boot = try? BootCommandLineParser.parse(cmdline.text), let name = boot.osName {
            let id = name == "rhcos" ? "rhcos" : name
            found = (OSInfo(id: id, version: nil, name: "boot command line: ostree deployment of \(name)"),
                     cmdline.member, boot.line)
        } else if let release = report.kernel?.release, let tag = KernelDistTag.os(forKernel: release),
                  let evidence = report[evidence: .kernelRelease] {
            found = (tag, evidence.member, evidence.line)
        }
        guard let (os, member, line) = found else { return }
        report.os = os
        report[state: .os] = nil
        cite(.os, member, line: line)
        report.problems.append(ReportProblem(message: "OS release file not read (\(why)); OS taken from the \(os.name)", member: member))
        if var kernel = report.kernel, let shipped = kernel.distroRelease, OSFamily.isRHELCompatible(os.id),
           let version = os.version, version.contains(".") {
            kernel.matchesOSRelease = shipped == version
            report.kernel = kernel
        }
    }
}
