import XCTest
@testable import NetwatchCore

final class KernelFileParserTests: XCTestCase {
    func testSockstat() throws {
        let text = "sockets: used 146\nTCP: inuse 5 orphan 1 tw 3012 alloc 9 mem 4\nUDP: inuse 2 mem 1\n"
        XCTAssertEqual(try Sockstat.parse(text), Sockstat(inuse: 5, orphan: 1, tw: 3012, alloc: 9, mem: 4))
        XCTAssertEqual(try Sockstat.parseInuse6("TCP6: inuse 7\nUDP6: inuse 1\n"), 7)
    }

    func testSockstatErrorsQuoteTheProblem() {
        XCTAssertThrowsError(try Sockstat.parse("sockets: used 1\n")) { error in
            XCTAssertEqual((error as? ParseError)?.what, "no 'TCP:' line")
        }
        XCTAssertThrowsError(try Sockstat.parse("TCP: inuse x orphan 0\n")) { error in
            XCTAssertEqual("\(error)", "'inuse' is not followed by a number: 'TCP: inuse x orphan 0'")
        }
        XCTAssertThrowsError(try Sockstat.parse("TCP: inuse 1 orphan\n")) { error in
            XCTAssertEqual((error as? ParseError)?.what, "odd number of fields")
        }
    }

    func testCounterTableZipsNamesWithValues() throws {
        let text = """
        Ip: Forwarding DefaultTTL
        Ip: 1 64
        Tcp: RtoAlgorithm RtoMin MaxConn ActiveOpens PassiveOpens
        Tcp: 1 200 -1 123 45
        Udp: InDatagrams
        Udp: 9
        """
        let table = try CounterTable.parse(text, prefix: "Tcp:")
        XCTAssertEqual(table, ["RtoAlgorithm": 1, "RtoMin": 200, "MaxConn": -1, "ActiveOpens": 123, "PassiveOpens": 45])
    }

    func testCounterTableRejectsUnequalLinesAndMissingPrefix() {
        XCTAssertThrowsError(try CounterTable.parse("TcpExt: A B\nTcpExt: 1\n", prefix: "TcpExt:")) { error in
            XCTAssertEqual((error as? ParseError)?.what, "'TcpExt:' has 2 names but 1 values")
        }
        XCTAssertThrowsError(try CounterTable.parse("IpExt: A\nIpExt: 1\n", prefix: "TcpExt:")) { error in
            XCTAssertEqual((error as? ParseError)?.what, "no 'TcpExt:' name/value line pair")
        }
        XCTAssertThrowsError(try CounterTable.parse("Tcp: A\nTcp: z\n", prefix: "Tcp:")) { error in
            XCTAssertEqual((error as? ParseError)?.what, "'Tcp: A' is not a number")
        }
    }

    func testSysctlValues() throws {
        XCTAssertEqual(try SysctlValue.integer("2\n"), 2)
        XCTAssertEqual(try SysctlValue.portRange("32768\t60999\n"), 32768...60999)
        XCTAssertEqual(try SysctlValue.reservedPorts("\n"), [])
        XCTAssertEqual(try SysctlValue.reservedPorts("8080,40000-40009\n"), [8080...8080, 40000...40009])
        let nr = try SysctlValue.fileNr("2336\t0\t9223372036854775807\n")
        XCTAssertEqual(nr.allocated, 2336)
        XCTAssertEqual(nr.max, Int64.max)
    }

    func testSysctlErrors() {
        XCTAssertThrowsError(try SysctlValue.integer("abc\n")) { XCTAssertEqual("\($0)", "not an integer: 'abc\n'") }
        XCTAssertThrowsError(try SysctlValue.portRange("60999 32768\n")) { XCTAssertEqual(($0 as? ParseError)?.what, "not a port range 'LOW HIGH'") }
        XCTAssertThrowsError(try SysctlValue.portRange("0 100\n"))
        XCTAssertThrowsError(try SysctlValue.portRange("100\n"))
        XCTAssertThrowsError(try SysctlValue.reservedPorts("80-\n")) { XCTAssertEqual(($0 as? ParseError)?.what, "not a reserved-port list") }
        XCTAssertThrowsError(try SysctlValue.fileNr("1 0\n")) { XCTAssertEqual(($0 as? ParseError)?.what, "not 'allocated free max'") }
    }

    func testOpenFileLimit() throws {
        let limits = """
        Limit                     Soft Limit           Hard Limit           Units
        Max processes             95697                95697                processes
        Max open files            1024                 524288               files
        Max locked memory         8388608              8388608              bytes
        """
        XCTAssertEqual(try OpenFileLimit.parse(limits), OpenFileLimit(soft: 1024, hard: 524288))
        XCTAssertEqual(try OpenFileLimit.parse("Max open files            unlimited            unlimited            files\n"),
                       OpenFileLimit(soft: nil, hard: nil))
        XCTAssertThrowsError(try OpenFileLimit.parse("Max processes 1 1 processes\n")) {
            XCTAssertEqual(($0 as? ParseError)?.what, "no 'Max open files' line")
        }
        XCTAssertThrowsError(try OpenFileLimit.parse("Max open files  many  1  files\n")) {
            XCTAssertEqual(($0 as? ParseError)?.what, "'Max open files' value is not a number")
        }
    }
}
