import Foundation
import LwkdModel
import LwkdTestSupport
import LwkdWriters
import Synchronization
import Testing

/// EPUBs written at once on every core carry each its own post's timestamp: ZIPFoundation turns
/// dates into DOS time with gmtime(3), whose one static result another thread's call overwrites,
/// so a batch run (`lwkdconv posts… --to epub -o DIR/`) gave 4 of 130 books another book's
/// hour. The archive is zipped under a lock.
@Suite struct EPUBParallelTests {
    /// The DOS time and date of a local file header (bytes 10–13), as the writer should set them.
    static func dosStamp(hour: Int, day: Int) -> [UInt8] {
        let time = UInt16(hour * 2048)
        let date = UInt16(day + 8 * 32 + (2026 - 1980) * 512)
        return [UInt8(time & 0xFF), UInt8(time >> 8), UInt8(date & 0xFF), UInt8(date >> 8)]
    }

    @Test func booksZippedAtOnceKeepTheirOwnTimestamps() throws {
        let writer = try Writers.named("epub")
        let count = 3000
        let documents = try (0..<count).map { index in
            let (hour, day) = (index % 24, 1 + index % 28)
            return try Convert.markdown(
                """
                ---
                title: Week Ending August \(day), 2026
                date: 2026-08-\(String(format: "%02d", day)) \(String(format: "%02d", hour)):00:00 -0000
                ---

                Text \(index).

                """)
        }
        let stamps = Mutex([[UInt8]](repeating: [], count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let bytes = (try? writer.write(documents[index], in: Convert.context()).bytes) ?? []
            stamps.withLock { $0[index] = bytes.count > 14 ? Array(bytes[10..<14]) : [] }
        }
        let wrong = stamps.withLock { all in
            all.indices.filter { all[$0] != Self.dosStamp(hour: $0 % 24, day: 1 + $0 % 28) }
        }
        #expect(wrong.isEmpty, "books with another book's timestamp: \(wrong)")
    }
}
