import Glibc
import NetwatchCore
import XCTest

/// What a config or theme file must be before it is parsed.
final class SettingsTextTests: XCTestCase {
    func testOnlyARegularFileIsRead() {
        XCTAssertNil(SettingsText.refusal(mode: S_IFREG | 0o644))
        XCTAssertEqual(SettingsText.refusal(mode: S_IFCHR | 0o666), "not a regular file (it is a character device)")
        XCTAssertEqual(SettingsText.refusal(mode: S_IFDIR | 0o755), "not a regular file (it is a directory)")
        XCTAssertEqual(SettingsText.refusal(mode: S_IFIFO | 0o600), "not a regular file (it is a FIFO)")
    }

    /// A reader handing out `chunks` one per call, then the end.
    func reader(_ chunks: [[UInt8]]) -> (UnsafeMutableRawBufferPointer) -> Int {
        var rest = chunks
        return { buffer in
            guard !rest.isEmpty else { return 0 }
            let chunk = rest.removeFirst()
            buffer.copyBytes(from: chunk.prefix(buffer.count))
            return min(chunk.count, buffer.count)
        }
    }

    func testTextIsCollectedAcrossReads() throws {
        XCTAssertEqual(try SettingsText.collect(reader([Array("[advice]\n".utf8), Array("a = 1\n".utf8)])), "[advice]\na = 1\n")
    }

    func testAnEndlessFileStopsAtTheLimit() {
        var calls = 0
        XCTAssertThrowsError(try SettingsText.collect { buffer in
            calls += 1
            buffer.initializeMemory(as: UInt8.self, repeating: 0x61)
            return buffer.count
        }) { error in
            XCTAssertEqual("\(error)", "larger than 1 MiB; a settings file is a few lines of text")
        }
        XCTAssertLessThan(calls, 10)
    }

    func testBytesThatAreNotUTF8TextAreRefused() {
        for bytes: [UInt8] in [[0x23, 0xE9, 0x0A], [0x61, 0x00, 0x62]] {
            XCTAssertThrowsError(try SettingsText.collect(reader([bytes]))) { error in
                XCTAssertEqual("\(error)", "not UTF-8 text")
            }
        }
    }

    func testAFailedReadSaysWhy() {
        XCTAssertThrowsError(try SettingsText.collect { _ in errno = EACCES; return -1 }) { error in
            XCTAssertEqual("\(error)", "Permission denied")
        }
    }
}
