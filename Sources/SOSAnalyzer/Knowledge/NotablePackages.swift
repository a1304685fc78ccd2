/// Package names that matter when comparing hosts: the software a support engineer asks about
/// first when several hosts fail together. Curated from RHEL 6-9 and Ubuntu package names.
public enum NotablePackages {
    /// High-availability cluster stacks: RHEL 6 cman/rgmanager, corosync/pacemaker everywhere.
    public static let clusterStack: Set<String> = [
        "cman", "rgmanager", "corosync", "corosynclib", "pacemaker", "pacemaker-cli", "pcs", "ricci",
        "luci", "clusterlib", "openais", "fence-agents", "fence-agents-all", "resource-agents",
        "lvm2-cluster", "gfs2-utils", "dlm", "sbd", "crmsh",
        // Container orchestration: a Kubernetes / OpenShift node is a cluster member too.
        "kubelet", "kubeadm", "kubernetes-node", "kubernetes", "cri-o", "openshift-hyperkube",
        "openshift-clients", "atomic-openshift", "atomic-openshift-node", "origin-node",
    ]

    /// sos plugins that run only on a Kubernetes / OpenShift node (their folder under
    /// `sos_commands/`), with the software each one shows. Read when the package list names no
    /// such package: snaps (Charmed Kubernetes) and RHEL CoreOS images hide it from rpm/dpkg.
    public static let clusterPlugins: [(plugin: String, software: String)] = [
        ("kubernetes", "kubernetes"), ("openshift", "openshift"), ("openshift_ovn", "openshift"),
        ("crio", "cri-o"),
    ]

    /// Storage and multipath stacks and other kernel-adjacent software worth a trait.
    public static let notable: Set<String> = [
        "device-mapper-multipath", "multipath-tools", "iscsi-initiator-utils", "open-iscsi",
        "lvm2", "mdadm", "drbd", "drbd-utils", "nfs-utils", "nfs-common", "glusterfs", "ceph-common",
        "openvswitch", "dpdk", "tuned", "irqbalance", "numad", "kexec-tools", "kdump-tools",
        "libvirt", "qemu-kvm", "docker", "docker-ce", "containerd", "podman",
        "ofed-scripts", "mlnx-ofa_kernel", "rdma-core", "libibverbs",
    ]

    /// Kernel packages, whose versions are the installed kernels.
    public static func isKernelPackage(_ name: String) -> Bool {
        ["kernel", "kernel-core", "kernel-uek", "kernel-rt", "kernel-rt-core", "kernel-PAE", "kernel-xen"].contains(name)
            || (name.hasPrefix("linux-image-") && name.first(where: \.isNumber) != nil)
    }

    /// Packages that ship kernel modules from outside the distribution's kernel build:
    /// `kmod-<module>` driver packages (`kmod-kvdo`, `kmod-nvidia`), DKMS source packages and
    /// known vendors' driver packages. `kmod-libs` and the other kmod tool packages are not.
    public static func shipsThirdPartyKernelModules(_ name: String) -> Bool {
        // Veritas ships its drivers in these packages only (VRTSperl, VRTSvlic... carry none).
        let veritas: Set<String> = ["VRTSvxfs", "VRTSvxvm", "VRTSodm", "VRTSgab", "VRTSllt", "VRTSvxfen",
                                    "VRTSamf", "VRTSglm", "VRTSgms", "VRTSdbac"]
        if veritas.contains(name) { return true }
        // The kmod tool's own packages (libkmod, its headers) share the `kmod-` prefix of the
        // kmod-<module> driver packages but ship no module.
        let kmodTooling: Set<String> = ["kmod", "kmod-libs", "kmod-devel", "kmod-bash-completion"]
        if kmodTooling.contains(name) { return false }
        let prefixes = ["kmod-", "EMCpower", "nvidia-kmod", "nvidia-driver", "kmod-nvidia", "mlnx-ofa_kernel",
                        "falcon-sensor", "ds_agent", "cbsensor", "sentinelone", "vmware-tools-", "oracleasm-", "hpvsa",
                        "hpsa-", "fusionio", "iomemory-vsl", "lustre-client-modules", "zfs-kmod", "spl-kmod"]
        return prefixes.contains { name.hasPrefix($0) } || name.hasSuffix("-dkms")
    }
}
