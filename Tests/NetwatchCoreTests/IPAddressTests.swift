import XCTest
@testable import NetwatchCore

final class IPAddressTests: XCTestCase {
    func testFormatsLikeSS() {
        let cases = ["127.0.0.1", "0.0.0.0", "::1", "::", "fe80::1:2", "2001:db8::8:800:200c:417a", "::ffff:127.0.0.1",
                     "1:0:0:2::3", "2001:db8:0:1:1:1:1:1"]
        for text in cases {
            XCTAssertEqual(IPAddress(text)?.description, text)
        }
        XCTAssertEqual(IPAddress("2001:0db8:0000:0000:0000:0000:0000:0001")?.description, "2001:db8::1")
    }

    func testRejectsGarbage() {
        for text in ["", "1.2.3", "256.1.1.1", "1.2.3.4.5", "::1::", ":::1", "1:::2", "12345::", "g::1", "1:2:3:4:5:6:7:8:9"] {
            XCTAssertNil(IPAddress(text), text)
        }
    }

    func testProcWordsMatchNetworkBytes() {
        // /proc/net/tcp prints 127.0.0.1 as 0100007F: the network-order bytes read as a host word.
        let fromProc = IPAddress(family: .ipv4, words: 0x0100007F)
        XCTAssertEqual(fromProc, IPAddress("127.0.0.1"))
        XCTAssertEqual(IPAddress(family: .ipv6, words: 0, 0, 0, 0x01000000), IPAddress("::1"))
    }

    func testLoopback() {
        XCTAssertTrue(IPAddress("127.0.0.2")!.isLoopback)
        XCTAssertTrue(IPAddress("::1")!.isLoopback)
        XCTAssertTrue(IPAddress("::ffff:127.0.0.1")!.isLoopback)
        XCTAssertFalse(IPAddress("10.0.0.5")!.isLoopback)
        XCTAssertFalse(IPAddress("::2")!.isLoopback)
    }
}
