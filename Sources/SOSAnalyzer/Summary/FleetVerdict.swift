/// The verdict of a batch in plain words: how many hosts are affected and by what, and the
/// tunables of the workaround as these hosts have them.
///
/// For `Samples/` it reads: "5 of 11 hosts are affected: 17 page allocation failures of order
/// 2–3 (16–32 KiB blocks), in code of mlx4_en (15) and vxfs (2); 5 hosts have no free blocks of
/// 16 KiB or larger to speak of in a Normal or DMA32 zone."
public struct FleetVerdict: Sendable, Equatable {
    /// A module named in failure traces, and in how many failures.
    public struct ModuleCount: Sendable, Equatable {
        public var name: String
        public var failures: Int
    }

    /// One report per affected host (``HostIdentity``): its first affected report; hosts in
    /// batch order. A host is affected when any of its reports is (`ZoneExhaustion.isAffected`).
    public var affected: [Report]
    /// One report per unaffected host: its latest.
    public var unaffected: [Report]
    /// Reports read, and how many of them are affected (more than the hosts when a host has several).
    public var reportCount: Int
    public var affectedReportCount: Int
    /// Page allocation failures over the hosts: a failure that several reports of one host hold
    /// (the same log lines, collected again a day later) counts once (``distinctFailures(_:)``).
    public var failureCount: Int
    public var orders: [Int]
    /// Modules named in failure traces, with the number of failures each appears in (counted as
    /// `failureCount` is); most first.
    public var modules: [ModuleCount]
    /// Affected hosts with a zone exhausted from order 2 up (in any of their reports).
    public var exhaustedHosts: Int
    /// Names of the zones exhausted on some affected host ("DMA32", "Normal").
    public var exhaustedZoneNames: [String]
    public var unreadableInputs: Int

    public init(_ outcome: BatchOutcome) {
        self.init(outcome, hosts: HostIdentity.group(outcome.reports))
    }

    public init(_ outcome: BatchOutcome, hosts: [HostGroup]) {
        let reports = outcome.reports
        let isAffected = reports.map(ZoneExhaustion.isAffected)
        affected = []
        unaffected = []
        var exhausted: [[HighOrderExhaustion.Zone]] = []
        for host in hosts {
            let hit = host.reports.filter { isAffected[$0] }
            if let first = hit.first {
                affected.append(reports[first])
                exhausted.append(hit.flatMap { ZoneExhaustion.exhaustedZones(reports[$0]) })
            } else if let last = host.reports.last {
                unaffected.append(reports[last])
            }
        }
        reportCount = reports.count
        affectedReportCount = isAffected.filter { $0 }.count
        let failures = hosts.flatMap { host in Self.distinctFailures(host.reports.map { reports[$0].allocationFailures }) }
        failureCount = failures.count
        orders = Array(Set(failures.map(\.order))).sorted()
        var counts: [String: Int] = [:]
        for failure in failures {
            for module in Set(failure.modules) { counts[module, default: 0] += 1 }
        }
        modules = counts.map { ModuleCount(name: $0.key, failures: $0.value) }
            .sorted { ($1.failures, $0.name) < ($0.failures, $1.name) }
        exhaustedHosts = exhausted.filter { !$0.isEmpty }.count
        exhaustedZoneNames = Array(Set(exhausted.joined().map(\.zone))).sorted()
        unreadableInputs = outcome.problems.count
    }

    /// The whole verdict in one sentence, Markdown-free.
    public var sentence: String {
        let total = affected.count + unaffected.count
        if total == 0 { return "No sosreport could be read." }
        if affected.isEmpty {
            return "None of \(total) host\(total == 1 ? "" : "s") is affected: no page allocation failure, no zone short of high-order blocks."
        }
        var parts: [String] = []
        if failureCount > 0 {
            var text = "\(failureCount) page allocation failure\(failureCount == 1 ? "" : "s") of order \(Self.range(orders))"
                + " (\(Self.range(orders.map { ByteFormatter.human(Int64(4096) << Int64(min($0, 40))) })) blocks)"
            if !modules.isEmpty {
                text += ", in code of " + Self.list(modules.map { "\($0.name) (\($0.failures))" })
            }
            parts.append(text)
        }
        if exhaustedHosts > 0 {
            parts.append("\(exhaustedHosts) host\(exhaustedHosts == 1 ? " has" : "s have") no free blocks of 16 KiB or larger"
                + " to speak of in a \(exhaustedZoneNames.joined(separator: " or ")) zone")
        }
        let verb = affected.count == 1 ? "is" : "are"
        let ofReports = reportCount == total ? "" : " (\(affectedReportCount) of \(reportCount) reports)"
        return "\(affected.count) of \(total) host\(total == 1 ? "" : "s") \(verb) affected\(ofReports): " + parts.joined(separator: "; ") + "."
    }

    /// The failures of one host, given those of each of its reports: a failure (its task, pid,
    /// order, mask, modules and time) that several reports hold is believed as often as the
    /// report that holds it most often has it, as ``KernelLogDeduplication`` does for the logs
    /// of one report. Two reports of web07 a day apart, both with the same 3 failures of
    /// `May 13 02:14:51` in `var/log/messages`, give 3; the later one with a fourth, 4.
    static func distinctFailures(_ perReport: [[AllocationFailureRecord]]) -> [AllocationFailureRecord] {
        guard perReport.count > 1 else { return perReport.first ?? [] }
        struct Occurrence: Hashable {
            let process: String, pid: Int?, order: Int, mask: String, modules: [String], timestamp: String?
            init(_ failure: AllocationFailureRecord) {
                process = failure.process
                pid = failure.pid
                order = failure.order
                mask = failure.gfpMask
                modules = failure.modules
                timestamp = failure.timestamp
            }
        }
        var believed: [Occurrence: (report: Int, count: Int)] = [:]
        for (index, failures) in perReport.enumerated() {
            var counts: [Occurrence: Int] = [:]
            for failure in failures { counts[Occurrence(failure), default: 0] += 1 }
            for (occurrence, count) in counts where count > (believed[occurrence]?.count ?? 0) {
                believed[occurrence] = (index, count)
            }
        }
        return perReport.enumerated().flatMap { index, failures in
            failures.filter { believed[Occurrence($0)]?.report == index }
        }
    }

    static func range<T: Equatable>(_ values: [T]) -> String {
        guard let first = values.first, let last = values.last else { return "" }
        return first == last ? "\(first)" : "\(first)–\(last)"
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }
}
