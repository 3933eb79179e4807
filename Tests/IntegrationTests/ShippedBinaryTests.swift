import Foundation
import NetwatchCore
import TestSupport
import XCTest

/// The binary `make install` ships (release, Swift runtime linked in, stripped), installed into a
/// staging root: `.ci/run` runs `make install DESTDIR=STAGE` and sets `NETWATCH_SHIPPED_ROOT` to
/// `STAGE/PREFIX`. Without it these tests skip off CI and fail under CI (`CI=true`).
final class ShippedBinaryTests: XCTestCase {
    /// Issue 17 asks for 15 MB stripped, and this is that ceiling. Without ICU and without the
    /// rest of FoundationEssentials (netwatch's own command line instead of swift-argument-parser;
    /// no `Data`, `FileManager`, `ProcessInfo` or `URL` in what `netwatch` links: only `Date`),
    /// linked by lld with packed relocations, no exported symbols and the unused functions of
    /// netwatch's modules dropped, the binary is 14.49 MB (docs/PERFORMANCE.md, "The installed binary").
    static let strippedSizeLimit = 15_000_000

    /// What the shipped binary loads at run time (`ldd`, without the vDSO and the loader), as
    /// README's Install section lists them.
    static let runTimeLibraries = ["libbpf.so.1", "libc.so.6", "libelf.so.1", "libgcc_s.so.1", "libm.so.6",
                                   "libncursesw.so.6", "libstdc++.so.6", "libtinfo.so.6", "libz.so.1"]

    func shippedBinary() throws -> String {
        guard let root = ProcessInfo.processInfo.environment["NETWATCH_SHIPPED_ROOT"], !root.isEmpty else {
            throw EnvironmentRequirement.unmet("NETWATCH_SHIPPED_ROOT is unset: run `make install DESTDIR=STAGE` and set it to STAGE/PREFIX (.ci/run does)")
        }
        let binary = root + "/bin/netwatch"
        try EnvironmentRequirement.require(FileManager.default.isExecutableFile(atPath: binary), "no installed netwatch at \(binary)")
        return binary
    }

    func testShippedBinaryIsStrippedWithinTheSizeLimitAndNeedsOnlyTheListedLibraries() throws {
        let binary = try shippedBinary()
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: binary)[.size] as? Int)
        let ldd = try ProcessRunner.run(["ldd", binary])
        XCTAssertEqual(ldd.status, 0, ldd.stderr)
        print("shipped binary: \(binary)\nsize: \(size) bytes (\(String(format: "%.1f", Double(size) / 1e6)) MB)\nldd:\n\(ldd.stdout)")

        XCTAssertLessThanOrEqual(size, Self.strippedSizeLimit, "the installed binary grew past its ceiling")
        let sections = try ProcessRunner.run(["readelf", "-S", "-W", binary])
        XCTAssertEqual(sections.status, 0, sections.stderr)
        XCTAssertFalse(sections.stdout.contains(" .symtab "), "installed with its symbol table (not stripped)")
        XCTAssertFalse(sections.stdout.contains(" .debug_info "), "installed with debug information")
        let libraries = ldd.stdout.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first.map { $0.trimmingCharacters(in: .whitespaces) }
        }.filter { !$0.hasPrefix("linux-vdso") && !$0.hasPrefix("/lib64/ld-linux") }.sorted()
        XCTAssertEqual(libraries, Self.runTimeLibraries)
        XCTAssertFalse(ldd.stdout.contains("libswift") || ldd.stdout.contains("Foundation"), "the Swift runtime is not linked in")
    }

    /// The installed binary's `snapshot` in a private namespace where netwatch-load holds a known
    /// population on loopback, checked against that population and against `ss` in the namespace.
    func testShippedSnapshotCountsAKnownNamespacePopulation() throws {
        let binary = try shippedBinary()
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("ship")
        defer { ns.delete() }
        _ = try ns.start([FixturePaths.binary("netwatch-load"), "--time-wait", "300", "--established", "20",
                          "--close-wait", "7", "--hold", "300"], readyPrefix: "READY")
        let result = try ns.run([binary, "snapshot", "--sample", "0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let ss = try ns.ss()
        let snapshot = try SnapshotDecoder.decode(result.stdout)
        XCTAssertEqual(snapshot.collector.source, .netlink)
        let states = try XCTUnwrap(snapshot.states).byState
        XCTAssertEqual(states, ss.byState)
        XCTAssertEqual(ss.byState[.timeWait], 300, "the population is what the generator promised")
        XCTAssertEqual(states[.timeWait], 300)
    }
}
