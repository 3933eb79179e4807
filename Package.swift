// swift-tools-version:6.0
import PackageDescription

// Release objects of netwatch's own modules keep each function in its own section, so the
// linker's --gc-sections (SwiftPM's default for release) drops those nothing calls (issue 17).
let ownModuleSettings: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-function-sections"], .when(configuration: .release))]

let package = Package(
    name: "netwatch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "netwatch", targets: ["netwatch"]),
        .executable(name: "netwatch-load", targets: ["netwatch-load"]),
    ],
    dependencies: [
        // The command line of netwatch-load only (netwatch has its own: NetwatchCommandLine).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // HTTP/1.1 serving for `netwatch serve` (only NIOCore, NIOPosix and NIOHTTP1 are built).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    ],
    targets: [
        // The kernel's netlink / sock_diag / inet_diag headers and their NLMSG_* macros.
        .target(name: "CNetlink"),
        // Pure Swift: models, parsers that take text, aggregation, analysis, JSON. No I/O.
        .target(name: "NetwatchCore", swiftSettings: ownModuleSettings),
        // Linux I/O: ProcRoot reads, sock_diag client, process scanning, the collector.
        .target(name: "NetwatchLinux", dependencies: ["NetwatchCore", "CNetlink"], swiftSettings: ownModuleSettings),
        // Loopback load generator used by tests, benchmarks and the demo.
        .target(name: "NetwatchLoad", dependencies: ["NetwatchCore"], swiftSettings: ownModuleSettings),
        // Measures what the history costs on a synthetic clock (scripts/bench-history.sh), a
        // snapshot from recorded sock_diag replies at scale (scripts/bench-scale.sh), and the
        // socket walk with and without tcp_info (scripts/bench-health.sh).
        .executableTarget(name: "netwatch-bench", dependencies: ["NetwatchCore", "NetwatchLinux"]),
        // ncursesw with a shim for the macros Swift cannot import; only NetwatchCurses uses it.
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        // libbpf and the layout of netwatch's BPF maps; only NetwatchBPF uses it.
        .systemLibrary(name: "CLibbpf", providers: [.apt(["libbpf-dev"])]),
        // Loads bpf/connectors.bpf.c (compiled by the BPFObject plugin, embedded), attaches it and
        // reads its maps into NetwatchCore values: the only code that touches libbpf.
        .target(name: "NetwatchBPF", dependencies: ["NetwatchCore", "CLibbpf"], swiftSettings: ownModuleSettings,
                plugins: ["BPFObject"]),
        // Compiles the BPF program with the toolchain's clang into a Swift constant.
        .plugin(name: "BPFObject", capability: .buildTool()),
        // Panes, layout, themes, key handling and the ScreenBuffer; knows nothing of curses.
        .target(name: "NetwatchUI", dependencies: ["NetwatchCore"], swiftSettings: ownModuleSettings),
        // The curses backend: copies a ScreenBuffer to the terminal and reads keys.
        .target(name: "NetwatchCurses", dependencies: ["NetwatchUI", "CNcurses"], swiftSettings: ownModuleSettings),
        // netwatch's command line, pure: each command's options described once, and from that the
        // parser, --help, the completion scripts and --experimental-dump-help.
        .target(name: "NetwatchCommandLine", dependencies: ["NetwatchCore"], swiftSettings: ownModuleSettings),
        // Prometheus exposition of a Snapshot (pure) and the HTTP exporter serving it over SwiftNIO.
        .target(
            name: "NetwatchExporter",
            dependencies: [
                "NetwatchCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: ownModuleSettings
        ),
        .executableTarget(
            name: "netwatch",
            dependencies: [
                "NetwatchCore", "NetwatchLinux", "NetwatchBPF", "NetwatchUI", "NetwatchCurses", "NetwatchLoad",
                "NetwatchExporter", "NetwatchCommandLine",
            ],
            swiftSettings: ownModuleSettings,
            // The release build links the Swift runtime in (no Swift toolchain on the hosts it is
            // copied to): `make install` and the Quick start's `swift run -c release` build the same
            // binary from the same objects (`--static-swift-stdlib` would compile them all again).
            // Of FoundationEssentials only `Date` is linked (docs/PERFORMANCE.md). Linked by lld
            // with packed relative relocations (DT_RELR: 1.3 MB less, needs glibc 2.36) and without
            // exporting the executable's symbols (1.5 MB less; crash reports never used them):
            // docs/PERFORMANCE.md, "The installed binary".
            linkerSettings: [.unsafeFlags(["-static-stdlib",
                                           "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                                           "-Xlinker", "--no-export-dynamic"],
                                          .when(configuration: .release))],
            plugins: ["GitRevision"]
        ),
        // Records the git revision for `netwatch --version` before every build.
        .plugin(name: "GitRevision", capability: .buildTool()),
        .executableTarget(
            name: "netwatch-load",
            dependencies: [
                "NetwatchLoad",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer targets over every parser and the decode → advice → render chain
        // (scripts/fuzz/run.sh builds them with -sanitize=fuzzer,address).
        .target(name: "NetwatchFuzz", dependencies: ["NetwatchCore", "NetwatchLinux", "NetwatchBPF", "NetwatchUI"]),
        .target(name: "TestSupport", dependencies: ["NetwatchCore"], path: "Tests/TestSupport"),
        .testTarget(name: "NetwatchCoreTests", dependencies: ["NetwatchCore", "TestSupport"]),
        .testTarget(name: "NetwatchCommandLineTests", dependencies: ["NetwatchCommandLine"]),
        .testTarget(name: "NetwatchLinuxTests", dependencies: ["NetwatchLinux", "NetwatchCore", "TestSupport"]),
        .testTarget(name: "NetwatchBPFTests", dependencies: ["NetwatchBPF", "NetwatchCore", "NetwatchLinux", "CLibbpf", "TestSupport"]),
        .testTarget(name: "NetwatchUITests", dependencies: ["NetwatchUI", "NetwatchCore", "TestSupport"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "NetwatchExporterTests",
                    dependencies: ["NetwatchExporter", "NetwatchCore", "TestSupport",
                                   .product(name: "NIOEmbedded", package: "swift-nio")]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["NetwatchCore", "NetwatchLoad", "NetwatchFuzz", "TestSupport", "netwatch", "netwatch-load"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
