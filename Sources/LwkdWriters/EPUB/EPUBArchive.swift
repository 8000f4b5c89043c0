import Foundation
import LwkdModel
import Synchronization
import ZIPFoundation

/// Zips the members of a publication with ZIPFoundation, reproducibly: members in the order
/// given, every timestamp the same, fixed permissions.
struct EPUBArchive {
    struct Member {
        var path: String
        var bytes: [UInt8]
        var isCompressed: Bool
    }

    var members: [Member] = []

    mutating func add(_ path: String, text: String) {
        members.append(Member(path: path, bytes: Array(text.utf8), isCompressed: true))
    }

    mutating func add(_ path: String, bytes: [UInt8], isCompressed: Bool) {
        members.append(Member(path: path, bytes: bytes, isCompressed: isCompressed))
    }

    /// Held while an archive is built. ZIPFoundation 0.9.20 turns each entry's date into DOS
    /// time with gmtime(3), whose one static result any other thread's call overwrites: books
    /// zipped at once on two cores took each other's timestamps (4 of 130 in a batch run;
    /// `EPUBParallelTests`). Only the zipping waits; rendering the chapters stays parallel.
    private static let zipping = Mutex<Void>(())

    /// The zip bytes.
    ///
    /// OCF 3.3 §4.2: `mimetype` first, stored, no extra field.
    func zipped(modified: PostDate) throws(WriteError) -> [UInt8] {
        try Self.zipping.withLock { _ throws(WriteError) in try zip(modified: modified) }
    }

    private func zip(modified: PostDate) throws(WriteError) -> [UInt8] {
        // DOS timestamps cannot express dates before 1980.
        let date = Date(timeIntervalSince1970: TimeInterval(max(modified.unixTime, 315_532_800)))
        do {
            let archive = try Archive(accessMode: .create)
            let all =
                [
                    Member(
                        path: "mimetype", bytes: Array("application/epub+zip".utf8),
                        isCompressed: false)
                ] + members
            for member in all {
                let data = Data(member.bytes)
                try archive.addEntry(
                    with: member.path, type: .file, uncompressedSize: Int64(data.count),
                    modificationDate: date,
                    permissions: 0o644, compressionMethod: member.isCompressed ? .deflate : .none
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw Archive.ArchiveError.unwritableArchive }
            return Array(data)
        } catch {
            throw .unsupported(format: "epub", reason: "cannot build the zip container: \(error)")
        }
    }
}
