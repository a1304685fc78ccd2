/// `ethtool_-i_eth0`, `ip_netns_exec_ns1_ethtool_-i_eth0` (or `-S`, with `option`): the interface
/// and namespace a file names.
struct EthtoolFileName {
    let interface: String
    let namespace: String?

    init?(_ path: String, option: String = "-i") {
        guard let base = path.split(separator: "/").last, let range = base.range(of: "ethtool_\(option)_") else { return nil }
        let interface = String(base[range.upperBound...])
        guard !interface.isEmpty else { return nil }
        self.interface = interface
        let prefix = base[..<range.lowerBound]
        if prefix.hasPrefix("ip_netns_exec_") {
            let ns = prefix.dropFirst("ip_netns_exec_".count).dropLast()
            self.namespace = ns.isEmpty ? nil : String(ns)
        } else {
            self.namespace = nil
        }
    }
}
