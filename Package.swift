// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "sosreport-analyzer",
    products: [
        .library(name: "SOSAnalyzer", targets: ["SOSAnalyzer"]),
        .library(name: "SOSArchive", targets: ["SOSArchive"]),
        .library(name: "SOSIndex", targets: ["SOSIndex"]),
        .executable(name: "sosanalyze", targets: ["sosanalyze"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The local case index: SQLite (WAL, versioned migrations) through GRDB.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"]), .brew(["libarchive"])]
        ),
        .systemLibrary(
            name: "CLZMA",
            pkgConfig: "liblzma",
            providers: [.apt(["liblzma-dev"]), .brew(["xz"])]
        ),
        .target(name: "SOSArchive", dependencies: ["CArchive", "CLZMA"]),
        // The byte loops of the log scan: passing over other programs' syslog lines a chunk at a
        // time (16-byte compares, which Swift's SIMD types do not lower to on Linux) and the
        // kernel lines' literal search.
        .target(name: "CLogScan"),
        .target(
            name: "SOSAnalyzer",
            dependencies: ["SOSArchive", "CLogScan", .product(name: "Yams", package: "Yams")],
            resources: [.copy("KnownIssues")]
        ),
        .target(
            name: "SOSIndex",
            dependencies: ["SOSAnalyzer", "SOSArchive", .product(name: "GRDB", package: "GRDB.swift"),
                           // sqlite3_file_control, for the persistent WAL (GRDB's own advice).
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "sosanalyze",
            dependencies: [
                "SOSAnalyzer",
                "SOSIndex",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks print ratios against `xz -dc` / `bsdtar -tf` on the same data in the same run.
        .executableTarget(name: "bench-reading", dependencies: ["SOSAnalyzer"], path: "Benchmarks/bench-reading"),
        .executableTarget(name: "bench-correlation", dependencies: ["SOSAnalyzer"], path: "Benchmarks/bench-correlation"),
        .testTarget(name: "SOSArchiveTests", dependencies: ["SOSArchive"]),
        .testTarget(
            name: "SOSAnalyzerTests",
            dependencies: ["SOSAnalyzer"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "SOSIndexTests", dependencies: ["SOSIndex", "SOSAnalyzer"]),
        .testTarget(name: "sosanalyzeTests", dependencies: ["sosanalyze", "SOSAnalyzer", "SOSIndex"]),
    ],
    swiftLanguageModes: [.v6]
)
