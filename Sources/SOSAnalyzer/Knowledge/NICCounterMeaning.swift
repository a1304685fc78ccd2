/// What drove a NIC counter up, in the terms a memory investigation needs.
public enum NICCounterCause: String, Sendable, Codable, CaseIterable {
    /// The driver could not allocate a receive buffer (page or skb): memory, often high-order or atomic.
    case allocationFailure = "failed buffer allocation"
    /// The hardware found no posted receive descriptor (ring empty: refill too slow or failing).
    case noDescriptors = "no receive descriptor"
    /// The adapter's FIFO overflowed before the frames reached host memory.
    case fifoOverflow = "hardware FIFO overflow"
    /// Frames dropped by the driver or the stack for a reason the counter does not tell.
    case discard = "dropped"
    /// The provider shaped the traffic (a cloud allowance was exceeded).
    case shaping = "traffic shaping"
    /// A counter the driver of this generation never increments: read zero as "not counted".
    case notCounted = "never incremented"
}

/// One row of the knowledge table: what a counter of one driver counts, on which kernels, and
/// where that was read.
public struct NICCounterMeaning: Sendable, Equatable {
    /// The driver as `ethtool -i` names it; `*` for counters every driver fills alike.
    public let driver: String
    /// The counter's name with every run of digits written `#` (`rx_queue_#_alloc_failed`).
    public let counter: String
    public let cause: NICCounterCause
    /// True when a non-zero value is evidence of memory trouble on the host.
    public let pointsAtMemory: Bool
    public let meaning: String
    /// Kernels the row is about, as text ("Linux 2.6.32-3.9 (RHEL 6)"); nil: every kernel.
    public let kernels: String?
    /// The public source: driver source file and the kernel it was read at, or a vendor document.
    public let source: String
    /// The row applies to kernels below this (major, minor) only.
    let below: (Int, Int)?
    /// The row applies to kernels from this (major, minor) on only.
    let from: (Int, Int)?

    init(_ driver: String, _ counter: String, _ cause: NICCounterCause, memory: Bool, _ meaning: String,
         kernels: String? = nil, below: (Int, Int)? = nil, from: (Int, Int)? = nil, source: String) {
        self.driver = driver
        self.counter = counter
        self.cause = cause
        self.pointsAtMemory = memory
        self.meaning = meaning
        self.kernels = kernels
        self.source = source
        self.below = below
        self.from = from
    }

    public static func == (lhs: NICCounterMeaning, rhs: NICCounterMeaning) -> Bool {
        (lhs.driver, lhs.counter, lhs.kernels, lhs.source) == (rhs.driver, rhs.counter, rhs.kernels, rhs.source)
    }

    func applies(to kernel: KernelVersion?) -> Bool {
        guard below != nil || from != nil else { return true }
        guard let kernel else { return false }
        let version = (kernel.major, kernel.minor)
        if let below, !(version < below) { return false }
        if let from, version < from { return false }
        return true
    }
}

/// The drop and error counters that matter, per driver and kernel generation, each with its
/// public source. The drivers' own counters come first; the `*` rows are the generic netdev
/// names many drivers print.
public enum NICCounterMeanings {
    public static let table: [NICCounterMeaning] = [
        // mlx4_en (ConnectX-3). Read at Linux 3.6 drivers/net/ethernet/mellanox/mlx4/en_rx.c: the
        // runtime refill (mlx4_en_refill_rx_buffers) stops at the first failed GFP_ATOMIC|__GFP_COMP
        // allocation and counts nothing; a frame whose buffer cannot be built (mlx4_en_rx_skb
        // returns NULL) is counted in priv->stats.rx_dropped. The older inet_lro generation
        // (drivers/net/mlx4/en_rx.c) drops a frame whose replacement page cannot be allocated and
        // reuses its descriptor; only mlx4_en_fill_rx_buf, refilling a ring that is not full, counts.
        NICCounterMeaning("mlx4_en", "rx_alloc_failed", .notCounted, memory: false,
                          "not incremented when the receive path fails to allocate a buffer (the frame is dropped): Linux 3.6's driver never increments it, the older inet_lro one only when refilling a ring that is not full",
                          kernels: "Linux 2.6.32-3.9 (RHEL 6)", below: (3, 10),
                          source: "drivers/net/ethernet/mellanox/mlx4/en_rx.c (Linux 3.6: mlx4_en_refill_rx_buffers counts no failure); drivers/net/mlx4/en_rx.c of the inet_lro generation (only mlx4_en_fill_rx_buf counts)"),
        NICCounterMeaning("mlx4_en", "rx_dropped", .allocationFailure, memory: true,
                          "frames dropped in the receive path; on this generation this is where frames the driver could not build a receive buffer for are counted, with the port's RDROP count",
                          kernels: "Linux 2.6.32-3.9 (RHEL 6)", below: (3, 10),
                          source: "drivers/net/ethernet/mellanox/mlx4/en_rx.c (Linux 3.6 and the inet_lro generation: mlx4_en_process_rx_cq, priv->stats.rx_dropped++ when mlx4_en_rx_skb fails)"),
        NICCounterMeaning("mlx4_en", "rx_alloc_failed", .allocationFailure, memory: true,
                          "receive buffers the driver reports as failed to allocate (whether a kernel's en_rx.c increments it is a matter of its generation)", from: (3, 10),
                          source: "drivers/net/ethernet/mellanox/mlx4/mlx4_en.h (struct mlx4_en_port_stats: rx_alloc_failed), en_ethtool.c"),
        NICCounterMeaning("mlx4_en", "rx_dropped", .discard, memory: false,
                          "frames the port dropped (RDROP: no receive descriptor) and frames the driver dropped", from: (3, 10),
                          source: "drivers/net/ethernet/mellanox/mlx4/en_port.c (stats->rx_dropped from the RDROP counter)"),
        NICCounterMeaning("mlx4_en", "vport_rx_dropped", .noDescriptors, memory: false,
                          "frames the virtual port dropped because no receive descriptor was posted",
                          source: "drivers/net/ethernet/mellanox/mlx4/en_port.c (vport counters)"),
        // mlx5_core (ConnectX-4 and later)
        NICCounterMeaning("mlx5_core", "rx_buff_alloc_err", .allocationFailure, memory: true,
                          "receive buffers the driver failed to allocate", kernels: "Linux 4.7+",
                          source: "drivers/net/ethernet/mellanox/mlx5/core/en_rx.c (commit 54984407564e, \"net/mlx5e: Add ethtool counter for RX buffer allocation failures\", v4.7)"),
        NICCounterMeaning("mlx5_core", "rx#_buff_alloc_err", .allocationFailure, memory: true,
                          "receive buffers this channel failed to allocate", kernels: "Linux 4.7+",
                          source: "drivers/net/ethernet/mellanox/mlx5/core/en_stats.c (per-channel rq stats)"),
        NICCounterMeaning("mlx5_core", "rx_out_of_buffer", .noDescriptors, memory: false,
                          "frames the adapter dropped because the receive queue had no posted buffer (the driver did not refill in time, or could not)",
                          source: "drivers/net/ethernet/mellanox/mlx5/core/en_stats.c (q counter out_of_buffer); NVIDIA \"Understanding mlx5 ethtool Counters\""),
        NICCounterMeaning("mlx5_core", "rx_discards_phy", .fifoOverflow, memory: false,
                          "frames the port discarded for lack of buffer space in the adapter (congestion)",
                          source: "NVIDIA \"Understanding mlx5 ethtool Counters\" (rx_discards_phy)"),
        // ixgbe
        NICCounterMeaning("ixgbe", "alloc_rx_page_failed", .allocationFailure, memory: true,
                          "receive pages the driver failed to allocate while refilling its rings",
                          source: "drivers/net/ethernet/intel/ixgbe/ixgbe_main.c (ixgbe_alloc_mapped_page: rx_stats.alloc_rx_page_failed++)"),
        NICCounterMeaning("ixgbe", "alloc_rx_buff_failed", .allocationFailure, memory: true,
                          "receive skbs the driver failed to allocate",
                          source: "drivers/net/ethernet/intel/ixgbe/ixgbe_main.c (rx_stats.alloc_rx_buff_failed++), ixgbe_ethtool.c"),
        NICCounterMeaning("ixgbe", "rx_no_dma_resources", .noDescriptors, memory: false,
                          "frames dropped because a receive queue had no free descriptor (QPRDC: the ring was not refilled fast enough)",
                          source: "drivers/net/ethernet/intel/ixgbe/ixgbe_main.c (QPRDC summed into hw_rx_no_dma_resources)"),
        NICCounterMeaning("ixgbe", "rx_missed_errors", .fifoOverflow, memory: false,
                          "frames missed because the adapter's receive FIFO was full (MPC)",
                          source: "drivers/net/ethernet/intel/ixgbe/ixgbe_main.c (MPC registers)"),
        // i40e
        NICCounterMeaning("i40e", "rx_alloc_fail", .allocationFailure, memory: true,
                          "receive buffers the driver failed to allocate",
                          source: "drivers/net/ethernet/intel/i40e/i40e_ethtool.c (rx_buf_failed), i40e_txrx.c"),
        NICCounterMeaning("i40e", "rx_pg_alloc_fail", .allocationFailure, memory: true,
                          "receive pages the driver failed to allocate",
                          source: "drivers/net/ethernet/intel/i40e/i40e_ethtool.c (rx_page_failed), i40e_txrx.c (i40e_alloc_mapped_page)"),
        NICCounterMeaning("i40e", "rx_dropped", .noDescriptors, memory: false,
                          "frames the VSI discarded for lack of a receive descriptor (its ring was full); Intel's tuning guide answers it with a larger ring",
                          source: "drivers/net/ethernet/intel/i40e/i40e_main.c (i40e_update_eth_stats: GLV_RDPC into rx_discards, reported as rx_dropped); Intel \"XL710/X710 Performance Tuning Linux Guide\""),
        NICCounterMeaning("i40e", "port.rx_dropped", .noDescriptors, memory: false,
                          "frames the port dropped for lack of a receive descriptor (RDPC)",
                          source: "drivers/net/ethernet/intel/i40e/i40e_main.c (GLPRT_RDPC into rx_discards)"),
        // ice
        NICCounterMeaning("ice", "rx_alloc_fail", .allocationFailure, memory: true,
                          "receive skbs the driver failed to allocate",
                          source: "drivers/net/ethernet/intel/ice/ice_ethtool.c (rx_buf_failed), ice_txrx.c"),
        NICCounterMeaning("ice", "rx_pg_alloc_fail", .allocationFailure, memory: true,
                          "receive pages the driver failed to allocate",
                          source: "drivers/net/ethernet/intel/ice/ice_ethtool.c (rx_page_failed), ice_txrx.c (ice_alloc_mapped_page)"),
        // bnx2x
        NICCounterMeaning("bnx2x", "rx_skb_alloc_discard", .allocationFailure, memory: true,
                          "frames discarded because no replacement receive buffer could be allocated",
                          source: "drivers/net/ethernet/broadcom/bnx2x/bnx2x_cmn.c (bnx2x_alloc_rx_data fails: rx_skb_alloc_failed++)"),
        NICCounterMeaning("bnx2x", "[#]: rx_skb_alloc_discard", .allocationFailure, memory: true,
                          "frames of this queue discarded because no replacement receive buffer could be allocated",
                          source: "drivers/net/ethernet/broadcom/bnx2x/bnx2x_cmn.c, bnx2x_ethtool.c (per-queue stats)"),
        NICCounterMeaning("bnx2x", "rx_discards", .noDescriptors, memory: false,
                          "frames the firmware discarded because no receive buffer descriptor was available",
                          source: "drivers/net/ethernet/broadcom/bnx2x/bnx2x_stats.c (no_buff_discard)"),
        NICCounterMeaning("bnx2x", "[#]: rx_discards", .noDescriptors, memory: false,
                          "frames of this queue the firmware discarded for lack of a receive buffer descriptor",
                          source: "drivers/net/ethernet/broadcom/bnx2x/bnx2x_stats.c (no_buff_discard per queue)"),
        // igb
        NICCounterMeaning("igb", "rx_queue_#_alloc_failed", .allocationFailure, memory: true,
                          "receive pages this queue failed to allocate",
                          source: "drivers/net/ethernet/intel/igb/igb_main.c (igb_alloc_mapped_page: rx_stats.alloc_failed++), igb_ethtool.c"),
        NICCounterMeaning("igb", "rx_no_buffer_count", .noDescriptors, memory: false,
                          "times the adapter found no free receive descriptor (RNBC)",
                          source: "drivers/net/ethernet/intel/igb/igb_main.c (RNBC register)"),
        NICCounterMeaning("igb", "rx_queue_#_drops", .noDescriptors, memory: false,
                          "frames this queue dropped for lack of a descriptor (RQDPC)",
                          source: "drivers/net/ethernet/intel/igb/igb_main.c (RQDPC per queue)"),
        // e1000e
        NICCounterMeaning("e1000e", "alloc_rx_buff_failed", .allocationFailure, memory: true,
                          "receive buffers the driver failed to allocate",
                          source: "drivers/net/ethernet/intel/e1000e/netdev.c (adapter->alloc_rx_buff_failed++)"),
        NICCounterMeaning("e1000e", "rx_no_buffer_count", .noDescriptors, memory: false,
                          "times the adapter found no free receive descriptor (RNBC)",
                          source: "drivers/net/ethernet/intel/e1000e/netdev.c (RNBC register)"),
        // be2net
        NICCounterMeaning("be2net", "rxq#: rx_post_fail", .allocationFailure, memory: true,
                          "receive pages this queue failed to allocate (in some versions also to DMA-map) and so could not post",
                          source: "drivers/net/ethernet/emulex/benet/be_main.c (be_post_rx_frags: rx_post_fail++)"),
        NICCounterMeaning("be2net", "rxq#: rx_drops_no_skbs", .allocationFailure, memory: true,
                          "frames of this queue dropped because no skb could be allocated",
                          source: "drivers/net/ethernet/emulex/benet/be_main.c (rx_drops_no_skbs++)"),
        NICCounterMeaning("be2net", "rxq#: rx_drops_no_frags", .noDescriptors, memory: false,
                          "frames of this queue the adapter dropped because no receive fragment was posted",
                          source: "drivers/net/ethernet/emulex/benet/be_main.c, be_ethtool.c (rx_drops_no_frags)"),
        NICCounterMeaning("be2net", "rx_drops_no_pbuf", .noDescriptors, memory: false,
                          "frames the adapter dropped for lack of a packet buffer",
                          source: "drivers/net/ethernet/emulex/benet/be_ethtool.c (rx_drops_no_pbuf)"),
        NICCounterMeaning("be2net", "rxpp_fifo_overflow_drop", .fifoOverflow, memory: false,
                          "frames dropped because the adapter's receive FIFO overflowed",
                          source: "drivers/net/ethernet/emulex/benet/be_ethtool.c (rxpp_fifo_overflow_drop)"),
        NICCounterMeaning("be2net", "rx_input_fifo_overflow_drop", .fifoOverflow, memory: false,
                          "frames dropped because the adapter's input FIFO overflowed",
                          source: "drivers/net/ethernet/emulex/benet/be_ethtool.c (rx_input_fifo_overflow_drop)"),
        // vmxnet3
        NICCounterMeaning("vmxnet3", "Rx Queue##: rx buf alloc fail", .allocationFailure, memory: true,
                          "receive buffers this queue failed to allocate",
                          source: "drivers/net/vmxnet3/vmxnet3_drv.c (rq->stats.rx_buf_alloc_failure++), vmxnet3_ethtool.c"),
        NICCounterMeaning("vmxnet3", "Rx Queue##: pkts rx OOB", .noDescriptors, memory: false,
                          "frames dropped because the queue ran out of receive buffers",
                          source: "drivers/net/vmxnet3/vmxnet3_ethtool.c (pkts rx OOB)"),
        NICCounterMeaning("vmxnet3", "Rx Queue##: drv dropped rx total", .discard, memory: false,
                          "frames the driver dropped on receive (errors and out-of-buffer frames)",
                          source: "drivers/net/vmxnet3/vmxnet3_ethtool.c (drv dropped rx total)"),
        // virtio_net
        NICCounterMeaning("virtio_net", "rx_queue_#_drops", .discard, memory: false,
                          "frames this queue dropped (bad length, or no skb could be built; a failed refill is counted nowhere)",
                          kernels: "Linux 4.20+",
                          source: "drivers/net/virtio_net.c (receive_buf: stats->drops++; try_fill_recv failures only schedule a refill)"),
        // ena (AWS)
        NICCounterMeaning("ena", "queue_#_rx_page_alloc_fail", .allocationFailure, memory: true,
                          "receive pages this queue failed to allocate",
                          source: "drivers/net/ethernet/amazon/ena/ena_netdev.c (ena_alloc_rx_page: page_alloc_fail++)"),
        NICCounterMeaning("ena", "queue_#_rx_skb_alloc_fail", .allocationFailure, memory: true,
                          "receive skbs this queue failed to allocate",
                          source: "drivers/net/ethernet/amazon/ena/ena_netdev.c (skb_alloc_fail++)"),
        NICCounterMeaning("ena", "queue_#_rx_refil_partial", .allocationFailure, memory: true,
                          "refills of this queue that could not allocate every buffer",
                          source: "drivers/net/ethernet/amazon/ena/ena_netdev.c (ena_refill_rx_bufs: refil_partial++)"),
        NICCounterMeaning("ena", "bw_in_allowance_exceeded", .shaping, memory: false,
                          "frames queued or dropped because inbound bandwidth exceeded the instance's allowance",
                          source: "AWS EC2 User Guide, \"Monitor network performance for ENA settings\""),
        NICCounterMeaning("ena", "bw_out_allowance_exceeded", .shaping, memory: false,
                          "frames queued or dropped because outbound bandwidth exceeded the instance's allowance",
                          source: "AWS EC2 User Guide, \"Monitor network performance for ENA settings\""),
        NICCounterMeaning("ena", "pps_allowance_exceeded", .shaping, memory: false,
                          "frames queued or dropped because the packet rate exceeded the instance's allowance",
                          source: "AWS EC2 User Guide, \"Monitor network performance for ENA settings\""),
        // generic netdev names
        NICCounterMeaning("*", "rx_dropped", .discard, memory: false,
                          "frames dropped after reception, for a reason the driver does not split out",
                          source: "Documentation/ABI/testing/sysfs-class-net-statistics (rx_dropped)"),
        NICCounterMeaning("*", "rx_missed_errors", .fifoOverflow, memory: false,
                          "frames the adapter missed because its receive FIFO was full",
                          source: "Documentation/ABI/testing/sysfs-class-net-statistics (rx_missed_errors)"),
        NICCounterMeaning("*", "rx_fifo_errors", .fifoOverflow, memory: false,
                          "receive FIFO overruns",
                          source: "Documentation/ABI/testing/sysfs-class-net-statistics (rx_fifo_errors)"),
        NICCounterMeaning("*", "rx_over_errors", .fifoOverflow, memory: false,
                          "frames dropped because the receive buffer or FIFO overflowed",
                          source: "Documentation/ABI/testing/sysfs-class-net-statistics (rx_over_errors)"),
        NICCounterMeaning("*", "rx_no_buffer_count", .noDescriptors, memory: false,
                          "times the adapter found no free receive descriptor",
                          source: "Intel e1000-family drivers (RNBC register)"),
        NICCounterMeaning("*", "tx_dropped", .discard, memory: false,
                          "frames dropped before transmission",
                          source: "Documentation/ABI/testing/sysfs-class-net-statistics (tx_dropped)"),
    ]

    /// Drivers the table has rows of its own for.
    public static var drivers: [String] {
        var seen = Set<String>()
        return table.map(\.driver).filter { $0 != "*" && seen.insert($0).inserted }
    }

    /// `rx_queue_12_alloc_failed` -> `rx_queue_#_alloc_failed`.
    static func shape(_ counter: String) -> String {
        var out = ""
        var inDigits = false
        for character in counter {
            if character.isASCIIDigit {
                if !inDigits { out.append("#") }
                inDigits = true
            } else {
                out.append(character)
                inDigits = false
            }
        }
        return out
    }

    /// The row for `counter` of `driver` on `kernelRelease`: the driver's own row for this
    /// kernel, else the generic one, else nil.
    public static func meaning(driver: String?, counter: String, kernelRelease: String?) -> NICCounterMeaning? {
        let shaped = shape(counter)
        let kernel = kernelRelease.flatMap(KernelVersion.init)
        if let driver, let row = table.first(where: { $0.driver == driver && $0.counter == shaped && $0.applies(to: kernel) }) {
            return row
        }
        return table.first { $0.driver == "*" && $0.counter == shaped }
    }

    /// The counters of one `ethtool -S` that the table explains and that say something: non-zero,
    /// or a counter this driver generation never increments (its zero is not a "no").
    public static func readings(_ counters: [EthtoolCounter], driver: String?, kernelRelease: String?,
                                member: String) -> [CounterReading] {
        counters.compactMap { counter in
            guard let row = meaning(driver: driver, counter: counter.name, kernelRelease: kernelRelease),
                  counter.value != 0 || row.cause == .notCounted else { return nil }
            return CounterReading(counter: counter.name, value: counter.value, cause: row.cause.rawValue,
                                  meaning: row.meaning, pointsAtMemory: row.pointsAtMemory, reference: row.source,
                                  source: Evidence(member: member, line: counter.line))
        }
    }
}
