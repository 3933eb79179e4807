import Dispatch
import Glibc
import Synchronization

/// Runs one job at a time on its own thread, off the run loop, and says when a job finished
/// through a pipe the run loop polls: a collection that costs seconds never delays keys or
/// signals.
///
/// The thread is started by the initializer and inherits the caller's signal mask: create the
/// worker after the signals the run loop reads are blocked, so none is delivered to it. The thread
/// lives as long as the process (a job in progress at exit is abandoned with it).
public final class BackgroundWorker<Request: Sendable, Output: Sendable>: Sendable {
    /// Readable once a job has finished; ``take()`` reads its output and clears it.
    public let finishedDescriptor: Int32
    /// The pipe's other end, written by the thread when a job finishes.
    private let finishedSignal: Int32

    private struct Slot {
        var request: Request?
        var output: Output?
    }

    /// The job's state, touched only by the worker thread.
    private final class Confined: @unchecked Sendable {
        let perform: (Request) -> Output
        init(_ perform: @escaping (Request) -> Output) { self.perform = perform }
    }

    private let slot = Mutex(Slot())
    private let wake = DispatchSemaphore(value: 0)

    /// - Parameter perform: the job, run on the worker thread only, one request at a time; the
    ///   state it captures must not be used elsewhere.
    public init(perform: @escaping (Request) -> Output) throws(BackgroundWorkerError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw BackgroundWorkerError(reason: String(cString: strerror(errno))) }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        (finishedDescriptor, finishedSignal) = (ends[0], ends[1])
        let job = Confined(perform)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(Runner { [self] in
            while true {
                wake.wait()
                guard let request = slot.withLock({ $0.request.take() }) else { continue }
                let output = job.perform(request)
                // The output and the byte that says so change together, under the lock.
                slot.withLock { [finishedSignal] slot in
                    slot.output = output
                    var one: UInt8 = 1
                    _ = write(finishedSignal, &one, 1)
                }
            }
        }).toOpaque()
        let started = pthread_create(&thread, nil, { context in
            Unmanaged<Runner>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<Runner>.fromOpaque(context).release()
            close(finishedDescriptor)
            close(finishedSignal)
            throw BackgroundWorkerError(reason: String(cString: strerror(started)))
        }
        pthread_detach(thread)
    }

    /// Hands the thread its next job. Call only when no job is running (after ``take()`` returned
    /// the last one's output, or before the first).
    public func submit(_ request: Request) {
        slot.withLock { $0.request = request }
        wake.signal()
    }

    /// The finished job's output, once; `nil` while it runs.
    public func take() -> Output? {
        slot.withLock { [finishedDescriptor] slot in
            var byte: UInt8 = 0
            _ = read(finishedDescriptor, &byte, 1)
            return slot.output.take()
        }
    }
}

/// The body of the worker thread, handed to `pthread_create`.
private final class Runner: @unchecked Sendable {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// The collection thread could not be started.
public struct BackgroundWorkerError: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { "cannot start the collection thread: \(reason)" }
}
