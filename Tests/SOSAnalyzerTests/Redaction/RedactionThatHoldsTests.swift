import Foundation
import Testing
@testable import SOSAnalyzer

/// Issue 16 item 1: `--redact` replaces every host name, domain, IPv4/IPv6 address and MAC a
/// report names, wherever the output repeats it: log lines' sending hosts (centrally collected
/// syslog), `/etc/hosts`, cluster configs, command output.
@Suite struct RedactionThatHoldsTests {
    static func fixture(_ name: String) throws -> String {
        try MemoryFixtures.text("redaction", name).split(separator: "\n", omittingEmptySubsequences: false)
            .drop { $0.hasPrefix("# source:") }.joined(separator: "\n")
    }

    /// What `summarize --redact` prints, Markdown and JSON, for these reports.
    static func redactedOutputs(_ outcome: BatchOutcome) throws -> (plain: String, markdown: String, json: String) {
        var redaction = Redaction(outcome)
        let redacted = redaction.redact(outcome)
        let markdown = redaction.redactText(MarkdownSummaryRenderer.render(redacted))
        let json = redaction.redactText(try JSONRendering.render(BatchDocument(redacted)))
        let plain = MarkdownSummaryRenderer.render(outcome) + (try JSONRendering.render(BatchDocument(outcome)))
        return (plain, markdown, json)
    }

    /// `name` as a word of `text` (not inside a longer name), case-insensitive.
    static func mentions(_ text: String, _ name: String) -> Bool {
        let lowered = text.lowercased(), wanted = name.lowercased()
        var searchRange = lowered.startIndex..<lowered.endIndex
        while let range = lowered.range(of: wanted, range: searchRange) {
            let before = range.lowerBound == lowered.startIndex ? nil : lowered[lowered.index(before: range.lowerBound)]
            let after = range.upperBound == lowered.endIndex ? nil : lowered[range.upperBound]
            let isPart: (Character?) -> Bool = { $0.map { $0.isLetter || $0.isNumber } ?? false }
            if !isPart(before) && !isPart(after) { return true }
            searchRange = range.upperBound..<lowered.endIndex
        }
        return false
    }

    /// A node of the crmsh issue's cluster whose messages file holds another host's lines (the
    /// Seagate node's, as a central log server keeps them).
    @Test func clusterNodesHostsFileAndSendingHostsAreReplaced() throws {
        let folder = try FolderReport("redact-cluster")
        defer { folder.remove() }
        try folder.write("sos_commands/host/hostname", "machine1\n")
        try folder.write("etc/hosts", try Self.fixture("hosts-crmsh-1888.txt"))
        try folder.write("etc/corosync/corosync.conf", try Self.fixture("corosync-crmsh-1888.conf"))
        try folder.write("var/log/messages", try Self.fixture("messages-seagate-5465.txt"))
        let report = try #require(folder.read())
        #expect(report.hostname == "machine1")
        #expect(report.namesInFiles.hosts == ["machine1", "machine2", "machine3"])
        // Kept in memory only: the JSON never names them.
        let encoded = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!encoded.contains("namesInFiles"))

        let outcome = BatchOutcome(reports: [report], problems: [], inputCount: 1)
        let (plain, markdown, json) = try Self.redactedOutputs(outcome)
        // The output repeats the other host's lines...
        #expect(plain.contains("sm21-r22.pun.seagate.com kernel: swapper/21: page allocation failure"))
        // ...and the redacted one names none of the hosts, domains and addresses the files hold.
        let names = ["machine1", "machine2", "machine3", "sm21-r22", "sm21-r22.pun.seagate.com", "pun.seagate.com",
                     "seagate.com", "10.0.0.1", "10.0.0.2", "10.0.0.3", "192.168.0.50", "192.168.0.51", "192.168.0.52"]
        for name in names {
            #expect(!Self.mentions(markdown, name), "Markdown names \(name)")
            #expect(!Self.mentions(json, name), "JSON names \(name)")
        }
        // The report's own host first, then the files' names, then the logs' senders.
        #expect(json.contains("host-04.domain-01.example kernel: swapper/21: page allocation failure"))

        // Stored as a JSON Lines record and read back, it redacts to the same bytes: the record
        // keeps the names the report's JSON leaves out.
        let file = folder.root.appendingPathExtension("jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let line = try RecordFile.line(ReportRecord(report: report, sha256: nil, input: folder.root.path))
        #expect(line.contains(#""hostNamesInFiles":["machine1","machine2","machine3"]"#))
        try Data(line.utf8).write(to: file)
        let stored = try RecordFile.records(in: file.path).compactMap(\.report)
        #expect(stored.map(\.namesInFiles) == [report.namesInFiles])
        let fromRecord = try Self.redactedOutputs(BatchOutcome(reports: stored, problems: [], inputCount: 1))
        #expect(fromRecord.markdown == markdown)
        #expect(fromRecord.json == json)
        // A record written before the key existed still reads, with no such names.
        let older = line.replacingOccurrences(of: #""hostNamesInFiles":["machine1","machine2","machine3"],"#, with: "")
        let olderReport = try #require(try JSONDecoder().decode(ReportRecord.self, from: Data(older.utf8)).report)
        #expect(olderReport.hostname == "machine1")
        #expect(olderReport.namesInFiles == NamesInReport())
    }


    @Test func parsersOfTheNameFiles() throws {
        #expect(HostsFileParser.parse(try Self.fixture("hosts-crmsh-1888.txt")) == [
            HostsFileEntry(address: "10.0.0.1", names: ["machine1"], line: 1),
            HostsFileEntry(address: "10.0.0.2", names: ["machine2"], line: 2),
            HostsFileEntry(address: "10.0.0.3", names: ["machine3"], line: 3),
        ])
        #expect(CorosyncNodesParser.parse(try Self.fixture("corosync-fence-agents-289.conf")) == [
            CorosyncNodeName(value: "fastvm-fedora30-93", line: 3), CorosyncNodeName(value: "fastvm-fedora30-93", line: 4),
            CorosyncNodeName(value: "fastvm-fedora30-94", line: 9), CorosyncNodeName(value: "fastvm-fedora30-94", line: 10),
        ])
        #expect(ClusterConfNodesParser.parse(try Self.fixture("cluster-conf-fence-agent-api.txt")) == [
            CorosyncNodeName(value: "red.lab.boston.redhat.com", line: 2), CorosyncNodeName(value: "ips-rack9", line: 12),
        ])
        #expect(CorosyncNodesParser.parse(try Self.fixture("corosync-crmsh-1888.conf")).map(\.value) == [
            "192.168.0.50", "machine1", "192.168.0.51", "machine2", "192.168.0.52", "machine3",
        ])
    }

    /// Real lines: the Seagate node's messages, an Azure journal (short-precise), a log with no host.
    @Test func syslogSendingHosts() throws {
        let seagate = try Self.fixture("messages-seagate-5465.txt").split(separator: "\n").map(String.init)
        #expect(Set(seagate.compactMap(Redaction.syslogSender)) == ["sm21-r22.pun.seagate.com"])
        let azure = try MemoryFixtures.text("field", "syslog-hv_netvsc-cloud-init.txt").split(separator: "\n")
            .filter { !$0.hasPrefix("# source:") }.map(String.init)
        #expect(azure.compactMap(Redaction.syslogSender) == ["test-b1", "test-b1", "test-b1"])
        // wl500g/wl500g issue 229: a router's log names no host.
        #expect(Redaction.syslogSender("May 18 14:56:06 kernel: swapper: page allocation failure. order:3, mode:0x4020") == nil)
        #expect(Redaction.syslogSender("[    4.290533] e1000 0000:00:03.0 ens3: renamed from eth0") == nil)
    }

    /// IPv6 by shape, from the real reports' `ip -o addr` and hosts files; times and PCI slots are not addresses.
    @Test func ipv6Shapes() {
        func found(_ text: String) -> String? { Redaction.ipv6(Array(text.utf8)[...]) }
        #expect(found("fe80::216:3eff:fe8f:1a4e/64 scope link") == "fe80::216:3eff:fe8f:1a4e")
        #expect(found("::1 ip6-localhost ip6-loopback") == "::1")
        #expect(found("2001:0db8:0000:0000:0000:ff00:0042:8329 x") == "2001:0db8:0000:0000:0000:ff00:0042:8329")
        #expect(found("::ffff:10.0.0.116") == "::ffff:10.0.0.116")
        #expect(found("21:46:51.936767 test-b1") == nil)
        #expect(found("0000:00:03.0 ens3") == nil)
        #expect(found("dead::beefy") == nil)
        var redaction = Redaction(reports: [], problems: [])
        #expect(redaction.redactText("inet6 fe80::216:3eff:fe8f:1a4e/64 and ::1 and ff02::1") == "inet6 2001:db8::1/64 and ::1 and ff02::1")
    }

    // MARK: - The real reports

    /// Every name the archive's files hold, read with bsdtar, not with the library: host names of
    /// `/etc/hosts` and `hostname`, the sending hosts of `var/log/syslog` and `kern.log`, the
    /// corosync nodes, and the addresses and MACs `ip -o addr` and `ip -s -d link` list.
    static func namesHeld(by archive: URL) throws -> Set<String> {
        let top = archive.lastPathComponent.replacingOccurrences(of: ".tar.xz", with: "")
        func member(_ path: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["bsdtar", "-xOf", archive.path, "\(top)/\(path)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let anonymous: Set<String> = ["localhost", "ip6-localhost", "ip6-loopback", "ip6-localnet", "ip6-mcastprefix",
                                      "ip6-allnodes", "ip6-allrouters", "ip6-allhosts"]
        var names = Set<String>()
        for line in try member("etc/hosts").split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(whereSeparator: \.isWhitespace).map(String.init)
            names.formUnion(fields.dropFirst().filter { !anonymous.contains($0) })
            if let address = fields.first, !address.hasPrefix("127."), !address.hasPrefix("ff"), !address.hasPrefix("fe00"), address != "::1" {
                names.insert(address)
            }
        }
        names.insert(try member("sos_commands/host/hostname").trimmingCharacters(in: .whitespacesAndNewlines))
        for log in ["var/log/syslog", "var/log/kern.log"] {
            for line in try member(log).split(separator: "\n") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                if fields.count > 4 { names.insert(String(fields[3])) }
            }
        }
        for line in try member("etc/corosync/corosync.conf").split(separator: "\n") where line.contains("ring0_addr:") || line.contains(" name:") {
            if let value = line.split(separator: ":").last { names.insert(value.trimmingCharacters(in: .whitespaces)) }
        }
        for line in try member("sos_commands/networking/ip_-o_addr").split(separator: "\n") {
            let fields = line.split(whereSeparator: \.isWhitespace).map(String.init)
            if let at = fields.firstIndex(where: { $0 == "inet" || $0 == "inet6" }), at + 1 < fields.count {
                let address = String(fields[at + 1].prefix { $0 != "/" })
                if !address.hasPrefix("127."), address != "::1" { names.insert(address) }
            }
        }
        for line in try member("sos_commands/networking/ip_-s_-d_link").split(separator: "\n") {
            let fields = line.split(whereSeparator: \.isWhitespace).map(String.init)
            if let at = fields.firstIndex(of: "link/ether"), at + 1 < fields.count { names.insert(fields[at + 1]) }
        }
        names.remove("")
        return names
    }

    @Test(arguments: MarkdownTableShapeTests.realReports)
    func realReportsNameNothingTheyHold(path: String) throws {
        let archive = URL(fileURLWithPath: path)
        let names = try Self.namesHeld(by: archive)
        #expect(names.count >= 3, "\(names)")
        let outcome = ReportReader.read(path: path)
        let (plain, markdown, json) = try Self.redactedOutputs(BatchOutcome(reports: outcome.reports, problems: outcome.problems, inputCount: 1))
        #expect(names.contains { Self.mentions(plain, $0) }, "the plain output repeats some of them")
        let leaked = names.filter { Self.mentions(markdown, $0) || Self.mentions(json, $0) }.sorted()
        #expect(leaked == [], "redacted output still names \(leaked)")
    }
}
