/// Why a requested population was refused before any socket was opened. Every message names the
/// command-line option at fault and says what to change; the command exits with status 2.
public enum LoadPlanError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `text` is not `ADDR:PORT` or `[ADDR6]:PORT`.
    case malformedEndpoint(argument: String, text: String, reason: String)
    /// `text` names an address outside 127.0.0.0/8 and ::1.
    case notLoopback(argument: String, text: String)
    /// The option's list has no endpoint although connections were requested toward it.
    case emptyList(argument: String)
    /// The option's list is longer than the generator allows.
    case tooManyEndpoints(argument: String, count: Int, limit: Int)
    /// The same endpoint was given to two roles (or twice in one list); each needs its own listener.
    case duplicateEndpoint(argument: String, endpoint: LoopbackEndpoint, otherArgument: String)
    /// A count or duration outside its allowed range.
    case outOfRange(argument: String, value: Int, allowed: ClosedRange<Int>)
    /// An option that only makes sense together with another one.
    case needsCompanion(argument: String, companion: String)
    /// The storm would outlive the hold it runs in.
    case stormLongerThanHold(duration: Int, hold: Int)
    /// The population's socket count is above the generator's hard cap.
    case tooManySockets(requested: Int, limit: Int)

    public var description: String {
        switch self {
        case let .malformedEndpoint(argument, text, reason):
            return "\(argument): '\(text)' is not a valid endpoint: \(reason)"
        case let .notLoopback(argument, text):
            return "\(argument): \(text) is not a loopback address; only 127.0.0.0/8 and ::1 are allowed"
        case let .emptyList(argument):
            return "\(argument): the list is empty; give at least one ADDR:PORT"
        case let .tooManyEndpoints(argument, count, limit):
            return "\(argument): \(count) endpoints given; at most \(limit) are allowed"
        case let .duplicateEndpoint(argument, endpoint, otherArgument):
            return "\(argument): \(endpoint) is also used by \(otherArgument); every listener needs its own address and port"
        case let .outOfRange(argument, value, allowed):
            return "\(argument): \(value) is out of range; allowed \(allowed.lowerBound)...\(allowed.upperBound)"
        case let .needsCompanion(argument, companion):
            return "\(argument) needs \(companion) as well"
        case let .stormLongerThanHold(duration, hold):
            return "--duration: the storm (\(duration) s) runs inside --hold (\(hold) s); raise --hold to at least \(duration)"
        case let .tooManySockets(requested, limit):
            return "the population needs \(requested) sockets, more than the cap of \(limit); "
                + "lower --time-wait, --established, --close-wait, --backlog or --overflow"
        }
    }
}
