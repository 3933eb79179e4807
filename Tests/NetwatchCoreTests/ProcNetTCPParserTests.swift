import XCTest
@testable import NetwatchCore

final class ProcNetTCPParserTests: XCTestCase {
    static let header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"

    func parseAll(_ text: String, _ family: AddressFamily = .ipv4, filter: PortSet? = nil) -> ([SocketRecord], ProcNetTCPParser.Outcome) {
        var records = [SocketRecord]()
        let outcome = ProcNetTCPParser.parse(text, family: family, filter: filter) { records.append($0) }
        return (records, outcome)
    }

    func testListenerRowGivesAddressPortQueueAndInode() throws {
        let text = Self.header + "   0: 0100007F:1B58 00000000:0000 0A 00000000:00000005 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0\n"
        let (records, outcome) = parseAll(text)
        XCTAssertEqual(outcome, { var o = ProcNetTCPParser.Outcome(); o.parsed = 1; return o }())
        let r = try XCTUnwrap(records.first)
        XCTAssertEqual(r.state, .listen)
        XCTAssertEqual(r.localAddress.description, "127.0.0.1")
        XCTAssertEqual(r.localPort, 7000)
        XCTAssertEqual(r.remoteAddress.description, "0.0.0.0")
        XCTAssertEqual(r.rxQueue, 5)
        XCTAssertEqual(r.inode, 12345)
    }

    func testTimeWaitRowWithTwelveFieldsKeepsExpiryInMilliseconds() throws {
        // tm->when 00001594 ticks of 1/100 s = 55.24 s.
        let text = Self.header + "   7: 0200007F:9C41 0100007F:1B59 06 00000000:00000000 03:00001594 00000000     0        0 0 3 0000000000000000\n"
        let (records, outcome) = parseAll(text)
        XCTAssertEqual(outcome.parsed, 1)
        let r = try XCTUnwrap(records.first)
        XCTAssertEqual(r.state, .timeWait)
        XCTAssertEqual(r.localAddress.description, "127.0.0.2")
        XCTAssertEqual(r.localPort, 0x9C41)
        XCTAssertEqual(r.remotePort, 7001)
        XCTAssertEqual(r.timer, 3)
        XCTAssertEqual(r.expiresMs, 55_240)
        XCTAssertEqual(r.inode, 0)
    }

    func testIPv6RowsIncludingMappedAddresses() throws {
        let text = """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000001000000:1B5B 00000000000000000000000001000000:D431 01 00000000:00000000 00:00000000 00000000  1000        0 777 1 0000000000000000 20 4 30 10 -1
           1: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000200007F:A000 08 00000001:00000000 00:00000000 00000000     0        0 778 1 0000000000000000 20 4 30 10 -1

        """
        let (records, outcome) = parseAll(text, .ipv6)
        XCTAssertEqual(outcome.parsed, 2)
        XCTAssertEqual(outcome.skipped, 0)
        XCTAssertEqual(records.map { $0.localAddress.description }, ["::1", "::ffff:127.0.0.1"])
        XCTAssertEqual(records.map { $0.remoteAddress.description }, ["::1", "::ffff:127.0.0.2"])
        XCTAssertEqual(records.map(\.state), [.established, .closeWait])
        XCTAssertEqual(records[0].uid, 1000)
        XCTAssertEqual(records[1].txQueue, 1)
    }

    func testMalformedLinesAreSkippedCountedAndQuoted() {
        let good = "   0: 0100007F:1B58 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n"
        let text = Self.header + good
            + "   1: 0100007F:1B58 00000000:0000 ZZ 00000000:00000000 00:00000000 00000000     0        0 2\n"
            + "   2: 0100007F 00000000:0000 01 00000000:00000000 00:00000000 00000000     0        0 3\n"
            + "   3: 0100007F:1B58 00000000:0000 01 00000000:00000000\n"
            + "   4: 0100007F:1B58 00000000:0000 0F 00000000:00000000 00:00000000 00000000     0        0 4\n"
            + good
        let (records, outcome) = parseAll(text)
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(outcome.parsed, 2)
        XCTAssertEqual(outcome.skipped, 4)
        XCTAssertEqual(outcome.firstSkipped, "   1: 0100007F:1B58 00000000:0000 ZZ 00000000:00000000 00:00000000 00000000     0        0 2")
    }

    func testIPv6WidthInTheIPv4FileIsMalformed() {
        let text = "   0: 00000000000000000000000001000000:1B5B 00000000000000000000000001000000:D431 01 00000000:00000000 00:00000000 00000000 0 0 1\n"
        XCTAssertEqual(parseAll(text, .ipv4).1.skipped, 1)
    }

    func testNewSynRecvCodeTwelveIsFoldedIntoSynRecv() throws {
        let text = "   0: 0100007F:1B58 0100007F:C000 0C 00000000:00000000 02:00000064 00000000     0        0 0\n"
        XCTAssertEqual(try XCTUnwrap(parseAll(text).0.first).state, .synRecv)
    }

    func testFilterKeepsSocketsWhoseLocalOrRemotePortMatches() throws {
        let text = Self.header
            + "   0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1\n"   // local 80
            + "   1: 0100007F:C000 0100007F:0050 01 00000000:00000000 00:00000000 00000000     0        0 2\n"   // remote 80
            + "   2: 0100007F:C001 0100007F:01BB 01 00000000:00000000 00:00000000 00000000     0        0 3\n"   // 443
        let (records, outcome) = parseAll(text, filter: try PortSet.parse("80"))
        XCTAssertEqual(records.map(\.inode), [1, 2])
        XCTAssertEqual(outcome.parsed, 3)
    }

    func testEmptyAndHeaderOnlyFilesParseToNothing() {
        XCTAssertEqual(parseAll("").1.parsed, 0)
        XCTAssertEqual(parseAll(Self.header).1, ProcNetTCPParser.Outcome())
    }
}
