import Foundation
import SOSArchive

/// Files of stored reports: JSON Lines (`.jsonl`, `.ndjson`), one ``ReportRecord`` a line, as
/// `inspect --format jsonl` writes them; or one JSON document (`.json`): an `inspect --format
/// json` object, or a `summarize --format json` document (its `reports` and `problems`).
///
/// ```
/// $ sosanalyze inspect --format jsonl Samples/ > samples.jsonl
/// $ sosanalyze summarize samples.jsonl        # the same bytes as `summarize Samples/`
/// ```
public enum RecordFile {
    /// File names read as stored reports rather than sniffed as archives.
    public static let suffixes = [".jsonl", ".ndjson", ".json"]

    /// True for a path that names a record file (by its suffix; `-` is standard input).
    public static func isRecordFile(_ path: String) -> Bool {
        suffixes.contains { path.lowercased().hasSuffix($0) }
    }

    /// One record as a JSON Lines line: compact, keys sorted, slashes unescaped, `\n` at the end.
    public static func line(_ record: ReportRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(record), as: UTF8.self) + "\n"
    }

    /// Calls `visit` with each record of the file, in file order, reading one line at a time
    /// (a file of 10,000 reports is never held whole). Blank lines are skipped; a line that is no
    /// record becomes a problem record (`path:line: not a report record: ...`, no `input`), so
    /// the rest of the file is still read and the bad line is still counted.
    public static func forEachRecord(
        in path: String, _ visit: (ReportRecord) throws -> Void
    ) throws(RecordFileError) {
        try forEachRecord(in: path) { record, _ in try visit(record) }
    }

    /// The same, with where each line is (nil for the records of a `.json` document, which is
    /// one piece), to read one again later with ``record(at:)``.
    public static func forEachRecord(
        in path: String, _ visit: (ReportRecord, RecordLocation?) throws -> Void
    ) throws(RecordFileError) {
        if path.lowercased().hasSuffix(".json") {
            for record in try document(at: path) { try rethrowing(path, 0) { try visit(record, nil) } }
            return
        }
        guard let file = fopen(path, "r") else {
            throw RecordFileError(path: path, line: 0, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        let decoder = JSONDecoder()
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        var number = 0
        var offset: Int64 = 0
        while true {
            let length = getline(&buffer, &capacity, file)
            if length < 0 { break }
            number += 1
            let start = offset
            offset += Int64(length)
            guard let buffer else { continue }
            let data = Data(bytesNoCopy: buffer, count: length, deallocator: .none)
            if data.allSatisfy({ $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }) { continue }
            let record: ReportRecord
            do {
                record = try decoder.decode(ReportRecord.self, from: data)
            } catch {
                let failure = RecordFileError(path: path, line: number, message: "not a report record: \(Self.describe(error))")
                record = ReportRecord(problem: InputProblem(path: "\(path):\(number)", error: failure.description), sha256: nil, input: nil)
            }
            let content = length > 0 && buffer[length - 1] == 0x0a ? length - 1 : length
            try rethrowing(path, number) { try visit(record, RecordLocation(path: path, line: number, offset: start, length: content)) }
        }
        if ferror(file) != 0 {
            throw RecordFileError(path: path, line: number, message: "read failed: \(String(cString: strerror(errno)))")
        }
    }

    /// The record of one line again, as ``forEachRecord(in:_:)`` read it: a report whose
    /// `summarize` kept only part (``Report/trimmedForSummary(storedAt:)``) is read whole here.
    public static func record(at location: RecordLocation) throws(RecordFileError) -> ReportRecord {
        guard let file = fopen(location.path, "r") else {
            throw RecordFileError(path: location.path, line: location.line, message: "cannot open again: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var data = Data(count: location.length)
        let read = data.withUnsafeMutableBytes { bytes -> Int in
            guard fseeko(file, off_t(location.offset), SEEK_SET) == 0 else { return -1 }
            return fread(bytes.baseAddress, 1, bytes.count, file)
        }
        guard read == location.length else {
            throw RecordFileError(path: location.path, line: location.line, message: "changed while read (the line is no longer there)")
        }
        do {
            return try JSONDecoder().decode(ReportRecord.self, from: data)
        } catch {
            throw RecordFileError(path: location.path, line: location.line, message: "changed while read: \(Self.describe(error))")
        }
    }

    /// All records of a file.
    public static func records(in path: String) throws(RecordFileError) -> [ReportRecord] {
        var records: [ReportRecord] = []
        try forEachRecord(in: path) { records.append($0) }
        return records
    }

    private static func rethrowing(_ path: String, _ line: Int, _ body: () throws -> Void) throws(RecordFileError) {
        do {
            try body()
        } catch let error as RecordFileError {
            throw error
        } catch {
            throw RecordFileError(path: path, line: line, message: "\(error)")
        }
    }

    /// A whole `.json` document: one report object, a problem line, or a summary's reports.
    private static func document(at path: String) throws(RecordFileError) -> [ReportRecord] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RecordFileError(path: path, line: 0, message: "cannot open: \(error.localizedDescription)")
        }
        let decoder = JSONDecoder()
        if let summary = try? decoder.decode(SummaryDocument.self, from: data), let reports = summary.reports {
            // A summary names no input per report: each report is its own input, as far as we know.
            return reports.map { ReportRecord(report: $0, sha256: nil, input: $0.source.path) }
                + (summary.problems ?? []).map { ReportRecord(problem: $0, sha256: nil, input: $0.path) }
        }
        do {
            var record = try decoder.decode(ReportRecord.self, from: data)
            if record.input == nil, let report = record.report { record.input = report.source.path }
            return [record]
        } catch {
            throw RecordFileError(path: path, line: 0, message: "not a report or summary document: \(Self.describe(error))")
        }
    }

    private struct SummaryDocument: Decodable {
        var reports: [Report]?
        var problems: [InputProblem]?
    }

    /// DecodingError's description names the coding path, which is what a user needs.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \(context.codingPath.map(\.stringValue).joined(separator: ".") + (context.codingPath.isEmpty ? "" : ".") + key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return context.debugDescription
        default:
            return "\(error)"
        }
    }
}
