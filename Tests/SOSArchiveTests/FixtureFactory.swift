import Foundation
@testable import SOSArchive

/// Builds fixture archives in a fresh temp folder with python3's tarfile (GNU vs PAX headers, any
/// member order, links, FIFOs and devices) and the xz/gzip/bzip2/zstd command-line tools.
struct FixtureFactory {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("sosarchive-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// One tar member for ``tar(_:entries:format:)``.
    enum Entry {
        case file(String, String)
        case directory(String)
        case symlink(String, String)
        case hardlink(String, String)
        case fifo(String)
        case characterDevice(String)
    }

    enum TarHeaders: String { case gnu = "GNU_FORMAT", pax = "PAX_FORMAT" }

    /// Writes a plain tar holding `entries` in the given order; returns its path.
    @discardableResult
    func tar(_ name: String, entries: [Entry], format: TarHeaders = .pax) throws -> String {
        var spec: [[String]] = []
        for entry in entries {
            switch entry {
            case .file(let path, let data): spec.append(["f", path, data])
            case .directory(let path): spec.append(["d", path, ""])
            case .symlink(let path, let target): spec.append(["l", path, target])
            case .hardlink(let path, let target): spec.append(["h", path, target])
            case .fifo(let path): spec.append(["p", path, ""])
            case .characterDevice(let path): spec.append(["c", path, ""])
            }
        }
        let specPath = path(name + ".spec.json")
        try JSONEncoder().encode(spec).write(to: URL(fileURLWithPath: specPath))
        let script = """
        import json, sys, tarfile, io
        spec = json.load(open(sys.argv[1]))
        kinds = {"d": tarfile.DIRTYPE, "l": tarfile.SYMTYPE, "h": tarfile.LNKTYPE, "p": tarfile.FIFOTYPE, "c": tarfile.CHRTYPE}
        with tarfile.open(sys.argv[2], "w", format=tarfile.\(format.rawValue)) as out:
            for kind, name, data in spec:
                info = tarfile.TarInfo(name)
                info.mtime = 1644451200
                if kind == "f":
                    raw = data.encode("utf-8", "surrogateescape")
                    info.size = len(raw)
                    out.addfile(info, io.BytesIO(raw))
                    continue
                info.type = kinds[kind]
                if kind in ("l", "h"):
                    info.linkname = data
                if kind == "d":
                    info.mode = 0o755
                out.addfile(info)
        """
        let output = path(name)
        try run("/usr/bin/env", ["python3", "-c", script, specPath, output])
        return output
    }

    /// Compresses `file` with `tool` ("xz", "gzip", "bzip2", "zstd") into `file + suffix`, keeping the input.
    @discardableResult
    func compress(_ file: String, with tool: String, suffix: String) throws -> String {
        let output = file + suffix
        try run("/bin/sh", ["-c", "\(tool) -c < '\(file)' > '\(output)'"])
        return output
    }

    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let output = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: output))
        return output
    }

    func write(_ name: String, text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw FixtureError(message: "\(executable) \(arguments.prefix(2)) failed: \(String(decoding: message, as: UTF8.self))")
        }
    }

    struct FixtureError: Error, CustomStringConvertible { let message: String; var description: String { message } }
}

/// Everything one pass saw: paths in archive order, data read whole, and the outcome.
struct PassRecord {
    var visited: [Member] = []
    var texts: [String: String] = [:]
    var outcome: ReadOutcome?
}

/// Reads every file member whole and records it.
func readEverything(_ reader: ArchiveReader) throws -> PassRecord {
    var record = PassRecord()
    record.outcome = try reader.forEachMember { cursor in
        record.visited.append(cursor.member)
        if cursor.member.kind == .file { record.texts[cursor.member.path] = try cursor.readAll().text }
    }
    return record
}

extension FixtureFactory {
    /// The bytes of a file the factory made.
    func readBytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FixtureFactoryError.missing(path)
        }
        return [UInt8](data)
    }
}

enum FixtureFactoryError: Error {
    case missing(String)
}
