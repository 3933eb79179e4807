import Glibc

/// A failure while building, holding or storming the population. The command exits with status 1.
public enum SocketError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call on a socket toward (or listening at) `endpoint` returned `errno`.
    case systemCall(operation: String, endpoint: LoopbackEndpoint, errno: Int32)
    /// Sockets toward `endpoint` did not reach `expected` in time; `found` is the state of the first laggard.
    case stateTimeout(endpoint: LoopbackEndpoint, expected: String, found: String, lagging: Int, seconds: Int)
    /// A peer sent bytes on a connection that only ever closes; something else is using the port.
    case unexpectedData(endpoint: LoopbackEndpoint)

    public var description: String {
        switch self {
        case let .systemCall(operation, endpoint, errno):
            let advice = Self.advice(for: errno, operation: operation, endpoint: endpoint)
            return "\(operation) on \(endpoint) failed: \(Self.explain(errno))\(advice)"
        case let .stateTimeout(endpoint, expected, found, lagging, seconds):
            return "\(lagging) socket(s) toward \(endpoint) did not reach \(expected) within \(seconds) s (one is \(found)); "
                + "is another process using this namespace's loopback?"
        case let .unexpectedData(endpoint):
            return "received data on a connection to \(endpoint) that should only close; "
                + "another program is using this port: pick other ports"
        }
    }

    /// `strerror` text with the errno number, e.g. `Address already in use (errno 98)`.
    static func explain(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }

    /// What the user can do about the errors that have a usual cause here.
    private static func advice(for code: Int32, operation: String, endpoint: LoopbackEndpoint) -> String {
        switch code {
        case EADDRINUSE: return "; another socket already uses \(endpoint): pick another port or stop the other program"
        case EADDRNOTAVAIL where operation == "connect":
            return "; no local port is free toward \(endpoint): the ephemeral range is exhausted (see ip_local_port_range, tcp_tw_reuse)"
        case ENETUNREACH, EADDRNOTAVAIL:
            return "; is the loopback interface up? run `ip link set lo up` in this namespace (and keep IPv6 enabled for ::1)"
        case EMFILE, ENFILE: return "; the process ran out of file descriptors: lower the counts or raise `ulimit -n`"
        case ECONNREFUSED: return "; the generator's listener is gone: another process may have taken the port"
        case EAGAIN: return "; the kernel did not answer in time: the host may be overloaded"
        default: return ""
        }
    }
}
