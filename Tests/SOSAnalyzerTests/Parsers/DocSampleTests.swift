import Testing
@testable import SOSAnalyzer

/// One test per parser: the sample its doc comment shows, read from the source file, gives what
/// the doc comment says it yields (``DocSample``). The fuller tests of each parser are in its
/// own file; these keep the documentation from drifting.
@Suite struct DocSampleTests {
    @Test func uname() throws {
        let parsed = try UnameParser.parse(try DocSample.of("Parsers/Uname.swift", "public enum UnameParser"))
        #expect(parsed.kernelName == "Linux")
        #expect(parsed.hostname == "foo.example.com")
        #expect(parsed.release == "2.6.32-504.el6.x86_64")
        #expect(parsed.version == "#1 SMP Tue Sep 16 01:56:35 EDT 2014")
        #expect(parsed.machine == "x86_64")
        #expect(parsed.line == 1)
    }

    @Test func redHatRelease() throws {
        let parsed = try OSReleaseParser.parseRedHatRelease(try DocSample.of("Parsers/OSRelease.swift", "public enum OSReleaseParser"))
        #expect(parsed == OSRelease(id: "rhel", version: "4.5", name: "Red Hat Enterprise Linux AS release 4 (Nahant Update 5)", beta: false, line: 1))
    }

    @Test func sosVersionFile() throws {
        let parsed = try SosVersionFileParser.parse(try DocSample.of("Parsers/SosVersionFile.swift", "public enum SosVersionFileParser"))
        #expect(parsed.version == "4.2")
        #expect(parsed.line == 1)
    }

    @Test func manifestVersion() throws {
        // the doc's "..." stands for the rest of the object: close it as JSON
        let sample = try DocSample.of("Parsers/ManifestVersion.swift", "enum ManifestVersion")
            .replacingOccurrences(of: ", ...}", with: "}")
        let parsed = try #require(ManifestVersion.version(inManifest: sample))
        #expect(parsed.value == "4.2")
        #expect(parsed.line == 1)
    }

    @Test func sysModuleTaint() throws {
        #expect(try SysModuleTaintParser.parse(try DocSample.of("Parsers/SysModuleTaint.swift", "public enum SysModuleTaintParser")) == ["P", "O"])
        #expect(try SysModuleTaintParser.parse("") == [])
    }

    @Test func tainted() throws {
        let parsed = try TaintedParser.parse(try DocSample.of("Parsers/Tainted.swift", "public enum TaintedParser"))
        #expect(parsed.value == 4096)
        #expect(parsed.line == 1)
        #expect(TaintDecoder.decode(12289, layout: .upstream).map(\.letter) == ["P", "O", "E"])
    }

    @Test func lsmod() throws {
        let parsed = try LsmodParser.parse(try DocSample.of("Parsers/Lsmod.swift", "public enum LsmodParser"))
        #expect(parsed.map(\.name) == ["rdma_ucm", "rdma_cm"])
        #expect(parsed.map(\.size) == [32768, 106496])
        #expect(parsed.map(\.useCount) == [0, 1])
        #expect(parsed.map(\.usedBy) == [[], ["rdma_ucm"]])
        #expect(parsed.map(\.line) == [2, 3])
        let proc = try LsmodParser.parse("zcommon 90112 2 zfs,icp, Live 0xffffffffc0952000 (PO)\n")
        #expect(proc.first?.usedBy == ["zfs", "icp"])
        #expect(proc.first?.taintFlags == ["P", "O"])
    }

    @Test func modinfo() throws {
        let listing = try ModinfoParser.parse(try DocSample.of("Parsers/Modinfo.swift", "public enum ModinfoParser"))
        let record = try #require(listing.records.first)
        #expect(listing.records.count == 1)
        #expect(record.name == "vmxnet3")
        #expect(record.version == "1.4.14.0-k")
        #expect(record.license == "GPL v2")
        #expect(record.intree == true)
        #expect(record.retpoline == true)
        #expect(record.line == 1)
    }

    @Test func moduleTaintMessages() throws {
        let messages = ModuleTaintMessageParser.messages(in: try DocSample.of("Parsers/ModuleTaintMessages.swift", "public enum ModuleTaintMessageParser"))
        #expect(messages.map(\.module) == ["taint_module", "taint_module", "taint_module"])
        #expect(messages.map(\.reason) == ["out-of-tree", "license", "unsigned"])
        #expect(messages.map(\.taintFlag) == ["O", "P", "E"])
        #expect(messages.map(\.line) == [1, 2, 4])
        #expect(messages[1].message == "taint_module: module license 'Proprietary' taints kernel.")
    }

    @Test func sysctl() throws {
        let table = try SysctlParser.parse(try DocSample.of("Parsers/Sysctl.swift", "public enum SysctlParser"))
        #expect(table.entries["abi.vsyscall32"] == SysctlEntry(value: "1", line: 1))
        #expect(table.notes == [])
        #expect(table.unreadableKeys.map(\.message) == [
            "sysctl: unable to open directory \"/proc/sys/fs/binfmt_misc/\"",
            "sysctl: permission denied on key 'fs.protected_fifos'",
        ])
    }

    @Test func packageLists() throws {
        let rpm = try InstalledPackagesParser.parseRPMList(try DocSample.of("Parsers/InstalledPackages.swift", "public enum InstalledPackagesParser"))
        #expect(rpm.packages.first { $0.name == "kernel" } == InstalledPackage(
            name: "kernel", version: "2.6.32", release: "573.el6", arch: "x86_64", installTime: "Wed May 18 14:17:17 2016", line: 2))
        let dpkg = try InstalledPackagesParser.parseDpkgList(try DocSample.of("Parsers/InstalledPackages.swift", "public enum InstalledPackagesParser", block: 1))
        #expect(dpkg.packages.map(\.name) == ["accountsservice", "containerd"])
        #expect(dpkg.packages.first?.version == "0.6.55-0ubuntu12~20.04.5")
        #expect(dpkg.packages.first?.arch == "amd64")
    }

    @Test func buddyinfo() throws {
        let zones = try BuddyInfoParser.parse(try DocSample.of("Parsers/BuddyInfo.swift", "public enum BuddyInfoParser"))
        #expect(zones.count == 4)
        #expect(zones.last?.node == 1)
        #expect(zones.last?.zone == "Normal")
        #expect(zones.last?.freeBlocks == [220376, 217700, 54089, 1, 0, 0, 0, 0, 0, 0, 0])
        #expect(zones.last?.source == Evidence(member: "proc/buddyinfo", line: 4))
    }

    @Test func dmidecode() throws {
        let identity = try DmidecodeParser.parse(try DocSample.of("Parsers/Dmidecode.swift", "public enum DmidecodeParser"))
        #expect(identity.vendor == "OpenStack Foundation")
        #expect(identity.model == "OpenStack Nova")
        #expect(identity.serial == "f9a1477e-7b80-4398-a25d-3710d4e796ba")
    }

    @Test func ethtoolDriver() throws {
        let info = try EthtoolDriverParser.parse(try DocSample.of("Parsers/EthtoolDriver.swift", "public enum EthtoolDriverParser"))
        #expect(info.driver == "mlx4_en")
        #expect(info.version == "4.0-0")
        #expect(info.firmware == "2.42.5000")
        #expect(info.expansionROM == nil)
        #expect(info.busInfo == "0000:83:00.0")
        #expect(info.line == 1)
    }

    @Test func meminfo() throws {
        let info = try MemInfoParser.parse(try DocSample.of("Parsers/MemInfo.swift", "public enum MemInfoParser"))
        #expect(info.memTotalKiB == 8164548)
        #expect(info.lines["MemTotal"] == 1)
        #expect(info.memFreeKiB == 851960)
        #expect(info.memAvailableKiB == 1950080)
        #expect(info.slabKiB == 199948)
        #expect(info.values["HugePages_Total"] == 0)
    }

    @Test func zoneinfo() throws {
        let zones = try ZoneInfoParser.parse(try DocSample.of("Parsers/ZoneInfo.swift", "public enum ZoneInfoParser"))
        let zone = try #require(zones.first)
        #expect(zone.node == 0)
        #expect(zone.zone == "DMA")
        #expect([zone.freePages, zone.minPages, zone.lowPages, zone.highPages, zone.spannedPages, zone.presentPages] == [3960, 32, 40, 48, 4080, 3900])
        #expect(zone.managedPages == nil)
        #expect(zone.line == 1)
    }

    @Test func pagetypeinfo() throws {
        let info = try PageTypeInfoParser.parse(try DocSample.of("Parsers/PageTypeInfo.swift", "public enum PageTypeInfoParser"))
        #expect(info.pageBlockOrder == 10)
        #expect(info.pagesPerBlock == 1024)
        let movable = try #require(info.freeRows.first { $0.type == "Movable" })
        #expect(movable.freeBlocks.prefix(3) == [16, 23, 0])
        #expect(info.blockRows.first?.blocks == ["Unmovable": 9, "Reclaimable": 1, "Movable": 21, "Reserve": 1, "CMA": 0, "Isolate": 0])
    }

    @Test func linuxVersionBanner() throws {
        let banner = try #require(LinuxVersionBannerParser.firstBanner(in: try DocSample.of("Parsers/LinuxVersionBanner.swift", "public enum LinuxVersionBannerParser")))
        #expect(banner.release == "5.4.0-99-generic")
        #expect(banner.line == 1)
    }

    @Test func transparentHugePages() throws {
        let parsed = try TransparentHugePagesParser.parse(try DocSample.of("Parsers/TransparentHugePages.swift", "public enum TransparentHugePagesParser"))
        #expect(parsed == TransparentHugePages(mode: "madvise", choices: ["always", "madvise", "never"], line: 1))
        #expect(throws: ParseFailure.notCollected("transparent_hugepage/enabled is empty")) { try TransparentHugePagesParser.parse("\n") }
        #expect(throws: ParseFailure.malformed(line: 1, message: "no [bracketed] mode in \"always madvise never\"")) {
            try TransparentHugePagesParser.parse("always madvise never\n")
        }
    }

    @Test func ethtoolStatistics() throws {
        let parsed = try EthtoolStatisticsParser.parse(try DocSample.of("Parsers/EthtoolStatistics.swift", "public enum EthtoolStatisticsParser"))
        #expect(parsed.counters.count == 4)
        #expect(parsed.counters.first == EthtoolCounter(name: "rx_queue_0_packets", value: 232850, line: 2))
        #expect(parsed.counters.last == EthtoolCounter(name: "tx_queue_0_kicks", value: 158522, line: 5))
    }

    @Test func procNetDev() throws {
        let parsed = try ProcNetDevParser.parse(try DocSample.of("Parsers/ProcNetDev.swift", "public enum ProcNetDevParser"))
        #expect(parsed.map(\.interface) == ["flannel.1", "ens3"])
        #expect(parsed[0].rxPackets == 639)
        #expect(parsed[0].txDropped == 13)
        #expect(parsed[0].source.line == 3)
        #expect(parsed[1].rxBytes == 778210289)
        #expect(parsed[1].rxDropped == 0)
        #expect(parsed[1].source.line == 4)
    }

    @Test func softnetStat() throws {
        let parsed = try SoftnetStatParser.parse(try DocSample.of("Parsers/SoftnetStat.swift", "public enum SoftnetStatParser"))
        #expect(parsed.map(\.cpu) == [0, 1])
        #expect(parsed.map(\.processed) == [36472, 14127])
        #expect(parsed.map(\.dropped) == [0, 1])
        #expect(parsed[1].timeSqueeze == 0)
        #expect(parsed[1].columns == 10)
        #expect(parsed[1].source.line == 2)
    }

    @Test func netstatTCPExt() throws {
        let parsed = try NetstatTCPExtParser.parse(try DocSample.of("Parsers/NetstatTCPExt.swift", "public enum NetstatTCPExtParser"))
        #expect(parsed.counters["LockDroppedIcmps"] == 3)
        #expect(parsed.counters["PruneCalled"] == 0)
        #expect(parsed.lines["LockDroppedIcmps"] == 2)
        #expect(parsed.lines["PruneCalled"] == 2)
        #expect(parsed.format == "proc/net/netstat")
    }

    @Test func ipStatsLink() throws {
        let parsed = try IPStatsLinkParser.parse(try DocSample.of("Parsers/IPStatsLink.swift", "public enum IPStatsLinkParser"))
        #expect(parsed.map(\.interface) == ["flannel.1"])
        #expect(parsed[0].rxPackets == 639)
        #expect(parsed[0].txDropped == 13)
        #expect(parsed[0].rxFifo == 0)
        #expect(parsed[0].source.line == 1)
    }
}

/// The doc samples of the files redaction learns names from (issue 16 item 1).
@Suite struct NameFileDocSampleTests {
    @Test func hostsFile() throws {
        let entries = HostsFileParser.parse(try DocSample.of("Parsers/HostsFile.swift", "public struct HostsFileEntry"))
        #expect(entries.first == HostsFileEntry(address: "10.0.0.1", names: ["machine1"], line: 1))
        #expect(entries.count == 3)
    }

    @Test func corosyncNodes() throws {
        let names = CorosyncNodesParser.parse(try DocSample.of("Parsers/CorosyncNodes.swift", "public struct CorosyncNodeName"))
        #expect(names == [CorosyncNodeName(value: "fastvm-fedora30-93", line: 3), CorosyncNodeName(value: "fastvm-fedora30-93", line: 4)])
    }

    @Test func clusterConfNodes() throws {
        let names = ClusterConfNodesParser.parse(try DocSample.of("Parsers/ClusterConfNodes.swift", "public enum ClusterConfNodesParser"))
        #expect(names.map(\.value) == ["red.lab.boston.redhat.com", "ips-rack9"])
    }
}
