/// Where sos puts the network counters (sos-layout.md: the `networking` plugin's commands, and
/// `proc/net`, which sos 4.x stores as a link to `self/net`, itself a link to `<pid>`; a report
/// that lost the `self` link still holds `proc/<pid>/net/`).
extension FactCatalog {
    public static let ethtoolStatistics = FactSpec("ethtoolStatistics", feeds: .ethtoolStatistics, [
        "sos_commands/networking/ethtool_-S_*",
        "sos_commands/networking/ip_netns_exec_*_ethtool_-S_*",
        "sos_commands/networking/namespaces/*/ip_netns_exec_*_ethtool_-S_*",
    ])
    public static let procNetDev = FactSpec("procNetDev", feeds: .netDev, [
        "proc/net/dev", "proc/self/net/dev", "proc/*/net/dev",
    ])
    /// `ip -s link`: the same counters where `/proc/net/dev` was not collected.
    public static let ipStatsLink = FactSpec("ipStatsLink", feeds: .netDev, [
        "sos_commands/networking/ip_-s_-d_link", "sos_commands/networking/ip_-s_link",
        "sos_commands/networking/ip_-d_-s_link",
    ])
    public static let softnetStat = FactSpec("softnetStat", feeds: .softnet, [
        "proc/net/softnet_stat", "proc/self/net/softnet_stat", "proc/*/net/softnet_stat",
    ])
    /// `/proc/net/netstat` (exact MIB names) first, then `netstat -s` prose.
    public static let tcpExtCounters = FactSpec("tcpExt", feeds: .tcpExt, [
        "proc/net/netstat", "proc/self/net/netstat", "proc/*/net/netstat",
        "sos_commands/networking/netstat_-s", "sos_commands/networking/netstat_-W_-s",
    ])
    /// The softirq tunables, by sysctl name; `sysctl -a` is read where the file is missing.
    public static let netCoreTunables: [(name: String, spec: FactSpec)] = [
        "net.core.netdev_max_backlog", "net.core.netdev_budget", "net.core.netdev_budget_usecs",
    ].map { name in
        (name, FactSpec(name, feeds: .softnet, ["proc/sys/" + name.replacingOccurrences(of: ".", with: "/")]))
    }

    static let network: [FactSpec] = [ethtoolStatistics, procNetDev, ipStatsLink, softnetStat, tcpExtCounters]
        + netCoreTunables.map(\.spec)
}
