import Testing
@testable import SOSAnalyzer

@Suite struct RHELKernelReleasesTests {
    @Test(arguments: [
        ("2.6.32-358.2.1.el6.x86_64", "6.4"),  // z-stream maps to its GA minor
        ("2.6.32-754.35.1.el6.x86_64", "6.10"),
        ("2.6.18-408.el5", "5.11"),
        ("2.6.9-55.ELsmp", "4.5"),  // RHEL 4 writes EL in capitals
        ("2.4.21-4.EL", "3.0"),
        ("3.10.0-1160.119.1.el7.x86_64", "7.9"),
        ("4.14.0-115.el7a.aarch64", "7.6.alt"),
        ("4.18.0-80.11.2.el8_0.x86_64", "8.0"),
        ("5.14.0-611.5.1.el9_7.x86_64", "9.7"),
        ("6.12.0-124.8.1.el10_1.x86_64", "10.1"),
    ])
    func gaBuilds(_ kernel: String, _ release: String) {
        #expect(RHELKernelReleases.distroRelease(forKernel: kernel) == release)
    }

    @Test(arguments: [
        "5.14.0-267.el9.x86_64",  // CentOS Stream 9
        "4.18.0-32.el8.x86_64",  // 8.0 Beta
        "5.4.0-99-generic",  // Ubuntu
        "3.9.10-100.fc17.i686.PAE",  // Fedora: "-100" must not hit 2.6.9-100
        "2.6.32-100.el6uek",  // hypothetical: no GA 6.x build 100
        "4.14.35-1902.el7uek.x86_64",  // Oracle UEK
        "garbage",
    ])
    func noGAMatch(_ kernel: String) {
        #expect(RHELKernelReleases.distroRelease(forKernel: kernel) == nil)
    }
}
