import Foundation
import Testing
@testable import SOSAnalyzer

/// Issue 16 item 4: only packages that ship kernel modules are third-party kernel packages, and
/// an in-tree module that taints for a distribution reason is named in the taint finding.
@Suite struct ThirdPartyModuleTests {
    /// A real AlmaLinux 9.2 `rpm -qa` (Fixtures/field): kmod and kmod-libs are the module tools,
    /// kmod-kvdo ships the VDO modules.
    @Test func kmodLibsIsNotAModulePackage() throws {
        let folder = try FolderReport("field-kmod")
        defer { folder.remove() }
        try folder.write("sos_commands/rpm/rpm_-qa", try MemoryFixtures.text("field", "rpm-qa-almalinux92-excerpt.txt"))
        let report = try #require(folder.read())
        #expect(report.packages?.count == 27)
        #expect(report.packages?.thirdPartyKernelPackages == ["kmod-kvdo"])
        #expect(!NotablePackages.shipsThirdPartyKernelModules("kmod-libs"))
        #expect(!NotablePackages.shipsThirdPartyKernelModules("kmod"))
    }

    /// RHEL 7 marks overlayfs Technology Preview: the kernel logs "TECH PREVIEW: Overlay filesystem
    /// may not be fully supported." (a real CentOS 7.6 line quoted in a public kubernetes-centos-kernel
    /// note) and sets taint bit 29, printed `T` after the module in `/proc/modules`. The module line
    /// and the taint value are an invented edge case built on that: overlay is in-tree, so it is
    /// named with its flag in the taint finding and not called third-party.
    @Test func techPreviewModuleIsNamedInTheTaintFinding() throws {
        let folder = try FolderReport("field-overlay")
        defer { folder.remove() }
        try folder.write("sos_commands/kernel/uname_-a",
                         "Linux node1 3.10.0-957.10.1.el7.x86_64 #1 SMP Mon Mar 18 15:06:45 UTC 2019 x86_64 x86_64 x86_64 GNU/Linux\n")
        try folder.write("proc/modules", """
            overlay 71964 2 - Live 0xffffffffc0a7a000 (T)
            xfs 997727 2 - Live 0xffffffffc0252000

            """)
        try folder.write("proc/sys/kernel/tainted", "536870912\n")
        let report = try #require(folder.read())
        let overlay = try #require(report.modules.first { $0.name == "overlay" })
        #expect(overlay.taintFlags == ["T"])
        #expect(!overlay.thirdParty)
        #expect(!report.findings.contains { $0.id == "third-party-modules" })
        let taint = try #require(report.findings.first { $0.id == "kernel-tainted" })
        #expect(taint.detail == "Set by in-tree module, not third-party: overlay (T: TECH_PREVIEW).")
    }
}
