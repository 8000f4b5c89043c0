/// An RFC 4180 CSV parser that keeps the line each record starts on.
struct CSVParser {
    /// One record and the 1-based line it starts on.
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// A quoted field that never closes.
    struct UnterminatedQuote: Error {
        var line: Int
    }

    /// Splits `text` into records; blank lines are skipped.
    static func records(in text: String) throws(UnterminatedQuote) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 1
        var fieldStarted = false
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldStarted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            fieldStarted = false
        }
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
                quoteLine = line
                fieldStarted = true
            } else if c == "," {
                fields.append(field)
                field = ""
                fieldStarted = true
            } else if c == "\r" || c == "\n" {
                if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        if inQuotes { throw UnterminatedQuote(line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty || fieldStarted { endRecord() }
        return records
    }
}
