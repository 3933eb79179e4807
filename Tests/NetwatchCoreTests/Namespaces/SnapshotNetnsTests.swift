import NetwatchCore
import TestSupport
import XCTest

/// A snapshot of another namespace carries it as `netns`, and a replay reads it back.
final class SnapshotNetnsTests: XCTestCase {
    func testNetnsRoundTripsAndIsAbsentForTheOwnNamespace() throws {
        var snapshot = SnapshotFixtures.storm()
        XCTAssertFalse(SnapshotEncoder.encode(snapshot).serialized().contains("\"netns\""))
        snapshot.namespace = Netns(inode: 4_026_532_177, name: "pod web-7f9c", namedBy: .pod, pid: 4_100, mountPath: nil, processCount: 3)
        let text = SnapshotEncoder.encode(snapshot).serialized()
        XCTAssertTrue(text.contains(#""netns":{"inode":4026532177,"name":"pod web-7f9c","named_by":"pod","pid":4100,"mount":null,"processes":3}"#), text)
        XCTAssertEqual(try SnapshotDecoder.decode(text).namespace, snapshot.namespace)
    }

    func testUnknownNamingIsRefusedWithItsPath() throws {
        var snapshot = SnapshotFixtures.idle()
        snapshot.namespace = Netns(inode: 7, name: "x", namedBy: .host, pid: 1)
        let text = SnapshotEncoder.encode(snapshot).serialized().replacingOccurrences(of: #""named_by":"host""#, with: #""named_by":"guess""#)
        XCTAssertThrowsError(try SnapshotDecoder.decode(text)) { error in
            XCTAssertEqual("\(error)", "\(SnapshotDecodeError.invalidField(path: "netns.named_by", reason: "unknown naming \"guess\""))")
        }
    }
}
