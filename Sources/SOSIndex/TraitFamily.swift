/// The families whose traits `similar` compares, each on its own: two cases that share a rare
/// NIC firmware and nothing else still rank, and a family only one side collected (no `lsmod`
/// in one report) neither helps nor hurts.
public enum TraitFamily: String, Sendable, Codable, CaseIterable, Comparable {
    case os, kernel, module, nic, event, failure, knownIssue = "known-issue"

    /// The family of a trait string by its key: `os=`, `kernel=`/`kernel.stream=`, `module=`/
    /// `thirdParty=`, `nic.driver=`/`nic.firmware=`, `event=`, `failure=`, `known=`; nil for the
    /// others (`package=`, `taint=`, `memory=` ...), which the index does not compare.
    public init?(trait: String) {
        guard let equals = trait.firstIndex(of: "=") else { return nil }
        switch trait[..<equals] {
        case "os": self = .os
        case "kernel", "kernel.stream": self = .kernel
        case "module", "thirdParty": self = .module
        case "nic.driver", "nic.firmware": self = .nic
        case "event": self = .event
        case "failure": self = .failure
        case "known": self = .knownIssue
        default: return nil
        }
    }

    public static func < (lhs: TraitFamily, rhs: TraitFamily) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
