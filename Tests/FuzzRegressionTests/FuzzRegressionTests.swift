import Foundation
import LwkdFuzzChecks
import Testing

/// Every input a fuzz run found (and the seeds it started from) replayed through the same
/// property checks, on every `make test` (issue 15). `Regressions/<target>/` must pass;
/// `Regressions/<target>/known/` holds findings of an issue still open, each a known issue
/// until its fix makes it pass (then the file moves up a folder).
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Regressions")

    static func files(_ target: String, known: Bool) -> [URL] {
        let folder = root.appendingPathComponent(target + (known ? "/known" : ""))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "known" && $0 != "README.md" }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    @Test func everyTargetHasRegressionFiles() {
        for target in FuzzTargets.names {
            #expect(!Self.files(target, known: false).isEmpty, "no regression files for \(target)")
        }
    }

    @Test(arguments: FuzzTargets.names)
    func regressionFilesHoldTheProperties(_ target: String) throws {
        for file in Self.files(target, known: false) {
            let bytes = try Array(Data(contentsOf: file))
            do {
                try FuzzTargets.check(target, bytes)
            } catch {
                Issue.record("\(target)/\(file.lastPathComponent): \(error)")
            }
        }
    }

    @Test(arguments: FuzzTargets.names)
    func knownFindingsStillFail(_ target: String) throws {
        for file in Self.files(target, known: true) {
            let bytes = try Array(Data(contentsOf: file))
            withKnownIssue("\(target)/known/\(file.lastPathComponent): an open finding") {
                try FuzzTargets.check(target, bytes)
            }
        }
    }
}
