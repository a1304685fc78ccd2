/// The host names a report's files hold besides its own: what `Redaction` must learn before it
/// can say that no output repeats them.
extension ReportAssembler {
    mutating func readNamesInFiles() {
        var hosts: [String] = []
        var seen = Set<String>()
        func add(_ name: String) {
            let lowered = name.lowercased()
            guard Self.isHostName(lowered), seen.insert(lowered).inserted else { return }
            hosts.append(name)
        }
        if case .found(let file) = lookup.first(FactCatalog.etcHosts) {
            for entry in HostsFileParser.parse(file.text) { entry.names.forEach(add) }
        }
        if case .found(let file) = lookup.first(FactCatalog.corosyncConf) {
            for node in CorosyncNodesParser.parse(file.text) { add(node.value) }
        }
        if case .found(let file) = lookup.first(FactCatalog.clusterConf) {
            for node in ClusterConfNodesParser.parse(file.text) { add(node.value) }
        }
        report.namesInFiles = NamesInReport(hosts: hosts)
    }

    /// Letters, digits, `-` and `.`, with a letter somewhere: an address (`10.0.0.1`, `::1`) is not a name.
    static func isHostName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253 && text.contains { $0.isLetter }
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
            && text.first != "-" && text.first != "."
    }
}
