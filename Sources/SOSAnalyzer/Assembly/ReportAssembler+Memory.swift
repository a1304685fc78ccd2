import SOSArchive

/// Memory: meminfo, the vm tunables, buddyinfo, zoneinfo, pagetypeinfo.
extension ReportAssembler {
    mutating func readMemory() {
        guard let (info, found) = parse(FactCatalog.meminfo, MemInfoParser.parse) else { return }
        var memory = MemoryInfo()
        memory.memTotalKiB = info.memTotalKiB
        memory.memFreeKiB = info.memFreeKiB
        memory.memAvailableKiB = info.memAvailableKiB
        memory.buffersKiB = info.buffersKiB
        memory.cachedKiB = info.cachedKiB
        memory.slabKiB = info.slabKiB
        memory.swapTotalKiB = info.swapTotalKiB
        memory.swapFreeKiB = info.swapFreeKiB
        report.memory = memory
        cite(.memory, found.member, line: info.lines["MemTotal"])
    }

    /// `sysctl -a`, parsed on first use and kept: both the taint and the tunables fall back to it.
    mutating func sysctlEntry(_ key: String) -> (SysctlEntry, String)? {
        if !sysctlParsed {
            sysctlParsed = true
            if case .found(let found) = lookup.first(FactCatalog.sysctlAll),
               let table = try? SysctlParser.parse(found.text) {
                keep(table.notes, fact: FactCatalog.sysctlAll.fact, member: found.member)
                sysctlTable = (table.entries, found.member)
            }
        }
        guard let table = sysctlTable, let entry = table.entries[key] else { return nil }
        return (entry, table.member)
    }

    mutating func readSysctl() {
        for spec in [FactCatalog.minFreeKbytes, FactCatalog.zoneReclaimMode] {
            let key = spec.fact.rawValue
            if let (parsed, found) = parse(spec, SysctlParser.parseInteger) {
                report.sysctl[key] = parsed.value
                cite(spec.fact, found.member, line: parsed.line)
            } else if let (entry, member) = sysctlEntry(key), let value = Int(entry.value) {
                report.sysctl[key] = value
                report[state: spec.fact] = nil
                cite(spec.fact, member, line: entry.line)
            }
        }
    }

    mutating func readBuddyInfo() {
        guard let (zones, found) = parse(FactCatalog.buddyinfo, BuddyInfoParser.parse) else { return }
        report.buddyinfo = zones.cited(in: found.member)
    }

    mutating func readZoneInfo() {
        guard let (zones, found) = parse(FactCatalog.zoneinfo, ZoneInfoParser.parse) else { return }
        // Newer kernels list empty zones (Movable, Device) with zeros or no counters at all:
        // kept, marked empty, so they show as empty rather than as missing or exhausted.
        report.zoneinfo = zones.map {
            let empty = $0.presentPages == 0 || ($0.presentPages == nil && $0.freePages == nil && $0.minPages == nil)
            return ZoneInfoRecord(
                node: $0.node, zone: $0.zone, freePages: $0.freePages, minPages: $0.minPages,
                lowPages: $0.lowPages, highPages: $0.highPages, managedPages: $0.managedPages,
                presentPages: $0.presentPages, empty: empty ? true : nil,
                source: Evidence(member: found.member, line: $0.line))
        }
    }

    mutating func readPageTypeInfo() {
        guard let (info, found) = parse(FactCatalog.pagetypeinfo, PageTypeInfoParser.parse) else { return }
        report.pagetypeinfo = info.freeRows.map {
            PageTypeFreeRecord(node: $0.node, zone: $0.zone, type: $0.type, freeBlocks: $0.freeBlocks,
                               capped: $0.capped.contains(true), source: Evidence(member: found.member, line: $0.line))
        }
        report.pageblocks = info.blockRows.map {
            PageBlockRecord(node: $0.node, zone: $0.zone, blocks: $0.blocks, pagesPerBlock: info.pagesPerBlock,
                            source: Evidence(member: found.member, line: $0.line))
        }
    }
}
