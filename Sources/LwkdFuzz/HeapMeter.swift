import Synchronization

// The peak heap of one fuzz execution, from AddressSanitizer's allocation hooks: every
// malloc, calloc, realloc and free of the process (Swift, cmark-gfm and libxml2 alike) goes
// through ASan's allocator, which calls these hooks. Only built with libFuzzer (`make fuzz`).
#if LWKD_FUZZ
    @_silgen_name("__sanitizer_install_malloc_and_free_hooks")
    private func sanitizerInstallHooks(
        _ malloc: @convention(c) (UnsafeRawPointer?, Int) -> Void,
        _ free: @convention(c) (UnsafeRawPointer?) -> Void
    ) -> Int32

    @_silgen_name("__sanitizer_get_allocated_size")
    private func sanitizerAllocatedSize(_ pointer: UnsafeRawPointer?) -> Int

    private let liveBytes = Atomic<Int>(0)
    private let peakBytes = Atomic<Int>(0)
    private let baseBytes = Atomic<Int>(0)

    /// Live and peak heap bytes, as ASan's allocator sees them.
    enum HeapMeter {
        static func install() {
            _ = liveBytes.load(ordering: .relaxed)
            _ = peakBytes.load(ordering: .relaxed)
            _ = baseBytes.load(ordering: .relaxed)
            _ = sanitizerInstallHooks(
                { _, size in
                    let live = liveBytes.add(size, ordering: .relaxed).newValue
                    var peak = peakBytes.load(ordering: .relaxed)
                    while live > peak {
                        let (exchanged, original) = peakBytes.compareExchange(
                            expected: peak, desired: live, ordering: .relaxed)
                        if exchanged { break }
                        peak = original
                    }
                },
                { pointer in
                    guard let pointer else { return }
                    liveBytes.subtract(sanitizerAllocatedSize(pointer), ordering: .relaxed)
                })
        }

        /// Starts measuring one execution: the peak restarts from what is live now.
        static func start() {
            let live = liveBytes.load(ordering: .relaxed)
            baseBytes.store(live, ordering: .relaxed)
            peakBytes.store(live, ordering: .relaxed)
        }

        /// The most bytes live at once since ``start()``, beyond what was live then.
        static func peak() -> Int {
            peakBytes.load(ordering: .relaxed) - baseBytes.load(ordering: .relaxed)
        }
    }
#endif
