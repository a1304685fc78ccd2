import SOSArchive

/// Reads sosreports into `Report` values: the entry point of the library.
///
/// ```swift
/// let outcome = ReportReader.read(path: "sosreport-db1-2013021514301360938600.tar.xz")
/// for report in outcome.reports { print(report.hostname ?? "?", report.kernel?.release ?? "?") }
/// for problem in outcome.problems { print(problem.path, problem.error) }
/// ```
///
/// One streaming pass per archive, nothing written to disk. A fact reachable only through a
/// link whose target the pass had already streamed past costs a second pass over that archive.
public enum ReportReader {
    /// Reads every report under `path`: an archive, an extracted report folder, a folder of
    /// reports, or a `sos collect` bundle.
    public static func read(path: String, options: ReadOptions = ReadOptions()) -> InputOutcome {
        let (inputs, problems) = InputDiscovery.discover([path])
        var outcome = InputOutcome(problems: problems)
        for input in inputs {
            let one = read(input, options: options)
            outcome.reports += one.reports
            outcome.problems += one.problems
        }
        return outcome
    }

    /// Reads one discovered input.
    public static func read(_ input: DiscoveredInput, options: ReadOptions = ReadOptions()) -> InputOutcome {
        let reader: ArchiveReader
        do {
            reader = try ArchiveReader(path: input.path, limits: options.limits)
            reader.cores = options.cores
        } catch {
            return InputOutcome(problems: [InputProblem(path: input.path, error: error.description)])
        }
        let reopen = { () throws -> ArchiveReader in
            let again = try ArchiveReader(path: input.path, limits: options.limits)
            again.cores = options.cores
            return again
        }
        return read(reader, reopen: reopen, options: options)
    }

    /// `nested` is true for an archive inside a bundle: its own inner archives are not opened, so a
    /// tar.gz that holds itself (a gzip quine) cannot recurse without end.
    static func read(_ reader: ArchiveReader, reopen: (() throws -> ArchiveReader)?, options: ReadOptions,
                     nested: Bool = false) -> InputOutcome {
        var capture = MemberCapture(mode: .catalog, options: options, opensInnerArchives: !nested)
        let pass: ReadOutcome
        do {
            pass = try reader.forEachMember { cursor in
                try capture.visit(&cursor)
                options.bytesRead?(reader.bytesConsumed)
            }
        } catch let error as SOSArchiveError {
            return InputOutcome(problems: [InputProblem(path: reader.path, error: error.description)])
        } catch {
            return InputOutcome(problems: [InputProblem(path: reader.path, error: "\(reader.path): \(error)")])
        }

        let index = pass.index
        let isReport = index.allPaths.contains(where: FactCatalog.isSOSMarker)
        if !isReport {
            var outcome = capture.nested.sortedByPath()
            if outcome.reports.isEmpty && outcome.problems.isEmpty {
                let why = pass.damage.map { $0.description }
                    ?? "\(reader.path): not a sosreport: \(index.count) members but no sos_commands/, version.txt, sos_logs/ or sos_reports/"
                outcome.problems.append(InputProblem(path: reader.path, error: why))
            }
            return outcome
        }

        var files = capture.files
        var problems: [ReportProblem] = []
        let missing = linkTargetsNotCaptured(index: index, files: files)
        if !missing.isEmpty {
            if let reopen {
                var second = MemberCapture(mode: .only(missing), options: options)
                do {
                    _ = try reopen().forEachMember { cursor in try second.visit(&cursor) }
                    files.merge(second.files) { first, _ in first }
                } catch {
                    problems.append(ReportProblem(message: "second pass for link targets failed: \(error)"))
                }
            } else {
                for path in missing.sorted() {
                    problems.append(ReportProblem(
                        message: "link target streamed past before its link was seen; not re-read inside a bundle",
                        member: path))
                }
            }
        }

        var assembler = ReportAssembler(
            source: ReportSourceInfo(
                path: reader.path, format: reader.format.rawValue,
                topFolder: index.topFolder, memberCount: index.count),
            index: index, files: files, logScans: capture.logScans, bootLines: capture.bootLines)
        var report = assembler.assemble()
        ReportAnalysis.analyze(&report, knownIssues: options.knownIssues)
        if let damage = pass.damage {
            report.problems.insert(ReportProblem(
                message: "archive is damaged; members after this point are missing: \(damage.description)"), at: 0)
        }
        report.problems += pass.notes.map { ReportProblem(message: $0.message, member: $0.member) }
        report.problems += problems
        report.problems += capture.unreadableLogs.map {
            ReportProblem(message: "compressed log rotation could not be read: \($0.reason)", member: $0.member)
        }
        let budget = "\(options.limits.keptBytesPerReport >> 20) MiB"
        report.problems += capture.overBudget.map {
            ReportProblem(message: "not read: the report's \(budget) for whole files was already spent", member: $0)
        }
        var outcome = capture.nested
        outcome.reports.insert(report, at: 0)
        return outcome.sortedByPath()
    }

    /// Data members that a fact reaches only through a link and that the first pass did not keep.
    private static func linkTargetsNotCaptured(index: MemberIndex, files: [String: MemberData]) -> Set<String> {
        var missing = Set<String>()
        for spec in FactCatalog.wholeFiles {
            for path in FactLookup.candidatePaths(spec, in: index) {
                if case .member(let member, let via) = index.resolve(path), !via.isEmpty,
                   member.kind == .file, files[member.path] == nil {
                    missing.insert(member.path)
                }
            }
        }
        return missing
    }
}
