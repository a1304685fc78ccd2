/// One report as the known-issue rules see it: each condition answers with the evidence that
/// satisfies it, or nil.
struct KnownIssueContext {
    let report: Report
    let exhaustion: HighOrderExhaustion

    init(_ report: Report) {
        self.report = report
        self.exhaustion = report.highOrderExhaustion ?? HighOrderExhaustion.grade(report)
    }

    /// What satisfied a block: evidence to cite, and the failures and modules it matched.
    struct Match {
        var evidence: [Evidence] = []
        var failures: [AllocationFailureRecord] = []
        var modules: [String] = []

        mutating func merge(_ other: Match) {
            evidence += other.evidence
            failures += other.failures
            modules += other.modules
        }
    }

    func finding(for rule: KnownIssueRule) -> Finding? {
        guard let match = self.match(rule.when, rule: rule.id) else { return nil }
        var seen = Set<Evidence>()
        let evidence = match.evidence.filter { seen.insert($0).inserted }
        var failuresSeen = Set<Evidence>()
        let failures = match.failures.filter { failuresSeen.insert($0.source).inserted }
        var detail = fill(rule.explanation.trimmingWhitespace(), rule: rule, failures: failures, modules: match.modules)
        if let workaround = rule.workaround {
            detail += "\nWorkaround: " + fill(workaround.trimmingWhitespace(), rule: rule, failures: failures, modules: match.modules)
        }
        if let fix = rule.fix { detail += "\nFixed in: \(fix)" }
        return Finding(
            id: "known-issue.\(rule.id)", severity: rule.severity,
            title: fill(rule.title, rule: rule, failures: failures, modules: match.modules),
            detail: detail, evidence: evidence, fix: rule.fix, references: rule.references)
    }

    func match(_ conditions: KnownIssueRule.Conditions, rule: String) -> Match? {
        var result = Match()
        if let os = conditions.os {
            guard let match = self.match(os) else { return nil }
            result.merge(match)
        }
        if let kernel = conditions.kernel {
            guard let match = self.match(kernel) else { return nil }
            result.merge(match)
        }
        if let modules = conditions.modules {
            guard let match = self.match(modules) else { return nil }
            result.merge(match)
        }
        if let failures = conditions.failures {
            guard let match = self.match(failures) else { return nil }
            result.merge(match)
        }
        if let events = conditions.events {
            guard let match = self.match(events) else { return nil }
            result.merge(match)
        }
        if conditions.log != nil {
            let lines = report.kernelLogMatches.filter { $0.rule == rule }
            guard !lines.isEmpty else { return nil }
            result.evidence += lines.prefix(5).map(\.source)
        }
        if let wanted = conditions.highOrdersExhausted {
            guard exhaustion.exhausted == wanted else { return nil }
            if wanted { result.evidence += exhaustion.exhaustedZones.map(\.source) }
        }
        if let memory = conditions.memory, let gib = memory.minTotalGiB {
            let (wanted, overflow) = gib.multipliedReportingOverflow(by: 1024 * 1024)
            guard let total = report.memory?.memTotalKiB, !overflow, total >= wanted else { return nil }
            if let source = report[evidence: .memory] { result.evidence.append(source) }
        }
        if let blocks = conditions.any, !blocks.isEmpty {
            let held = blocks.compactMap { match($0, rule: rule) }
            guard !held.isEmpty else { return nil }
            for match in held { result.merge(match) }
        }
        return result
    }

    private func match(_ os: KnownIssueRule.OSCondition) -> Match? {
        guard let info = report.os else { return nil }
        if let ids = os.id, !ids.contains(info.id) { return nil }
        if let versions = os.version, !versions.contains(where: { $0 == info.version }) { return nil }
        return Match(evidence: [report[evidence: .os]].compactMap { $0 })
    }

    private func match(_ condition: KnownIssueRule.KernelCondition) -> Match? {
        guard let release = report.kernel?.release else { return nil }
        if let globs = condition.match, !globs.contains(where: { Glob.matches($0, release) }) { return nil }
        if let from = condition.from, RPMVersion.compare(release, from) < 0 { return nil }
        if let before = condition.before, RPMVersion.compare(release, before) >= 0 { return nil }
        return Match(evidence: [report[evidence: .kernelRelease]].compactMap { $0 })
    }

    private func match(_ condition: KnownIssueRule.ModuleCondition) -> Match? {
        let names = Set(condition.names.map(ModuleName.normalized))
        let places = Set(condition.in ?? KnownIssueRule.ModuleCondition.Place.allCases)
        var result = Match()
        if places.contains(.loaded) {
            for module in report.modules where names.contains(ModuleName.normalized(module.name)) {
                result.evidence.append(module.source)
                result.modules.append(module.name)
            }
        }
        if places.contains(.nic) {
            for nic in report.nics {
                if let driver = nic.driver, names.contains(ModuleName.normalized(driver)) {
                    result.evidence.append(nic.source)
                    result.modules.append(driver)
                }
            }
        }
        if places.contains(.failure) {
            for failure in report.allocationFailures {
                let hits = failure.modules.filter { names.contains(ModuleName.normalized($0)) }
                if !hits.isEmpty {
                    result.evidence.append(failure.source)
                    result.modules += hits
                }
            }
        }
        return result.modules.isEmpty ? nil : result
    }

    private func match(_ condition: KnownIssueRule.FailureCondition) -> Match? {
        let masks = condition.masks.map { Set($0.map { $0.lowercased() }) }
        let modules = condition.modules.map { Set($0.map(ModuleName.normalized)) }
        let matching = report.allocationFailures.filter { failure in
            if let low = condition.minOrder, failure.order < low { return false }
            if let high = condition.maxOrder, failure.order > high { return false }
            if let masks, !masks.contains(failure.gfpMask.lowercased()) { return false }
            if let flags = condition.flags, !flags.contains(where: failure.gfpFlags.contains) { return false }
            if let modules, !failure.modules.contains(where: { modules.contains(ModuleName.normalized($0)) }) { return false }
            if let processes = condition.processes, !processes.contains(where: { Glob.matches($0, failure.process) }) {
                return false
            }
            return true
        }
        guard matching.count >= (condition.minCount ?? 1), !matching.isEmpty else { return nil }
        let named = modules.map { wanted in matching.flatMap(\.modules).filter { wanted.contains(ModuleName.normalized($0)) } } ?? []
        return Match(evidence: matching.prefix(5).map(\.source), failures: matching, modules: named)
    }

    private func match(_ condition: KnownIssueRule.EventCondition) -> Match? {
        let modules = condition.modules.map { Set($0.map(ModuleName.normalized)) }
        let regex = condition.message.flatMap { try? Regex($0) }
        if condition.message != nil, regex == nil { return nil }
        let matching = report.kernelEvents.filter { event in
            if let kinds = condition.kinds, !kinds.contains(event.kind) { return false }
            if let modules, !(event.module.map { modules.contains(ModuleName.normalized($0)) } ?? false) { return false }
            if let processes = condition.processes,
               !(event.process.map { process in processes.contains { Glob.matches($0, process) } } ?? false) { return false }
            if let regex, (try? regex.firstMatch(in: event.message)) == nil { return false }
            return true
        }
        let count = matching.reduce(0) { $0 + $1.count }
        guard !matching.isEmpty, count >= (condition.minCount ?? 1) else { return nil }
        return Match(evidence: matching.prefix(5).map(\.source), modules: matching.compactMap(\.module))
    }

    private func fill(_ template: String, rule: KnownIssueRule, failures: [AllocationFailureRecord], modules: [String]) -> String {
        let orders = Set(failures.map(\.order)).sorted().map(String.init).joined(separator: ", ")
        var seen = Set<String>()
        let names = modules.filter { seen.insert($0).inserted }
        let values = [
            "{kernel}": report.kernel?.release ?? "unknown kernel",
            "{os}": report.os?.displayName ?? "unknown release",
            "{failureCount}": "\(failures.count)",
            "{orders}": orders.isEmpty ? "none" : orders,
            "{modules}": names.isEmpty ? "none" : names.joined(separator: ", "),
            "{fix}": rule.fix ?? "no fix known",
        ]
        var text = template
        for (key, value) in values { text = text.replacingOccurrences(of: key, with: value) }
        return text
    }
}

/// Shell-style `*` and `?` matching, whole string.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        matches(Array(pattern), 0, Array(text), 0)
    }

    private static func matches(_ pattern: [Character], _ p: Int, _ text: [Character], _ t: Int) -> Bool {
        var p = p, t = t
        var star: (p: Int, t: Int)?
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = (p, t)
                p += 1
            } else if let last = star {
                p = last.p + 1
                t = last.t + 1
                star = (last.p, last.t + 1)
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

/// Version comparison the way rpm does it: runs of digits compare as numbers, runs of letters
/// as text, a number beats letters, and the longer of two otherwise equal versions is newer.
enum RPMVersion {
    static func compare(_ a: String, _ b: String) -> Int {
        let left = segments(a), right = segments(b)
        for (x, y) in zip(left, right) {
            let xNumeric = x.first?.isASCIIDigit == true, yNumeric = y.first?.isASCIIDigit == true
            if xNumeric != yNumeric { return xNumeric ? 1 : -1 }
            if xNumeric {
                let xs = x.drop { $0 == "0" }, ys = y.drop { $0 == "0" }
                if xs.count != ys.count { return xs.count < ys.count ? -1 : 1 }
                if xs != ys { return xs < ys ? -1 : 1 }
            } else if x != y {
                return x < y ? -1 : 1
            }
        }
        return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
    }

    private static func segments(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isASCIILetterOrDigit {
                let numeric = character.isASCIIDigit
                let end = text[index...].firstIndex { !$0.isASCIILetterOrDigit || $0.isASCIIDigit != numeric } ?? text.endIndex
                result.append(text[index..<end])
                index = end
            } else {
                index = text.index(after: index)
            }
        }
        return result
    }
}
