/// Which distributions number their minor releases like RHEL and run RHEL kernels.
enum OSFamily {
    static func isRHELCompatible(_ id: String) -> Bool {
        ["rhel", "centos", "oracle", "scientific", "rocky", "alma"].contains(id)
    }
}
