import Foundation
import Testing
@testable import SOSAnalyzer

/// Issue 16 item 5: the OS when `etc/os-release` is missing or a dangling link (RHEL CoreOS
/// links it into `/usr/lib`): release package, then boot command line, then kernel dist tag,
/// each saying which source was used.
@Suite struct OSFallbackTests {
    private func coreOSLikeFolder(_ label: String) throws -> FolderReport {
        let folder = try FolderReport(label, sosVersion: "3.6")
        // The link RHEL CoreOS and Ubuntu ship; sos did not copy its target.
        try folder.link("etc/os-release", to: "../usr/lib/os-release")
        return folder
    }

    /// The real AlmaLinux 9.2 `rpm -qa` lists `almalinux-release-9.2-1.el9.x86_64`.
    @Test func releasePackageWhenOSReleaseDangles() throws {
        let folder = try coreOSLikeFolder("field-os-pkg")
        defer { folder.remove() }
        try folder.write("sos_commands/rpm/rpm_-qa", try MemoryFixtures.text("field", "rpm-qa-almalinux92-excerpt.txt"))
        try folder.write("proc/cmdline", try MemoryFixtures.text("field", "proc-cmdline-rhcos.txt"))
        let report = try #require(folder.read())
        let os = try #require(report.os)
        #expect(os.id == "alma")
        #expect(os.version == "9.2")
        #expect(os.name == "release package almalinux-release-9.2-1.el9")
        #expect(report[evidence: .os] == Evidence(member: "sos_commands/rpm/rpm_-qa", line: 5))
        #expect(report.problems.contains { $0.message.hasPrefix("OS release file not read (dangling link etc/os-release") })
    }

    /// With no package list, the real RHEL CoreOS worker's `/proc/cmdline` names the deployment.
    @Test func ostreeDeploymentOnTheBootCommandLine() throws {
        let folder = try coreOSLikeFolder("field-os-cmdline")
        defer { folder.remove() }
        try folder.write("proc/cmdline", try MemoryFixtures.text("field", "proc-cmdline-rhcos.txt"))
        let report = try #require(folder.read())
        #expect(report.os?.id == "rhcos")
        #expect(report.os?.displayName == "RHEL CoreOS")
        #expect(report[evidence: .os] == Evidence(member: "proc/cmdline", line: 1))
    }

    /// Nothing but the kernel: its dist tag (the release of the same worker's kernel,
    /// `4.18.0-147.rt24.93.el8.x86_64`; the uname line around it is invented).
    @Test func kernelDistTagLast() throws {
        let folder = try coreOSLikeFolder("field-os-kernel")
        defer { folder.remove() }
        try folder.write("sos_commands/kernel/uname_-a",
                         "Linux worker-3 4.18.0-147.rt24.93.el8.x86_64 #1 SMP PREEMPT RT Thu Nov 14 15:42:50 UTC 2019 x86_64 x86_64 x86_64 GNU/Linux\n")
        let report = try #require(folder.read())
        #expect(report.os?.id == "el")
        #expect(report.os?.version?.hasPrefix("8") == true)
        #expect(report.os?.name == "kernel dist tag .el8 of 4.18.0-147.rt24.93.el8.x86_64")
        #expect(report[evidence: .os]?.member == "sos_commands/kernel/uname_-a")
    }

    @Test func releasePackageVersions() {
        let coreos = InstalledPackage(name: "redhat-release-coreos", version: "48", release: "1.el8", line: 1)
        #expect(ReleasePackages.os(in: [coreos])?.0.version == "4.8")
        let centos = InstalledPackage(name: "centos-release", version: "7", release: "6.1810.2.el7.centos", line: 1)
        #expect(ReleasePackages.os(in: [centos])?.0.version == "7.6")
        #expect(KernelDistTag.os(forKernel: "4.13.9-300.fc27.x86_64")?.version == "27")
    }
}
