import Foundation
import LwkdFuzzChecks

// libFuzzer's entry point (`make fuzz TARGET=… SECONDS=…` builds this with
// `--sanitize=fuzzer --sanitize=address -Xswiftc -DLWKD_FUZZ`; libFuzzer brings `main`).
// The target is chosen by LWKD_FUZZ_TARGET. A failed property aborts, so libFuzzer saves the
// input as a crash file; copy it into Tests/FuzzRegressionTests/Regressions/<target>/.
#if LWKD_FUZZ
    nonisolated(unsafe) let target: String = {
        let name = ProcessInfo.processInfo.environment["LWKD_FUZZ_TARGET"] ?? ""
        guard FuzzTargets.names.contains(name) else {
            FileHandle.standardError.write(
                Data("lwkdfuzz: set LWKD_FUZZ_TARGET to one of \(FuzzTargets.names)\n".utf8))
            exit(64)
        }
        return name
    }()

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        do {
            try FuzzTargets.check(target, bytes)
        } catch {
            FileHandle.standardError.write(Data("lwkdfuzz: property failed: \(error)\n".utf8))
            abort()
        }
        return 0
    }
#else
    @main struct LwkdFuzzNotBuilt {
        static func main() {
            FileHandle.standardError.write(
                Data("lwkdfuzz: built without libFuzzer; run it with make fuzz TARGET=… SECONDS=…\n".utf8))
            exit(64)
        }
    }
#endif
