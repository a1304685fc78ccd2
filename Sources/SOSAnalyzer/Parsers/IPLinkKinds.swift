/// The kind of each virtual interface in `ip -d address` / `ip -d link` output: the word that
/// opens the detail line after `link/...` (`vxlan id 1 ...`, `veth`, `bridge ...`), which is
/// also the kernel module that drives it (`vlan` is `8021q`, `bond` is `bonding`).
///
/// Real sample (`sos_commands/networking/ip_-d_address` of the sos 4.2 k8stest-4 report):
/// ```text
/// 3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 8908 qdisc noqueue state UNKNOWN group default
///     link/ether 9a:e0:6b:c3:ce:e3 brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 65535
///     vxlan id 1 local 10.6.3.201 dev ens3 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300
/// ```
/// yields `flannel.1` driven by `vxlan` (line 3).
///
/// ip prints each line whole, details indented. Pasted from a terminal, a long line is wrapped
/// and its rest opens the next line unindented (`axmtu 65535` of the `link/ether` line above,
/// at 80 columns); a line that is
/// neither indented nor `<n>: <name>:` is such a rest and is passed over, so the detail line
/// after it is still read.
public enum IPLinkKindsParser {
    public struct Kind: Sendable, Equatable {
        public var interface: String
        public var driver: String
        public var line: Int
    }

    static let drivers: [String: String] = [
        "vxlan": "vxlan", "veth": "veth", "bridge": "bridge", "bond": "bonding", "team": "team",
        "vlan": "8021q", "macvlan": "macvlan", "macvtap": "macvtap", "ipvlan": "ipvlan", "tun": "tun",
        "geneve": "geneve", "gre": "ip_gre", "gretap": "ip_gre", "ipip": "ipip", "dummy": "dummy",
        "openvswitch": "openvswitch", "wireguard": "wireguard", "vrf": "vrf", "nlmon": "nlmon",
    ]

    /// Throws `.notCollected` when no interface shows a kind.
    public static func parse(_ text: String) throws(ParseFailure) -> [Kind] {
        var kinds: [Kind] = []
        var interface: String?
        var afterLinkLine = false
        for line in TextLines(text) {
            let fields = line.text.blankSeparatedFields
            guard let first = fields.first else { continue }
            if line.text.first?.isWhitespace == false {
                // "3: flannel.1: <...>" or "3: veth0@if2: <...>"; anything else unindented is
                // the rest of a line a terminal wrapped
                if first.hasSuffix(":"), first.dropLast().allSatisfy(\.isASCIIDigit), fields.count > 1, fields[1].hasSuffix(":") {
                    interface = fields[1].dropLast().split(separator: "@").first.map(String.init)
                    afterLinkLine = false
                }
            } else if first.hasPrefix("link/") {
                afterLinkLine = true
            } else if afterLinkLine, let name = interface {
                if let driver = drivers[String(first)] {
                    kinds.append(Kind(interface: name, driver: driver, line: line.number))
                }
                afterLinkLine = false
            }
        }
        if kinds.isEmpty { throw .notCollected("ip -d names no interface kind") }
        return kinds
    }
}
