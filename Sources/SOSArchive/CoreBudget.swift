import Foundation

/// The processor cores this process's readers may keep busy, shared by every reader in it.
///
/// A batch reads as many archives at once as it has jobs; a second thread that decompresses a big
/// member while its lines are scanned (``ChunkPipeline``) only pays when a core would otherwise sit
/// idle: with one job on two cores, or at the end of a batch when the last archive is read alone.
/// When every core already reads an archive, the extra thread would only add copies and hand-offs,
/// so it is not started.
///
/// ```swift
/// CoreBudget.shared.occupying { read(archive) }   // a batch job: one core taken while it reads
/// if CoreBudget.shared.takeSpare() { ... ; CoreBudget.shared.giveBack() }   // a helper thread
/// ```
public final class CoreBudget: @unchecked Sendable {
    /// Sized to the cores this process may run on.
    public static let shared = CoreBudget(cores: ProcessInfo.processInfo.activeProcessorCount)

    public let cores: Int
    private let lock = NSLock()
    private var busy = 0

    public init(cores: Int) {
        self.cores = max(1, cores)
    }

    /// Runs `body` with one core counted as taken (a reader's own thread).
    public func occupying<T>(_ body: () throws -> T) rethrows -> T {
        lock.withLock { busy += 1 }
        defer { lock.withLock { busy -= 1 } }
        return try body()
    }

    /// Takes a core for a helper thread if one is free; pair with ``giveBack()``. A reader that
    /// is not counted (a library caller outside a batch) still leaves its own core in use.
    public func takeSpare() -> Bool {
        lock.withLock {
            guard max(busy, 1) < cores else { return false }
            busy += 1
            return true
        }
    }

    public func giveBack() {
        lock.withLock { busy -= 1 }
    }
}
