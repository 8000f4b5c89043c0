import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import Testing

/// Front matter written to exhaust the reader: alias bombs and deep nesting (issue 15).
@Suite struct HostileFrontMatterTests {
    /// "Billion laughs": nine levels of nine aliases, 10⁹ nodes once expanded, in 430 bytes.
    static let billionLaughs: String = {
        var lines = [
            "---", "title: Week Ending January 9, 2022", "date: 2022-01-11 05:00:00 -0000",
            #"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#,
        ]
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            lines.append("\(name): &\(name) [" + Array(repeating: "*" + previous, count: 9)
                .joined(separator: ",") + "]")
            previous = name
        }
        return (lines + ["---", "", "Body text.", ""]).joined(separator: "\n")
    }()

    private func refusal(_ text: String) -> (error: ReadError?, seconds: Double) {
        let clock = ContinuousClock()
        var caught: ReadError?
        let elapsed = clock.measure {
            do { _ = try Convert.markdown(text) } catch let error as ReadError {
                caught = error
            } catch {}
        }
        let parts = elapsed.components
        return (caught, Double(parts.seconds) + Double(parts.attoseconds) * 1e-18)
    }

    @Test func billionLaughsIsRefusedAtOnceWithItsLine() {
        let (error, seconds) = refusal(Self.billionLaughs)
        // e: is the first level whose expansion passes the limit (1 + 9 × 7,381 nodes).
        #expect(
            error?.description
                == "test.md:8: front matter refused: its aliases expand to more than 10000 nodes")
        #expect(seconds < 1)
    }

    @Test func anAliasBombAsAMappingKeyIsRefusedToo() {
        // Yams hashes mapping keys to find duplicates; a key that is a huge alias must never
        // reach it.
        let text = Self.billionLaughs.replacingOccurrences(
            of: "---\n\nBody", with: "? *i\n: x\n---\n\nBody")
        let (error, seconds) = refusal(text)
        #expect(error?.description.hasPrefix("test.md:8: front matter refused:") == true)
        #expect(seconds < 1)
    }

    @Test func ordinaryAliasesStillWork() throws {
        let meta = try Convert.markdown(
            "---\nauthor: &who Jane Doe\neditor: *who\ntags: &t [a, b]\nmore: *t\n---\nx\n"
        ).meta
        #expect(meta["editor"] == .string(value: "Jane Doe"))
        #expect(meta["more"] == .list(items: [.string(value: "a"), .string(value: "b")]))
    }

    @Test(arguments: [101, 500, 100_000])
    func deepNestingIsRefusedWithItsLine(depth: Int) {
        let text =
            "---\ntitle: x\ndeep: " + String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth) + "\n---\nx\n"
        let (error, seconds) = refusal(text)
        #expect(
            error?.description
                == "test.md:3: front matter refused: it nests deeper than 100 levels")
        #expect(seconds < 1)
    }
}

/// A duplicate key is one line at the first occurrence (issue 15, item 12).
@Suite struct DuplicateKeyTests {
    @Test func aDuplicateKeyIsOneLineNamingTheKeyAndItsLine() {
        do {
            _ = try Convert.markdown("---\ntitle: a\ndate: 2026-08-03\ntitle: b\n---\nx\n")
            Issue.record("expected an error")
        } catch {
            #expect(
                "\(error)"
                    == "test.md:2: front matter is not valid YAML: key 'title' appears more than once (first here); keep one"
            )
        }
    }
}
