/// The task line printed after the header (`dump_stack`).
extension AllocationReportLine {

    struct Task: Equatable {
        var comm: String
        var pid: Int?
        var cpu: Int?
        var taint: String?
        var release: String?
    }

    /// `Pid: 0, comm: swapper Tainted: G  ...  2.6.32-279.9.1.el6.x86_64 #1` (2.6.x) or
    /// `CPU: 21 PID: 0 Comm: swapper/21 Kdump: loaded Tainted: P  OE ... 3.10.0-1062.el7.x86_64 #1`.
    static func task(_ message: Substring) -> Task? {
        // ", comm: " or " Comm: " is required below; most lines have neither.
        guard message.utf8.containsLogBytes("omm: ") else { return nil }
        let text = message.trimmedBlanks
        let isOld = text.hasLogPrefix("Pid: ")
        guard isOld || text.hasLogPrefix("CPU: ") else { return nil }
        guard let commRange = text.firstRange(of: isOld ? ", comm: " : " Comm: ") else { return nil }
        var cpu: Int?
        if !isOld { cpu = intAfter("CPU:", in: text) }
        let pid = intAfter(isOld ? "Pid:" : "PID:", in: text)
        let rest = text[commRange.upperBound...]
        let stops = [" Not tainted", " Tainted:", " Kdump:"]
        var commEnd = rest.endIndex
        for stop in stops {
            if let r = rest.firstRange(of: stop), r.lowerBound < commEnd { commEnd = r.lowerBound }
        }
        if commEnd == rest.endIndex { commEnd = rest.firstIndex(of: " ") ?? rest.endIndex }
        let comm = String(rest[..<commEnd])
        guard !comm.isEmpty else { return nil }
        var taint: String?
        var release: String?
        let tail = rest[commEnd...]
        let taintStart = tail.firstRange(of: "Not tainted")?.lowerBound ?? tail.firstRange(of: "Tainted:")?.lowerBound
        if let taintStart {
            let fromTaint = tail[taintStart...]
            // the release is the word before " #<build>"
            let end = fromTaint.firstRange(of: " #")?.lowerBound ?? fromTaint.endIndex
            let body = fromTaint[..<end].trimmedBlanks
            if fromTaint.hasPrefix("Not tainted") {
                taint = "Not tainted"
                let rel = body.dropFirst("Not tainted".count).trimmedBlanks
                release = rel.isEmpty ? nil : String(rel.split(separator: " ").last ?? rel)
            } else if let space = body.lastIndex(of: " ") {
                taint = String(body[..<space].trimmedBlanks)
                release = String(body[body.index(after: space)...])
            } else {
                taint = String(body)
            }
        }
        return Task(comm: comm, pid: pid, cpu: cpu, taint: taint, release: release)
    }
}
