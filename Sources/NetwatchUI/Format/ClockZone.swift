import FoundationEssentials
import Glibc

/// Which wall clock the dashboard shows: UTC (tests, fixtures), or the host's local time as the C
/// library reads it (`TZ`, `/etc/localtime`), looked up for each instant so a change to or from
/// summer time shows at once. (Foundation's `TimeZone.current` needs ICU's zone data, which
/// netwatch does not link: without it every zone but GMT is unknown.)
public enum ClockZone: Sendable, Equatable {
    case utc
    case local

    /// `date` broken down in this zone, to the whole second (rounded down).
    func parts(of date: Date) -> tm {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        switch self {
        case .utc: gmtime_r(&seconds, &parts)
        case .local: localtime_r(&seconds, &parts)
        }
        return parts
    }
}
