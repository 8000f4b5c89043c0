import LwkdModel

extension PlainRenderer {
    /// A table as aligned columns under a dashed rule; a table wider than the page is written as
    /// one `Header: value` line per cell instead, with a warning.
    mutating func writeTable(_ table: Table) {
        let header = table.header.map { cellText($0) }
        let rows = table.rows.map { $0.map { cellText($0) } }
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        var widths = [Int](repeating: 0, count: columns)
        for row in [header] + rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        let total = widths.reduce(0, +) + 2 * max(0, columns - 1)
        if total > layout.available {
            diagnostics.warn(
                "table wider than \(layout.available) columns written as a list in plain output",
                file: sourceMap.file)
            for (index, row) in rows.enumerated() {
                if index > 0 { layout.blankLine() }
                for (i, cell) in row.enumerated() {
                    let name = i < header.count ? header[i] : ""
                    layout.write(name.isEmpty ? cell : "\(name): \(cell)", mode: .normal)
                    layout.flush()
                }
            }
            return
        }
        let alignments = table.alignments
        let format: ([String]) -> String = { cells in
            var parts: [String] = []
            for i in 0..<columns {
                let cell = i < cells.count ? cells[i] : ""
                let alignment = i < alignments.count ? alignments[i] : .none
                parts.append(Self.pad(cell, to: widths[i], alignment: alignment))
            }
            return parts.joined(separator: "  ")
        }
        layout.line(format(header))
        layout.line(
            widths.map { String(repeating: "-", count: max(1, $0)) }.joined(separator: "  "))
        for row in rows { layout.line(format(row)) }
    }

    private mutating func cellText(_ content: [Inline]) -> String {
        var scratch = TextLayout(width: nil)
        swap(&scratch, &layout)
        writeInlines(content, mode: .normal)
        layout.flush()
        swap(&scratch, &layout)
        return scratch.out.split(separator: "\n").joined(separator: " ")
    }

    private static func pad(_ text: String, to width: Int, alignment: Alignment) -> String {
        let gap = max(0, width - text.count)
        switch alignment {
        case .right: return String(repeating: " ", count: gap) + text
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + text
                + String(repeating: " ", count: gap - left)
        case .left, .none: return text + String(repeating: " ", count: gap)
        }
    }
}
