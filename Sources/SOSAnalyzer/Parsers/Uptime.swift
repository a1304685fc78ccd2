/// How long the host had been up when sos ran, from `uptime` (minutes are all it prints).
public struct Uptime: Sendable, Codable, Equatable {
    public var seconds: Int
    /// 1-based line of the reading.
    public var line: Int

    public init(seconds: Int, line: Int) {
        self.seconds = seconds
        self.line = line
    }
}

/// Reads `uptime` output: ` HH:MM:SS up [N day[s], ]{H:MM | N min}, ...`.
///
/// Real samples (`sos_commands/host/uptime` of the sos 4.2 archives `sosreport-juju-04f1e3-0-lxd-5`
/// and `sosreport-juju-110cc2-k8stest-4`):
/// ```text
///  09:51:36 up 11:18,  1 user,  load average: 6.42, 4.37, 3.94
///  19:23:40 up 25 min,  1 user,  load average: 0.83, 0.73, 0.76
/// ```
/// yield 40 680 and 1 500 seconds.
///
/// `proc/uptime` (seconds up, then idle seconds summed over CPUs) is read too, to the second.
/// Real sample (`proc/uptime` of the GitHub repository GoCleverInsignia5/i5_info, an Android tablet's /proc copy):
/// ```text
/// 2908.88 1498.80
/// ```
/// yields 2 908 seconds.
public enum UptimeParser {
    public static func parse(_ text: String) throws(ParseFailure) -> Uptime {
        for line in TextLines(text) {
            if let seconds = procUptimeSeconds(line.text) { return Uptime(seconds: seconds, line: line.number) }
            guard let up = line.text.firstRange(of: " up ") else { continue }
            // "3 days,  2:01,  2 users" / "1 day, 10 min," / "11:18," / "25 min,"
            let fields = line.text[up.upperBound...].split(separator: ",").map { $0.trimmedBlanks }
            var seconds = 0
            var read = false
            for field in fields {
                let words = field.split(separator: " ")
                if words.count == 2, let n = Int(words[0]), words[1].hasPrefix("day") {
                    seconds += n * 86_400
                } else if words.count == 2, let n = Int(words[0]), words[1].hasPrefix("min") {
                    seconds += n * 60
                    read = true
                    break
                } else if words.count == 1, let colon = field.firstIndex(of: ":"),
                          let hours = Int(field[..<colon]), let minutes = Int(field[field.index(after: colon)...]) {
                    seconds += hours * 3_600 + minutes * 60
                    read = true
                    break
                } else {
                    // "up 2 days, 1 user": whole days only
                    read = seconds > 0
                    break
                }
            }
            if read { return Uptime(seconds: seconds, line: line.number) }
        }
        if text.allSatisfy(\.isWhitespace) { throw .notCollected("empty uptime output") }
        throw .malformed(line: 1, message: "no \"up ...\" reading in uptime output")
    }

    /// `350735.47 234388.90`: two non-negative decimals; the first, whole seconds.
    private static func procUptimeSeconds(_ line: Substring) -> Int? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count == 2, words.allSatisfy({ word in
            word.contains(".") && word.allSatisfy { $0.isASCIIDigit || $0 == "." } && word.filter { $0 == "." }.count == 1
        }), let seconds = Double(words[0]), seconds < 1e12 else { return nil }
        return Int(seconds)
    }
}
