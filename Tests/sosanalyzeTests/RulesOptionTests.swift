import Foundation
import Testing

/// `--rules DIR`: the user's rules run beside the bundled ones; a broken one is named on stderr
/// and the run goes on.
@Suite struct RulesOptionTests {
    static let dbnode01 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/sosreport-dbnode01-20130514091203-e9e3.tar.xz").path

    private func rulesFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try """
            id: site-vxfs-decoy
            title: "vxfs asked for order-{orders} pages ({failureCount})"
            severity: info
            when:
              failures: { modules: [vxfs] }
            explanation: Veritas allocations; not the network issue.
            references: ["https://wiki.example.com/vxfs"]
            """.write(to: folder.url.appendingPathComponent("vxfs.yaml"), atomically: true, encoding: .utf8)
        try "id: broken\nwhen: [\n".write(to: folder.url.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func inspectUsesUserRulesAndNamesBrokenOnes() throws {
        let folder = try rulesFolder()
        let result = try Command.sosanalyze(["inspect", "--format", "json", "--rules", folder.url.path, Self.dbnode01])
        #expect(result.status == 0)
        #expect(result.stderr.contains("sosanalyze: known-issue rule not used: \(folder.url.path)/broken.yaml: not YAML"))
        #expect(result.stdout.contains("\"id\" : \"known-issue.site-vxfs-decoy\""))
        #expect(result.stdout.contains("\"title\" : \"vxfs asked for order-3 pages (1)\""))
        #expect(result.stdout.contains("\"id\" : \"known-issue.mlx4-en-rhel64-high-order-leak\""))
    }

    @Test func summarizeTakesRulesToo() throws {
        let folder = try rulesFolder()
        let result = try Command.sosanalyze(["summarize", "--format", "json", "--rules", folder.url.path, Self.dbnode01])
        #expect(result.status == 0)
        #expect(result.stdout.contains("known-issue.site-vxfs-decoy"))
    }

    @Test func inspectTextShowsBuddyStateAndAdvice() throws {
        let result = try Command.sosanalyze(["inspect", Self.dbnode01])
        #expect(result.status == 0)
        #expect(result.stdout.contains("High-order free memory — EXHAUSTED from order 2 (16 KiB)"))
        #expect(result.stdout.contains("  EXHAUSTED Normal zone, node 0: only 3 free blocks of 16 KiB or larger (48 KiB), while 72.3 MiB is free in 4 KiB and 8 KiB blocks; an atomic order-2 request needs at least 3 MiB in such blocks  [proc/buddyinfo:3]"))
        #expect(result.stdout.contains("Tuning advice (a workaround, not a fix)"))
        #expect(result.stdout.contains("  - Workaround: raise vm.min_free_kbytes from 67584 KiB (66 MiB, the kernel default) to 704 MiB–2.5 GiB. The fix: RHEL 6.5 (kernel 2.6.32-431)."))
        #expect(result.stdout.contains("  ERROR    Known issue: mlx4_en in the RHEL 6.4 kernel (2.6.32-358.el6.x86_64) leaks high-order pages; fixed in RHEL 6.5 (kernel 2.6.32-431)"))
    }
}
