import Foundation

/// Replaces hostnames, domain names, IPv4, IPv6 and MAC addresses with consistent pseudonyms, so
/// a summary can be shared outside the case: `dbnode01.prod.example.com` becomes
/// `host-03.domain-01.example`, `10.20.1.15` becomes `192.0.2.1`, `fe80::5054:ff:fe12:3456`
/// becomes `2001:db8::1`, `00:02:c9:1a:2b:3c` becomes `02:00:00:00:00:01`. Nothing else changes.
///
/// The names come from the reports themselves (each hostname, its short name, its domain and
/// the parent domains, the name typed into the archive's file name), from their files (the
/// names of `/etc/hosts`, the nodes of corosync.conf) and from the sending host of every syslog
/// line a report quotes; addresses are found by their shape in every string. Pseudonyms are numbered in the order the batch lists its
/// reports, so the same inputs give the same pseudonyms whatever `--jobs` is.
///
/// Use it in two steps: `redact(_:)` transforms the `BatchOutcome` values (every string of
/// every report), then `redactText(_:)` goes over the rendered output for anything left.
/// `map` is the private key back to the originals; it never goes into the shared output.
public struct Redaction: Sendable {
    public private(set) var map = RedactionMap()
    /// Lower-cased original name → pseudonym, hosts and domains together.
    private var names: [String: String] = [:]
    /// Distinct lengths of `names`' keys, longest first: a longer name wins at a position.
    private var nameLengths: [Int] = []
    private var hostCount = 0

    /// Learns the names of every report in the batch.
    public init(_ outcome: BatchOutcome) {
        self.init(reports: outcome.reports, problems: outcome.problems)
    }

    /// Learns the names of these reports, and those typed into the file names of inputs that gave none.
    public init(reports: [Report], problems: [InputProblem]) {
        for report in reports {
            if let hostname = report.hostname { learnHost(hostname) }
            if let typed = Self.nameInArchiveFile(report.source.path) { learnHost(typed) }
        }
        for problem in problems {
            if let typed = Self.nameInArchiveFile(problem.path) { learnHost(typed) }
        }
        // The machine ID and the SMBIOS UUID name one machine as surely as its hostname (the
        // correlation's host ids are made of them).
        for report in reports {
            for id in [report.machineID, report.systemUUID].compactMap({ $0?.lowercased() }) where names[id] == nil {
                let pseudonym = String(format: "machine-%02d", map.machines.count + 1)
                map.machines[id] = pseudonym
                addName(id, pseudonym)
            }
        }
        // Then the names only the files and the logs give, so the reports' own hosts keep the
        // first pseudonyms: the other nodes of a cluster, `/etc/hosts`, and the sending host of
        // every syslog line the report quotes (centrally collected logs hold other hosts').
        for report in reports {
            for name in report.namesInFiles.hosts where !Self.commonWords.contains(name.lowercased()) { learnHost(name) }
            for line in Self.quotedLines(report) {
                if let sender = Self.syslogSender(line) { learnHost(sender) }
            }
        }
    }

    /// The batch with every string of every report and problem redacted.
    public mutating func redact(_ outcome: BatchOutcome) -> BatchOutcome {
        var result = outcome
        result.reports = outcome.reports.map { redact($0) }
        result.problems = outcome.problems.map { InputProblem(path: redactText($0.path), error: redactText($0.error)) }
        result.skipped = outcome.skipped.map { SkippedPath(path: redactText($0.path), reason: redactText($0.reason)) }
        return result
    }

    /// One report with every string value redacted (keys, which are fact and sysctl names, stay).
    public mutating func redact(_ report: Report) -> Report {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(report),
              let tree = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return report }
        let redacted = redactValues(tree)
        guard let back = try? JSONSerialization.data(withJSONObject: redacted),
              let decoded = try? JSONDecoder().decode(Report.self, from: back) else { return report }
        return decoded
    }

    /// Any text: names first (longest first), then IPv4 and MAC addresses; new addresses get
    /// the next pseudonym.
    public mutating func redactText(_ text: String) -> String {
        var bytes = Array(text.utf8)
        bytes = replaceNames(bytes)
        bytes = replaceAddresses(bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Learning names

    private static let ignoredNames: Set<String> = [
        "localhost", "localhost.localdomain", "localdomain", "(none)", "localhost4", "localhost4.localdomain4",
        "localhost6", "localhost6.localdomain6", "ip6-localhost", "ip6-loopback", "ip6-localnet", "ip6-mcastprefix",
        "ip6-allnodes", "ip6-allrouters", "ip6-allhosts", "broadcasthost",
    ]

    /// One-word names a hosts file may give that are also words of the output ("kernel",
    /// "nfs: server not responding"): replacing them would garble the summary, and they name
    /// a role, not a customer's machine. A report's own host name is learned whatever it is.
    static let commonWords: Set<String> = [
        "kernel", "node", "master", "worker", "router", "gateway", "mail", "mailhost", "nfs", "ntp", "dns",
        "proxy", "db", "web", "www", "ftp", "log", "loghost", "puppet", "server", "client", "host",
    ]

    /// Every line of kernel log the report quotes (allocation-failure excerpts, events, rule matches).
    static func quotedLines(_ report: Report) -> [String] {
        let encoder = JSONEncoder()
        guard let data = try? encoder.encode(report),
              let tree = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return [] }
        var lines: [String] = []
        func walk(_ value: Any) {
            switch value {
            case let text as String where text.count > 16: lines.append(text)
            case let array as [Any]: array.forEach(walk)
            case let object as [String: Any]: object.values.forEach(walk)
            default: break
            }
        }
        walk(tree)
        return lines
    }

    /// The host of a syslog line: `May 13 02:14:51 dbnode01 kernel: ...`, `Aug 24 21:46:51.936767 test-b1
    /// kernel: ...` (journal, short-precise) or `2021-04-01T16:27:01.123+00:00 host tag: ...` (RFC 3339);
    /// nil for other text and for lines that name no host (`May 18 14:56:06 kernel: ...`).
    static func syslogSender(_ line: String) -> String? {
        let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        let host: Substring
        let tag: Substring
        if fields.count >= 5, fields[0].count == 3, fields[0].allSatisfy(\.isLetter), fields[1].allSatisfy(\.isNumber),
           fields[2].count >= 8, fields[2].filter({ $0 == ":" }).count == 2, fields[2].first?.isNumber == true {
            host = fields[3]
            tag = fields[4]
        } else if fields.count >= 3, fields[0].count >= 19, fields[0].dropFirst(10).first == "T",
                  fields[0].prefix(4).allSatisfy(\.isNumber) {
            host = fields[1]
            tag = fields[2]
        } else {
            return nil
        }
        guard tag.hasSuffix(":") || tag.contains("]:"), host.count <= 253, host.contains(where: \.isLetter),
              host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }),
              host.first?.isLetter == true || host.first?.isNumber == true else { return nil }
        return String(host)
    }

    private mutating func learnHost(_ name: String) {
        let lowered = name.lowercased().trimmingCharacters(in: .whitespaces)
        guard !lowered.isEmpty, !Self.ignoredNames.contains(lowered), Self.ipv4(Array(lowered.utf8)[...]) == nil else { return }
        let labels = lowered.split(separator: ".").map(String.init)
        guard let short = labels.first else { return }
        let host = pseudonym(forHost: short)
        var domains: [String] = []
        if labels.count > 1 {
            // "prod.example.com", then "example.com": each suffix of two labels or more.
            for start in 1..<labels.count where labels.count - start >= 2 {
                domains.append(labels[start...].joined(separator: "."))
            }
            if domains.isEmpty, let last = labels.last { domains.append(last) }
        }
        let domainPseudonyms = domains.map { pseudonym(forDomain: $0) }
        if let domain = domainPseudonyms.first {
            addName(lowered, host + "." + domain)
            map.hosts[lowered] = host + "." + domain
        }
    }

    private mutating func pseudonym(forHost short: String) -> String {
        if let known = names[short] { return known }
        hostCount += 1
        let pseudonym = String(format: "host-%02d", hostCount)
        map.hosts[short] = pseudonym
        addName(short, pseudonym)
        return pseudonym
    }

    private mutating func pseudonym(forDomain domain: String) -> String {
        if let known = names[domain] { return known }
        let pseudonym = String(format: "domain-%02d.example", map.domains.count + 1)
        map.domains[domain] = pseudonym
        addName(domain, pseudonym)
        return pseudonym
    }

    private mutating func addName(_ original: String, _ pseudonym: String) {
        names[original] = pseudonym
        let length = original.utf8.count
        if !nameLengths.contains(length) {
            nameLengths.append(length)
            nameLengths.sort(by: >)
        }
    }

    /// The name the user typed into the archive's file name (`sosreport-NAME-20130514091203-e9e3`,
    /// `sosreport-NAME-2024-03-12-kqxbwtd`): often a hostname, sometimes a login or a customer.
    static func nameInArchiveFile(_ path: String) -> String? {
        guard let file = path.split(separator: "/").last, file.hasPrefix("sosreport-") else { return nil }
        let parts = file.dropFirst("sosreport-".count).split(separator: "-", omittingEmptySubsequences: false)
        // The name ends where the date starts: 14 digits (sos 2/3) or a 4-digit year then 2-digit month (sos 4).
        guard let dateIndex = parts.firstIndex(where: { part in
            part.allSatisfy(\.isASCIIDigit) && (part.count == 14 || part.count == 8 || part.count == 4)
        }), dateIndex > 0 else { return nil }
        let name = parts[..<dateIndex].joined(separator: "-")
        return name.isEmpty ? nil : name
    }

    // MARK: - Values

    private mutating func redactValues(_ value: Any) -> Any {
        switch value {
        case let text as String:
            return redactText(text)
        case let array as [Any]:
            return array.map { redactValues($0) }
        case let object as [String: Any]:
            var result: [String: Any] = [:]
            for (key, element) in object { result[key] = redactValues(element) }
            return result
        default:
            return value
        }
    }

    // MARK: - Text passes (UTF-8 bytes; names and addresses are ASCII)

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private func replaceNames(_ bytes: [UInt8]) -> [UInt8] {
        guard !names.isEmpty else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index == 0 || !Self.isWordByte(bytes[index - 1]), Self.isWordByte(bytes[index]) {
                var matched = false
                for length in nameLengths where index + length <= bytes.count {
                    if index + length < bytes.count, Self.isWordByte(bytes[index + length]) { continue }
                    let candidate = String(decoding: bytes[index..<(index + length)].map(Self.lower), as: UTF8.self)
                    if let pseudonym = names[candidate] {
                        out += Array(pseudonym.utf8)
                        index += length
                        matched = true
                        break
                    }
                }
                if matched { continue }
            }
            out.append(bytes[index])
            index += 1
        }
        return out
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    private mutating func replaceAddresses(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let atBoundary = index == 0 || !(Self.isWordByte(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: ".")
                                              || bytes[index - 1] == UInt8(ascii: ":"))
            if atBoundary, let mac = Self.mac(bytes[index...]) {
                out += Array(pseudonym(forMAC: mac).utf8)
                index += mac.utf8.count
                continue
            }
            if atBoundary, let ip = Self.ipv4(bytes[index...]) {
                out += Array(pseudonym(forIPv4: ip).utf8)
                index += ip.utf8.count
                continue
            }
            if atBoundary, let ip = Self.ipv6(bytes[index...]) {
                out += Array(pseudonym(forIPv6: ip).utf8)
                index += ip.utf8.count
                continue
            }
            out.append(bytes[index])
            index += 1
        }
        return out
    }

    /// Addresses that identify nothing (unspecified, loopback, broadcast, netmasks) stay.
    private static func isAnonymousIPv4(_ octets: [Int]) -> Bool {
        octets == [0, 0, 0, 0] || octets[0] == 127 || octets[0] == 255
    }

    private mutating func pseudonym(forIPv4 address: String) -> String {
        let octets = address.split(separator: ".").compactMap { Int($0) }
        if Self.isAnonymousIPv4(octets) || map.ipv4.values.contains(address) { return address }
        if let known = map.ipv4[address] { return known }
        // TEST-NET-1, -2, -3 (RFC 5737), 254 addresses each, then counting on in 198.18.0.0/15.
        let number = map.ipv4.count
        let pseudonym: String
        switch number {
        case 0..<254: pseudonym = "192.0.2.\(number + 1)"
        case 254..<508: pseudonym = "198.51.100.\(number - 253)"
        case 508..<762: pseudonym = "203.0.113.\(number - 507)"
        default: pseudonym = "198.18.\((number - 762) / 254).\((number - 762) % 254 + 1)"
        }
        map.ipv4[address] = pseudonym
        return pseudonym
    }

    /// `::`, `::1` and multicast groups (`ff02::1`) name no machine; the rest, link-local
    /// `fe80::` addresses too (they carry the MAC), get `2001:db8::N` (RFC 3849).
    private mutating func pseudonym(forIPv6 address: String) -> String {
        let lowered = address.lowercased()
        if lowered == "::" || lowered == "::1" || lowered.hasPrefix("ff") || map.ipv6.values.contains(lowered) { return address }
        if let known = map.ipv6[lowered] { return known }
        let pseudonym = "2001:db8::" + String(map.ipv6.count + 1, radix: 16)
        map.ipv6[lowered] = pseudonym
        return pseudonym
    }

    private mutating func pseudonym(forMAC address: String) -> String {
        let lowered = address.lowercased()
        if lowered == "00:00:00:00:00:00" || lowered == "ff:ff:ff:ff:ff:ff" || map.mac.values.contains(lowered) { return address }
        if let known = map.mac[lowered] { return known }
        let number = map.mac.count + 1
        // 02: a locally administered unicast address, never a vendor's.
        let pseudonym = String(format: "02:00:00:%02x:%02x:%02x", (number >> 16) & 0xFF, (number >> 8) & 0xFF, number & 0xFF)
        map.mac[lowered] = pseudonym
        return pseudonym
    }

}
