// bench-reading: how close is our reading of sosreports to the decompressor itself?
//
//     swift run -c release bench-reading                 # generates the fleet if missing
//     swift run -c release bench-reading --runs 1 a.tar.xz b.tar.xz
//
// For one fleet of generated reports (Benchmarks/make_fleet.py) it times, in one run on the same
// archives and with the same parallelism: our reading (`BatchReader`, in a child process so each
// measurement has its own peak RSS), `xz -dc` / `gzip -dc` to /dev/null (single-threaded, N
// processes at once), and `bsdtar -tf`. Then the same for one archive holding a 1 GiB
// `var/log/messages`. Each figure is the median of `--runs` runs (default 3); each ratio, the median
// of the ratios of pairs run in turn (ours, then the decompressor). A reference row, "reading
// alone", times the same archives read with no analysis at all (every tar header through
// libarchive, every byte decoded): the floor under the xz targets.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SOSAnalyzer

// MARK: - Child mode: read the archives and report what came out (the parent measures)

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "--child" {
    var jobs = 1
    var readingOnly = false
    var paths: [String] = []
    var rest = arguments.dropFirst()[...]
    while let argument = rest.popFirst() {
        if argument == "--jobs", let value = rest.popFirst().flatMap({ Int($0) }) {
            jobs = value
        } else if argument == "--reading-only" {
            readingOnly = true
        } else {
            paths.append(argument)
        }
    }
    if readingOnly {
        // Every member's header read and its data skipped, none looked at, on one core: what
        // libarchive's tar reader and the decompression cost before any analysis (in a
        // single-Block xz, as the real-shaped fleet is, a skip decodes the bytes all the same).
        var members = 0
        for path in paths {
            do {
                let reader = try ArchiveReader(path: path)
                let budget = CoreBudget(cores: 1)
                reader.cores = budget
                let outcome = try budget.occupying { try reader.forEachMember { _ in members += 1 } }
                if let damage = outcome.damage { print("damage: \(damage)") }
            } catch {
                print("cannot read \(path): \(error)")
                exit(1)
            }
        }
        print("members=\(members) hwm=\(peakResidentKiB())KiB")
        exit(0)
    }
    let outcome = await BatchReader.read(paths: paths, jobs: jobs)
    let failures = outcome.reports.reduce(0) { $0 + $1.allocationFailures.count }
    print("reports=\(outcome.reports.count) problems=\(outcome.problems.count) allocationFailures=\(failures) hwm=\(peakResidentKiB())KiB")
    exit(0)
}

/// VmHWM of this process in KiB (Linux), 0 when unknown.
func peakResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    return 0
}

// MARK: - Running child processes

/// A line on standard output, unbuffered so progress shows as it happens, also into a file.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// A line on standard error (FileHandle, since the C `stderr` global is not concurrency-safe).
func complain(_ message: String) {
    FileHandle.standardError.write(Data("bench-reading: \(message)\n".utf8))
}

struct Measurement {
    var seconds: Double
    /// User + system CPU time of every process of the set: steadier than wall time on a busy machine.
    var cpuSeconds: Double
    var peakKiB: Int
    var output: String
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Spawns `command` (PATH lookup) with stdout to `stdoutPath`; returns the pid.
func spawn(_ command: [String], stdoutPath: String) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) }
    argv.append(nil)
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawnp(&pid, command[0], &actions, nil, argv, environ)
    if status != 0 {
        complain("cannot run \(command[0]): \(String(cString: strerror(status)))")
        exit(1)
    }
    return pid
}

/// Runs every command, at most `parallel` at once; wall time of the whole set and the largest
/// peak RSS of any one process.
func runPool(_ commands: [[String]], parallel: Int) -> Measurement {
    var pending = commands[...]
    var running = 0
    var peak = 0
    var cpu = 0.0
    var outputs: [pid_t: String] = [:]
    var collected = ""
    let start = now()
    while !pending.isEmpty || running > 0 {
        while running < parallel, let command = pending.popFirst() {
            let outPath = "/tmp/bench-reading-\(getpid())-\(outputs.count + running).out"
            let pid = spawn(command, stdoutPath: command.first == selfPath ? outPath : "/dev/null")
            outputs[pid] = command.first == selfPath ? outPath : ""
            running += 1
        }
        var status: Int32 = 0
        var usage = rusage()
        let pid = wait4(-1, &status, 0, &usage)
        if pid < 0 { break }
        running -= 1
        peak = max(peak, Int(usage.ru_maxrss))
        cpu += Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        if exited != 0 { complain("child \(pid) exited with \(exited)") }
        if let path = outputs[pid], !path.isEmpty {
            collected += (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            unlink(path)
        }
        outputs[pid] = nil
    }
    return Measurement(seconds: now() - start, cpuSeconds: cpu, peakKiB: peak, output: collected.trimmingCharacters(in: .whitespacesAndNewlines))
}

func median(_ runs: [Measurement]) -> Measurement {
    let sorted = runs.sorted { $0.seconds < $1.seconds }
    var middle = sorted[sorted.count / 2]
    middle.peakKiB = runs.map(\.peakKiB).max() ?? 0
    let cpus = runs.map(\.cpuSeconds).sorted()
    middle.cpuSeconds = cpus[cpus.count / 2]
    return middle
}

// MARK: - Options

let selfPath = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
let benchmarksFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
var dataFolder: String?
/// `real`: single-block xz, logs most of the bytes, kernel lines rare (Benchmarks/real_fleet.py,
/// issue 14); `dense`: multi-block xz, one line in five the kernel's (Benchmarks/make_fleet.py).
var fleetShape = "real"
var runs = 3
var jobsList = [1, 2]
var givenPaths: [String] = []
var bigLogPath: String?
var skipBigLog = false
var options = arguments[...]
while let argument = options.popFirst() {
    switch argument {
    case "--runs": runs = max(1, Int(options.popFirst() ?? "") ?? 3)
    case "--data": dataFolder = options.popFirst()
    case "--fleet":
        fleetShape = options.popFirst() ?? ""
        guard ["real", "dense"].contains(fleetShape) else { say("--fleet takes real or dense"); exit(64) }
    case "--jobs": jobsList = (options.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
    case "--big-log": bigLogPath = options.popFirst()
    case "--no-big-log": skipBigLog = true
    case "-h", "--help":
        say("""
            usage: bench-reading [--runs N] [--jobs 1,2] [--fleet real|dense] [--data DIR] [--big-log ARCHIVE | --no-big-log] [ARCHIVE...]
            Without archives, reads DIR/fleet/*.tar.{xz,gz} and DIR/biglog/*.tar.xz, generating them when
            missing: --fleet real (the default; DIR Benchmarks/.data/real, Benchmarks/real_fleet.py) is
            shaped like real RHEL reports, single-block xz; --fleet dense (DIR Benchmarks/.data,
            Benchmarks/make_fleet.py) is multi-block xz with a kernel line in five.
            """)
        exit(0)
    default: givenPaths.append(argument)
    }
}

func archives(in folder: String, suffix: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(suffix) }.sorted().map { folder + "/" + $0 }
}

let data = dataFolder ?? benchmarksFolder.appendingPathComponent(fleetShape == "real" ? ".data/real" : ".data").path
let fleetFolder = data + "/fleet"
let bigFolder = data + "/biglog"
/// Issue 14's targets on the real shape; issue 6's on the dense fleet.
let target = fleetShape == "real" ? 1.10 : 1.15
let targetText = String(format: "<= %.2f", target)
if givenPaths.isEmpty && (archives(in: fleetFolder, suffix: ".tar.xz").isEmpty
                          || (!skipBigLog && archives(in: bigFolder, suffix: ".tar.xz").isEmpty)) {
    let script = benchmarksFolder.appendingPathComponent(fleetShape == "real" ? "real_fleet.py" : "make_fleet.py").path
    say("Generating the \(fleetShape) fleet (python3 \(script) --big-log-gb 1 --out \(data)) ...")
    let generation = runPool([["python3", script, "--big-log-gb", skipBigLog ? "0" : "1", "--out", data]], parallel: 1)
    say(String(format: "  done in %.0f s", generation.seconds))
}

var xzFleet = givenPaths.isEmpty ? archives(in: fleetFolder, suffix: ".tar.xz") : givenPaths.filter { $0.hasSuffix(".xz") }
var gzFleet = givenPaths.isEmpty ? archives(in: fleetFolder, suffix: ".tar.gz") : givenPaths.filter { $0.hasSuffix(".gz") }
if !givenPaths.isEmpty && bigLogPath == nil { skipBigLog = true }
if bigLogPath == nil && !skipBigLog { bigLogPath = archives(in: bigFolder, suffix: ".tar.xz").first }

// MARK: - Measuring

struct Row {
    var label: String
    var result: Measurement
}

func measure(_ label: String, runs: Int, _ make: () -> ([[String]], Int)) -> Row {
    let (commands, parallel) = make()
    var results: [Measurement] = []
    for _ in 0..<runs { results.append(runPool(commands, parallel: parallel)) }
    return report(label, results)
}

@discardableResult
func report(_ label: String, _ results: [Measurement]) -> Row {
    let row = Row(label: label, result: median(results))
    let each = results.map { String(format: "%.2f", $0.seconds) }.joined(separator: " ")
    say(String(format: "  %-36@ %8.2f s wall %8.2f s cpu %7.1f MiB   (wall of each run: %@)", label as NSString,
                 row.result.seconds, row.result.cpuSeconds, Double(row.result.peakKiB) / 1024, each as NSString))
    return row
}

/// Our reading and the yardstick run in turn, ours then theirs, `runs` times: each ratio is the
/// median of the runs' own ratios, so a drift of this VM's speed during the call (a single run
/// moves by up to 0.16 here) moves both sides of a pair alike instead of one figure.
struct Pair {
    var ours: Row
    var theirs: Row
    var wall: Double
    var cpu: Double
}

func measurePair(_ oursLabel: String, _ oursMake: () -> ([[String]], Int),
                 _ theirsLabel: String, _ theirsMake: () -> ([[String]], Int), runs: Int) -> Pair {
    let (oursCommands, oursParallel) = oursMake()
    let (theirsCommands, theirsParallel) = theirsMake()
    var mine: [Measurement] = []
    var theirs: [Measurement] = []
    for _ in 0..<runs {
        mine.append(runPool(oursCommands, parallel: oursParallel))
        theirs.append(runPool(theirsCommands, parallel: theirsParallel))
    }
    let middle = { (values: [Double]) -> Double in values.sorted()[values.count / 2] }
    let pair = Pair(ours: report(oursLabel, mine), theirs: report(theirsLabel, theirs),
                    wall: middle(zip(mine, theirs).map { $0.seconds / $1.seconds }),
                    cpu: middle(zip(mine, theirs).map { $0.cpuSeconds / $1.cpuSeconds }))
    say(String(format: "    paired, run by run: wall %.2f, cpu %.2f (medians of %d pairs)", pair.wall, pair.cpu, runs))
    return pair
}

func ours(_ paths: [String], jobs: Int) -> ([[String]], Int) {
    ([[selfPath, "--child", "--jobs", String(jobs)] + paths], 1)
}

func tool(_ command: [String], _ paths: [String], parallel: Int) -> ([[String]], Int) {
    (paths.map { command + [$0] }, parallel)
}

func fileSizes(_ paths: [String]) -> Double {
    paths.reduce(0.0) { total, path in
        total + Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
    }
}

struct Verdict {
    var text: String
    var value: Double
    var target: String
    var met: Bool
    /// False for a figure shown to read the others by, with no target of its own.
    var judged = true
}
var verdicts: [Verdict] = []

@MainActor
func fleetSection(_ paths: [String], decompressor: [String], name: String) {
    guard !paths.isEmpty else { return }
    say("\n\(name) fleet: \(paths.count) archives, \(String(format: "%.0f", fileSizes(paths) / 1e6)) MB compressed")
    var oursByJobs: [Int: Row] = [:]
    var toolByJobs: [Int: Row] = [:]
    for jobs in jobsList {
        let pair = measurePair("sosanalyze reading, jobs=\(jobs)", { ours(paths, jobs: jobs) },
                               "\(decompressor.joined(separator: " ")), \(jobs) at once", { tool(decompressor, paths, parallel: jobs) },
                               runs: runs)
        if jobs == jobsList.first { say("    child said: \(pair.ours.result.output)") }
        oursByJobs[jobs] = pair.ours
        toolByJobs[jobs] = pair.theirs
        verdicts.append(Verdict(text: "\(name) batch wall / \(decompressor[0]) -dc, jobs=\(jobs)", value: pair.wall,
                                target: targetText, met: pair.wall <= target))
        verdicts.append(Verdict(text: "\(name) batch cpu / \(decompressor[0]) -dc cpu, jobs=\(jobs)", value: pair.cpu,
                                target: targetText, met: pair.cpu <= target))
    }
    if decompressor[0] == "xz" {
        // The floor under the targets: libarchive reading every tar header and the xz decoding,
        // no analysis. What the analysis may cost is the target less this.
        let floor = measurePair("reading alone (no analysis), jobs=1", { ([[selfPath, "--child", "--reading-only"] + paths], 1) },
                                "xz -T1 -dc, 1 at once", { tool(decompressor, paths, parallel: 1) }, runs: runs)
        verdicts.append(Verdict(text: "(reference) \(name) reading alone cpu / xz -dc cpu", value: floor.cpu,
                                target: "-", met: true, judged: false))
    }
    _ = measure("bsdtar -tf, 1 at once", runs: runs) { tool(["bsdtar", "-tf"], paths, parallel: 1) }
    if let one = toolByJobs[1], let two = toolByJobs[2] {
        // What the machine gives right now: if the decompressor itself gains little from two
        // processes (other work on the cores), no reader can reach the speedup target.
        let speedup = one.result.seconds / two.result.seconds
        verdicts.append(Verdict(text: "(reference) \(decompressor[0]) -dc, 2 at once vs 1 at once", value: speedup,
                                target: ">= 1.8", met: speedup >= 1.8))
    }
    if let one = oursByJobs[1], let two = oursByJobs[2] {
        let speedup = one.result.seconds / two.result.seconds
        verdicts.append(Verdict(text: "\(name) jobs=2 speedup over jobs=1", value: speedup, target: ">= 1.8", met: speedup >= 1.8))
    }
    let peak = oursByJobs.values.map(\.result.peakKiB).max() ?? 0
    verdicts.append(Verdict(text: "\(name) peak RSS of our reading (MiB)", value: Double(peak) / 1024,
                            target: "<= 100", met: Double(peak) / 1024 <= 100))
}

say("bench-reading: \(fleetShape) fleet, \(runs) runs per figure, median shown (peak RSS: the largest of the runs)")
say("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; load now: \(loadAverage())")

func loadAverage() -> String {
    var loads = [Double](repeating: 0, count: 3)
    guard getloadavg(&loads, 3) == 3 else { return "?" }
    return loads.map { String(format: "%.1f", $0) }.joined(separator: " ")
}

fleetSection(xzFleet, decompressor: ["xz", "-T1", "-dc"], name: "xz")
fleetSection(gzFleet, decompressor: ["gzip", "-dc"], name: "gz")

if let bigLogPath, !skipBigLog {
    let size = fileSizes([bigLogPath])
    say("\nbig log: \(bigLogPath) (\(String(format: "%.0f", size / 1e6)) MB compressed, one 1 GiB var/log/messages)")
    // jobs=1 keeps to one core; jobs=2 lends the one archive a second core (its xz Blocks are
    // decoded on one thread while the other reads the tar and scans the lines).
    let xzOne = { tool(["xz", "-T1", "-dc"], [bigLogPath], parallel: 1) }
    let alone = measurePair("sosanalyze reading, jobs=1", { ours([bigLogPath], jobs: 1) }, "xz -T1 -dc", xzOne, runs: runs)
    say("    child said: \(alone.ours.result.output)")
    let lent = measurePair("sosanalyze reading, jobs=2", { ours([bigLogPath], jobs: 2) }, "xz -T1 -dc", xzOne, runs: runs)
    for (label, pair) in [("jobs=1", alone), ("jobs=2", lent)] {
        verdicts.append(Verdict(text: "big log, \(label): our wall / xz -T1 -dc", value: pair.wall, target: targetText, met: pair.wall <= target))
    }
    if fleetShape == "dense" {
        // A multi-block archive: xz itself decodes Blocks on two threads; one archive on two cores
        // should come close to that.
        let threads = measurePair("sosanalyze reading, jobs=2", { ours([bigLogPath], jobs: 2) },
                                  "xz -T2 -dc (xz's own threads)", { tool(["xz", "-T2", "-dc"], [bigLogPath], parallel: 1) }, runs: runs)
        verdicts.append(Verdict(text: "big log, jobs=2: our wall / xz -T2 -dc", value: threads.wall, target: "<= 1.15", met: threads.wall <= 1.15))
    }
    _ = measure("bsdtar -tf", runs: runs) { tool(["bsdtar", "-tf"], [bigLogPath], parallel: 1) }
    verdicts.append(Verdict(text: "big log, jobs=1: our cpu / xz -dc cpu", value: alone.cpu, target: targetText, met: alone.cpu <= target))
    let peak = Double(max(alone.ours.result.peakKiB, lent.ours.result.peakKiB)) / 1024
    verdicts.append(Verdict(text: "big log: peak RSS of our reading (MiB)", value: peak, target: "< 100", met: peak < 100))
}

// sos 4.x writes multi-Block xz (`xz -T0`: the real sos 4.2 reports hold Blocks of 3 MiB): the same
// big-log report recompressed that way (cached beside it), read alone on two cores against xz's
// own two decoding threads.
if let bigLogPath, !skipBigLog, fleetShape == "real" {
    let multi = bigFolder + "/multiblock/" + ((bigLogPath as NSString).lastPathComponent)
    if !FileManager.default.fileExists(atPath: multi) {
        say("\nRecompressing the big log as sos 4.x does (xz -1 -T2: 3 MiB Blocks) into \(multi) ...")
        try? FileManager.default.createDirectory(atPath: bigFolder + "/multiblock", withIntermediateDirectories: true)
        let script = "xz -dc '\(bigLogPath)' | xz -1 -T2 > '\(multi).part' && mv '\(multi).part' '\(multi)'"
        _ = runPool([["sh", "-c", script]], parallel: 1)
    }
    if FileManager.default.fileExists(atPath: multi) {
        say("\nbig log, multi-Block (as sos 4.x writes it): \(multi)")
        let lent = measurePair("sosanalyze reading, jobs=2", { ours([multi], jobs: 2) },
                               "xz -T2 -dc (xz's own threads)", { tool(["xz", "-T2", "-dc"], [multi], parallel: 1) }, runs: runs)
        verdicts.append(Verdict(text: "multi-Block big log, jobs=2: wall / xz -T2 -dc", value: lent.wall, target: "<= 1.15", met: lent.wall <= 1.15))
        let peak = Double(lent.ours.result.peakKiB) / 1024
        verdicts.append(Verdict(text: "multi-Block big log: peak RSS (MiB)", value: peak, target: "< 100", met: peak < 100))
    }
}

say("\nratios")
for verdict in verdicts {
    say(String(format: "  %-48@ %7.2f   target %-8@ %@", verdict.text as NSString, verdict.value,
                 verdict.target as NSString, (verdict.judged ? (verdict.met ? "met" : "NOT met") : "") as NSString))
}
