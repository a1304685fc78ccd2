/// How the summary names hosts: the short name where it is unique in the batch (tables stay
/// narrow), the full name in headings, and the heading's anchor as GitHub and cmark-gfm make it.
///
/// A host with several reports (``HostIdentity``) is one name; each of its reports is told apart
/// by its collection date: `dbnode01 (2013-05-14 09:12:03)` in tables and lists, a heading
/// `dbnode01.prod.example.com, 2013-05-14 09:12:03`.
struct HostNames {
    private var shortNames: [String: String] = [:]
    /// The collection date of each report whose host has several, by source path.
    private var dates: [String: String] = [:]

    init(_ reports: [Report], hosts: [HostGroup] = [], of batch: [Report] = []) {
        // Distinct hosts per short name: two reports of one host do not make its name ambiguous.
        var hostsOfShort: [String: Set<String>] = [:]
        for report in reports { hostsOfShort[Self.shortName(Self.fullName(report)), default: []].insert(Self.fullName(report)) }
        for report in reports {
            let full = Self.fullName(report)
            let short = Self.shortName(full)
            shortNames[full] = (hostsOfShort[short]?.count ?? 0) > 1 ? full : short
        }
        for host in hosts where host.reports.count > 1 {
            for index in host.reports where batch.indices.contains(index) {
                let report = batch[index]
                dates[report.source.path] = CollectionDate.sortKey(report.collectedAt) ?? report.collectedAt ?? report.source.path
            }
        }
    }

    func full(_ report: Report) -> String { Self.fullName(report) }

    func short(_ report: Report) -> String { shortNames[Self.fullName(report)] ?? Self.fullName(report) }

    /// The short name, with the collection date where the host has several reports.
    func row(_ report: Report) -> String {
        short(report) + (dates[report.source.path].map { " (\($0))" } ?? "")
    }

    /// The section heading of a report: the full name, the date where the host has several reports.
    func heading(_ report: Report) -> String {
        full(report) + (dates[report.source.path].map { ", \($0)" } ?? "")
            + (ZoneExhaustion.isAffected(report) ? " (affected)" : "")
    }

    /// GitHub's heading slug: lower case, spaces to `-`, punctuation but `-` and `_` dropped.
    func anchor(_ report: Report) -> String {
        String(heading(report).lowercased().compactMap { character -> Character? in
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
