import SOSAnalyzer

/// The bundled known-issue rules plus the user's folder; refused rules are reported on stderr
/// (`sosanalyze: rules/x.yaml: cause`) and the others still run.
enum RuleLoading {
    static func book(_ folder: String?) -> KnownIssueBook {
        var book = KnownIssueBook.bundled
        if let folder { book.add(KnownIssueBook.load(folder: folder)) }
        for problem in book.problems {
            Output.error("sosanalyze: known-issue rule not used: \(problem)")
        }
        return book
    }
}
