import Foundation
import Testing
@testable import SOSAnalyzer

/// Classes of real input from issue 16 ("real reports from the field").
@Suite struct FieldReportTests {
    /// k8stest-4 of `shared/real-sosreports` is a Charmed Kubernetes worker: kubelet and the
    /// control plane come as snaps (its `sos_commands/snap/snap_list_--all` lists kube-apiserver,
    /// kube-proxy, kubectl 1.23.3), so dpkg names none, but sos ran its kubernetes plugin.
    @Test func kubernetesNodeHasClusterSoftware() throws {
        let folder = try #require(SharedData.realSosreports)
        let path = folder.appendingPathComponent("sosreport-juju-110cc2-k8stest-4-2022-02-10-dnuxkgx.tar.xz").path
        let report = try #require(ReportReader.read(path: path).reports.first)
        #expect(report.packages?.clusterStack.contains("kubernetes") == true)
        // An LXD container of the same deployment runs no Kubernetes.
        let lxd = folder.appendingPathComponent("sosreport-juju-04f1e3-1-lxd-5-2022-02-10-ktuubmf.tar.xz").path
        let other = try #require(ReportReader.read(path: lxd).reports.first)
        #expect(other.packages?.clusterStack.contains("kubernetes") == false)
    }

    /// Fedora 27 and RHEL CoreOS VMs of issue 16 left `ethtool -i` empty. Invented edge case
    /// (an empty file is all there is to copy): a folder report with only that file.
    @Test func emptyEthtoolIsEmptyNotNotCollected() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("field-ethtool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let networking = root.appendingPathComponent("sos_commands/networking")
        try FileManager.default.createDirectory(at: networking, withIntermediateDirectories: true)
        try "sosreport: 4.2\n".write(to: root.appendingPathComponent("version.txt"), atomically: true, encoding: .utf8)
        try "Linux h 4.13.9-300.fc27.x86_64 #1 SMP Mon Oct 23 13:41:58 UTC 2017 x86_64 x86_64 x86_64 GNU/Linux\n"
            .write(to: root.appendingPathComponent("sos_commands/kernel-uname"), atomically: true, encoding: .utf8)
        let ethtool = networking.appendingPathComponent("ethtool_-i_ens3")
        try Data().write(to: ethtool)
        let empty = try #require(ReportReader.read(path: root.path).reports.first)
        #expect(empty.nics.isEmpty)
        #expect(empty[state: .nics] == .empty)

        try FileManager.default.removeItem(at: ethtool)
        let absent = try #require(ReportReader.read(path: root.path).reports.first)
        #expect(absent[state: .nics] == .notCollected)
    }

    /// sysctl's own messages about keys it could not read (the real `sysctl -a` of the sos 4.2
    /// LXD container, its first 110 lines, read for `vm.min_free_kbytes` because `proc/sys/vm/`
    /// was not collected) are no read failure: the report is not "read in part" for them. A line
    /// the parser really could not read (invented: a cut line appended) is still kept as a problem.
    @Test func sysctlSkipMessagesAreNoProblemButOtherLinesAre() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("field-sysctl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let kernel = root.appendingPathComponent("sos_commands/kernel")
        try FileManager.default.createDirectory(at: kernel, withIntermediateDirectories: true)
        try "sosreport: 4.2\n".write(to: root.appendingPathComponent("version.txt"), atomically: true, encoding: .utf8)
        let sysctl = try MemoryFixtures.text("real", "sysctl_-a-lxd-5-0-lines1-110.txt") + "vm.min_free_kbytes = 67584\n"
        try sysctl.write(to: kernel.appendingPathComponent("sysctl_-a"), atomically: true, encoding: .utf8)
        let report = try #require(ReportReader.read(path: root.path).reports.first)
        #expect(report.sysctl["vm.min_free_kbytes"] == 67584)
        #expect(!report.problems.contains { $0.member?.hasPrefix("sos_commands/kernel/sysctl_-a") == true })

        try (sysctl + "net.core.netdev_bu\n").write(to: kernel.appendingPathComponent("sysctl_-a"), atomically: true, encoding: .utf8)
        let cut = try #require(ReportReader.read(path: root.path).reports.first)
        #expect(cut.problems.contains(ReportProblem(message: "sysctl: net.core.netdev_bu", member: "sos_commands/kernel/sysctl_-a:112")))
    }
}

/// A real OpenShift 4.2 RHEL CoreOS master (jds2001/coreos-sosreport-master1, a Hyper-V VM): no
/// release file, no ethtool, no dmidecode. Every fact the issue named comes from its fallback.
@Suite struct RealCoreOSMasterTests {
    static let rpmList = "sos_commands/rpm/sh_-c_rpm_--nodigest_-qa_--qf_NAME_-_VERSION_-_RELEASE_._ARCH_INSTALLTIME_date_awk_-F_printf_-59s_s_n_1_2_sort_-V"

    @Test func factsFromTheFallbacks() throws {
        let folder = try FolderReport("field-rhcos42", sosVersion: "3.6")
        defer { folder.remove() }
        try folder.write("sos_commands/kernel/dmesg", try MemoryFixtures.text("field", "dmesg-rhcos42-master1-excerpt.txt"))
        try folder.write(Self.rpmList, try MemoryFixtures.text("field", "rpm-qa-rhcos42-master1-excerpt.txt"))
        try folder.link("installed-rpms", to: Self.rpmList)
        try folder.write("sos_commands/kernel/lsmod", try MemoryFixtures.text("corpus", "lsmod-01.txt"))
        try folder.link("sys/class/net/eth0",
                        to: "../../devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0004:00/VMBUS:00/d21ff526-bca3-4828-bb22-07322cfd6f93/net/eth0")
        let report = try #require(folder.read())

        // OS: the release package, versioned by the OpenShift release its packages name (rhaos4.2).
        #expect(report.os?.id == "rhcos")
        #expect(report.os?.version == "4.2")
        #expect(report.os?.name == "release package redhat-release-coreos-420.8-3.el8")
        #expect(report[evidence: .os]?.member == Self.rpmList)
        // Cluster software: OpenShift and CRI-O.
        #expect(report.packages?.clusterStack.contains("openshift-hyperkube") == true)
        #expect(report.packages?.clusterStack.contains("cri-o") == true)
        // kmod-libs is no kernel-module package.
        #expect(report.packages?.thirdPartyKernelPackages.contains { $0.hasPrefix("kmod") } != true)
        // Hardware from the boot log's DMI line.
        #expect(report.hardware?.vendor == "Microsoft Corporation")
        #expect(report.hardware?.model == "Virtual Machine")
        #expect(report.hardware?.bios == "Hyper-V UEFI Release v4.0 01/30/2019")
        // The NIC from its VMBus sys/class/net link.
        #expect(report.nics.map(\.interface) == ["eth0"])
        #expect(report.nics.first?.driver == "hv_netvsc")
        #expect(report.nics.first?.source == Evidence(member: "sys/class/net/eth0"))
    }
}
