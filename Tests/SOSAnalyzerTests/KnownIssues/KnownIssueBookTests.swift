import Foundation
import Testing
@testable import SOSAnalyzer

/// Loading, validation and the rule language's matching helpers.
@Suite struct KnownIssueBookTests {
    private func folder(_ files: [String: String]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url.path
    }

    static let goodRule = """
        id: site-bnx2x
        title: "Our bnx2x boxes fail order-{orders} allocations"
        severity: critical
        when:
          failures: { modules: [bnx2x] }
        explanation: local knowledge
        references: ["https://wiki.example.com/bnx2x"]
        """

    @Test func brokenRuleIsReportedAndTheOthersRun() throws {
        let path = try folder([
            "a-good.yaml": Self.goodRule,
            "b-unknown-key.yaml": Self.goodRule.replacingOccurrences(of: "failures: {", with: "failure: {"),
            "c-not-yaml.yaml": "id: [unclosed\n",
            "d-no-reference.yaml": Self.goodRule.replacingOccurrences(of: "references: [\"https://wiki.example.com/bnx2x\"]", with: "references: []"),
            "e-bad-regex.yml": Self.goodRule.replacingOccurrences(of: "failures: { modules: [bnx2x] }", with: "log: { contains: x, regex: \"(\" }"),
            "f-empty-when.yaml": Self.goodRule.replacingOccurrences(of: "  failures: { modules: [bnx2x] }", with: "  any: []"),
            "notes.txt": "not a rule",
        ])
        let book = KnownIssueBook.load(folder: path)
        #expect(book.rules.map(\.id) == ["site-bnx2x"])
        #expect(book.rules.first?.file == path + "/a-good.yaml")
        #expect(book.problems.map { ($0.file as NSString).lastPathComponent } == [
            "b-unknown-key.yaml", "c-not-yaml.yaml", "d-no-reference.yaml", "e-bad-regex.yml", "f-empty-when.yaml",
        ])
        let messages = book.problems.map(\.message)
        #expect(messages[0].hasPrefix("line 5: unknown key 'when.failure'"))
        #expect(messages[1].hasPrefix("not YAML"))
        #expect(messages[2] == "references: give at least one public reference")
        #expect(messages[3].hasPrefix("when.log.regex does not compile"))
        #expect(messages[4] == "when: no condition (the rule would match every report)")
    }

    @Test func userRuleReplacesBundledOneWithTheSameId() throws {
        var book = KnownIssueBook.bundled
        let path = try folder(["override.yaml": Self.goodRule.replacingOccurrences(of: "site-bnx2x", with: "bnx2x-order2-atomic")])
        book.add(KnownIssueBook.load(folder: path))
        #expect(book.rules.count == 29)
        let report = TinyReport.make(failures: [TinyReport.failure("swapper", order: 3, mask: "0x20", modules: ["bnx2x"], line: 8)])
        let findings = book.evaluate(report)
        #expect(findings.map(\.id) == ["known-issue.bnx2x-order2-atomic"])
        #expect(findings.first?.severity == .critical)
        #expect(findings.first?.title == "Our bnx2x boxes fail order-3 allocations")
    }

    @Test func missingFolderIsAProblem() {
        let book = KnownIssueBook.load(folder: "/nonexistent/rules")
        #expect(book.rules.isEmpty)
        #expect(book.problems.count == 1)
        #expect(book.problems.first?.file == "/nonexistent/rules")
    }

    @Test func missingKeyNamesIt() {
        #expect(throws: KnownIssueBook.RuleError(message: "missing severity")) {
            try KnownIssueBook.parse(Self.goodRule.replacingOccurrences(of: "severity: critical\n", with: ""))
        }
    }

    @Test func minOrderAboveMaxOrderIsRefused() {
        #expect(throws: KnownIssueBook.RuleError(message: "when.failures: minOrder 3 is above maxOrder 2")) {
            try KnownIssueBook.parse(Self.goodRule.replacingOccurrences(of: "{ modules: [bnx2x] }", with: "{ minOrder: 3, maxOrder: 2 }"))
        }
    }

    @Test func globs() {
        #expect(Glob.matches("2.6.32-358.*", "2.6.32-358.6.1.el6.x86_64"))
        #expect(!Glob.matches("2.6.32-358.*", "2.6.32-3580.el6"))
        #expect(Glob.matches("z_rd_int*", "z_rd_int/3"))
        #expect(Glob.matches("ksoftirqd/?", "ksoftirqd/3"))
        #expect(!Glob.matches("nfsd", "nfsd4"))
        #expect(Glob.matches("*", ""))
    }

    @Test func rpmVersionOrder() {
        #expect(RPMVersion.compare("2.6.32-358.6.1.el6.x86_64", "2.6.32-431") < 0)
        #expect(RPMVersion.compare("2.6.32-431.el6.x86_64", "2.6.32-431") > 0)
        #expect(RPMVersion.compare("2.6.32-358", "2.6.32-358") == 0)
        #expect(RPMVersion.compare("3.10.0-1160.el7", "3.10.0-957.el7") > 0)
        #expect(RPMVersion.compare("2.6.32-71.el6", "2.6.40") < 0)
        #expect(RPMVersion.compare("2.6.32-220.el6", "2.6.32-220") > 0)
    }

    /// A report's logs share one compiled `Rules` (its regexes compiled once a pass): each scan
    /// still keeps its own count per rule, and finds what a scan built from the patterns finds.
    @Test func scansOfOnePassShareTheirRules() {
        let rules = KernelLogScan.Rules(KnownIssueBook.bundled.logPatterns)
        let lines = Array(repeating: "May 13 02:15:00 db1 kernel: XFS: possible memory allocation deadlock in kmem_alloc (mode:0x250)", count: 12)
        func scanned(_ scan: inout KernelLogScan) {
            for (index, line) in lines.enumerated() {
                var bytes = Array(line.utf8)
                bytes.withUnsafeMutableBufferPointer { scan.feed(UnsafeBufferPointer($0), number: index + 1) }
            }
        }
        var first = KernelLogScan(member: "var/log/messages", rules: rules)
        var second = KernelLogScan(member: "var/log/messages-20130513", rules: rules)
        var alone = KernelLogScan(member: "var/log/messages-20130513", patterns: KnownIssueBook.bundled.logPatterns)
        scanned(&first)
        scanned(&second)
        scanned(&alone)
        #expect(first.logMatches.count == KernelLogScan.matchesPerPattern)
        #expect(second.logMatches == alone.logMatches)
        #expect(second.logMatches.map(\.source.line) == Array(1...10))
    }

    /// Log patterns are looked for while the log streams, at most 10 lines per rule and log.
    @Test func logPatternsAreMatchedWhileScanning() {
        var scan = KernelLogScan(member: "var/log/messages", patterns: KnownIssueBook.bundled.logPatterns)
        let lines = [
            "May 13 02:14:51 db1 kernel: XFS: java(4125) possible memory allocation deadlock size 65536 in kmem_alloc (mode:0x250)",
            "May 13 02:14:52 db1 kernel: possible memory allocation deadlock elsewhere",
        ] + Array(repeating: "May 13 02:15:00 db1 kernel: XFS: possible memory allocation deadlock in kmem_alloc (mode:0x250)", count: 12)
        for (index, line) in lines.enumerated() {
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBufferPointer { scan.feed(UnsafeBufferPointer($0), number: index + 1) }
        }
        #expect(scan.logMatches.count == 10)
        #expect(scan.logMatches.first == KernelLogMatch(
            rule: "xfs-kmem-alloc-deadlock",
            text: "XFS: java(4125) possible memory allocation deadlock size 65536 in kmem_alloc (mode:0x250)",
            source: Evidence(member: "var/log/messages", line: 1)))
        #expect(scan.logMatches.map { $0.source.line } == [1, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    }
}
