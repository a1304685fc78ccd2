import Foundation
import Testing
@testable import SOSAnalyzer

/// Issue 16 item 8: `uname -a` output broken over two lines. The line is the real one of the
/// k8stest-4 report (Fixtures/real/uname_-a); the breaks are invented edge cases, where a
/// terminal or a mail client wraps it.
@Suite struct WrappedUnameTests {
    private let real = "Linux juju-110cc2-k8stest-4 5.4.0-99-generic #112-Ubuntu SMP Thu Feb 3 13:50:55 UTC 2022 x86_64 x86_64 x86_64 GNU/Linux"

    private func expectReal(_ uname: Uname) {
        #expect(uname.kernelName == "Linux")
        #expect(uname.hostname == "juju-110cc2-k8stest-4")
        #expect(uname.release == "5.4.0-99-generic")
        #expect(uname.version == "#112-Ubuntu SMP Thu Feb 3 13:50:55 UTC 2022")
        #expect(uname.machine == "x86_64")
        #expect(uname.line == 1)
    }

    @Test func unwrapped() throws {
        expectReal(try UnameParser.parse(try MemoryFixtures.text("real", "uname_-a")))
    }

    @Test func brokenBeforeTheRelease() throws {
        expectReal(try UnameParser.parse("Linux juju-110cc2-k8stest-4\n5.4.0-99-generic #112-Ubuntu SMP Thu Feb 3 13:50:55 UTC 2022 x86_64 x86_64 x86_64 GNU/Linux\n"))
        expectReal(try UnameParser.parse("Linux\r\njuju-110cc2-k8stest-4 5.4.0-99-generic #112-Ubuntu SMP Thu Feb 3 13:50:55 UTC 2022 x86_64 x86_64 x86_64 GNU/Linux\r\n"))
    }

    @Test func brokenInsideTheBuildString() throws {
        expectReal(try UnameParser.parse("Linux juju-110cc2-k8stest-4 5.4.0-99-generic #112-Ubuntu SMP Thu Feb 3\n13:50:55 UTC 2022 x86_64 x86_64 x86_64 GNU/Linux\n"))
        expectReal(try UnameParser.parse(real.replacingOccurrences(of: " x86_64 x86_64 x86_64", with: "\nx86_64 x86_64 x86_64")))
    }
}
