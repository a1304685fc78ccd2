/// `vm.min_free_kbytes` and `vm.zone_reclaim_mode` against this host's numbers, for a host whose
/// atomic high-order allocations fail. A workaround: it makes the failures rarer, it does not
/// remove their cause; where a known issue matched, its fix is named.
///
/// The kernel's default is `4·√lowmem_kB` (`init_per_zone_wmark_min`), clamped to 128…65536 KiB on
/// 2.6.x kernels and 3.x/4.x up to 5.6, to 128…262144 KiB on RHEL 7.9, RHEL 8 and 5.7+; with
/// transparent hugepages enabled (RHEL 6+, 2.6.38+) khugepaged raises it to 22528 KiB per
/// populated zone on x86_64 (kernel-knowledge.md §5d).
///
/// Example (`Samples/` host dbnode01: MemTotal 132968080 KiB, min_free_kbytes 67584, 4 zones,
/// order-2 and order-3 failures): formula default 46124 KiB; 67584 is the transparent-hugepage
/// minimum for 3 zones, so the value was not tuned; suggested 704 MiB to 2.5 GiB (0.5 % to 2 % of memory).
public struct TuningAdvice: Sendable, Codable, Equatable {
    /// The running value.
    @Nullable public var minFreeKbytes: Int?
    /// Memory the default is computed from: zoneinfo managed (else present) pages of the zones
    /// below HighMem, else MemTotal.
    @Nullable public var lowmemKiB: Int?
    /// `4·√lowmem_kB`, clamped for this kernel family.
    @Nullable public var formulaDefaultKbytes: Int?
    public var clampMaxKbytes: Int
    /// The transparent-hugepage minimum for this host's populated zones.
    @Nullable public var hugepageMinimumKbytes: Int?
    /// "default", "hugepage-default", "raised" or "lowered": how the running value relates to the defaults.
    @Nullable public var setting: String?
    /// Lower and upper end of the suggested value.
    @Nullable public var suggestedMinKbytes: Int?
    @Nullable public var suggestedMaxKbytes: Int?
    @Nullable public var zoneReclaimMode: Int?
    /// What the running zone_reclaim_mode does on this host.
    @Nullable public var zoneReclaimMeaning: String?
    /// Highest order among the allocation failures.
    @Nullable public var highestFailedOrder: Int?
    /// Lowest order of 1 or more among the allocation failures.
    @Nullable public var lowestFailedOrder: Int?
    /// The known fix, when a known-issue rule matched.
    @Nullable public var fix: String?

    public init(clampMaxKbytes: Int) {
        self.clampMaxKbytes = clampMaxKbytes
        minFreeKbytes = nil
        lowmemKiB = nil
        formulaDefaultKbytes = nil
        hugepageMinimumKbytes = nil
        setting = nil
        suggestedMinKbytes = nil
        suggestedMaxKbytes = nil
        zoneReclaimMode = nil
        zoneReclaimMeaning = nil
        highestFailedOrder = nil
        lowestFailedOrder = nil
        fix = nil
    }

    /// x86_64: a 2 MiB pageblock × (2 + 3×3) per zone (`set_recommended_min_free_kbytes`).
    public static let hugepageKbytesPerZone = 22528

    /// Advice for a report with allocation failures of order ≥ 1 or exhausted high orders; nil otherwise.
    public static func advise(_ report: Report, knownIssues: [Finding] = []) -> TuningAdvice? {
        let exhaustion = report.highOrderExhaustion ?? HighOrderExhaustion.grade(report)
        let highest = report.allocationFailures.map(\.order).max()
        guard exhaustion.exhausted || (highest ?? 0) >= 1 else { return nil }

        let lowZones = report.zoneinfo.filter { !$0.zone.hasPrefix("HighMem") && $0.zone != "Movable" }
        // Numbers come from files: saturate rather than trap on a corrupt one.
        let zonePages = lowZones.compactMap { $0.managedPages ?? $0.presentPages }.map { max($0, 0) }.reduce(0, saturatingAdd)
        let lowmem = zonePages > 0 ? saturatingMultiply(zonePages, 4) : report.memory?.memTotalKiB.map { max($0, 0) }
        let clampMax = clampMaximum(forKernel: report.kernel?.release)
        let formula = lowmem.map { min(max(integerSquareRoot(saturatingMultiply($0, 16)), 128), clampMax) }
        let populated = max(report.zoneinfo.filter { ($0.presentPages ?? 1) > 0 }.count, report.buddyinfo.count)
        let hugepage = hasHugepageBump(report.kernel?.release) && populated > 0
            ? min(hugepageKbytesPerZone * populated, (lowmem ?? Int.max) / 20) : nil
        let current = report.sysctl["vm.min_free_kbytes"]

        var advice = TuningAdvice(clampMaxKbytes: clampMax)
        advice.minFreeKbytes = current
        advice.lowmemKiB = lowmem
        advice.formulaDefaultKbytes = formula
        advice.hugepageMinimumKbytes = hugepage
        advice.highestFailedOrder = highest
        advice.lowestFailedOrder = report.allocationFailures.map(\.order).filter { $0 >= 1 }.min()
        if let current {
            // THP counts the zones populated when khugepaged started; accept any zone count up to this host's.
            let hugepageDefault = populated > 0 && (1...populated + 1).contains { current == hugepageKbytesPerZone * $0 }
            advice.setting = current == formula ? "default" : hugepageDefault ? "hugepage-default"
                : current > max(formula ?? 0, hugepage ?? 0) ? "raised" : "lowered"
        }
        if let total = (report.memory?.memTotalKiB ?? lowmem).map({ min(max($0, 0), 1 << 50) }) {
            let step = 65536
            let low = max(total / 200, 2 * max(formula ?? 0, hugepage ?? 0))
            let lowRounded = (low + step - 1) / step * step
            let high = max(total / 50 / step * step, lowRounded)
            advice.suggestedMinKbytes = lowRounded
            advice.suggestedMaxKbytes = high
        }
        if let mode = report.sysctl["vm.zone_reclaim_mode"] {
            advice.zoneReclaimMode = mode
            advice.zoneReclaimMeaning = zoneReclaimMeaning(mode, nodes: Set(report.buddyinfo.map(\.node)).count)
        }
        advice.fix = knownIssues.compactMap(\.fix).first
        return advice
    }

    /// The findings this advice gives, with the host's numbers and evidence.
    public func findings(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        let fixText = fix.map { " The fix: \($0)." } ?? ""
        if let current = minFreeKbytes {
            var lines: [String] = []
            if let formula = formulaDefaultKbytes, let lowmem = lowmemKiB {
                lines.append("Kernel default for \(ByteFormatter.kibibytes(lowmem)) of low memory: 4·√lowmem_kB = \(formula) KiB (clamped to 128…\(clampMaxKbytes) KiB on this kernel)"
                    + (hugepageMinimumKbytes.map { "; with transparent hugepages enabled the kernel raises it to \($0) KiB (\(Self.hugepageKbytesPerZone) KiB per zone)." } ?? "."))
            }
            let exhaustion = report.highOrderExhaustion ?? HighOrderExhaustion.grade(report)
            for zone in exhaustion.exhaustedZones {
                if let info = report.zoneinfo.first(where: { $0.node == zone.node && $0.zone == zone.zone }), let min = info.minPages {
                    lines.append("\(zone.zone) zone, node \(zone.node): min watermark \(min) pages (\(ByteFormatter.human(Int64(min) * 4096)))"
                        + (info.lowPages.map { ", low \($0)" } ?? "") + (info.highPages.map { ", high \($0)" } ?? "")
                        + "; " + zone.summary.drop { $0 != ":" }.dropFirst().trimmingWhitespace() + ".")
                }
            }
            if let low = suggestedMinKbytes, let high = suggestedMaxKbytes {
                lines.append("Raising vm.min_free_kbytes makes kswapd keep more memory free, which leaves room for free pages to merge into blocks of order \(exhaustion.lowestExhaustedOrder ?? lowestFailedOrder ?? 2) and above. "
                    + "Suggested: \(low)…\(high) KiB (\(ByteFormatter.kibibytes(low)) to \(ByteFormatter.kibibytes(high)), 0.5 % to 2 % of memory); keep it well under 5 %: that memory is unavailable to ordinary allocations.")
            }
            let already = setting == "raised"
            let title: String
            if already, let low = suggestedMinKbytes, current >= low {
                title = "vm.min_free_kbytes is already raised to \(current) KiB (\(ByteFormatter.kibibytes(current))) and high-order allocations still fail: the workaround is not enough here.\(fixText)"
            } else if already {
                title = "vm.min_free_kbytes is raised to \(current) KiB (\(ByteFormatter.kibibytes(current))) and high-order allocations still fail; raise it towards \(ByteFormatter.kibibytes(suggestedMinKbytes ?? current))–\(ByteFormatter.kibibytes(suggestedMaxKbytes ?? current)) as a workaround.\(fixText)"
            } else {
                let how = setting == "lowered" ? "below the kernel default" : "the kernel default"
                title = "Workaround: raise vm.min_free_kbytes from \(current) KiB (\(ByteFormatter.kibibytes(current)), \(how)) to \(ByteFormatter.kibibytes(suggestedMinKbytes ?? current))–\(ByteFormatter.kibibytes(suggestedMaxKbytes ?? current)).\(fixText)"
            }
            lines.append("A workaround: it makes the failures rarer, not gone." + fixText)
            findings.append(Finding(
                id: "tuning.min-free-kbytes", severity: .info, title: title, detail: lines.joined(separator: "\n"),
                evidence: [report[evidence: .minFreeKbytes], report[evidence: .memory]].compactMap { $0 }
                    + exhaustion.exhaustedZones.compactMap(\.zoneinfoSource),
                fix: fix))
        }
        if let mode = zoneReclaimMode, let meaning = zoneReclaimMeaning {
            let nodes = Set(report.buddyinfo.map(\.node)).count
            let title: String
            let state = mode & 1 == 0 ? "off" : "on"
            if nodes > 1, mode & 1 == 0 {
                title = "vm.zone_reclaim_mode is \(mode) (\(state)): \(meaning) Setting 1 together with a higher vm.min_free_kbytes was the workaround used for this kind of failure."
            } else {
                title = "vm.zone_reclaim_mode is \(mode) (\(state)): \(meaning)"
            }
            findings.append(Finding(
                id: "tuning.zone-reclaim-mode", severity: .info, title: title,
                detail: "zone_reclaim_mode bits: 1 reclaim on the local node before allocating from another, 2 write dirty pages out while doing so, 4 swap while doing so; 0 off. A workaround, not a fix." + fixText,
                evidence: [report[evidence: .zoneReclaimMode]].compactMap { $0 }, fix: fix))
        }
        return findings
    }

    static func zoneReclaimMeaning(_ mode: Int, nodes: Int) -> String {
        if nodes <= 1 { return "this host has one memory node, so zone reclaim changes nothing here." }
        if mode & 1 == 0 {
            return "when node-local memory runs low the kernel takes pages from the other \(nodes - 1 == 1 ? "node" : "nodes") before reclaiming locally."
        }
        var extra: [String] = []
        if mode & 2 != 0 { extra.append("writing dirty pages") }
        if mode & 4 != 0 { extra.append("swapping") }
        return "the kernel reclaims on the local node first" + (extra.isEmpty ? "" : ", " + extra.joined(separator: " and ")) + ", keeping more local memory free."
    }

    /// 262144 KiB on RHEL 7.9 (3.10.0-1160), RHEL 8 (4.18.0) and 5.7+; 65536 KiB before.
    static func clampMaximum(forKernel release: String?) -> Int {
        guard let release, let version = KernelVersion(release) else { return 65536 }
        if (version.major, version.minor) >= (5, 7) { return 262144 }
        if release.hasPrefix("4.18.0-") { return 262144 }
        if release.hasPrefix("3.10.0-"), let build = version.build, build >= 1160 { return 262144 }
        return 65536
    }

    /// Transparent hugepages (and khugepaged's minimum) came with 2.6.38 upstream and RHEL 6's 2.6.32.
    static func hasHugepageBump(_ release: String?) -> Bool {
        guard let release, let version = KernelVersion(release) else { return false }
        if (version.major, version.minor) > (2, 6) { return true }
        if release.contains(".el6") { return true }
        return (version.major, version.minor) == (2, 6) && (version.patch ?? 0) >= 38
    }

    private static func integerSquareRoot(_ value: Int) -> Int {
        guard value > 0 else { return 0 }
        let value = min(value, 1 << 60)
        var root = Int(Double(value).squareRoot())
        while root * root > value { root -= 1 }
        while (root + 1) * (root + 1) <= value { root += 1 }
        return root
    }
}

private func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : sum
}

private func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Int.max : product
}
