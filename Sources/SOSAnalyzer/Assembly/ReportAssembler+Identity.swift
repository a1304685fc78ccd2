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
}
