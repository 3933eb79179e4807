import Glibc

/// One TCP socket file descriptor and the loopback endpoint it listens on or connects to (named in
/// errors). A plain value: whoever opens it closes it exactly once with ``close()``.
///
/// Blocking calls are bounded: connect, accept and read give up after ``ioTimeoutSeconds`` with
/// EAGAIN (`SO_SNDTIMEO`/`SO_RCVTIMEO`; accepted sockets inherit the listener's receive timeout).
struct TCPSocket {
    let fd: Int32
    let endpoint: LoopbackEndpoint

    /// Longest wait of one blocking connect, accept or read, in seconds.
    static let ioTimeoutSeconds = 5

    /// A new socket of the endpoint's family; blocking sockets get the I/O timeouts.
    static func open(toward endpoint: LoopbackEndpoint, nonBlocking: Bool = false) throws(SocketError) -> TCPSocket {
        let flags = Int32(SOCK_STREAM.rawValue) | (nonBlocking ? Int32(SOCK_NONBLOCK.rawValue) : 0)
        let fd = socket(endpoint.family, flags, Int32(IPPROTO_TCP))
        guard fd >= 0 else { throw .systemCall(operation: "socket", endpoint: endpoint, errno: errno) }
        let opened = TCPSocket(fd: fd, endpoint: endpoint)
        guard !nonBlocking else { return opened }
        let timeout = timeval(tv_sec: ioTimeoutSeconds, tv_usec: 0)
        do throws(SocketError) {
            try opened.setOption(SOL_SOCKET, SO_SNDTIMEO, timeout, name: "setsockopt(SO_SNDTIMEO)")
            try opened.setOption(SOL_SOCKET, SO_RCVTIMEO, timeout, name: "setsockopt(SO_RCVTIMEO)")
            return opened
        } catch {
            opened.close()
            throw error
        }
    }

    /// A listener bound to `endpoint` with `listen(backlog)`; `SO_REUSEADDR` lets a rerun bind at once.
    static func listen(on endpoint: LoopbackEndpoint, backlog: Int) throws(SocketError) -> TCPSocket {
        let listener = try open(toward: endpoint)
        do throws(SocketError) {
            let one: Int32 = 1
            try listener.setOption(SOL_SOCKET, SO_REUSEADDR, one, name: "setsockopt(SO_REUSEADDR)")
            let bound = endpoint.withSocketAddress { Glibc.bind(listener.fd, $0, $1) }
            guard bound == 0 else { throw .systemCall(operation: "bind", endpoint: endpoint, errno: errno) }
            guard Glibc.listen(listener.fd, Int32(backlog)) == 0 else {
                throw .systemCall(operation: "listen", endpoint: endpoint, errno: errno)
            }
            return listener
        } catch {
            listener.close()
            throw error
        }
    }

    /// `IP_LOCAL_PORT_RANGE` (`linux/in.h`, Linux 6.3+): a per-socket ephemeral range for `connect()`.
    private static let localPortRangeOption: Int32 = 51

    /// Makes the next `connect()` take `port` (still through the kernel's ephemeral allocation, so the
    /// connection looks like any other), by narrowing this socket's ephemeral range to that one port.
    /// Fails with ENOPROTOOPT on kernels older than 6.3.
    func pinLocalPort(_ port: UInt16) throws(SocketError) {
        let range = UInt32(port) << 16 | UInt32(port)
        try setOption(Int32(IPPROTO_IP), Self.localPortRangeOption, range, name: "setsockopt(IP_LOCAL_PORT_RANGE)")
    }

    /// Connects and waits for the handshake (blocking socket) or only starts it (non-blocking socket).
    /// Sets `SO_KEEPALIVE`: the kernel arms the keep-alive timer once the connection is idle.
    func enableKeepAlive() throws(SocketError) {
        try setOption(SOL_SOCKET, SO_KEEPALIVE, Int32(1), name: "setsockopt(SO_KEEPALIVE)")
    }

    func connect() throws(SocketError) {
        let result = endpoint.withSocketAddress { Glibc.connect(fd, $0, $1) }
        guard result != 0 else { return }
        let code = errno
        switch code {
        case EINPROGRESS: return
        case EINTR: try awaitConnected()
        default: throw .systemCall(operation: "connect", endpoint: endpoint, errno: code)
        }
    }

    /// Waits for a connect that was interrupted by a signal handler to finish, then reports its result.
    private func awaitConnected() throws(SocketError) {
        var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        var ready: Int32
        repeat { ready = poll(&entry, 1, Int32(Self.ioTimeoutSeconds * 1000)) } while ready < 0 && errno == EINTR
        guard ready > 0 else { throw .systemCall(operation: "connect", endpoint: endpoint, errno: ready == 0 ? ETIMEDOUT : errno) }
        if let code = pendingError(), code != 0 { throw .systemCall(operation: "connect", endpoint: endpoint, errno: code) }
    }

    /// The next connection from the accept queue (blocking, bounded by the receive timeout).
    func accept() throws(SocketError) -> TCPSocket {
        while true {
            let child = Glibc.accept(fd, nil, nil)
            if child >= 0 { return TCPSocket(fd: child, endpoint: endpoint) }
            if errno != EINTR { throw .systemCall(operation: "accept", endpoint: endpoint, errno: errno) }
        }
    }

    /// Reads until the peer's FIN (read returns 0); a peer that sends data is an error.
    func awaitEndOfStream() throws(SocketError) {
        var byte: UInt8 = 0
        while true {
            let count = read(fd, &byte, 1)
            if count == 0 { return }
            if count > 0 { throw .unexpectedData(endpoint: endpoint) }
            if errno != EINTR { throw .systemCall(operation: "read", endpoint: endpoint, errno: errno) }
        }
    }

    /// Sends FIN while keeping the descriptor, so the state can still be read back.
    func shutdownWrite() throws(SocketError) {
        guard shutdown(fd, Int32(SHUT_WR)) == 0 else { throw .systemCall(operation: "shutdown", endpoint: endpoint, errno: errno) }
    }

    /// The local port the kernel chose for a connection (or the listener was bound to).
    func localPort() throws(SocketError) -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw .systemCall(operation: "getsockname", endpoint: endpoint, errno: errno) }
        // sin_port and sin6_port both follow the 2-byte family, in network order.
        return withUnsafeBytes(of: storage) { UInt16(bigEndian: $0.load(fromByteOffset: 2, as: UInt16.self)) }
    }

    /// The connection's TCP state, or nil if `TCP_INFO` failed.
    func state() -> KernelTCPState? {
        tcpInfo().flatMap { KernelTCPState(rawValue: $0.tcpi_state) }
    }

    /// For a listener: connections waiting in the accept queue and the queue's limit (the backlog
    /// after the somaxconn clamp); `TCP_INFO` reports them as `tcpi_unacked` and `tcpi_sacked`.
    func acceptQueue() -> (queued: Int, limit: Int)? {
        tcpInfo().map { (Int($0.tcpi_unacked), Int($0.tcpi_sacked)) }
    }

    /// The pending error of a non-blocking connect (`SO_ERROR`): 0 once connected, nil if unreadable.
    func pendingError() -> Int32? {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) == 0 ? code : nil
    }

    func close() {
        _ = Glibc.close(fd)
    }

    private func tcpInfo() -> tcp_info? {
        var info = tcp_info()
        var length = socklen_t(MemoryLayout<tcp_info>.size)
        return getsockopt(fd, Int32(IPPROTO_TCP), TCP_INFO, &info, &length) == 0 ? info : nil
    }

    private func setOption<Value: BitwiseCopyable>(_ level: Int32, _ option: Int32, _ value: Value, name: String) throws(SocketError) {
        let result = withUnsafeBytes(of: value) { setsockopt(fd, level, option, $0.baseAddress, socklen_t($0.count)) }
        guard result == 0 else {
            throw .systemCall(operation: name, endpoint: endpoint, errno: errno)
        }
    }
}
