import Foundation
import Glibc

/// A blocking HTTP/1.1 client over one loopback TCP connection, for driving the exporter in
/// tests byte by byte (partial headers, many connections open at once). Reads until the server
/// closes, so requests say `Connection: close` unless a test wants otherwise.
final class LoopbackHTTPClient {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw ClientError(message: "connect 127.0.0.1:\(port): errno \(errno)") }
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
            sent += n
        }
    }

    /// Everything the server sends until it closes the connection.
    func readToEnd() -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// One `Connection: close` request and the whole response.
    static func get(port: Int, _ path: String, method: String = "GET", headers: [String] = []) throws -> HTTPReply {
        let client = try LoopbackHTTPClient(port: port)
        client.send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + headers.map { $0 + "\r\n" }.joined() + "\r\n")
        return HTTPReply(client.readToEnd())
    }
}

/// A response split into status line, headers (lower-cased names) and body.
struct HTTPReply {
    var status: String
    var headers: [String: String]
    var body: String

    init(_ raw: String) {
        let parts = raw.components(separatedBy: "\r\n\r\n")
        let head = parts.first?.components(separatedBy: "\r\n") ?? []
        status = head.first ?? ""
        var headers = [String: String]()
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.headers = headers
        body = parts.dropFirst().joined(separator: "\r\n\r\n")
    }
}

struct ClientError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
