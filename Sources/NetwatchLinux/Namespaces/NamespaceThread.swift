import CNetlink
import Glibc

/// A dedicated thread that runs work inside another network namespace: it enters with
/// `setns(fd, CLONE_NEWNET)`, runs the work, and goes back to the namespace it started in.
/// Namespaces belong to threads, so no other thread of netwatch ever leaves its namespace.
///
/// What must happen inside: opening a socket (it stays bound to the namespace it was created
/// in) and reading `/proc/sys/net` (which follows the reading thread's namespace).
public final class NamespaceThread: @unchecked Sendable {
    /// The work handed over and its completion, guarded by `condition`.
    private final class Mailbox: @unchecked Sendable {
        let condition = PthreadCondition()
        var work: (() -> Void)?
        var finished = false
        var stopping = false
    }

    private let mailbox = Mailbox()
    /// The namespace the thread returns to: the one netwatch was started in.
    private let home: Int32

    /// - Throws: ``NamespaceEntryError`` when the own namespace cannot be opened.
    public init() throws(NamespaceEntryError) {
        home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard home >= 0 else { throw NamespaceEntryError(namespace: "own", operation: "open /proc/thread-self/ns/net", errno: errno) }
        let mailbox = self.mailbox
        let started = PthreadCondition.startThread(named: "netwatch-netns") {
            // Signals are for the main thread (the dashboard reads them from a signalfd); one
            // delivered here would take its default action and kill netwatch mid-frame.
            var all = sigset_t()
            sigfillset(&all)
            pthread_sigmask(SIG_BLOCK, &all, nil)
            mailbox.condition.lock()
            while !mailbox.stopping {
                if let work = mailbox.work {
                    mailbox.condition.unlock()
                    work()
                    mailbox.condition.lock()
                    mailbox.work = nil
                    mailbox.finished = true
                    mailbox.condition.broadcast()
                } else {
                    mailbox.condition.wait()
                }
            }
            mailbox.condition.unlock()
        }
        guard started == 0 else {
            close(home)
            throw NamespaceEntryError(namespace: "own", operation: "pthread_create", errno: started)
        }
    }

    deinit {
        mailbox.condition.lock()
        mailbox.stopping = true
        mailbox.condition.broadcast()
        mailbox.condition.unlock()
        close(home)
    }

    /// Runs `body` inside the namespace `descriptor` refers to and returns its result.
    /// - Throws: ``NamespaceEntryError`` when the thread cannot enter (no CAP_SYS_ADMIN, not a
    ///   network namespace); `name` says which namespace in the message.
    public func run<T>(in descriptor: Int32, name: String, _ body: () -> T) throws(NamespaceEntryError) -> T {
        let outcome = Handover<Result<T, NamespaceEntryError>>()
        let home = self.home
        withoutActuallyEscaping(body) { body in
            let caller = Handover<() -> T>()
            caller.value = body
            perform {
                let entered = cns_enter_network(descriptor)
                guard entered == 0 else {
                    outcome.value = .failure(NamespaceEntryError(namespace: name, operation: "setns", errno: entered))
                    return
                }
                outcome.value = .success(caller.value!())
                let back = cns_enter_network(home)
                // A thread that cannot return would run the next namespace's work in this one.
                precondition(back == 0, "netwatch-netns: setns back to the own namespace failed (errno \(back))")
            }
        }
        return try outcome.value!.get()
    }

    /// A value passed to and from the thread; ``perform(_:)`` waits for the work, so only one
    /// thread touches it at a time.
    private final class Handover<Value>: @unchecked Sendable {
        var value: Value?
    }

    private func perform(_ work: @escaping @Sendable () -> Void) {
        mailbox.condition.lock()
        mailbox.work = work
        mailbox.finished = false
        mailbox.condition.broadcast()
        while !mailbox.finished { mailbox.condition.wait() }
        mailbox.condition.unlock()
    }
}

/// A namespace could not be opened or entered; the message names it and the failing call.
public struct NamespaceEntryError: Error, Equatable, Sendable, CustomStringConvertible {
    public let namespace: String
    public let operation: String
    public let errno: Int32

    public init(namespace: String, operation: String, errno: Int32) {
        self.namespace = namespace
        self.operation = operation
        self.errno = errno
    }

    public var description: String { "cannot enter netns \(namespace): \(operation): \(String(cString: strerror(errno)))" }
}

/// A POSIX mutex and condition variable (what Foundation's `NSCondition` wraps, without
/// Foundation), and the detached thread that waits on it.
private final class PthreadCondition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    /// Releases the lock until ``broadcast()`` (or a spurious wake-up), then takes it again.
    func wait() { pthread_cond_wait(condition, mutex) }
    func broadcast() { pthread_cond_broadcast(condition) }

    /// Starts a detached thread named `name` (up to 15 bytes, as `ps -L` shows it) running `body`;
    /// 0, or the error number `pthread_create` returned.
    static func startThread(named name: String, _ body: @escaping @Sendable () -> Void) -> Int32 {
        let start = Unmanaged.passRetained(ThreadStart(name: name, body: body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            let start = Unmanaged<ThreadStart>.fromOpaque(argument!).takeRetainedValue()
            // What pthread_setname_np does (which Glibc's module does not export).
            let comm = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
            if comm >= 0 {
                _ = write(comm, start.name, start.name.utf8.count)
                close(comm)
            }
            start.body()
            return nil
        }, start)
        guard result == 0 else {
            Unmanaged<ThreadStart>.fromOpaque(start).release()
            return result
        }
        pthread_detach(thread)
        return 0
    }
}

/// What ``PthreadCondition/startThread(named:_:)`` hands to the new thread.
private final class ThreadStart {
    let name: String
    let body: @Sendable () -> Void

    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }
}
