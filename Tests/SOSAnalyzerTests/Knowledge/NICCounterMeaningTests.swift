import Testing
@testable import SOSAnalyzer

/// The knowledge table of NIC counters: every driver the issue names has rows with a public
/// source, and the generation rules pick the right row (RHEL 6 mlx4_en: rx_alloc_failed is never
/// incremented, failed receive-buffer allocations are in rx_dropped).
@Suite struct NICCounterMeaningTests {
    @Test func everyDriverHasSourcedRows() {
        let drivers = ["mlx4_en", "mlx5_core", "ixgbe", "i40e", "ice", "bnx2x", "igb", "e1000e", "be2net",
                       "vmxnet3", "virtio_net", "ena"]
        for driver in drivers {
            #expect(NICCounterMeanings.table.contains { $0.driver == driver }, "\(driver)")
        }
        #expect(NICCounterMeanings.drivers == drivers)
        for row in NICCounterMeanings.table {
            #expect(row.source.contains("drivers/") || row.source.contains("Documentation/") || row.source.contains("Intel")
                    || row.source.contains("NVIDIA") || row.source.contains("AWS"), "\(row.driver) \(row.counter)")
            #expect(!row.meaning.isEmpty)
        }
    }

    @Test func mlx4OnRHEL6CountsAllocationFailuresInRxDropped() throws {
        let rhel64 = "2.6.32-358.el6.x86_64"
        let silent = try #require(NICCounterMeanings.meaning(driver: "mlx4_en", counter: "rx_alloc_failed", kernelRelease: rhel64))
        #expect(silent.cause == .notCounted)
        #expect(silent.source.contains("mellanox/mlx4/en_rx.c"))
        let dropped = try #require(NICCounterMeanings.meaning(driver: "mlx4_en", counter: "rx_dropped", kernelRelease: rhel64))
        #expect(dropped.cause == .allocationFailure)
        #expect(dropped.pointsAtMemory)
        // a later generation counts its failures where the name says
        let rhel8 = try #require(NICCounterMeanings.meaning(driver: "mlx4_en", counter: "rx_alloc_failed", kernelRelease: "4.18.0-305.el8.x86_64"))
        #expect(rhel8.cause == .allocationFailure)
        let generic = try #require(NICCounterMeanings.meaning(driver: "mlx4_en", counter: "rx_dropped", kernelRelease: nil))
        #expect(generic.driver == "*")
    }

    @Test func perQueueNamesFindTheirRow() throws {
        #expect(NICCounterMeanings.shape("rx_queue_12_alloc_failed") == "rx_queue_#_alloc_failed")
        #expect(NICCounterMeanings.meaning(driver: "igb", counter: "rx_queue_3_alloc_failed", kernelRelease: nil)?.cause == .allocationFailure)
        #expect(NICCounterMeanings.meaning(driver: "bnx2x", counter: "[7]: rx_skb_alloc_discard", kernelRelease: nil)?.cause == .allocationFailure)
        #expect(NICCounterMeanings.meaning(driver: "be2net", counter: "rxq0: rx_drops_no_frags", kernelRelease: nil)?.cause == .noDescriptors)
        #expect(NICCounterMeanings.meaning(driver: "vmxnet3", counter: "Rx Queue#1: rx buf alloc fail", kernelRelease: nil)?.cause == .allocationFailure)
        #expect(NICCounterMeanings.meaning(driver: "ena", counter: "queue_5_rx_page_alloc_fail", kernelRelease: nil)?.pointsAtMemory == true)
        #expect(NICCounterMeanings.meaning(driver: "mlx5_core", counter: "rx3_buff_alloc_err", kernelRelease: nil)?.cause == .allocationFailure)
        #expect(NICCounterMeanings.meaning(driver: "ixgbe", counter: "rx_packets", kernelRelease: nil) == nil)
    }

    /// Real outputs: the non-zero counters each driver explains, read from the text.
    @Test func readingsOfRealOutputs() throws {
        func readings(_ fixture: String, _ driver: String?) throws -> [CounterReading] {
            let parsed = try EthtoolStatisticsParser.parse(try NetworkFixture.text(fixture))
            return NICCounterMeanings.readings(parsed.counters, driver: driver, kernelRelease: "5.4.0-97-generic", member: "m")
        }
        let ixgbe = try readings("ethtool-S-ixgbe-netmap79", "ixgbe")
        #expect(ixgbe.map(\.counter) == ["rx_no_dma_resources"])
        #expect(ixgbe.first?.value == 529324299)
        #expect(ixgbe.first?.cause == NICCounterCause.noDescriptors.rawValue)
        let i40e = try readings("ethtool-S-i40e-busterswt-arp", "i40e")
        #expect(i40e.map(\.counter) == ["rx_dropped"])
        #expect(i40e.first?.cause == NICCounterCause.noDescriptors.rawValue)
        #expect(i40e.first?.value == 3322)
        let be2net = try readings("ethtool-S-be2net-netutils208", "be2net")
        #expect(be2net.map(\.counter) == ["rxq0: rx_drops_no_frags"])
        let unknown = try readings("ethtool-S-e1000-style-netdata988", nil)
        #expect(unknown.map(\.counter) == ["rx_no_buffer_count", "rx_missed_errors"])
        #expect(unknown.map(\.value) == [527, 4954])
        for (fixture, driver) in [("ethtool-S-mlx5_core-ethq8", "mlx5_core"), ("ethtool-S-ice-ethq27", "ice"),
                                  ("ethtool-S-bnx2x-ethq6", "bnx2x"), ("ethtool-S-igb-ethq4", "igb"),
                                  ("ethtool-S-e1000e-ethq11", "e1000e"), ("ethtool-S-ena-ethq15", "ena"),
                                  ("ethtool-S-vmxnet3-collectd1059", "vmxnet3"), ("ethtool-S-virtio_net-k8stest-4", "virtio_net"),
                                  ("ethtool-S-mlx4_en-ethq21", "mlx4_en"), ("ethtool-S-ixgbe-ethq1", "ixgbe")] {
            #expect(try readings(fixture, driver).isEmpty, "\(fixture)")
        }
    }
}
