import Foundation
import Yams

/// The known-issue rules in force: the ones bundled with the library, plus a user's folder.
///
/// ```swift
/// var book = KnownIssueBook.bundled
/// book.add(KnownIssueBook.load(folder: "/etc/sosanalyze/rules"))   // same id: the user's rule wins
/// for problem in book.problems { print(problem) }                   // "x.yaml: line 3: ..."
/// let findings = book.evaluate(report)
/// ```
public struct KnownIssueBook: Sendable {
    public private(set) var rules: [KnownIssueRule]
    /// Rule files that could not be used, each with its cause. The other rules still run.
    public private(set) var problems: [KnownIssueRuleProblem]

    public init(rules: [KnownIssueRule] = [], problems: [KnownIssueRuleProblem] = []) {
        self.rules = rules
        self.problems = problems
    }

    /// The rules shipped in `Sources/SOSAnalyzer/KnownIssues/`.
    public static let bundled: KnownIssueBook = {
        guard let folder = Bundle.module.url(forResource: "KnownIssues", withExtension: nil) else {
            return KnownIssueBook(problems: [KnownIssueRuleProblem(file: "KnownIssues", message: "bundled rules folder missing")])
        }
        return load(folder: folder.path, label: "bundled")
    }()

    /// Reads every `.yaml`/`.yml` file of `folder` (not its subfolders), in name order.
    public static func load(folder: String) -> KnownIssueBook {
        load(folder: folder, label: nil)
    }

    private static func load(folder: String, label: String?) -> KnownIssueBook {
        var book = KnownIssueBook()
        // One decoder for the folder: each one made reads the whole environment (see `parse`).
        let decoder = YAMLDecoder(encoding: .utf8)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            book.problems.append(KnownIssueRuleProblem(file: folder, message: "cannot read the rules folder: \(error.localizedDescription)"))
            return book
        }
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (folder as NSString).appendingPathComponent(name)
            let file = label.map { "\($0)/\(name)" } ?? path
            guard let data = FileManager.default.contents(atPath: path) else {
                book.problems.append(KnownIssueRuleProblem(file: file, message: "cannot read the file"))
                continue
            }
            do {
                var rule = try parse(String(decoding: data, as: UTF8.self), decoder: decoder)
                rule.file = file
                book.add(rule)
            } catch {
                book.problems.append(KnownIssueRuleProblem(file: file, message: error.message))
            }
        }
        return book
    }

    /// Adds a rule; a rule with the same id replaces the earlier one.
    public mutating func add(_ rule: KnownIssueRule) {
        rules.removeAll { $0.id == rule.id }
        rules.append(rule)
    }

    /// Adds another book's rules (they win on equal ids) and problems.
    public mutating func add(_ other: KnownIssueBook) {
        for rule in other.rules { add(rule) }
        problems += other.problems
    }

    /// The log lines the rules need, for the reader to look for while logs stream past.
    public var logPatterns: [KernelLogPattern] {
        rules.flatMap { rule in
            rule.when.logConditions.map { KernelLogPattern(rule: rule.id, contains: $0.contains, regex: $0.regex) }
        }
    }

    /// One finding per rule whose signature the report shows, in rule id order.
    public func evaluate(_ report: Report) -> [Finding] {
        let context = KnownIssueContext(report)
        return rules.sorted { $0.id < $1.id }.compactMap { context.finding(for: $0) }
    }

    // MARK: - Parsing and validation

    public struct RuleError: Error, Sendable, Equatable {
        public var message: String
    }

    /// Reads and validates one rule. Unknown keys are errors: a misspelt condition would
    /// otherwise silently match more than meant.
    public static func parse(_ yaml: String) throws(RuleError) -> KnownIssueRule {
        try parse(yaml, decoder: YAMLDecoder(encoding: .utf8))
    }

    static func parse(_ yaml: String, decoder: YAMLDecoder) throws(RuleError) -> KnownIssueRule {
        let node: Node
        do {
            // UTF-8 named, not Yams's `Parser.Encoding.default`: that reads the whole environment
            // each time it is asked (a `YAMLDecoder` asks twice when made, whatever it is given),
            // and prints a line to standard output when YAMS_DEFAULT_ENCODING is set.
            guard let composed = try Yams.compose(yaml: yaml, .default, .default, .utf8) else {
                throw RuleError(message: "the file is empty")
            }
            node = composed
        } catch let error as RuleError {
            throw error
        } catch {
            throw RuleError(message: "not YAML: \(error)")
        }
        try checkKeys(node, schema: topKeys, path: "")
        let rule: KnownIssueRule
        do {
            rule = try decoder.decode(KnownIssueRule.self, from: node)
        } catch let DecodingError.keyNotFound(key, context) {
            throw RuleError(message: "missing \(pathText(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw RuleError(message: "\(pathText(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw RuleError(message: "\(pathText(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw RuleError(message: "\(error)")
        }
        try validate(rule)
        return rule
    }

    private static func pathText(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private indirect enum Schema: Sendable {
        case keys([String: Schema])
        case conditions
        case list(Schema)
        case leaf
    }

    private static let topKeys: Schema = .keys([
        "id": .leaf, "title": .leaf, "severity": .leaf, "when": .conditions, "explanation": .leaf,
        "workaround": .leaf, "fix": .leaf, "references": .leaf,
    ])

    private static let conditionKeys: [String: Schema] = [
        "os": .keys(["id": .leaf, "version": .leaf]),
        "kernel": .keys(["match": .leaf, "from": .leaf, "before": .leaf]),
        "modules": .keys(["names": .leaf, "in": .leaf]),
        "failures": .keys(["minOrder": .leaf, "maxOrder": .leaf, "masks": .leaf, "flags": .leaf,
                           "modules": .leaf, "processes": .leaf, "minCount": .leaf]),
        "events": .keys(["kinds": .leaf, "modules": .leaf, "processes": .leaf, "message": .leaf, "minCount": .leaf]),
        "log": .keys(["contains": .leaf, "regex": .leaf]),
        "highOrdersExhausted": .leaf,
        "memory": .keys(["minTotalGiB": .leaf]),
        "any": .list(.conditions),
    ]

    private static func checkKeys(_ node: Node, schema: Schema, path: String) throws(RuleError) {
        switch schema {
        case .leaf:
            return
        case .conditions:
            try checkKeys(node, schema: .keys(conditionKeys), path: path)
        case .list(let element):
            guard let sequence = node.sequence else { throw RuleError(message: "\(path): expected a list") }
            for (index, item) in sequence.enumerated() {
                try checkKeys(item, schema: element, path: "\(path)[\(index)]")
            }
        case .keys(let known):
            guard let mapping = node.mapping else {
                throw RuleError(message: "\(path.isEmpty ? "the rule" : path): expected a mapping of keys")
            }
            for (key, value) in mapping {
                let name = key.string ?? "?"
                let here = path.isEmpty ? name : "\(path).\(name)"
                guard let next = known[name] else {
                    let line = key.mark.map { "line \($0.line): " } ?? ""
                    throw RuleError(message: "\(line)unknown key '\(here)' (known: \(known.keys.sorted().joined(separator: ", ")))")
                }
                try checkKeys(value, schema: next, path: here)
            }
        }
    }

    private static func validate(_ rule: KnownIssueRule) throws(RuleError) {
        if rule.id.isEmpty || !rule.id.allSatisfy({ $0.isASCIILetterOrDigit || $0 == "-" || $0 == "_" || $0 == "." }) {
            throw RuleError(message: "id '\(rule.id)' must be letters, digits, '-', '_' or '.'")
        }
        if rule.title.trimmingWhitespace().isEmpty { throw RuleError(message: "title is empty") }
        if rule.explanation.trimmingWhitespace().isEmpty { throw RuleError(message: "explanation is empty") }
        if rule.references.isEmpty { throw RuleError(message: "references: give at least one public reference") }
        if rule.when.isEmpty { throw RuleError(message: "when: no condition (the rule would match every report)") }
        try validate(rule.when, path: "when")
    }

    private static func validate(_ conditions: KnownIssueRule.Conditions, path: String) throws(RuleError) {
        if let message = conditions.events?.message, (try? Regex(message)) == nil {
            throw RuleError(message: "\(path).events: message \"\(message)\" is not a regular expression")
        }
        if let failures = conditions.failures {
            if let low = failures.minOrder, let high = failures.maxOrder, low > high {
                throw RuleError(message: "\(path).failures: minOrder \(low) is above maxOrder \(high)")
            }
            if let count = failures.minCount, count < 1 {
                throw RuleError(message: "\(path).failures.minCount must be 1 or more")
            }
        }
        if let modules = conditions.modules, modules.names.isEmpty {
            throw RuleError(message: "\(path).modules.names is empty")
        }
        if let log = conditions.log {
            if log.contains.isEmpty { throw RuleError(message: "\(path).log.contains is empty") }
            if let regex = log.regex {
                do { _ = try Regex(regex) } catch {
                    throw RuleError(message: "\(path).log.regex does not compile: \(error)")
                }
            }
        }
        if let kernel = conditions.kernel, kernel.match == nil, kernel.from == nil, kernel.before == nil {
            throw RuleError(message: "\(path).kernel: give match, from or before")
        }
        for (index, block) in (conditions.any ?? []).enumerated() {
            if block.isEmpty { throw RuleError(message: "\(path).any[\(index)] has no condition") }
            try validate(block, path: "\(path).any[\(index)]")
        }
    }
}
