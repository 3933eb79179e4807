import FoundationEssentials

extension SnapshotDecoder {
    /// Reads `2026-11-26T19:05:16.123Z`, the inverse of ``SnapshotEncoder/rfc3339(_:)``: computed
    /// directly (days-from-civil), not with a date formatter, since a recording holds thousands.
    ///
    /// Also accepts no fraction or up to nine fraction digits (kept to the millisecond) and a
    /// `±HH:MM` offset instead of `Z`. The date returned is the earliest one the encoder writes
    /// back as the same millisecond.
    public static func date(rfc3339 text: String) -> Date? {
        let b = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count else { return nil }
            var n = 0
            for i in range {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return n
        }
        func byte(_ i: Int, is c: Character) -> Bool { i < b.count && b[i] == c.asciiValue }
        guard let year = number(0..<4), byte(4, is: "-"), let month = number(5..<7), byte(7, is: "-"),
              let day = number(8..<10), byte(10, is: "T") || byte(10, is: "t"), let hour = number(11..<13), byte(13, is: ":"),
              let minute = number(14..<16), byte(16, is: ":"), let second = number(17..<19),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60 else { return nil }
        var i = 19
        var ms = 0
        if byte(i, is: ".") {
            let start = i + 1
            i = start
            while i < b.count, i - start < 9, number(i..<i + 1) != nil { i += 1 }
            guard i > start else { return nil }
            let digits = number(start..<min(i, start + 3)) ?? 0
            ms = digits * [100, 10, 1][min(i, start + 3) - start - 1]
        }
        var offsetSeconds = 0
        if byte(i, is: "Z") || byte(i, is: "z") {
            i += 1
        } else if byte(i, is: "+") || byte(i, is: "-"), let oh = number(i + 1..<i + 3), byte(i + 3, is: ":"),
                  let om = number(i + 4..<i + 6), oh < 24, om < 60 {
            offsetSeconds = (oh * 3600 + om * 60) * (byte(i, is: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let seconds = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return date(milliseconds: seconds * 1000 + Int64(ms))
    }

    /// The earliest `Date` whose encoded millisecond (floor of seconds × 1000) is `ms`; a plain
    /// `ms / 1000` can land a hair below and encode as the millisecond before.
    static func date(milliseconds ms: Int64) -> Date {
        var date = Date(timeIntervalSince1970: Double(ms) / 1000)
        for _ in 0..<8 where Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) < ms {
            date = Date(timeIntervalSinceReferenceDate: date.timeIntervalSinceReferenceDate.nextUp)
        }
        return date
    }

    /// Howard Hinnant's days_from_civil: year, month, day → days since 1970-01-01.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
