import Testing
@testable import SOSAnalyzer

/// Worked decodes from kernel-knowledge.md §1c, and masks seen in the corpus samples.
@Suite struct GFPDecoderTests {
    @Test func pickTablesByRelease() {
        #expect(GFPDecoder.table(forKernel: "2.6.18-274.el5") == .rhel5)
        #expect(GFPDecoder.table(forKernel: "2.6.18") == .linux2_6_18)
        #expect(GFPDecoder.table(forKernel: "2.6.32-279.9.1.el6.x86_64") == .rhel6)
        #expect(GFPDecoder.table(forKernel: "2.6.38-10-server") == .linux2_6_32)
        #expect(GFPDecoder.table(forKernel: "3.10.0-514.el7.x86_64") == .linux3_10)
        #expect(GFPDecoder.table(forKernel: "3.10.0-1160.62.1.el7.x86_64") == .rhel7_8)
        #expect(GFPDecoder.table(forKernel: "3.18.18+38-ph") == .linux3_15)
        #expect(GFPDecoder.table(forKernel: "4.3.3-coreos-r2") == .linux3_15)
        #expect(GFPDecoder.table(forKernel: "4.4.0-21-generic") == .linux4_4)
        #expect(GFPDecoder.table(forKernel: "4.9.0-5-amd64") == .linux4_5)
        #expect(GFPDecoder.table(forKernel: "4.14.154-99.181.amzn1.x86_64") == .linux4_10)
        #expect(GFPDecoder.table(forKernel: "4.18.0-553.30.1.el8_10.x86_64") == .linux4_15)
        #expect(GFPDecoder.table(forKernel: "5.4.19-100.fc30.x86_64") == .linux5_1)
        #expect(GFPDecoder.table(forKernel: "6.9.0-rc7-g4157e5c9501e-dirty") == .linux5_1)
        #expect(GFPDecoder.table(forKernel: nil) == nil)
        #expect(GFPDecoder.table(forKernel: "garbage") == nil)
    }

    @Test func workedDecodes() {
        #expect(GFPDecoder.describe(0x20, table: .linux2_6_32) == "GFP_ATOMIC")
        #expect(GFPDecoder.describe(0x20, table: .rhel6) == "GFP_ATOMIC")
        #expect(GFPDecoder.describe(0x4020, table: .linux2_6_32) == "GFP_ATOMIC|__GFP_COMP")
        #expect(GFPDecoder.describe(0x4020, table: .linux2_6_18) == "GFP_ATOMIC|__GFP_COMP")
        // RHEL5's GFP_ATOMIC carries NOWARN, so a printed 0x4020 is HIGH|COMP set by hand
        #expect(GFPDecoder.describe(0x4020, table: .rhel5) == "__GFP_HIGH|__GFP_COMP")
        #expect(GFPDecoder.describe(0x104020, table: .linux3_10) == "GFP_ATOMIC|__GFP_COMP|__GFP_KMEMCG")
        #expect(GFPDecoder.describe(0x104020, table: .rhel7_8) == "GFP_ATOMIC|__GFP_COMP|__GFP_ACCOUNT")
        #expect(GFPDecoder.describe(0x280da, table: .linux3_10) == "GFP_HIGHUSER_MOVABLE|__GFP_ZERO")
        #expect(GFPDecoder.describe(0x200da, table: .linux3_10) == "GFP_HIGHUSER_MOVABLE")
        #expect(GFPDecoder.describe(0xd0, table: .linux2_6_32) == "GFP_KERNEL")
        #expect(GFPDecoder.describe(0x201da, table: .linux2_6_32) == "GFP_HIGHUSER_MOVABLE|__GFP_COLD")
        #expect(GFPDecoder.describe(0x201da, table: .linux3_10) == "GFP_HIGHUSER_MOVABLE|__GFP_COLD")
        #expect(GFPDecoder.describe(0x40d0, table: .linux3_10) == "GFP_KERNEL|__GFP_COMP")
        #expect(GFPDecoder.describe(0x2040d0, table: .rhel7_8) == "GFP_KERNEL|__GFP_COMP|__GFP_NOTRACK")
        #expect(GFPDecoder.describe(0x204010, table: .linux3_15) == "GFP_NOIO|__GFP_COMP|__GFP_NOTRACK")
        #expect(GFPDecoder.describe(0x10d0, table: .linux3_10) == "GFP_KERNEL|__GFP_NORETRY")
        #expect(GFPDecoder.describe(0x8020, table: .rhel6) == "GFP_ATOMIC|__GFP_ZERO")
        #expect(GFPDecoder.describe(0x250, table: .rhel6) == "GFP_NOFS|__GFP_NOWARN")
    }

    @Test func masksPrintedWithNamesByNewerKernels() {
        // the names in "(...)" of the corpus headers must agree with the tables
        #expect(GFPDecoder.describe(0x2080020, table: .linux4_5) == "GFP_ATOMIC")       // up4.x-07, 4.9
        #expect(GFPDecoder.describe(0x1080020, table: .linux4_10) == "GFP_ATOMIC")      // up4.x-05, 4.14
        #expect(GFPDecoder.describe(0x6000c0, table: .linux4_15) == "GFP_KERNEL")       // RHEL8 4.18
        #expect(GFPDecoder.describe(0x480020, table: .linux4_15) == "GFP_ATOMIC")
        #expect(GFPDecoder.describe(0x40dc0, table: .linux5_1) == "GFP_KERNEL|__GFP_COMP|__GFP_ZERO") // up5.x-01
        #expect(GFPDecoder.describe(0x40a20, table: .linux5_1) == "GFP_ATOMIC|__GFP_COMP")            // up5.x-05
        #expect(GFPDecoder.describe(0xdc0, table: .linux5_1) == "GFP_KERNEL|__GFP_ZERO")               // up6.x-02
        #expect(GFPDecoder.describe(0xcc0, table: .linux5_1) == "GFP_KERNEL")
        #expect(GFPDecoder.describe(0x820, table: .linux5_1) == "GFP_ATOMIC")                          // 6.8
        #expect(GFPDecoder.describe(0x800, table: .linux5_1) == "GFP_NOWAIT")
    }

    @Test func singleBitsInBitOrderUnknownAsHex() {
        #expect(GFPDecoder.flags(0x4020, table: .linux2_6_32) == ["__GFP_HIGH", "__GFP_COMP"])
        #expect(GFPDecoder.flags(0xd0, table: .linux2_6_32) == ["__GFP_WAIT", "__GFP_IO", "__GFP_FS"])
        #expect(GFPDecoder.flags(0x100000, table: .linux2_6_32) == ["0x100000"])
        #expect(GFPDecoder.flags(0x40000, table: .rhel5) == ["__GFP_NO_OOM"])
        #expect(GFPDecoder.flags(0, table: .linux5_1) == [])
        #expect(GFPDecoder.describe(0, table: .linux5_1) == "none")
    }

    @Test func decodedFlagsPrefersPrintedNames() {
        let printed = AllocationFailure(process: "java", order: 0, gfpMask: "0x1080020", gfpFlags: ["GFP_ATOMIC"],
                                        line: 1, endLine: 1)
        #expect(printed.decodedFlags() == ["GFP_ATOMIC"])
        var old = AllocationFailure(process: "swapper", order: 2, gfpMask: "0x4020", line: 1, endLine: 1)
        #expect(old.decodedFlags() == nil)
        #expect(old.decodedFlags(kernelRelease: "2.6.32-358.el6.x86_64") == ["GFP_ATOMIC", "__GFP_COMP"])
        old.kernelRelease = "3.10.0-1062.el7.x86_64"
        #expect(old.decodedFlags() == ["GFP_ATOMIC", "__GFP_COMP"])
    }
}
