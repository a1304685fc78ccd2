import Foundation

/// The processor cores readers may keep busy: `sosanalyze --jobs N` is a budget of N cores.
///
/// A batch reads up to N archives at once, one core each. A second thread for one archive (its
/// xz Blocks decoded ahead, ``XZReadAhead``, or a big member read while its lines are scanned,
/// ``ChunkPipeline``) is started only when the budget has a core to spare: one archive read
/// alone, or the last of a batch. When every core of the budget already reads an archive, an
/// extra thread would only add copies and hand-offs. `--jobs 1` keeps to one core.
///
/// ```swift
/// let budget = CoreBudget(cores: 2)
/// budget.occupying { read(archive) }          // a batch job: one core taken while it reads
/// if budget.takeSpare() { ...; budget.giveBack() }   // a helper thread, if a core is free
/// ```
public final class CoreBudget: @unchecked Sendable {
    /// Every core this process may run on: what a reader uses unless told otherwise.
    public static let shared = CoreBudget(cores: ProcessInfo.processInfo.activeProcessorCount)

    public let cores: Int
    private let lock = NSLock()
    private var busy = 0
    /// Jobs a batch has yet to start: while one waits, a core that frees is its, not a spare.
    private var queued = 0

    public init(cores: Int) {
        self.cores = max(1, cores)
    }

    /// Tells the budget that `count` more jobs will start through ``occupying(_:)``: no core is
    /// lent to a helper thread until they have (a core freed by a finished job goes to the next).
    public func expect(jobs count: Int) {
        lock.withLock { queued += max(0, count) }
    }

    /// Runs `body` with one core counted as taken (a reader's own thread).
    public func occupying<T>(_ body: () throws -> T) rethrows -> T {
        lock.withLock {
            busy += 1
            queued = max(0, queued - 1)
        }
        defer { lock.withLock { busy -= 1 } }
        return try body()
    }

    /// Takes a core for a helper thread if one is free; pair with ``giveBack()``. A reader that
    /// is not counted (a library caller outside a batch) still leaves its own core in use.
    public func takeSpare() -> Bool {
        lock.withLock {
            guard queued == 0, max(busy, 1) < cores else { return false }
            busy += 1
            return true
        }
    }

    public func giveBack() {
        lock.withLock { busy -= 1 }
    }
}
