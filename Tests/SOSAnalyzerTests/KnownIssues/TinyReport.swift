@testable import SOSAnalyzer

/// Small `Report` values showing one signature each, with evidence where a real report has it.
enum TinyReport {
    static func make(
        os: (id: String, version: String)? = nil, kernel: String? = nil, modules: [String] = [],
        nics: [(interface: String, driver: String)] = [], failures: [AllocationFailureRecord] = [],
        memTotalKiB: Int? = nil, logMatches: [KernelLogMatch] = [],
        buddyinfo: [BuddyInfoRecord] = [], zoneinfo: [ZoneInfoRecord] = [], sysctl: [String: Int] = [:]
    ) -> Report {
        var report = Report(source: ReportSourceInfo(path: "tiny.tar.xz", format: "tar.xz", topFolder: "tiny", memberCount: 1))
        if let os {
            report.os = OSInfo(id: os.id, version: os.version, name: "release \(os.version)")
            report.evidence["os"] = Evidence(member: "etc/redhat-release", line: 1)
        }
        if let kernel {
            report.kernel = KernelInfo(release: kernel)
            report.evidence["kernel.release"] = Evidence(member: "sos_commands/kernel/uname_-a", line: 1)
        }
        report.modules = modules.enumerated().map { index, name in
            ModuleInfo(name: name, size: 1000, usedBy: [], source: Evidence(member: "sos_commands/kernel/lsmod", line: index + 2))
        }
        report.nics = nics.map { nic in
            NICInfo(interface: nic.interface, driver: nic.driver, version: nil, firmware: nil, busInfo: nil, namespace: nil,
                    source: Evidence(member: "sos_commands/networking/ethtool_-i_\(nic.interface)", line: 1))
        }
        report.allocationFailures = failures
        if let memTotalKiB {
            var memory = MemoryInfo()
            memory.memTotalKiB = memTotalKiB
            report.memory = memory
            report.evidence["memory"] = Evidence(member: "proc/meminfo", line: 1)
        }
        report.kernelLogMatches = logMatches
        report.buddyinfo = buddyinfo
        report.zoneinfo = zoneinfo
        report.sysctl = sysctl
        for key in sysctl.keys { report.evidence[key] = Evidence(member: "proc/sys/vm/\(key.dropFirst(3))", line: 1) }
        if !buddyinfo.isEmpty { report.highOrderExhaustion = HighOrderExhaustion.grade(report) }
        return report
    }

    static func failure(_ process: String, order: Int, mask: String, modules: [String] = [], flags: [String] = [],
                        line: Int) -> AllocationFailureRecord {
        AllocationFailureRecord(
            process: process, pid: nil, cpu: nil, order: order, gfpMask: mask, gfpFlags: flags, gfpDescription: nil,
            modules: modules, timestamp: nil, source: Evidence(member: "var/log/messages", line: line))
    }

    static func buddy(_ node: Int, _ zone: String, _ counts: [Int], line: Int) -> BuddyInfoRecord {
        BuddyInfoRecord(node: node, zone: zone, freeBlocks: counts, source: Evidence(member: "proc/buddyinfo", line: line))
    }

    static func zone(_ node: Int, _ zone: String, free: Int, min: Int, low: Int, high: Int, line: Int) -> ZoneInfoRecord {
        ZoneInfoRecord(node: node, zone: zone, freePages: free, minPages: min, lowPages: low, highPages: high,
                       managedPages: nil, presentPages: nil, source: Evidence(member: "proc/zoneinfo", line: line))
    }

    /// dbnode01 of `Samples/` (Samples/expected.json): buddyinfo and zoneinfo as collected.
    static let dbnode01Buddy = [
        buddy(0, "DMA", [1, 1, 1, 0, 2, 1, 1, 0, 1, 1, 3], line: 1),
        buddy(0, "DMA32", [3880, 1198, 2, 0, 0, 0, 0, 0, 0, 0, 0], line: 2),
        buddy(0, "Normal", [11569, 3469, 3, 0, 0, 0, 0, 0, 0, 0, 0], line: 3),
        buddy(1, "Normal", [9435, 4062, 1, 0, 0, 0, 0, 0, 0, 0, 0], line: 4),
    ]
    static let dbnode01Zones = [
        zone(0, "DMA", free: 3975, min: 2, low: 2, high: 3, line: 1),
        zone(0, "DMA32", free: 6284, min: 381, low: 476, high: 571, line: 40),
        zone(0, "Normal", free: 18519, min: 8064, low: 10080, high: 12096, line: 90),
        zone(1, "Normal", free: 17563, min: 8448, low: 10560, high: 12672, line: 140),
    ]
}
