/// A post's date and time with its UTC offset, as Jekyll reads `date:`.
///
/// Parsing is pure (no Foundation calendars); all derived values are computed in UTC, which is
/// how the site's permalinks and the feed's ids interpret dates.
public struct PostDate: Hashable, Codable, Sendable, Comparable {
    /// Calendar year.
    public var year: Int
    /// Month, 1–12.
    public var month: Int
    /// Day of month, 1–31.
    public var day: Int
    /// Hour, 0–23.
    public var hour: Int
    /// Minute, 0–59.
    public var minute: Int
    /// Second, 0–60.
    public var second: Int
    /// Offset from UTC in minutes (east positive).
    public var offsetMinutes: Int

    /// Creates a date.
    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        offsetMinutes: Int = 0
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.offsetMinutes = offsetMinutes
    }

    /// Parses `YYYY-MM-DD`, optionally followed by ` HH:MM[:SS]` (or `T…`) and a zone
    /// (`Z`, `±HHMM`, `±HH:MM`, `±HH`). Returns nil for anything else or an impossible date.
    public init?(parsing text: String) {
        var scanner = DigitScanner(Array(text.utf8))
        scanner.skipSpaces()
        guard let y = scanner.number(digits: 4), scanner.take("-"),
            let m = scanner.number(maxDigits: 2),
            scanner.take("-"), let d = scanner.number(maxDigits: 2)
        else { return nil }
        var h = 0, mi = 0, s = 0, offset = 0
        if scanner.take("T") || scanner.take("t") || scanner.skipSpaces() {
            if let hh = scanner.number(maxDigits: 2) {
                guard scanner.take(":"), let mm = scanner.number(digits: 2) else { return nil }
                h = hh
                mi = mm
                if scanner.take(":") {
                    guard let ss = scanner.number(digits: 2) else { return nil }
                    s = ss
                    if scanner.take(".") { _ = scanner.digitsRun() }
                }
                scanner.skipSpaces()
                if scanner.take("Z") || scanner.take("z") {
                } else if let sign = scanner.sign() {
                    // `-0000`, `+01:00`, `+1`
                    // Ruby's Time refuses offsets outside ±23:59 ("utc_offset out of range").
                    if let hhmm = scanner.number(digits: 4) {
                        guard hhmm / 100 < 24, hhmm % 100 < 60 else { return nil }
                        offset = sign * (hhmm / 100 * 60 + hhmm % 100)
                    } else {
                        guard let oh = scanner.number(maxDigits: 2), oh < 24 else { return nil }
                        let om = scanner.take(":") ? scanner.number(digits: 2) : 0
                        guard let om, om < 60 else { return nil }
                        offset = sign * (oh * 60 + om)
                    }
                }
                scanner.skipSpaces()
            }
        }
        guard scanner.atEnd, (1...12).contains(m), d >= 1, d <= PostDate.daysIn(month: m, year: y),
            h < 24, mi < 60, s <= 60
        else { return nil }
        self.init(year: y, month: m, day: d, hour: h, minute: mi, second: s, offsetMinutes: offset)
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    public var unixTime: Int {
        PostDate.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600
            + minute * 60 + second - offsetMinutes * 60
    }

    /// The same instant expressed in UTC.
    public var utc: PostDate {
        let t = unixTime
        let days = Int((Double(t) / 86_400).rounded(.down))
        let rest = t - days * 86_400
        let (y, m, d) = PostDate.civil(fromDays: days)
        return PostDate(
            year: y, month: m, day: d, hour: rest / 3600, minute: rest % 3600 / 60,
            second: rest % 60)
    }

    /// Day of week in UTC, 0 = Sunday.
    public var weekday: Int {
        let days = Int((Double(unixTime) / 86_400).rounded(.down))
        return ((days % 7) + 11) % 7
    }

    /// RFC 3339 in UTC: `2020-02-24T22:00:00Z`.
    public var rfc3339: String {
        let u = utc
        return
            "\(pad(u.year, 4))-\(pad(u.month))-\(pad(u.day))T\(pad(u.hour)):\(pad(u.minute)):\(pad(u.second))Z"
    }

    /// `YYYY-MM-DD` of the UTC day.
    public var isoDay: String {
        let u = utc
        return "\(pad(u.year, 4))-\(pad(u.month))-\(pad(u.day))"
    }

    /// The English month name of `month`.
    public var monthName: String { PostDate.monthNames[month - 1] }

    /// English month names, January first.
    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    public static func < (lhs: PostDate, rhs: PostDate) -> Bool { lhs.unixTime < rhs.unixTime }

    /// Days in a month of the proleptic Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

/// Zero-pads a non-negative number.
func pad(_ n: Int, _ width: Int = 2) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    @discardableResult mutating func skipSpaces() -> Bool {
        let start = index
        while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
        return index > start
    }

    mutating func take(_ c: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(c.value) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if take("+") { return 1 }
        if take("-") { return -1 }
        return nil
    }

    mutating func digitsRun() -> Int {
        let start = index
        while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        return index - start
    }

    mutating func number(digits: Int) -> Int? {
        let start = index
        guard digitsRun() == digits else {
            index = start
            return nil
        }
        return bytes[start..<index].reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    mutating func number(maxDigits: Int) -> Int? {
        let start = index
        let n = digitsRun()
        guard n >= 1, n <= maxDigits else {
            index = start
            return nil
        }
        return bytes[start..<index].reduce(0) { $0 * 10 + Int($1 - 48) }
    }
}

extension PostDate {
    /// The calendar day as written (in the date's own zone), counted in days since 1970-01-01:
    /// two dates' difference in days, whatever their zones.
    public var localDayNumber: Int { PostDate.daysFromCivil(year: year, month: month, day: day) }

    /// The day of the week as written, 0 = Sunday.
    public var localWeekday: Int { ((localDayNumber % 7) + 11) % 7 }

    /// English weekday names, Sunday first.
    public static let weekdayNames = [
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    ]

    /// Midnight UTC of day `dayNumber` (days since 1970-01-01).
    public init(dayNumber: Int) { self.init(unixTime: dayNumber * 86_400, offsetMinutes: 0) }

    /// The instant `unixTime` expressed at `offsetMinutes` east of UTC.
    public init(unixTime: Int, offsetMinutes: Int) {
        let t = unixTime + offsetMinutes * 60
        let days = Int((Double(t) / 86_400).rounded(.down))
        let rest = t - days * 86_400
        let (y, m, d) = PostDate.civil(fromDays: days)
        self.init(
            year: y, month: m, day: d, hour: rest / 3600, minute: rest % 3600 / 60,
            second: rest % 60, offsetMinutes: offsetMinutes)
    }

    /// `2026-08-20 22:00:00 -0000`: the form of the site's `template.md` front matter.
    public var frontMatterText: String {
        // A zero offset is `-0000`, as the site's posts write it.
        let minutes = abs(offsetMinutes)
        let zone = (offsetMinutes > 0 ? "+" : "-") + pad(minutes / 60) + pad(minutes % 60)
        return "\(pad(year, 4))-\(pad(month))-\(pad(day)) \(pad(hour)):\(pad(minute)):\(pad(second)) \(zone)"
    }
}
