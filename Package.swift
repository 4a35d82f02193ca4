// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Chronicle",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chronicle", targets: ["chronicle"]),
        .executable(name: "chronicle-bench", targets: ["chronicle-bench"]),
        .executable(name: "chronicle-redact-bench", targets: ["chronicle-redact-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // MARK: C libraries (system library targets; each imported by exactly one wrapper target)
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CISAL", pkgConfig: "libisal", providers: [.apt(["libisal-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

        // MARK: Wrappers over the C libraries
        .target(name: "ChronicleGzip", dependencies: ["CZlib", "CISAL"]),
        .target(name: "ChronicleHTMLSafety", dependencies: ["CLibXML2", "ChronicleByteWords"]),
        .target(name: "ChronicleMarkdown", dependencies: ["CCmarkGFM", "ChronicleHTMLSafety", "ChronicleByteWords"]),
        .target(name: "ChronicleRedact", dependencies: ["ChronicleByteWords"]),
        .target(name: "ChronicleTOML"),
        // The version and the commit `chronicle --version` prints (the commit is written before
        // each build by BuildInfoPlugin).
        .target(name: "ChronicleBuildInfo", plugins: ["BuildInfoPlugin"]),
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),

        // MARK: Core: JSON, model, transports and adapters' contracts, errors
        .target(name: "ChronicleByteWords"),
        .target(name: "ChronicleJSON", dependencies: ["ChronicleByteWords"]),
        .target(name: "ChronicleCore", dependencies: [
            "ChronicleJSON",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "ChronicleArtifacts", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "ChronicleBag", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // MARK: Transports and platform adapters
        .target(name: "ChronicleTransport", dependencies: [
            "ChronicleCore", "ChronicleJSON",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
        ]),
        .target(name: "ChroniclePlatforms", dependencies: [
            "ChronicleCore", "ChronicleJSON", "ChronicleArtifacts",
        ]),

        // MARK: Renderers and the export pipeline
        .target(name: "ChronicleRender", dependencies: [
            "ChronicleCore", "ChronicleBag", "ChronicleJSON", "ChronicleGzip", "ChronicleHTMLSafety", "ChronicleMarkdown", "ChronicleRedact", "ChronicleByteWords",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "ChronicleExport", dependencies: [
            "ChronicleCore", "ChronicleJSON", "ChronicleArtifacts", "ChronicleBag",
            "ChronicleRender", "ChronicleGzip", "ChroniclePlatforms", "ChronicleTransport", "ChronicleRedact",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // MARK: Nightly operation: the state store (SQLite behind the StateStore protocol) and the TOML configuration
        .target(name: "ChronicleStateSQLite", dependencies: [
            "ChronicleCore", "ChronicleExport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "ChronicleConfig", dependencies: [
            "ChronicleCore",
            "ChronicleTOML",
        ]),

        // MARK: Object storage: SigV4 signing and an S3-compatible store behind a protocol; the bag upload
        .target(name: "ChronicleS3", dependencies: [
            "ChronicleCore",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .target(name: "ChronicleUpload", dependencies: [
            "ChronicleS3", "ChronicleBag", "ChronicleExport", "ChronicleCore",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // MARK: Command line
        .target(name: "ChronicleCommands", dependencies: [
            "ChronicleCore", "ChronicleExport", "ChronicleBag", "ChronicleGzip", "ChronicleJSON",
            "ChronicleTransport", "ChroniclePlatforms", "ChronicleStateSQLite", "ChronicleConfig", "ChronicleRender", "ChronicleRedact",
            "ChronicleBuildInfo", "ChronicleS3", "ChronicleUpload",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // MARK: A loopback server playing each platform from generated data, with faults
        .target(name: "ChronicleTestServer", dependencies: [
            "ChronicleCore", "ChronicleJSON",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        .executableTarget(name: "chronicle-test-server", dependencies: [
            "ChronicleTestServer", "ChronicleCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "chronicle", dependencies: [
            "ChronicleCommands",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // A toml-test decoder over ChronicleTOML, for scripts/toml-test-run.
        .executableTarget(name: "chronicle-toml-decoder", dependencies: ["ChronicleTOML", "ChronicleJSON"]),
        .executableTarget(name: "chronicle-bench", dependencies: [
            "ChronicleCore", "ChronicleTransport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .executableTarget(name: "chronicle-redact-bench", dependencies: ["ChronicleRedact"]),
        // Hostile inputs at 1, 4 and 16 MB: time and memory must grow linearly (docs/pathological.md).
        .executableTarget(name: "chronicle-pathological-bench", dependencies: [
            "ChronicleRedact", "ChronicleMarkdown", "ChronicleBag", "ChronicleJSON",
        ]),

        // MARK: Tests
        .target(name: "ChronicleTestSupport", dependencies: [
            "ChronicleCommands", "ChronicleGzip", "ChronicleJSON", "ChronicleTestServer",
        ], path: "Tests/ChronicleTestSupport"),
        .testTarget(name: "ChronicleRedactTests", dependencies: ["ChronicleRedact"]),
        .testTarget(name: "ChronicleTOMLTests", dependencies: ["ChronicleTOML"]),
        .testTarget(name: "ChronicleConfigTests", dependencies: ["ChronicleConfig", "ChronicleTOML"]),
        .testTarget(name: "ChronicleJSONTests", dependencies: ["ChronicleJSON", "ChronicleByteWords", "ChronicleTestSupport"]),
        .testTarget(name: "ChronicleGzipTests", dependencies: ["ChronicleGzip", "ChronicleTestSupport"]),
        .testTarget(name: "ChronicleArtifactsTests", dependencies: ["ChronicleArtifacts", "ChronicleTestSupport"]),
        .testTarget(name: "ChronicleBagTests", dependencies: ["ChronicleBag", "ChronicleTestSupport"]),
        .testTarget(name: "ChronicleHTMLSafetyTests", dependencies: ["ChronicleHTMLSafety", "ChronicleTestSupport"]),
        .testTarget(name: "ChronicleCoreTests", dependencies: ["ChronicleCore", "ChronicleJSON"]),
        .testTarget(name: "ChroniclePlatformsTests", dependencies: [
            "ChroniclePlatforms", "ChronicleCore", "ChronicleJSON", "ChronicleTransport", "ChronicleArtifacts",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "ChronicleAdaptersBTests", dependencies: [
            "ChroniclePlatforms", "ChronicleCore", "ChronicleJSON", "ChronicleTransport",
        ]),
        .testTarget(name: "ChronicleTransportTests", dependencies: [
            "ChronicleTestSupport",
            "ChronicleTransport", "ChronicleCore", "ChronicleJSON", "ChroniclePlatforms", "ChronicleCommands", "ChronicleGzip",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .testTarget(name: "ChronicleUsageTests", dependencies: [
            "ChronicleCore", "ChronicleRender", "ChronicleExport", "ChronicleCommands", "ChroniclePlatforms",
            "ChronicleTransport", "ChronicleJSON", "ChronicleTestSupport",
        ], exclude: ["Golden", "Scripts"]),
        .testTarget(name: "ChronicleEndToEndTests", dependencies: [
            "ChronicleTestSupport",
            "ChronicleCommands", "ChronicleExport", "ChronicleBag", "ChronicleGzip", "ChronicleJSON",
            "ChronicleCore", "ChronicleTransport", "ChroniclePlatforms", "ChronicleRender",
            "ChronicleStateSQLite", "ChronicleConfig",
        ]),
        .testTarget(name: "ChronicleRenderTests", dependencies: [
            "ChronicleTestSupport",
            "ChronicleRender", "ChronicleMarkdown", "ChronicleRedact", "ChronicleHTMLSafety", "ChronicleCore", "ChronicleJSON",
            "ChronicleCommands", "ChronicleExport", "ChronicleTransport", "ChronicleBag",
        ], exclude: ["Golden"]),
        .testTarget(name: "ChroniclePackagingTests", dependencies: [
            "ChronicleTestSupport", "ChronicleBuildInfo", "ChronicleConfig",
        ]),
        .testTarget(name: "ChronicleS3Tests", dependencies: ["ChronicleS3", "ChronicleCore"]),
        .testTarget(name: "ChronicleUploadTests", dependencies: [
            "ChronicleTestSupport", "ChronicleS3", "ChronicleUpload", "ChronicleCommands", "ChronicleCore", "ChronicleBag", "ChronicleStateSQLite",
        ]),
        .testTarget(name: "ChroniclePlatformServerTests", dependencies: [
            "ChronicleTestSupport",
            "ChronicleTestServer", "ChronicleCommands", "ChronicleCore", "ChronicleJSON", "ChronicleGzip",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
    ]
)

// MARK: Fuzz targets: libFuzzer executables, in the package graph only when CHRONICLE_FUZZ=1 (the
// normal build and the tests never see them). Built and run by scripts/fuzz; see Fuzz/README.md.
if Context.environment["CHRONICLE_FUZZ"] == "1" {
    func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
        .executableTarget(name: name, dependencies: ["ChronicleFuzzSupport"] + dependencies, path: "Fuzz/\(name)")
    }
    package.targets += [
        .target(name: "ChronicleFuzzDriver", path: "Fuzz/Driver"),
        .target(name: "ChronicleFuzzSupport", dependencies: ["ChronicleFuzzDriver"], path: "Fuzz/Support"),
        fuzzTarget("FuzzJSONSplitter", ["ChronicleJSON"]),
        fuzzTarget("FuzzJSONParser", ["ChronicleJSON"]),
        fuzzTarget("FuzzBase64", ["ChronicleArtifacts"]),
        fuzzTarget("FuzzGzip", ["ChronicleGzip", "CZlib"]),
        // Compiles Sources/ChronicleTransport/ReplayLayout.swift itself (a symbolic link), so it
        // needs ChronicleCore and Crypto but not the HTTP client.
        fuzzTarget("FuzzReplayLayout", ["ChronicleCore", .product(name: "Crypto", package: "swift-crypto")]),
        // Compiles ChronicleBag's internal ManifestFile.swift and HexEncoding.swift (symbolic links).
        fuzzTarget("FuzzManifest", []),
        fuzzTarget("FuzzMarkdown", ["ChronicleMarkdown", "ChronicleHTMLSafety"]),
        fuzzTarget("FuzzRedact", ["ChronicleRedact"]),
    ]
}

for target in package.targets where target.type != .system && target.type != .plugin {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
