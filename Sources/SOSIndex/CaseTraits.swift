import SOSAnalyzer

/// What the index keeps of a report for `similar`: the correlator's host traits
/// (``HostTraits``) of the compared families, plus the symptoms the correlator leaves out on
/// purpose, which are exactly what makes a past case useful:
///
/// - `failure=order-2 GFP_ATOMIC` and `failure=order-2 GFP_ATOMIC in mlx4_en`, one per kind of
///   page allocation failure (order, the first word of the GFP description, the module in the trace);
/// - `failure=high orders exhausted from order 2` when buddyinfo shows it;
/// - `known=mlx4-en-rhel64-high-order-leak`, one per known-issue finding.
///
/// For the Samples host dbnode01 (RHEL 6.4, mlx4_en 2.11.500, order-2 atomic failures) this gives
/// `os=RHEL 6.4`, `kernel=2.6.32-358.el6.x86_64`, `nic.firmware=mlx4_en 2.11.500`,
/// `failure=order-2 GFP_ATOMIC in mlx4_en`, `known=mlx4-en-rhel64-high-order-leak`, among others.
public struct CaseTraits: Sendable, Equatable {
    /// Sorted, without duplicates.
    public var traits: [String]
    /// Families the report collected: a family missing on either side is left out of the comparison.
    public var collected: Set<TraitFamily>

    public init(traits: [String], collected: Set<TraitFamily>) {
        self.traits = traits
        self.collected = collected
    }

    public init(_ report: Report) {
        var set = Set(HostTraits.traits(of: report).filter { TraitFamily(trait: $0) != nil })
        for failure in report.allocationFailures {
            let kind = failure.gfpDescription?.split(separator: "|").first.map(String.init) ?? failure.gfpMask
            let signature = "failure=order-\(failure.order) \(kind)"
            set.insert(signature)
            for module in failure.modules { set.insert("\(signature) in \(module)") }
        }
        if let grade = report.highOrderExhaustion, grade.exhausted, let order = grade.lowestExhaustedOrder {
            set.insert("failure=high orders exhausted from order \(order)")
        }
        let prefix = "known-issue."
        for finding in report.findings where finding.id.hasPrefix(prefix) {
            set.insert("known=\(finding.id.dropFirst(prefix.count))")
        }
        traits = set.sorted()
        var collected: Set<TraitFamily> = [.event, .failure, .knownIssue]
        if report.os != nil { collected.insert(.os) }
        if report.kernel != nil { collected.insert(.kernel) }
        if !report.modules.isEmpty { collected.insert(.module) }
        if !report.nics.isEmpty { collected.insert(.nic) }
        self.collected = collected
    }
}
