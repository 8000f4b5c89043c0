import Foundation
import LwkdTestSupport
import Testing

/// scripts/icu-subset.py, whose ICU data package `make release` links into lwkdconv in place of
/// the toolchain's 34 MB one (Sources/LwkdICUData/icudata.c). Skipped, saying so, where the
/// toolchain has no static Foundation ICU archive.
/// The toolchain's static Foundation ICU archive.
enum ICUArchive {
    static var toolchain: URL? {
        Tool.which("swiftc").map {
            URL(fileURLWithPath: $0).resolvingSymlinksInPath().deletingLastPathComponent()
                .deletingLastPathComponent()
        }
    }
    static var path: String? {
        guard let toolchain else { return nil }
        let path = toolchain.appendingPathComponent("lib/swift_static/linux/lib_FoundationICU.a")
            .path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}

@Suite(
    .enabled(
        if: ICUArchive.path != nil,
        "the toolchain has no lib_FoundationICU.a (static Foundation); ICU subset not tested"))
struct ICUSubsetTests {
    /// Makes the subset in a temporary folder.
    static func subset() throws -> (TemporaryDirectory, Data, String) {
        let directory = try TemporaryDirectory()
        let script = Repository.root().appendingPathComponent("scripts/icu-subset.py").path
        let run = try Tool.run("/usr/bin/python3", [script, try #require(ICUArchive.path), directory.path])
        #expect(run.status == 0, "\(run.output)")
        let data = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/icudata.dat"))
        let header = try String(contentsOfFile: directory.path + "/icudata.h", encoding: .utf8)
        return (directory, data, header)
    }

    /// The items of an ICU common-data package ("CmnD", offset TOC), by name.
    static func items(_ data: Data) -> [String: Data] {
        let bytes = [UInt8](data)
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16
                | Int(bytes[at + 3]) << 24
        }
        let header = Int(bytes[0]) | Int(bytes[1]) << 8
        let count = u32(header)
        var result: [String: Data] = [:]
        for i in 0..<count {
            let nameAt = header + u32(header + 4 + 8 * i)
            let start = header + u32(header + 8 + 8 * i)
            let end = i + 1 < count ? header + u32(header + 8 + 8 * (i + 1)) : bytes.count
            let name = String(decoding: bytes[nameAt...].prefix { $0 != 0 }, as: UTF8.self)
            // An item's own length is in its header; what follows it to the next item is padding.
            var item = bytes[start..<end]
            while item.last == 0, item.count > 16 { item.removeLast() }
            result[name] = Data(item)
        }
        return result
    }

    @Test func theSubsetHoldsTheEnglishAndRootItemsByteForByte() throws {
        let (_, data, header) = try Self.subset()
        #expect(header.hasPrefix("#define LWKD_ICU_DATA_SYMBOL icudt") && header.contains("_dat"))
        #expect(data.count < 6_000_000, "\(data.count) bytes")
        let subset = Self.items(data)
        // The full package, from the archive as the script takes it.
        let directory = try TemporaryDirectory()
        let extracted = try Tool.run(
            "/bin/sh",
            ["-c", "cd \"$1\" && ar x \"$2\" icu_packaged_data.cpp.o", "sh", directory.path,
             try #require(ICUArchive.path)])
        #expect(extracted.status == 0, "\(extracted.output)")
        let member = directory.path + "/icu_packaged_data.cpp.o"
        let full = directory.path + "/full.dat"
        let objcopy = try Tool.run(
            "/usr/bin/objcopy", ["-O", "binary", "--only-section=.rodata", member, full])
        #expect(objcopy.status == 0, "\(objcopy.output)")
        let all = Self.items(try Data(contentsOf: URL(fileURLWithPath: full)))
        #expect(all.count > 4_000)
        for (name, item) in subset { #expect(all[name] == item, "\(name)") }
        let prefix = try #require(subset.keys.first?.split(separator: "/").first)
        for needed in [
            "root.res", "en.res", "en_US.res", "en_US_POSIX.res", "pool.res", "supplementalData.res",
            "likelySubtags.res", "zoneinfo64.res", "metaZones.res", "timezoneTypes.res",
            "zone/en.res", "zone/root.res", "curr/en.res", "coll/root.res", "nfkc.nrm",
        ] {
            #expect(subset["\(prefix)/\(needed)"] != nil, "\(needed)")
        }
        #expect(subset["\(prefix)/fr.res"] == nil && subset["\(prefix)/brkitr/cjdict.dict"] == nil)
    }

    /// A static Swift program linked with the subset, as lwkdconv is, formats dates and runs
    /// regular expressions (Yams' resolver) as with the full package.
    @Test func foundationWorksOnTheSubset() throws {
        let (directory, _, header) = try Self.subset()
        let symbol = try #require(header.split(separator: " ").last).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let c = try directory.write(
            "data.c",
            "__attribute__((aligned(16))) const unsigned char \(symbol)[] = {\n"
                + "#embed \"icudata.dat\"\n};\n")
        let swift = try directory.write(
            "main.swift",
            """
            import Foundation
            let f = ISO8601DateFormatter()
            print(f.string(from: Date(timeIntervalSince1970: 1_785_448_800)))
            let r = try! NSRegularExpression(pattern: "^(?:[-+]?0b[0-1_]+)$")
            print(r.numberOfMatches(in: "0b101", range: NSRange(location: 0, length: 5)))
            print(("a/b.md" as NSString).deletingPathExtension)
            """)
        let clang = try #require(ICUArchive.toolchain).appendingPathComponent("bin/clang").path
        let object = directory.path + "/data.o"
        let compiled = try Tool.run(clang, ["-Wno-c23-extensions", "-c", c, "-o", object])
        #expect(compiled.status == 0, "\(compiled.output)")
        let program = directory.path + "/program"
        let linked = try Tool.run(
            try #require(Tool.which("swiftc")), ["-static-stdlib", swift, object, "-o", program])
        #expect(linked.status == 0, "\(linked.output)")
        let size = try FileManager.default.attributesOfItem(atPath: program)[.size] as? Int ?? 0
        // The same program with the toolchain's package is over 60 MB.
        #expect(size < 50_000_000, "\(size) bytes")
        let run = try Tool.run(program, [])
        #expect(run.status == 0 && run.output == "2026-07-30T22:00:00Z\n1\na/b\n", "\(run.output)")
    }
}
