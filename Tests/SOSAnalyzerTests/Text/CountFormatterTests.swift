import Testing
@testable import SOSAnalyzer

/// The doc comments' samples of ``CountFormatter`` and ``SplitMix64``.
struct CountFormatterTests {
    @Test func groupsByThousands() {
        #expect(CountFormatter.grouped(1_204_311) == "1,204,311")
        #expect(CountFormatter.grouped(999) == "999")
        #expect(CountFormatter.grouped(-4096) == "-4,096")
        #expect(CountFormatter.grouped(Int64.min) == "-9,223,372,036,854,775,808")
    }

    @Test func splitMixFirstValueOfSeedZero() {
        // SplitMix64's published first output for seed 0.
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
    }
}
