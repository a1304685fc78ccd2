import SOSArchive

/// The running kernel, its packages, its taint and its modules.
extension ReportAssembler {
    mutating func readKernel() {
        var kernel: KernelInfo?
        if let uname {
            var info = KernelInfo(release: uname.release)
            info.arch = uname.machine
            info.buildVersion = uname.version
            kernel = info
            report[evidence: .kernelRelease] = report[evidence: .uname]
        } else if let (scan, banner) = logScans.lazy.compactMap({ scan in scan.banner.map { (scan, $0) } }).first {
            kernel = KernelInfo(release: banner.release)
            cite(.kernelRelease, scan.member, line: banner.line)
            report.problems.append(ReportProblem(
                message: "uname not collected; kernel release taken from the boot banner", member: scan.member))
        } else if case .found(let found) = lookup.first(FactCatalog.osrelease),
                  let line = TextLines(found.text).first(where: { !$0.text.allSatisfy(\.isWhitespace) }) {
            kernel = KernelInfo(release: line.text.trimmingWhitespace())
            cite(.kernelRelease, found.member, line: line.number)
        }
        guard var kernel else {
            report[state: .kernel] = .notCollected
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

    mutating func readPackages() {
        var manager = "rpm"
        var listed = parse(FactCatalog.rpmList, InstalledPackagesParser.parseRPMList)
        if listed == nil, let dpkg = parse(FactCatalog.dpkgList, InstalledPackagesParser.parseDpkgList) {
            listed = dpkg
            manager = "dpkg"
        }
        guard let (list, found) = listed else {
            report[state: .packages] = .notCollected
            return
        }
        packages = list.packages
        report[state: .packages] = found.truncatedBySos ? .truncatedBySos : nil
        cite(.packages, found.member, line: nil)
        let names = Set(packages.map(\.name))
        var clusterStack = Set(names.filter(NotablePackages.clusterStack.contains))
        // A plugin folder sos wrote only because the node runs that software counts as much as
        // a package: Charmed Kubernetes ships kubelet as a snap, RHEL CoreOS in the image.
        for (plugin, software) in NotablePackages.clusterPlugins
        where !index.paths(matching: "sos_commands/\(plugin)/*").isEmpty {
            clusterStack.insert(software)
        }
        report.packages = PackageSummary(
            manager: manager, count: packages.count,
            clusterStack: clusterStack.sorted(),
            thirdPartyKernelPackages: names.filter(NotablePackages.shipsThirdPartyKernelModules).sorted(),
            notable: names.filter(NotablePackages.notable.contains).sorted(),
            source: Evidence(member: found.member))
        report.kernel?.installedPackages = packages.filter { NotablePackages.isKernelPackage($0.name) }.map(\.nvra)
    }

    // MARK: - Taint

    mutating func readTaint() {
        var value: UInt64?
        if let (parsed, found) = parse(FactCatalog.tainted, TaintedParser.parse) {
            value = parsed.value
            cite(.taint, found.member, line: parsed.line)
        } else if let (entry, member) = sysctlEntry("kernel.tainted"), let number = UInt64(entry.value) {
            value = number
            report[state: .taint] = nil
            cite(.taint, member, line: entry.line)
        }
        guard let value else { return }
        let layout = TaintDecoder.layout(forKernel: report.kernel?.release)
        let decoded = TaintDecoder.decode(value, layout: layout)
        report.taint = TaintInfo(value: value, flags: decoded.map(\.letter), decoded: decoded, layout: layout.rawValue)
    }

    // MARK: - Modules

    mutating func readModules() {
        var entries: [LsmodEntry] = []
        var listing: FactLookup.Found?
        if let (parsed, found) = parse(FactCatalog.lsmod, LsmodParser.parse) {
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
                report[state: .modules] = nil
            }
        }
        guard let listing else { return }

        var records: [String: ModinfoRecord] = [:]
        for found in lookup.all(FactCatalog.modinfo) {
            guard let parsed = try? ModinfoParser.parse(found.text) else { continue }
            keep(parsed.notes, fact: FactCatalog.modinfo.fact, member: found.member)
            for record in parsed.records {
                if let name = record.name.map(ModuleName.normalized), records[name] == nil { records[name] = record }
            }
        }
        var sysTaint: [String: (flags: [String], member: String)] = [:]
        for found in lookup.all(FactCatalog.moduleTaint) {
            let parts = found.requested.split(separator: "/")
            guard parts.count == 4 else { continue }
            guard let flags = try? SysModuleTaintParser.parse(found.text) else { continue }
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
        cite(.modules, listing.member, line: nil)
        if records.isEmpty { report[state: .modinfo] = .notCollected }
    }
}
