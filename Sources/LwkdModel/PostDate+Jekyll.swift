extension PostDate {
    /// Parses a front matter `date:` as Jekyll does: like ``init(parsing:)``, except that a day
    /// past the end of its month (29–31) rolls over into the next month.
    ///
    /// Jekyll hands the text to Ruby's `Time.parse`, which normalises days up to 31: the real
    /// post `2022-02-27-update.md` says `date: 2022-02-29 07:10:00 -0000` and is published at
    /// `/2022/20220301`.
    public init?(parsingAsJekyll text: String) {
        if let date = PostDate(parsing: text) {
            self = date
            return
        }
        var bytes = Array(text.utf8)
        let start = bytes.firstIndex { $0 != 32 && $0 != 9 } ?? 0
        guard bytes.count >= start + 10, bytes[start + 7] == UInt8(ascii: "-"),
            let day = Int(String(decoding: bytes[(start + 8)..<(start + 10)], as: UTF8.self)),
            (29...31).contains(day)
        else { return nil }
        bytes[start + 8] = UInt8(ascii: "0")
        bytes[start + 9] = UInt8(ascii: "1")
        guard var date = PostDate(parsing: String(decoding: bytes, as: UTF8.self)) else {
            return nil
        }
        let (y, m, d) = PostDate.civil(
            fromDays: PostDate.daysFromCivil(year: date.year, month: date.month, day: 1) + day - 1)
        (date.year, date.month, date.day) = (y, m, d)
        self = date
    }
}
