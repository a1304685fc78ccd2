/// Which RHEL minor release shipped a kernel, by its GA build number.
///
/// Source: RedHatInsights/insights-core `insights/parsers/uname.py`, `rhel_release_map`, at
/// `43cbb25ff29f` (2025-11-19, "Uname supports RHEL 10.1"), copied in
/// `kernel-knowledge.md` §4. Cross-checked there against RHEL_MINOR in the 2.6.32-642, 3.10.0-514,
/// -1127, -1160 and 4.18.0-240 kernel trees.
public enum RHELKernelReleases {
    /// `"<version>-<first release field>"` -> minor release.
    static let table: [String: String] = {
        var table: [String: String] = [:]
        func add(_ version: String, _ builds: [(Int, String)]) {
            for (build, release) in builds { table["\(version)-\(build)"] = release }
        }
        add("2.4.21", [(4, "3.0"), (9, "3.1"), (15, "3.2"), (20, "3.3"), (27, "3.4"), (32, "3.5"),
                       (37, "3.6"), (40, "3.7"), (47, "3.8"), (50, "3.9")])
        add("2.6.9", [(5, "4.0"), (11, "4.1"), (22, "4.2"), (34, "4.3"), (42, "4.4"), (55, "4.5"),
                      (67, "4.6"), (78, "4.7"), (89, "4.8"), (100, "4.9")])
        add("2.6.18", [(8, "5.0"), (53, "5.1"), (92, "5.2"), (128, "5.3"), (164, "5.4"), (194, "5.5"),
                       (238, "5.6"), (274, "5.7"), (308, "5.8"), (348, "5.9"), (371, "5.10"),
                       (398, "5.11"), (400, "5.11"), (402, "5.11"), (404, "5.11"), (408, "5.11")])
        add("2.6.32", [(71, "6.0"), (131, "6.1"), (220, "6.2"), (279, "6.3"), (358, "6.4"), (431, "6.5"),
                       (504, "6.6"), (573, "6.7"), (642, "6.8"), (696, "6.9"), (754, "6.10")])
        add("3.10.0", [(123, "7.0"), (229, "7.1"), (327, "7.2"), (514, "7.3"), (693, "7.4"), (862, "7.5"),
                       (957, "7.6"), (1062, "7.7"), (1127, "7.8"), (1160, "7.9")])
        add("4.11.0", [(44, "7.4.alt")])
        add("4.14.0", [(49, "7.5.alt"), (115, "7.6.alt")])
        add("4.18.0", [(80, "8.0"), (147, "8.1"), (193, "8.2"), (240, "8.3"), (305, "8.4"), (348, "8.5"),
                       (372, "8.6"), (425, "8.7"), (477, "8.8"), (513, "8.9"), (553, "8.10")])
        add("5.14.0", [(70, "9.0"), (162, "9.1"), (284, "9.2"), (362, "9.3"), (427, "9.4"), (503, "9.5"),
                       (570, "9.6"), (611, "9.7")])
        add("6.12.0", [(55, "10.0"), (124, "10.1")])
        return table
    }()

    /// The RHEL minor release whose GA kernel this is a build of.
    ///
    /// `"2.6.32-358.2.1.el6.x86_64"` -> `"6.4"`: exact lookup of `"<version>-<first release
    /// field>"`, so z-stream builds map to their GA minor. Only Red Hat kernels (`.elN`, or
    /// `.EL` for RHEL 3/4) are looked up; CentOS Stream, Beta and development builds have no GA
    /// entry and give `nil`, as do Fedora, Ubuntu or upstream kernels.
    public static func distroRelease(forKernel release: String) -> String? {
        guard isRedHatBuild(release), let dash = release.firstIndex(of: "-") else { return nil }
        let version = release[..<dash]
        let build = release[release.index(after: dash)...].prefix(while: \Character.isASCIIDigit)
        guard !build.isEmpty else { return nil }
        return table["\(version)-\(build)"]
    }

    /// `.el5`, `.el8_0`, `.el5PAE`, `.el9` (lower case followed by a digit) or RHEL 3/4 `.EL`,
    /// `.ELsmp`.
    static func isRedHatBuild(_ release: String) -> Bool {
        var rest = Substring(release)
        while let marker = rest.firstRange(of: ".el") {
            let after = rest[marker.upperBound...]
            if let next = after.first, next.isASCIIDigit { return true }
            rest = after
        }
        return release.contains(".EL")
    }
}
