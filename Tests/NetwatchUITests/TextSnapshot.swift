import Foundation
import NetwatchUI
import XCTest

/// Compares a rendered screen with `__Snapshots__/NAME.txt` beside this file. With
/// `NETWATCH_RECORD_SNAPSHOTS=1` in the environment it rewrites the file instead and fails, so a
/// recording is never mistaken for a pass.
func assertTextSnapshot(_ buffer: ScreenBuffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let directory = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let url = directory.appendingPathComponent(name + ".txt")
    let actual = buffer.text().joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["NETWATCH_RECORD_SNAPSHOTS"] == "1" {
        do {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            XCTFail("recorded __Snapshots__/\(name).txt; run again without NETWATCH_RECORD_SNAPSHOTS", file: file, line: line)
        } catch {
            XCTFail("could not record \(url.path): \(error)", file: file, line: line)
        }
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("missing snapshot __Snapshots__/\(name).txt; record it with NETWATCH_RECORD_SNAPSHOTS=1", file: file, line: line)
        return
    }
    guard actual != expected else { return }
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(actualLines.count, expectedLines.count)
    let got = first < actualLines.count ? String(actualLines[first]) : "<end>"
    let want = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
    XCTFail("""
        snapshot \(name) differs at line \(first + 1)
          expected: \(want)
          actual:   \(got)
        whole screen:
        \(actual)
        """, file: file, line: line)
}
