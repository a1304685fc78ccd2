/// Network driver modules by name (the `drivers/net/` modules of the kernel tree a server or VM
/// loads), and interface names that are never a NIC of their own: for the last fallback of a
/// NIC's driver, the loaded modules.
///
/// Real sample (the k8stest-4 report's lsmod, Fixtures/real/lsmod, line 92):
/// ```text
/// virtio_net             57344  0
/// ```
/// is the one network driver that KVM guest loads: its `ens3` is a `virtio_net` NIC.
enum NICDriverModules {
    static let names: Set<String> = [
        "e1000", "e1000e", "igb", "igc", "ixgb", "ixgbe", "ixgbevf", "i40e", "iavf", "ice", "fm10k",
        "bnx2", "bnx2x", "bnxt_en", "tg3", "mlx4_en", "mlx5_core", "be2net", "qede", "qlcnic", "netxen_nic",
        "sfc", "enic", "cxgb4", "cxgb3", "nfp", "ionic", "virtio_net", "vmxnet3", "hv_netvsc", "ena", "gve",
        "xen_netfront", "ibmveth", "ibmvnic", "r8169", "8139cp", "8139too", "pcnet32", "forcedeth", "sky2",
        "atl1c", "alx", "tulip", "myri10ge", "liquidio", "hinic", "enetc",
    ]

    /// Loopback, bridges, tunnels, bonds, VLANs (`eth0.100`), container and overlay ends.
    static func isVirtual(_ interface: String) -> Bool {
        let prefixes = ["lo", "veth", "docker", "br-", "br", "virbr", "cni", "flannel", "cali", "vxlan", "tun",
                        "tap", "bond", "team", "dummy", "ovs", "kube", "wg", "tailscale", "genev", "gre", "ip6",
                        "sit", "tunl", "nlmon", "vnet", "weave", "cilium", "lxc"]
        return interface.contains(".") || interface.contains("@") || prefixes.contains { interface.hasPrefix($0) }
    }
}
