import Foundation
import LwkdFuzzChecks

// libFuzzer's entry point (`make fuzz TARGET=… SECONDS=…` builds this with
// `--sanitize=fuzzer --sanitize=address -Xswiftc -DLWKD_FUZZ`; libFuzzer brings `main`).
// The target is chosen by LWKD_FUZZ_TARGET. A failed property aborts, so libFuzzer saves the
// input as a crash file; copy it into Tests/FuzzRegressionTests/Regressions/<target>/.
#if LWKD_FUZZ
    let target: String = {
        let name = ProcessInfo.processInfo.environment["LWKD_FUZZ_TARGET"] ?? ""
        guard FuzzTargets.names.contains(name) else {
            FileHandle.standardError.write(
                Data("lwkdfuzz: set LWKD_FUZZ_TARGET to one of \(FuzzTargets.names)\n".utf8))
            exit(64)
        }
        HeapMeter.install()
        return name
    }()

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let name = target
        let limit = FuzzTargets.memoryLimit(name, bytes)
        HeapMeter.start()
        do {
            try FuzzTargets.check(name, bytes)
        } catch {
            FileHandle.standardError.write(Data("lwkdfuzz: property failed: \(error)\n".utf8))
            abort()
        }
        let peak = HeapMeter.peak()
        if let limit, peak > limit {
            FileHandle.standardError.write(
                Data(
                    "lwkdfuzz: property failed: \(name): peak heap \(peak) bytes for \(size) input bytes, over the bound \(limit) (30 MB + 20 bytes per input byte)\n"
                        .utf8))
            abort()
        }
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func runLibFuzzer(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// SwiftPM names an executable's entry point `lwkdfuzz_main` (and links `main` to it) unless
    /// it was told `--sanitize=fuzzer`; built with `-Xswiftc -sanitize=fuzzer` instead, this
    /// runs libFuzzer's driver, as libFuzzer's own `main` would.
    @_cdecl("lwkdfuzz_main")
    func lwkdfuzzMain(
        _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> Int32 {
        var count = argc
        var arguments = argv
        return runLibFuzzer(&count, &arguments, fuzzOneInput)
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
