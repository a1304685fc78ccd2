import Foundation
import SOSArchive

/// Turns the members one pass kept into a `Report`: each fact from its preferred source, with
/// its evidence, or an explicit state saying why it is missing.
struct ReportAssembler {
    private var report: Report
    private let lookup: FactLookup
    private let index: MemberIndex
    private var logScans: [KernelLogScan]
    private var uname: Uname?
    private var packages: [InstalledPackage] = []
    private var sysctlParsed = false
    private var sysctlTable: (entries: [String: SysctlEntry], member: String)?
    private let knownIssues: KnownIssueBook

    init(source: ReportSourceInfo, index: MemberIndex, files: [String: MemberData], logScans: [KernelLogScan],
         knownIssues: KnownIssueBook = .bundled) {
        self.report = Report(source: source)
        self.index = index
        self.lookup = FactLookup(index: index, files: files)
        self.logScans = logScans
        self.knownIssues = knownIssues
    }

    mutating func assemble() -> Report {
        readSosVersion()
        readUname()
        readHostname()
        readDate()
        readOS()
        readKernel()
        readPackages()
        readTaint()
        readModules()
        readNICs()
        readMemory()
        readSysctl()
        readHardware()
        readBuddyInfo()
        readZoneInfo()
        readAllocationFailures()
        readPageTypeInfo()
        readKernelLogExtras()
        if !report.buddyinfo.isEmpty { report.highOrderExhaustion = HighOrderExhaustion.grade(report) }
        let host = HostFindings.evaluate(report)
        let known = knownIssues.evaluate(report)
        report.tuning = TuningAdvice.advise(report, knownIssues: known)
        report.findings = MemoryFindings.combine(report, host: host, knownIssues: known)
        return report
    }

    // MARK: - Generic helpers

    /// Parses the first candidate that holds text; records the state or problem otherwise.
    private mutating func parse<Value>(
        _ fact: String, _ spec: FactSpec, _ parser: (String) throws(ParseFailure) -> Value
    ) -> (Value, FactLookup.Found)? {
        let found = lookup.all(spec)
        if found.isEmpty {
            if case .missing(let state, _) = lookup.first(spec) { report.factStates[fact] = state }
            return nil
        }
        var firstFailure: (ParseFailure, String)?
        for candidate in found {
            do {
                let value = try parser(candidate.text)
                note(candidate, for: fact)
                return (value, candidate)
            } catch {
                if firstFailure == nil { firstFailure = (error, candidate.member) }
            }
        }
        if let (failure, member) = firstFailure { record(failure, fact: fact, member: member) }
        return nil
    }

    private mutating func note(_ found: FactLookup.Found, for fact: String) {
        if found.truncatedBySos { report.factStates[fact] = .truncatedBySos }
        if found.capped {
            report.problems.append(ReportProblem(message: "read cap hit: only the start of the file was read", member: found.member))
        }
    }

    private mutating func record(_ failure: ParseFailure, fact: String, member: String) {
        switch failure {
        case .notCollected:
            report.factStates[fact] = .notCollected
        case .malformed(let line, let message):
            report.factStates[fact] = .unreadable
            report.problems.append(ReportProblem(message: "\(fact): \(message)", member: "\(member):\(line)"))
        }
    }

    private mutating func cite(_ fact: String, _ member: String, line: Int?) {
        report.evidence[fact] = Evidence(member: member, line: line)
    }

    // MARK: - Identity

    private mutating func readSosVersion() {
        if let (file, found) = parse("sosVersion", FactCatalog.sosVersion, SosVersionFileParser.parse) {
            report.sosVersion = file.version
            report.sosGeneration = file.version.hasPrefix("3.") ? "3.x" : file.version.hasPrefix("4.") ? "4.x" : file.version
            cite("sosVersion", found.member, line: file.line)
            return
        }
        if case .found(let manifest) = lookup.first(FactCatalog.manifest),
           let version = ManifestVersion.version(inManifest: manifest.text) {
            report.sosVersion = version.value
            report.sosGeneration = "4.x"
            report.factStates["sosVersion"] = nil
            cite("sosVersion", manifest.member, line: version.line)
            return
        }
        // sos 2.2 wrote no version.txt; its layout alone tells it apart.
        if let marker = FactCatalog.sos22Markers.candidates.first(where: { index.member(at: $0.text) != nil }) {
            report.sosVersion = "2.2"
            report.sosGeneration = "2.2"
            report.factStates["sosVersion"] = nil
            cite("sosVersion", marker.text, line: nil)
        }
    }

    private mutating func readUname() {
        if let (value, found) = parse("uname", FactCatalog.uname, UnameParser.parse) {
            uname = value
            cite("uname", found.member, line: value.line)
        }
    }

    private mutating func readHostname() {
        for found in lookup.all(FactCatalog.hostname) {
            if let line = TextLines(found.text).first(where: { !$0.text.allSatisfy(\.isWhitespace) }) {
                report.hostname = line.text.trimmingWhitespace()
                cite("hostname", found.member, line: line.number)
                return
            }
        }
        if case .found(let network) = lookup.first(FactCatalog.sysconfigNetwork) {
            for line in TextLines(network.text) where line.text.hasPrefix("HOSTNAME=") {
                let value = line.text.dropFirst("HOSTNAME=".count).trimmingWhitespace()
                    .trimmingCharacters(in: ["\"", "'"])
                if !value.isEmpty {
                    report.hostname = value
                    cite("hostname", network.member, line: line.number)
                    return
                }
            }
        }
        if let uname, let evidence = report.evidence["uname"] {
            report.hostname = uname.hostname
            report.evidence["hostname"] = evidence
            return
        }
        report.factStates["hostname"] = .notCollected
    }

    private mutating func readDate() {
        if case .found(let found) = lookup.first(FactCatalog.date),
           let line = TextLines(found.text).first(where: { !$0.text.allSatisfy(\.isWhitespace) }) {
            report.collectedAt = line.text.trimmingWhitespace()
            cite("collectedAt", found.member, line: line.number)
        } else {
            report.factStates["collectedAt"] = .notCollected
        }
    }

    private mutating func readOS() {
        let attempts: [(FactSpec, (String) throws(ParseFailure) -> OSRelease)] = [
            (FactCatalog.redhatRelease, OSReleaseParser.parseRedHatRelease),
            (FactCatalog.osRelease, OSReleaseParser.parseOSRelease),
            (FactCatalog.lsbRelease, OSReleaseParser.parseLSBRelease),
        ]
        var states: [FactState] = []
        for (spec, parser) in attempts {
            if let (release, found) = parse("os", spec, parser) {
                report.os = OSInfo(id: release.id, version: release.version, name: release.name, beta: release.beta)
                report.factStates["os"] = found.truncatedBySos ? .truncatedBySos : nil
                cite("os", found.member, line: release.line)
                return
            }
            if let state = report.factStates["os"] { states.append(state) }
        }
        report.factStates["os"] = states.first { $0 != .notCollected } ?? .notCollected
    }

    // MARK: - Kernel

    private mutating func readKernel() {
        var kernel: KernelInfo?
        if let uname {
            var info = KernelInfo(release: uname.release)
            info.arch = uname.machine
            info.buildVersion = uname.version
            kernel = info
            report.evidence["kernel.release"] = report.evidence["uname"]
        } else if let (scan, banner) = logScans.lazy.compactMap({ scan in scan.banner.map { (scan, $0) } }).first {
            kernel = KernelInfo(release: banner.release)
            cite("kernel.release", scan.member, line: banner.line)
            report.problems.append(ReportProblem(
                message: "uname not collected; kernel release taken from the boot banner", member: scan.member))
        } else if case .found(let found) = lookup.first(FactCatalog.osrelease),
                  let line = TextLines(found.text).first(where: { !$0.text.allSatisfy(\.isWhitespace) }) {
            kernel = KernelInfo(release: line.text.trimmingWhitespace())
            cite("kernel.release", found.member, line: line.number)
        }
        guard var kernel else {
            report.factStates["kernel"] = .notCollected
            return
        }
        kernel.distroRelease = RHELKernelReleases.distroRelease(forKernel: kernel.release)
        if let shipped = kernel.distroRelease, let os = report.os, OSFamily.isRHELCompatible(os.id),
           let version = os.version, version.contains(".") {
            kernel.matchesOSRelease = shipped == version
        }
        report.kernel = kernel
    }

    // MARK: - Packages

    private mutating func readPackages() {
        var manager = "rpm"
        var found: FactLookup.Found?
        for candidate in lookup.all(FactCatalog.rpmList) {
            let parsed = InstalledPackagesParser.parseRPMList(candidate.text)
            if !parsed.packages.isEmpty {
                packages = parsed.packages
                found = candidate
                break
            }
        }
        if found == nil {
            for candidate in lookup.all(FactCatalog.dpkgList) {
                let parsed = InstalledPackagesParser.parseDpkgList(candidate.text)
                if !parsed.packages.isEmpty {
                    packages = parsed.packages
                    found = candidate
                    manager = "dpkg"
                    break
                }
            }
        }
        guard let found else {
            report.factStates["packages"] = .notCollected
            return
        }
        note(found, for: "packages")
        cite("packages", found.member, line: nil)
        let names = Set(packages.map(\.name))
        report.packages = PackageSummary(
            manager: manager, count: packages.count,
            clusterStack: names.filter(NotablePackages.clusterStack.contains).sorted(),
            thirdPartyKernelPackages: names.filter(NotablePackages.shipsThirdPartyKernelModules).sorted(),
            notable: names.filter(NotablePackages.notable.contains).sorted(),
            source: Evidence(member: found.member))
        report.kernel?.installedPackages = packages.filter { NotablePackages.isKernelPackage($0.name) }.map(\.nvra)
    }

    // MARK: - Taint

    private mutating func readTaint() {
        var value: UInt64?
        if let (parsed, found) = parse("taint", FactCatalog.tainted, TaintedParser.parse) {
            value = parsed.value
            cite("taint", found.member, line: parsed.line)
        } else if let (entry, member) = sysctlEntry("kernel.tainted"), let number = UInt64(entry.value) {
            value = number
            report.factStates["taint"] = nil
            cite("taint", member, line: entry.line)
        }
        guard let value else { return }
        let layout = TaintDecoder.layout(forKernel: report.kernel?.release)
        let decoded = TaintDecoder.decode(value, layout: layout)
        report.taint = TaintInfo(value: value, flags: decoded.map(\.letter), decoded: decoded, layout: layout.rawValue)
    }

    // MARK: - Modules

    private mutating func readModules() {
        var entries: [LsmodEntry] = []
        var listing: FactLookup.Found?
        if let (parsed, found) = parse("modules", FactCatalog.lsmod, LsmodParser.parse) {
            entries = parsed
            listing = found
        }
        var procTaint: [String: [String]] = [:]
        var procSource: String?
        if case .found(let found) = lookup.first(FactCatalog.procModules),
           let parsed = try? LsmodParser.parse(found.text) {
            procSource = found.member
            for entry in parsed where !entry.taintFlags.isEmpty { procTaint[entry.name] = entry.taintFlags }
            if entries.isEmpty {
                entries = parsed
                listing = found
                report.factStates["modules"] = nil
            }
        }
        guard let listing else { return }

        var records: [String: ModinfoRecord] = [:]
        for found in lookup.all(FactCatalog.modinfo) {
            let parsed = ModinfoParser.parse(found.text)
            for record in parsed.records {
                if let name = record.name.map(ModuleName.normalized), records[name] == nil { records[name] = record }
            }
        }
        var sysTaint: [String: (flags: [String], member: String)] = [:]
        for found in lookup.all(FactCatalog.moduleTaint) {
            let parts = found.requested.split(separator: "/")
            guard parts.count == 4 else { continue }
            let flags = SysModuleTaintParser.parse(found.text)
            if !flags.isEmpty { sysTaint[ModuleName.normalized(String(parts[2]))] = (flags, found.member) }
        }
        var logMessages: [String: [(ModuleTaintMessage, Evidence)]] = [:]
        for scan in logScans {
            for message in scan.taintMessages {
                let name = ModuleName.normalized(message.module)
                if logMessages[name]?.contains(where: { $0.0.message == message.message }) != true {
                    logMessages[name, default: []].append((message, Evidence(member: scan.member, line: message.line)))
                }
            }
        }
        let rule = ThirdPartyModuleRule(
            kernelMarksInTree: records.values.contains { $0.intree == true },
            kernelSignsModules: records.values.contains { $0.signer != nil })

        report.modules = entries.map { entry in
            let name = ModuleName.normalized(entry.name)
            var module = ModuleInfo(name: entry.name, size: entry.size, usedBy: entry.usedBy,
                                    source: Evidence(member: listing.member, line: entry.line))
            let record = records[name]
            var flags = entry.taintFlags
            var flagsSource: Evidence? = flags.isEmpty ? nil : module.source
            if let sys = sysTaint[name] {
                flags = sys.flags
                flagsSource = Evidence(member: sys.member, line: 1)
            } else if flags.isEmpty, let fromProc = procTaint[name], let procSource {
                flags = fromProc
                flagsSource = Evidence(member: procSource)
            }
            module.taintFlags = flags
            module.version = record?.version
            module.license = record?.license
            module.signer = record?.signer
            module.intree = record?.intree
            module.filename = record?.filename
            module.vermagic = record?.vermagic
            module.thirdPartyReasons = rule.reasons(
                module: name, record: record, taintFlags: flags, taintFlagsSource: flagsSource,
                logMessages: logMessages[name] ?? [])
            module.thirdParty = !module.thirdPartyReasons.isEmpty
            return module
        }
        cite("modules", listing.member, line: nil)
        if records.isEmpty { report.factStates["modinfo"] = .notCollected }
    }

    // MARK: - Network

    private mutating func readNICs() {
        var nics: [NICInfo] = []
        for found in lookup.all(FactCatalog.ethtoolDriver) {
            guard let name = EthtoolFileName(found.requested) else { continue }
            guard let info = try? EthtoolDriverParser.parse(found.text) else { continue }
            nics.append(NICInfo(
                interface: name.interface, driver: info.driver, version: info.version, firmware: info.firmware,
                busInfo: info.busInfo, namespace: name.namespace,
                source: Evidence(member: found.member, line: info.line)))
        }
        report.nics = nics.sorted { ($0.namespace ?? "", $0.interface) < ($1.namespace ?? "", $1.interface) }
        if nics.isEmpty { report.factStates["nics"] = .notCollected }
    }

    // MARK: - Memory and tuning

    private mutating func readMemory() {
        guard let (info, found) = parse("memory", FactCatalog.meminfo, MemInfoParser.parse) else { return }
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
        cite("memory", found.member, line: info.lines["MemTotal"])
    }

    /// `sysctl -a`, parsed on first use and kept: both the taint and the tunables fall back to it.
    private mutating func sysctlEntry(_ key: String) -> (SysctlEntry, String)? {
        if !sysctlParsed {
            sysctlParsed = true
            if case .found(let found) = lookup.first(FactCatalog.sysctlAll) {
                sysctlTable = (SysctlParser.parse(found.text).entries, found.member)
            }
        }
        guard let table = sysctlTable, let entry = table.entries[key] else { return nil }
        return (entry, table.member)
    }

    private mutating func readSysctl() {
        for spec in [FactCatalog.minFreeKbytes, FactCatalog.zoneReclaimMode] {
            let key = spec.name
            if let (parsed, found) = parse(key, spec, SysctlParser.parseInteger) {
                report.sysctl[key] = parsed.value
                cite(key, found.member, line: parsed.line)
            } else if let (entry, member) = sysctlEntry(key), let value = Int(entry.value) {
                report.sysctl[key] = value
                report.factStates[key] = nil
                cite(key, member, line: entry.line)
            }
        }
    }

    private mutating func readHardware() {
        if let (identity, found) = parse("hardware", FactCatalog.dmidecode, DmidecodeParser.parse),
           identity.vendor != nil || identity.model != nil {
            report.hardware = HardwareInfo(vendor: identity.vendor, model: identity.model)
            cite("hardware", found.member, line: identity.line)
            return
        }
        let vendor = firstLine(FactCatalog.dmiVendor)
        let model = firstLine(FactCatalog.dmiProduct)
        if vendor != nil || model != nil {
            report.hardware = HardwareInfo(vendor: vendor?.text, model: model?.text)
            report.factStates["hardware"] = nil
            if let source = vendor ?? model { cite("hardware", source.member, line: 1) }
        }
    }

    private func firstLine(_ spec: FactSpec) -> (text: String, member: String)? {
        guard case .found(let found) = lookup.first(spec),
              let line = TextLines(found.text).first(where: { !$0.text.allSatisfy(\.isWhitespace) })
        else { return nil }
        return (line.text.trimmingWhitespace(), found.member)
    }

    private mutating func readBuddyInfo() {
        guard let (zones, found) = parse("buddyinfo", FactCatalog.buddyinfo, BuddyInfoParser.parse) else { return }
        report.buddyinfo = zones.map {
            BuddyInfoRecord(node: $0.node, zone: $0.zone, freeBlocks: $0.freeBlocks,
                            source: Evidence(member: found.member, line: $0.line))
        }
        report.buddyAnalysis = report.buddyinfo.map { BuddyZoneRecord($0) }
    }

    private mutating func readZoneInfo() {
        guard let (zones, found) = parse("zoneinfo", FactCatalog.zoneinfo, ZoneInfoParser.parse) else { return }
        // Newer kernels list empty zones (Movable, Device) with zeros: nothing to read there.
        report.zoneinfo = zones.filter { $0.presentPages != 0 }.map {
            ZoneInfoRecord(node: $0.node, zone: $0.zone, freePages: $0.freePages, minPages: $0.minPages,
                           lowPages: $0.lowPages, highPages: $0.highPages, managedPages: $0.managedPages,
                           presentPages: $0.presentPages, source: Evidence(member: found.member, line: $0.line))
        }
    }

    private mutating func readPageTypeInfo() {
        guard let (info, found) = parse("pagetypeinfo", FactCatalog.pagetypeinfo, PageTypeInfoParser.parse) else { return }
        report.pagetypeinfo = info.freeRows.map {
            PageTypeFreeRecord(node: $0.node, zone: $0.zone, type: $0.type, freeBlocks: $0.freeBlocks,
                               capped: $0.capped.contains(true), source: Evidence(member: found.member, line: $0.line))
        }
        report.pageblocks = info.blockRows.map {
            PageBlockRecord(node: $0.node, zone: $0.zone, blocks: $0.blocks, pagesPerBlock: info.pagesPerBlock,
                            source: Evidence(member: found.member, line: $0.line))
        }
    }

    /// Zone ranges from the first log (in archive order) that has them, and the lines
    /// known-issue rules looked for.
    private mutating func readKernelLogExtras() {
        if let scan = logScans.first(where: { !$0.zoneRanges.isEmpty }) {
            report.zonePFNRanges = scan.zoneRanges.map { ZonePFNRangeRecord($0, member: scan.member) }
        }
        report.kernelLogMatches = logScans.flatMap(\.logMatches)
    }

    // MARK: - Kernel log events

    private mutating func readAllocationFailures() {
        var perMember: [(member: String, failures: [AllocationFailure])] = []
        for index in logScans.indices {
            perMember.append((logScans[index].member, logScans[index].finishFailures()))
        }
        let kernelRelease = report.kernel?.release
        report.allocationFailures = KernelLogDeduplication.distinct(perMember).map { member, failure in
            AllocationFailureRecord(failure, member: member, kernelRelease: kernelRelease)
        }
        if logScans.isEmpty { report.factStates["kernelLog"] = .notCollected }
    }
}

/// Module names in lsmod use `_`; modinfo file names and log lines sometimes use `-`.
enum ModuleName {
    static func normalized(_ name: String) -> String {
        name.replacingOccurrences(of: "-", with: "_")
    }
}

/// Which distributions number their minor releases like RHEL and run RHEL kernels.
enum OSFamily {
    static func isRHELCompatible(_ id: String) -> Bool {
        ["rhel", "centos", "oracle", "scientific", "rocky", "alma"].contains(id)
    }
}

/// `ethtool_-i_eth0`, `ip_netns_exec_ns1_ethtool_-i_eth0`: the interface and namespace a file names.
struct EthtoolFileName {
    let interface: String
    let namespace: String?

    init?(_ path: String) {
        guard let base = path.split(separator: "/").last, let range = base.range(of: "ethtool_-i_") else { return nil }
        let interface = String(base[range.upperBound...])
        guard !interface.isEmpty else { return nil }
        self.interface = interface
        let prefix = base[..<range.lowerBound]
        if prefix.hasPrefix("ip_netns_exec_") {
            let ns = prefix.dropFirst("ip_netns_exec_".count).dropLast()
            self.namespace = ns.isEmpty ? nil : String(ns)
        } else {
            self.namespace = nil
        }
    }
}
