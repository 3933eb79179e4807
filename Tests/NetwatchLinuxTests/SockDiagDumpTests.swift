import Glibc
import NetwatchCore
import XCTest
@testable import NetwatchLinux

/// Dumps of this test process's own loopback sockets (narrowed to their ports in the kernel):
/// both families in one dump, as the dashboard's walks after the first ask, give exactly what the
/// two dumps by family give.
final class SockDiagDumpTests: XCTestCase {
    private var descriptors: [Int32] = []

    override func tearDown() {
        for descriptor in descriptors { close(descriptor) }
        descriptors = []
    }

    func testOneDumpOfBothFamiliesGivesWhatTheDumpsByFamilyGive() throws {
        let filter = PortSet(ranges: [listener(ipv6: false, connections: 2), listener(ipv6: true, connections: 3)].map { $0...$0 })
        let client = SockDiagClient()
        var byFamily = [AddressFamily: StateCounts]()
        for family in AddressFamily.allCases {
            _ = try client.dump(family: family, filter: filter) { byFamily[$0.family, default: StateCounts()].add($0.state) }
        }
        var both = [AddressFamily: StateCounts]()
        let result = try client.dump(family: nil, filter: filter) { both[$0.family, default: StateCounts()].add($0.state) }
        XCTAssertEqual(result.records, 12)
        XCTAssertEqual(both, byFamily)
        XCTAssertEqual(both[.ipv4], StateCounts([.listen: 1, .established: 4]))
        XCTAssertEqual(both[.ipv6], StateCounts([.listen: 1, .established: 6]))
    }

    func testTheRequestForBothFamiliesIsTheOlderFormWithAnUnspecifiedFamily() throws {
        let request = SockDiagClient.request(family: nil, states: SockDiagClient.allStates, filter: nil)
        XCTAssertEqual(request.count, 76)
        XCTAssertEqual(Array(request[0..<6]), [76, 0, 0, 0, 18, 0], "nlmsg_len, TCPDIAG_GETSOCK")
        XCTAssertEqual(request[16], 0, "idiag_family AF_UNSPEC")
        XCTAssertEqual(Array(request[68..<72]), [0xFE, 0x1F, 0, 0], "idiag_states")
        let filtered = SockDiagClient.request(family: nil, states: SockDiagClient.allStates, filter: try PortSet.parse("80"))
        XCTAssertEqual(Array(filtered[0..<4]), [116, 0, 0, 0], "nlmsg_len covers the attribute")
        XCTAssertEqual(Array(filtered[76..<80]), [40, 0, 1, 0], "nla_len 40, INET_DIAG_REQ_BYTECODE")
    }

    /// The walks after the first take both families in the older request form: it must ask for
    /// tcp_info too (idiag_ext, byte 19), or connection health would vanish after one walk.
    func testOneDumpOfBothFamiliesCarriesTcpInfoWhenAskedFor() throws {
        let request = SockDiagClient.request(family: nil, states: SockDiagClient.allStates, filter: nil, info: true)
        XCTAssertEqual(request[19], 2, "idiag_ext: INET_DIAG_INFO's bit")
        XCTAssertEqual(SockDiagClient.request(family: nil, states: SockDiagClient.allStates, filter: nil)[19], 0)
        let filter = PortSet(ranges: [listener(ipv6: false, connections: 2), listener(ipv6: true, connections: 3)].map { $0...$0 })
        var established = 0, withInfo = 0
        _ = try SockDiagClient().dump(family: nil, filter: filter, info: true) { socket in
            guard socket.state == .established else { return }
            established += 1
            if socket.info != nil { withInfo += 1 }
        }
        XCTAssertEqual(established, 10)
        XCTAssertEqual(withInfo, 10)
    }

    func testTheCollectorsLaterWalksCountWhatItsFirstCounted() throws {
        let filter = PortSet(ranges: [listener(ipv6: false, connections: 2), listener(ipv6: true, connections: 3)].map { $0...$0 })
        let collector = Collector(root: ProcRoot(), useNetlink: true)
        var request = CollectRequest(filter: filter, processes: false, owners: false)
        request.connectionHealth = false   // idle times move between walks; the counts must not
        let first = collector.collect(request)
        let second = collector.collect(request)
        XCTAssertEqual(first.table?.ipv4, StateCounts([.listen: 1, .established: 4]))
        XCTAssertEqual(first.table?.ipv6, StateCounts([.listen: 1, .established: 6]))
        XCTAssertEqual(second.table, first.table)
        XCTAssertEqual(second.listeners.map(\.port).sorted(), first.listeners.map(\.port).sorted())
        XCTAssertEqual(second.listeners.count, 2)
        XCTAssertEqual(second.warnings, first.warnings)
    }

    /// A loopback listener with `count` connections to it, each accepted; returns its port.
    private func listener(ipv6: Bool, connections count: Int) -> UInt16 {
        let family = ipv6 ? AF_INET6 : AF_INET
        let server = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(server, 0)
        descriptors.append(server)
        var address = sockaddr_storage()
        var length: socklen_t
        if ipv6 {
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutableBytes(of: &address) { raw in
                var loopback = sockaddr_in6()
                loopback.sin6_family = sa_family_t(AF_INET6)
                loopback.sin6_addr = in6addr_loopback
                raw.storeBytes(of: loopback, as: sockaddr_in6.self)
            }
        } else {
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutableBytes(of: &address) { raw in
                var loopback = sockaddr_in()
                loopback.sin_family = sa_family_t(AF_INET)
                loopback.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
                raw.storeBytes(of: loopback, as: sockaddr_in.self)
            }
        }
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                XCTAssertEqual(bind(server, address, length), 0, String(cString: strerror(errno)))
                XCTAssertEqual(listen(server, 16), 0)
                XCTAssertEqual(getsockname(server, address, &length), 0)
                for _ in 0..<count {
                    let client = socket(family, Int32(SOCK_STREAM.rawValue), 0)
                    descriptors.append(client)
                    XCTAssertEqual(connect(client, address, length), 0, String(cString: strerror(errno)))
                    let accepted = accept(server, nil, nil)
                    XCTAssertGreaterThanOrEqual(accepted, 0)
                    descriptors.append(accepted)
                }
            }
        }
        // sin_port and sin6_port both follow the 2-byte family, in network order.
        return UInt16(bigEndian: withUnsafeBytes(of: address) { $0.load(fromByteOffset: 2, as: UInt16.self) })
    }
}
