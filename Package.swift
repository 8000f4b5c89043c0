// swift-tools-version: 6.1
import PackageDescription

// Release start-up of both executables (issue 14), measured with perf and LD_DEBUG=statistics:
// - a position-dependent executable: the loader no longer applies ~108,000 relative
//   relocations, nor takes their copy-on-write page faults (831 → 507 a run);
// - no -export-dynamic (the static stdlib's default): 26,000 fewer dynamic symbols for the
//   loader and for dladdr to search through.
// Debug builds stay as SwiftPM makes them.
let releaseStartUp: [LinkerSetting] = [
    .unsafeFlags(
        ["-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic"],
        .when(configuration: .release))
]

let package = Package(
    name: "lwkdconv",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lwkdconv", targets: ["lwkdconv"]),
        .executable(name: "lwkdconv-net", targets: ["lwkdconv-net"]),
        .library(name: "LwkdModel", targets: ["LwkdModel"]),
        .library(name: "LwkdReaders", targets: ["LwkdReaders"]),
        .library(name: "LwkdWriters", targets: ["LwkdWriters"]),
    ],
    dependencies: [
        // Command line parsing, help and shell completions for the CLI.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // YAML front matter: libyaml-based, keeps key order and scalar styles.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // EPUB packaging: zip with per-entry compression and fixed timestamps.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // `send`: the SMTP client's sockets and event loops (only LwkdSend imports NIO).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        // `send`: STARTTLS and implicit TLS with certificate verification (vendored BoringSSL).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Logic-less theme templates (Mustache) for the writers.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // SHA-256 (Message-IDs, MIME boundaries) and SHA-1 (EPUB name-based UUIDs).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // `send --buttondown`: HTTPS to Buttondown's API over the NIO stack `send` already has.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // System libraries: cmark-gfm (+ extensions) and libxml2, found through pkg-config.
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        .target(name: "LwkdModel"),
        // RFC 5322 mail primitives: addresses, Message-IDs, header encoding; used by the eml
        // writer and by `send`, which must not depend on each other.
        .target(
            name: "LwkdMail",
            dependencies: [
                "LwkdModel", .product(name: "Crypto", package: "swift-crypto"),
                // DKIM's RSA signatures (rsa-sha256).
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]),
        .target(name: "LwkdXML", dependencies: ["CLibXML2"]),
        .target(
            name: "LwkdReaders",
            dependencies: ["LwkdModel", "CCmarkGFM", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "LwkdThemes",
            dependencies: ["LwkdModel", .product(name: "Mustache", package: "swift-mustache")]),
        .target(
            name: "LwkdWriters",
            dependencies: [
                "LwkdModel", "LwkdXML", "LwkdThemes", "LwkdMail", "CCmarkGFM",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // `check`: the rules that catch, before publishing, what editors fix by hand.
        .target(
            name: "LwkdCheck",
            dependencies: [
                "LwkdModel", "LwkdReaders", .product(name: "Yams", package: "Yams"),
            ]),
        .target(
            name: "LwkdSend",
            dependencies: [
                "LwkdMail", "LwkdModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // `send --buttondown`: Buttondown's REST API over async-http-client (SwiftNIO, NIOSSL),
        // not URLSession: FoundationNetworking would make every conversion load libcurl and its
        // two dozen shared libraries at start-up (measured: `--version` 3.6 → 11 ms).
        .target(
            name: "LwkdButtondown",
            dependencies: [.product(name: "AsyncHTTPClient", package: "async-http-client")]),
        // `preview`: the live page's HTTP server (SwiftNIO's HTTP/1.1: no package beyond the
        // NIO that `send` has already) and file watching; no conversion imports it.
        .target(
            name: "LwkdPreview",
            dependencies: [
                "LwkdXML", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // Every command but `send` and `preview`, which it hands to `lwkdconv-net`: no module
        // here imports SwiftNIO, NIOSSL or the HTTP client (issue 14).
        .target(
            name: "LwkdCLI",
            dependencies: [
                "LwkdModel", "LwkdReaders", "LwkdWriters", "LwkdThemes", "LwkdMail",
                "LwkdCheck", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // `send` (SMTP, sendmail, Buttondown) and `preview` (its HTTP server) over LwkdCLI.
        .target(
            name: "LwkdNetCLI",
            dependencies: [
                "LwkdCLI", "LwkdModel", "LwkdWriters", "LwkdThemes", "LwkdMail", "LwkdCheck",
                "LwkdSend", "LwkdButtondown", "LwkdPreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // ICU's data, reduced to what an English Foundation needs, for lwkdconv alone
        // (Sources/LwkdICUData/icudata.c; `make release` makes it).
        .target(name: "LwkdICUData"),
        .executableTarget(
            name: "lwkdconv", dependencies: ["LwkdCLI", "LwkdICUData"],
            linkerSettings: releaseStartUp),
        // `send` and `preview`, run by `lwkdconv` git-style (Sources/LwkdCLI/HandOff.swift).
        .executableTarget(
            name: "lwkdconv-net", dependencies: ["LwkdNetCLI"], linkerSettings: releaseStartUp),
        .executableTarget(
            name: "lwkdbench", dependencies: ["LwkdModel", "LwkdReaders", "LwkdWriters"],
            path: "Sources/LwkdBench"),
        // Fuzz targets (issue 15): the property checks, and libFuzzer's entry point for them
        // (`make fuzz`; an ordinary build makes a stub that says so).
        .target(
            name: "LwkdFuzzChecks",
            dependencies: [
                "LwkdModel", "LwkdReaders", "LwkdWriters", "LwkdXML", "LwkdSend", "LwkdThemes",
                "LwkdCheck",
            ]),
        .executableTarget(
            name: "lwkdfuzz", dependencies: ["LwkdFuzzChecks"], path: "Sources/LwkdFuzz",
            exclude: ["Dictionaries"]),
        .target(
            name: "LwkdTestSupport",
            dependencies: ["LwkdModel", "LwkdReaders", "LwkdWriters"]),

        .testTarget(name: "LwkdModelTests", dependencies: ["LwkdModel", "LwkdTestSupport"]),
        .testTarget(name: "LwkdXMLTests", dependencies: ["LwkdXML"]),
        .testTarget(
            name: "LwkdReadersTests", dependencies: ["LwkdReaders", "LwkdTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "LwkdWritersTests",
            dependencies: [
                "LwkdWriters", "LwkdReaders", "LwkdTestSupport", "LwkdXML", "LwkdMail",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "LwkdThemesTests", dependencies: ["LwkdThemes", "LwkdTestSupport"]),
        .testTarget(
            name: "LwkdCLITests",
            dependencies: [
                "LwkdCLI", "LwkdNetCLI", "LwkdCheck", "LwkdTestSupport", "LwkdXML",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["Commands"]),
        .testTarget(
            name: "LwkdSendTests", dependencies: ["LwkdSend", "LwkdMail", "LwkdTestSupport"],
            exclude: ["Support"]),
        .testTarget(
            name: "LwkdCheckTests",
            dependencies: ["LwkdCheck", "LwkdReaders", "LwkdModel", "LwkdTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "LwkdMailTests",
            dependencies: ["LwkdMail", "LwkdModel", "LwkdWriters", "LwkdSend"]),
        .testTarget(
            name: "FuzzRegressionTests", dependencies: ["LwkdFuzzChecks"],
            exclude: ["Regressions"]),
        .testTarget(
            name: "LwkdPreviewTests", dependencies: ["LwkdPreview", "LwkdTestSupport"]),
        .testTarget(
            name: "RoundTripTests",
            dependencies: ["LwkdReaders", "LwkdWriters", "LwkdTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
