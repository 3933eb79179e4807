import Foundation

/// Netlink replies as scripts/tools/netlink-record.h writes them: frames of `[u32 length, host
/// order][length bytes]`, one per `recv()`. The recorded fixtures' reader for the reply tests.
public enum RecordedFrames {
    /// The frames of a fixture file (a path under Tests/Fixtures).
    public static func read(fixture: String) throws -> [[UInt8]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: FixturePaths.fixture(fixture)))
        var frames = [[UInt8]]()
        var offset = 0
        while offset + 4 <= data.count {
            let length = data[offset..<offset + 4].withUnsafeBytes { Int($0.loadUnaligned(as: UInt32.self)) }
            frames.append(Array(data[(offset + 4)..<(offset + 4 + length)]))
            offset += 4 + length
        }
        return frames
    }
}
