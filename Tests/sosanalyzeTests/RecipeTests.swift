import Foundation
import Testing

/// The recipes of `Examples/cluster/` run for real: Dask distributed in local-cluster mode (two
/// worker processes) fanning `inspect --format jsonl` out over Samples/, GNU parallel where it is
/// installed, and DuckDB answering "hosts per kernel with failures" from the JSON Lines.
///
/// Skipped on a developer machine without dask, distributed and duckdb (`pip install -r
/// .ci/requirements-recipes.txt`); in CI (`CI` set) it always runs, so a missing module fails.
@Suite struct RecipeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var modulesInstalled: Bool {
        (try? Command.run("/usr/bin/env", ["python3", "-c", "import dask.distributed, duckdb"]).status) == 0
    }

    static var runs: Bool {
        ProcessInfo.processInfo.environment["CI"] != nil || modulesInstalled
    }

    @Test(.enabled(if: runs, "python3 modules dask, distributed or duckdb missing: pip install -r .ci/requirements-recipes.txt"),
          .timeLimit(.minutes(10)))
    func daskParallelAndDuckDBRecipes() throws {
        let script = Self.root.appendingPathComponent("Examples/cluster/test_recipes.py").path
        let result = try Command.run("/usr/bin/env", ["python3", script, "--sosanalyze", Command.sosanalyze])
        #expect(result.status == 0, "status \(result.status)\n\(result.stdout)\n\(result.stderr.suffix(3000))")
        #expect(result.stdout.contains(" passed, 0 failed"))
    }
}
