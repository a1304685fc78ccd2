/// Counts an event once when several logs of one report hold it.
///
/// sos copies the kernel ring buffer more than once (`dmesg` and `dmesg_now` in sos 2.2,
/// `var/log/dmesg` at boot) and syslog keeps the same lines in `messages` (or `syslog` and
/// `kern.log` on Ubuntu). Logs of one family (a file and its rotations) hold distinct events and
/// add up; different families overlap, so for each kind of failure the family that saw it most
/// often is believed and the others are dropped.
enum KernelLogDeduplication {
    static func distinct<Event: LoggedOnce>(_ perMember: [(member: String, failures: [Event])]) -> [(String, Event)] {
        var families: [String: [(String, Event)]] = [:]
        var familyOrder: [String] = []
        for (member, failures) in perMember where !failures.isEmpty {
            let family = self.family(of: member)
            if families[family] == nil { familyOrder.append(family) }
            families[family, default: []] += failures.map { (member, $0) }
        }
        // On a tie the syslog family is believed: its lines carry wall-clock times.
        familyOrder.sort { isSyslog($0) && !isSyslog($1) }
        var best: [Event.Signature: (family: String, count: Int)] = [:]
        for family in familyOrder {
            var counts: [Event.Signature: Int] = [:]
            for (_, failure) in families[family] ?? [] { counts[failure.signature, default: 0] += 1 }
            for (signature, count) in counts where count > (best[signature]?.count ?? 0) {
                best[signature] = (family, count)
            }
        }
        var result: [(String, Event)] = []
        for family in familyOrder {
            for (member, failure) in families[family] ?? [] where best[failure.signature]?.family == family {
                result.append((member, failure))
            }
        }
        return result
    }

    private static func isSyslog(_ family: String) -> Bool {
        ["messages", "syslog", "kern.log"].contains(family) || family.hasPrefix("journal:")
    }

    /// `var/log/messages-20130211` and `sos_strings/logs/var.log.messages.tailed` are one family;
    /// each ring-buffer copy and each journal export is a family of its own.
    static func family(of member: String) -> String {
        let base = member.split(separator: "/").last.map(String.init) ?? member
        for stem in ["messages", "syslog", "kern.log"] where base.contains(stem) {
            return stem
        }
        // Each journal export is a family of its own: the whole journal holds this boot's and the
        // last boot's again, so they overlap as dmesg and messages do (the tailed copy is the same export).
        if base.hasPrefix("journalctl") {
            return "journal:" + (base.hasSuffix(".tailed") ? String(base.dropLast(".tailed".count)) : base)
        }
        return member
    }
}

/// Something a kernel log holds that the other logs of the report may hold again: what tells two
/// copies of it apart from two occurrences.
protocol LoggedOnce {
    associatedtype Signature: Hashable
    var signature: Signature { get }
}

extension AllocationFailure: LoggedOnce {
    struct Signature: Hashable {
        let process: String
        let order: Int
        let mask: String
        let modules: [String]
    }
    var signature: Signature { Signature(process: process, order: order, mask: gfpMask, modules: modules) }
}

extension KernelEvent: LoggedOnce {
    /// The message without its stamps is the same in `dmesg` and in `messages`; the count is not
    /// (a rotation may hold only part of a burst).
    struct Signature: Hashable {
        let kind: KernelEventKind
        let message: String
    }
    var signature: Signature { Signature(kind: kind, message: message) }
}
