/// The order traits are shown in, and which trait names a group of traits found on the same hosts.
///
/// Keys that answer "what is this host" in a case come first (release, kernel, NIC driver,
/// hardware, software), the long tail of modules and tuning bands last; within a key, by value.
/// So the group {module=mlx4_en, nic.driver=mlx4_en} is shown as `nic.driver=mlx4_en`, and a set
/// reads `os=RHEL 6.4` then `nic.driver=mlx4_en`.
public enum TraitOrder {
    /// Trait keys, most telling first. Unknown keys come after these, by name.
    public static let keys = [
        "os", "kernel.stream", "kernel", "nic.driver", "nic.firmware", "hardware", "taint",
        "thirdParty", "package", "module", "memory", "sysctl.vm.min_free_kbytes", "sysctl.vm.zone_reclaim_mode",
    ]

    /// The key of a `key=value` trait (the whole string when it has no `=`).
    public static func key(of trait: String) -> Substring {
        trait.firstIndex(of: "=").map { trait[..<$0] } ?? trait[...]
    }

    public static func rank(of trait: String) -> Int {
        let key = key(of: trait)
        return keys.firstIndex { $0 == key } ?? keys.count
    }

    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let left = rank(of: lhs), right = rank(of: rhs)
        if left != right { return left < right }
        return lhs < rhs
    }
}
