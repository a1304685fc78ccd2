/// Findings that one report's facts support on their own, without the knowledge base.
enum HostFindings {
    static func evaluate(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        if let kernel = report.kernel, kernel.matchesOSRelease == false, let os = report.os,
           let shipped = kernel.distroRelease {
            findings.append(Finding(
                id: "kernel-release-mismatch", severity: .warning,
                title: "Running kernel \(kernel.release) shipped with \(shipped), but the release file says \(os.version ?? "?")",
                detail: "The host was updated without a reboot, or the kernel is pinned: fixes of \(os.version ?? "the newer release") that live in the kernel are not running.",
                evidence: [report[evidence: .kernelRelease], report[evidence: .os]].compactMap { $0 }))
        }
        let thirdParty = report.modules.filter(\.thirdParty)
        if !thirdParty.isEmpty {
            findings.append(Finding(
                id: "third-party-modules", severity: .info,
                title: "\(thirdParty.count) third-party kernel module\(thirdParty.count == 1 ? "" : "s") loaded: \(thirdParty.map(\.name).joined(separator: ", "))",
                detail: "Modules built outside the distribution's kernel; vendors may ask to reproduce without them.",
                evidence: thirdParty.map(\.source)))
        }
        if let taint = report.taint, taint.value != 0 {
            let words = taint.decoded.map { "\($0.letter) (\($0.name))" }.joined(separator: ", ")
            findings.append(Finding(
                id: "kernel-tainted", severity: .info,
                title: "Kernel is tainted (\(taint.value)): \(words)",
                detail: distroTaintDetail(report),
                evidence: [report[evidence: .taint]].compactMap { $0 }))
        }
        if !report.allocationFailures.isEmpty {
            let failures = report.allocationFailures
            let highest = failures.map(\.order).max() ?? 0
            let modules = Array(Set(failures.flatMap(\.modules))).sorted()
            findings.append(Finding(
                id: "page-allocation-failures", severity: .warning,
                title: "\(failures.count) page allocation failure\(failures.count == 1 ? "" : "s"), highest order \(highest)"
                    + (modules.isEmpty ? "" : ", in code of \(modules.joined(separator: ", "))"),
                evidence: Array(failures.map(\.source).prefix(5))))
        }
        return findings.sorted { ($0.severity, $1.id) > ($1.severity, $0.id) }
    }

    /// Names the modules that set a taint flag the third-party rule does not count (a RHEL
    /// kernel marks an in-tree Technology Preview module such as `overlay` with `T`/`t`), with
    /// the flag each sets, so the taint is explained without calling them third-party.
    static func distroTaintDetail(_ report: Report) -> String? {
        guard let taint = report.taint else { return nil }
        let layout = KernelTaintLayout(rawValue: taint.layout) ?? .upstream
        let names = Dictionary(TaintFlagTables.flags(for: layout).map { ($0.letter, $0.name) },
                               uniquingKeysWith: { first, _ in first })
        let named = report.modules.filter { !$0.thirdParty && !$0.taintFlags.isEmpty }.map { module in
            let flags = module.taintFlags.map { flag in names[flag].map { "\(flag): \($0)" } ?? flag }
            return "\(module.name) (\(flags.joined(separator: ", ")))"
        }
        guard !named.isEmpty else { return nil }
        return "Set by in-tree module\(named.count == 1 ? "" : "s"), not third-party: " + named.joined(separator: ", ") + "."
    }
}
