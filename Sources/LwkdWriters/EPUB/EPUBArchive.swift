import Foundation
import LwkdModel
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

    /// The zip bytes.
    ///
    /// OCF 3.3 §4.2: `mimetype` first, stored, no extra field.
    func zipped(modified: PostDate) throws(WriteError) -> [UInt8] {
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
