/// The buddy allocator section of `inspect` text: the high-order grade per zone, the kernel's
/// unusable-free-space index per order, the zone ranges from the boot log, and tuning advice.
enum BuddyStateText {
    static func lines(_ report: Report) -> [String] {
        var out: [String] = []
        if let grade = report.highOrderExhaustion, !grade.zones.isEmpty {
            out.append("")
            out.append("High-order free memory" + (grade.exhausted
                ? " — EXHAUSTED from order \(grade.lowestExhaustedOrder ?? 0) (\(ByteFormatter.human(4096 << Int64(grade.lowestExhaustedOrder ?? 0))))"
                : " — not exhausted"))
            for zone in grade.zones {
                out.append("  \(marker(zone.state)) \(zone.summary)  [\(zone.source)]")
            }
        }
        if !report.buddyAnalysis.isEmpty {
            let orders = report.buddyAnalysis.map(\.analysis.unusableIndex.count).max() ?? 0
            out.append("")
            out.append("Unusable free space index per order (0: all free memory usable, 1: none; kernel extfrag/unusable_index)")
            var table = TextTable()
            table.add(["node", "zone"] + (0..<orders).map { ByteFormatter.human(4096 << Int64($0)) })
            for zone in report.buddyAnalysis {
                table.add(["\(zone.node)", zone.zone] + zone.analysis.unusableIndex.map(format3))
            }
            out.append(table.render())
        }
        if !report.zonePFNRanges.isEmpty {
            out.append("")
            out.append("Zone ranges (boot log)")
            var table = TextTable()
            for range in report.zonePFNRanges {
                table.add([range.zone, range.addressRange,
                           "PFN \(hex(range.startPFN)) -> \(hex(range.endPFN))", "[\(range.source)]"])
            }
            out.append(table.render())
        }
        let tuning = report.findings.filter { $0.id.hasPrefix("tuning.") }
        if !tuning.isEmpty {
            out.append("")
            out.append("Tuning advice (a workaround, not a fix)")
            for finding in tuning {
                out.append("  - " + finding.title)
                for line in (finding.detail ?? "").split(separator: "\n") { out.append("      " + line) }
            }
        }
        return out
    }

    private static func marker(_ state: HighOrderExhaustion.Zone.State) -> String {
        switch state {
        case .healthy: return "ok       "
        case .fragmented: return "EXHAUSTED"
        case .depleted: return "LOW      "
        }
    }


    /// Three decimals, as the kernel prints `%d.%03d`.
    private static func format3(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = abs(thousandths)
        let fraction = String(magnitude % 1000)
        return "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    private static func hex(_ value: UInt64) -> String {
        "0x" + String(value, radix: 16)
    }
}
