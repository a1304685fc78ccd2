/// How the summary names hosts: the short name where it is unique in the batch (tables stay
/// narrow), the full name in headings, and the heading's anchor as GitHub and cmark-gfm make it.
struct HostNames {
    private var shortNames: [String: String] = [:]

    init(_ reports: [Report]) {
        var counts: [String: Int] = [:]
        for report in reports { counts[Self.shortName(Self.fullName(report)), default: 0] += 1 }
        for report in reports {
            let full = Self.fullName(report)
            let short = Self.shortName(full)
            shortNames[full] = (counts[short] ?? 0) > 1 ? full : short
        }
    }

    func full(_ report: Report) -> String { Self.fullName(report) }

    func short(_ report: Report) -> String { shortNames[Self.fullName(report)] ?? Self.fullName(report) }

    /// GitHub's heading slug: lower case, spaces to `-`, punctuation but `-` and `_` dropped.
    func anchor(_ report: Report) -> String {
        let heading = full(report) + (ZoneExhaustion.isAffected(report) ? " (affected)" : "")
        return String(heading.lowercased().compactMap { character -> Character? in
            if character == " " { return "-" }
            if character.isLetter || character.isNumber || character == "-" || character == "_" { return character }
            return nil
        })
    }

    private static func fullName(_ report: Report) -> String {
        report.hostname ?? report.source.topFolder ?? report.source.path
    }

    private static func shortName(_ name: String) -> String {
        // An IP address as a name has dots that are no domain.
        if name.allSatisfy({ $0.isNumber || $0 == "." }) { return name }
        return name.split(separator: ".").first.map(String.init) ?? name
    }
}
