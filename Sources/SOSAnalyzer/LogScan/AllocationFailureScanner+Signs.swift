/// What tells the allocation-failure scanner a line is worth reading, and how it compares stamps.
extension AllocationFailureScanner {
    /// What a line must hold (besides a trailing ":") to be read when no report is open: could it
    /// start a report, be a Mem-Info line worth keeping, or a task line worth a note? The rarest
    /// first. `rawOnly`: found in the raw bytes only ("#01": rsyslog escapes, decoded before
    /// `mayMatter` sees the message).
    static let signs: [Sign] = [
        Sign("kB"), Sign("KB"), Sign("#01", rawOnly: true), Sign("mode:0x"), Sign("vmalloc error"),
        Sign("allocation failure"), Sign("Mem-"), Sign("omm: "), Sign("lowmem_reserve[]:"),
    ]

    struct Sign: Sendable {
        let text: StaticString
        let rawOnly: Bool
        init(_ text: StaticString, rawOnly: Bool = false) {
            self.text = text
            self.rawOnly = rawOnly
        }
    }

    /// Cheap byte test on the decoded message: does it hold one of ``signs``?
    static func mayMatter(_ message: Substring) -> Bool {
        let utf8 = message.utf8
        if utf8.last == UInt8(ascii: ":") { return true }  // lone "comm: " piece
        return signs.contains { !$0.rawOnly && utf8.containsLogBytes($0.text) }
    }

    /// Seconds for comparing stamps: monotonic as is; wall clock from "Mon DD HH:MM:SS" parts.
    static func seconds(_ stamp: KernelLogTimestamp?) -> Double? {
        switch stamp {
        case .monotonic(let s)?: return s
        case .wallClock(let text)?:
            let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
            guard let time = parts.first(where: { $0.count >= 8 && $0.dropFirst(2).first == ":" }) else { return nil }
            let hms = time.prefix(8).split(separator: ":").compactMap { Int($0) }
            guard hms.count == 3 else { return nil }
            let day = parts.compactMap { $0.count <= 2 ? Int($0) : nil }.first
                ?? parts.first.flatMap { $0.count >= 10 ? Int($0.suffix(2)) : nil } ?? 0
            return Double(day * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2])
        case nil: return nil
        }
    }
}
