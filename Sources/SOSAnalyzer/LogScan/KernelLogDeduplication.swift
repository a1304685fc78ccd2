/// Counts an event once when several logs of one report hold it.
///
/// sos copies the kernel ring buffer more than once (`dmesg` and `dmesg_now` in sos 2.2,
/// `var/log/dmesg` at boot) and syslog keeps the same lines in `messages` (or `syslog` and
/// `kern.log` on Ubuntu). Logs of one family (a file and its rotations) hold distinct events and
/// add up; different families overlap, so for each kind of failure the family that saw it most
/// often is believed and the others are dropped.
enum KernelLogDeduplication {
    static func distinct(_ perMember: [(member: String, failures: [AllocationFailure])]) -> [(String, AllocationFailure)] {
        var families: [String: [(String, AllocationFailure)]] = [:]
        var familyOrder: [String] = []
        for (member, failures) in perMember where !failures.isEmpty {
            let family = self.family(of: member)
            if families[family] == nil { familyOrder.append(family) }
            families[family, default: []] += failures.map { (member, $0) }
        }
        // On a tie the syslog family is believed: its lines carry wall-clock times.
        familyOrder.sort { isSyslog($0) && !isSyslog($1) }
        var best: [Signature: (family: String, count: Int)] = [:]
        for family in familyOrder {
            var counts: [Signature: Int] = [:]
            for (_, failure) in families[family] ?? [] { counts[Signature(failure), default: 0] += 1 }
            for (signature, count) in counts where count > (best[signature]?.count ?? 0) {
                best[signature] = (family, count)
            }
        }
        var result: [(String, AllocationFailure)] = []
        for family in familyOrder {
            for (member, failure) in families[family] ?? [] where best[Signature(failure)]?.family == family {
                result.append((member, failure))
            }
        }
        return result
    }

    private struct Signature: Hashable {
        let process: String
        let order: Int
        let mask: String
        let modules: [String]

        init(_ failure: AllocationFailure) {
            process = failure.process
            order = failure.order
            mask = failure.gfpMask
            modules = failure.modules
        }
    }

    private static func isSyslog(_ family: String) -> Bool {
        ["messages", "syslog", "kern.log", "journal"].contains(family)
    }

    /// `var/log/messages-20130211` and `sos_strings/logs/var.log.messages.tailed` are one family;
    /// each ring-buffer copy is a family of its own.
    static func family(of member: String) -> String {
        let base = member.split(separator: "/").last.map(String.init) ?? member
        for stem in ["messages", "syslog", "kern.log"] where base.contains(stem) {
            return stem
        }
        if member.hasPrefix("sos_commands/logs/journalctl") { return "journal" }
        return member
    }
}
