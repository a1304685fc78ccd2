/// Module names in lsmod use `_`; modinfo file names and log lines sometimes use `-`.
enum ModuleName {
    static func normalized(_ name: String) -> String {
        name.replacingOccurrences(of: "-", with: "_")
    }
}
