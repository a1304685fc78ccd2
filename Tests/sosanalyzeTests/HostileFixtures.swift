import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A `sosanalyze` run measured the way the hostile-input suite needs: its own peak RSS, under an
/// address-space cap, with a deadline so a hang (a FIFO opened for reading, a link loop followed
/// forever) fails instead of stalling.
///
/// The peak comes from a small python3 parent that forks the run and reads it with `wait4`: Linux
/// gives a process spawned straight from the test runner the runner's own peak as its starting
/// `ru_maxrss` (the exec after `vfork` records the shared address space's high-water mark), so
/// once the runner itself passed the cap every run "exceeded" it. A child forked from the small
/// parent starts from the parent's few MiB; other tests' children never blur it either.
struct MeasuredRun {
    let status: Int32
    let stdout: String
    let stderr: String
    /// Peak resident set of the run, in KiB.
    let peakRSSKiB: Int
    let seconds: Double

    /// `ulimit -v` for every run, in KiB: a reader that slurps a 1.5 GB member dies instead of passing.
    static let addressSpaceKiB = 600_000

    /// Forks the command in `argv[3:]` under the address-space cap `argv[2]` (KiB), writes its
    /// `ru_maxrss` (KiB) to the file `argv[1]`, and exits as it did: its status, or 128 + the
    /// signal that ended it (as the shell it replaces reported it). The run dies with this parent (PR_SET_PDEATHSIG),
    /// so a killed measurement leaves nothing behind.
    private static let measuringParent = """
        import ctypes, os, resource, sys
        peak_file, cap_kib, command = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
        pid = os.fork()
        if pid == 0:
            try:
                ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
                resource.setrlimit(resource.RLIMIT_AS, (cap_kib * 1024, cap_kib * 1024))
                os.environ["MALLOC_ARENA_MAX"] = "2"
                os.execv(command[0], command)
            finally:
                os._exit(127)
        while True:
            try:
                _, status, usage = os.wait4(pid, 0)
                break
            except InterruptedError:
                pass
        with open(peak_file, "w") as out:
            out.write(str(usage.ru_maxrss))
        os._exit(128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))
        """

    static func sosanalyze(_ arguments: [String], timeout: Double = 600) throws -> MeasuredRun {
        // glibc reserves 64 MiB of address space per malloc arena, one arena per busy thread up to
        // 8 per core: without MALLOC_ARENA_MAX the cap would depend on the machine's core count.
        let folder = try TemporaryFolder()
        let peakFile = folder.url.appendingPathComponent("peak-rss").path
        var run = try run("/usr/bin/env", ["python3", "-c", measuringParent, peakFile, String(addressSpaceKiB),
                                           Command.sosanalyze] + arguments, timeout: timeout)
        let measured = (try? String(contentsOfFile: peakFile, encoding: .utf8)).flatMap { Int($0) }
        guard let measured else { throw FixtureError.tool("the measuring parent wrote no peak RSS (exit \(run.status)): \(run.stderr)") }
        run = MeasuredRun(status: run.status, stdout: run.stdout, stderr: run.stderr, peakRSSKiB: measured, seconds: run.seconds)
        return run
    }

    static func run(_ executable: String, _ arguments: [String], timeout: Double) throws -> MeasuredRun {
        let folder = try TemporaryFolder()
        let outPath = folder.url.appendingPathComponent("stdout").path
        let errPath = folder.url.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw FixtureError.tool("posix_spawn \(executable): \(String(cString: strerror(spawned)))") }

        var status: Int32 = 0
        var usage = rusage()
        while true {
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if done < 0 && errno != EINTR { throw FixtureError.tool("wait4: \(String(cString: strerror(errno)))") }
            if Date().timeIntervalSince(started) > timeout {
                kill(pid, SIGKILL)
                _ = wait4(pid, &status, 0, &usage)
                throw FixtureError.tool("\(arguments.suffix(3)) still running after \(Int(timeout)) s: killed")
            }
            usleep(20_000)
        }
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        let signal = status & 0x7F
        let exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return MeasuredRun(
            status: exitStatus,
            stdout: String(decoding: try Data(contentsOf: URL(fileURLWithPath: outPath)), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self),
            peakRSSKiB: Int(usage.ru_maxrss),
            seconds: Date().timeIntervalSince(started))
    }
}

/// Every entry under a folder with its size and modification time, to prove a run wrote nothing
/// next to its inputs.
struct FolderSnapshot: Equatable, CustomStringConvertible {
    let entries: [String: String]

    init(_ root: URL) {
        var entries: [String: String] = [:]
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? root.path : root.path + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { continue }
            for name in names {
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(root.path + "/" + child, &info) == 0 else { continue }
                entries[child] = "\(info.st_mode) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
                if UInt32(info.st_mode) & UInt32(S_IFMT) == UInt32(S_IFDIR) { pending.append(child) }
            }
        }
        self.entries = entries
    }

    var description: String {
        entries.keys.sorted().joined(separator: "\n")
    }
}

/// Hostile archives written with python3's `tarfile`, which (unlike GNU tar) writes whatever a
/// header may hold: `../` names, absolute paths, FIFOs and device nodes, huge members streamed
/// from a generator, without ever holding them in memory or on disk uncompressed.
enum PythonTar {
    /// Runs `script` with `sys.argv[1:] == arguments`; the script gets `add(tar, name, data, **fields)`.
    static func run(_ script: String, _ arguments: [String]) throws {
        let prelude = """
            import io, lzma, os, sys, tarfile
            def add(tar, name, data=b"", **fields):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                info.mtime = 1704844800
                info.mode = fields.pop("mode", 0o644)
                for key, value in fields.items():
                    setattr(info, key, value)
                tar.addfile(info, io.BytesIO(data) if data else None)

            """
        let result = try Command.run("/usr/bin/env", ["python3", "-c", prelude + script] + arguments)
        guard result.status == 0 else { throw FixtureError.tool("python3: \(result.stderr)") }
    }

    /// A report whose members come from `files` (path -> bytes) under `top`, written as a `.tar.xz`.
    static func report(_ files: [(String, [UInt8])], top: String, to url: URL) throws {
        let folder = try TemporaryFolder()
        var listing: [String] = []
        for (index, (path, bytes)) in files.enumerated() {
            let file = folder.url.appendingPathComponent("m\(index)")
            try Data(bytes).write(to: file)
            listing.append(top + "/" + path + "\t" + file.path)
        }
        let list = folder.url.appendingPathComponent("list")
        try Data(listing.joined(separator: "\n").utf8).write(to: list)
        try run("""
            with tarfile.open(sys.argv[1], "w:xz") as tar:
                for line in open(sys.argv[2]).read().splitlines():
                    name, source = line.split("\\t")
                    add(tar, name, open(source, "rb").read())
            """, [url.path, list.path])
    }
}

/// Deterministic bytes (xorshift), so a failure with "random" input can be replayed.
struct SeededBytes {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed
    }

    mutating func next(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            withUnsafeBytes(of: state) { bytes.append(contentsOf: $0.prefix(count - bytes.count)) }
        }
        return bytes
    }
}

extension FixtureReport {
    /// Every file of the tree as (report-relative path, bytes), sorted: the input of rewrites
    /// such as "CRLF and a stray 0xFF in every text file".
    func files() throws -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root.path) else { return [] }
        while let relative = walker.nextObject() as? String {
            let url = root.appendingPathComponent(relative)
            var info = stat()
            guard lstat(url.path, &info) == 0, UInt32(info.st_mode) & UInt32(S_IFMT) == UInt32(S_IFREG) else { continue }
            result.append((relative, Array(try Data(contentsOf: url))))
        }
        return result.sorted { $0.0 < $1.0 }
    }
}
