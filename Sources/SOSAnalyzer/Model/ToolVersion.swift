/// The version of this library and of `sosanalyze`, as the case summary names it.
public enum ToolVersion {
    public static let current = "0.1.0"
}
