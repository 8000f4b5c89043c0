import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Calls back when any watched file changes: the post, the theme's files, the site settings.
///
/// On Linux it waits on inotify (one watch per folder, so an editor that saves by writing a
/// new file and renaming it over the old one is seen too) and uses no CPU while nothing
/// changes. Elsewhere it compares modification times twice a second. Bursts of events (an
/// editor's save is several) are folded into one call, 20 ms after the last.
public final class FileWatcher: @unchecked Sendable {
    /// A folder to watch and the names in it that matter (nil: every file in it).
    public struct Target: Sendable, Hashable {
        /// The folder.
        public var directory: String
        /// The file names that count; nil counts every one.
        public var names: Set<String>?

        /// Creates a target.
        public init(directory: String, names: Set<String>?) {
            self.directory = directory
            self.names = names
        }
    }

    private let queue = DispatchQueue(label: "lwkdconv.preview.watch")
    private let onChange: @Sendable () -> Void
    private var pending: DispatchWorkItem?
    private var source: (any DispatchSourceProtocol)?
    private var descriptor: Int32 = -1
    private var watches: [Int32: Target] = [:]
    private let targets: [Target]
    private var stamps: [String: Date] = [:]

    /// Starts watching `targets`; `onChange` runs on a private queue.
    public init(_ targets: [Target], onChange: @escaping @Sendable () -> Void) {
        self.targets = targets
        self.onChange = onChange
        queue.sync { start() }
    }

    deinit { source?.cancel() }

    /// Stops watching.
    public func stop() {
        queue.sync {
            source?.cancel()
            source = nil
        }
    }

    private func start() {
        #if os(Linux)
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if fd >= 0 {
                descriptor = fd
                let mask = UInt32(
                    IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM
                        | IN_ATTRIB | IN_MODIFY)
                for target in targets {
                    let wd = inotify_add_watch(fd, target.directory, mask)
                    if wd >= 0 { watches[wd] = target }
                }
                let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
                source.setEventHandler { [unowned self] in self.drain() }
                source.setCancelHandler { close(fd) }
                source.resume()
                self.source = source
                return
            }
        #endif
        stamps = currentStamps()
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .milliseconds(500), repeating: .milliseconds(500))
        timer.setEventHandler { [unowned self] in
            let now = self.currentStamps()
            if now != self.stamps {
                self.stamps = now
                self.changed()
            }
        }
        timer.resume()
        source = timer
    }

    #if os(Linux)
        /// Reads every queued inotify event; calls back when one concerns a watched name.
        private func drain() {
            var buffer = [UInt8](repeating: 0, count: 8192)
            var relevant = false
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 8192) }
                guard count > 0 else { break }
                var offset = 0
                let header = MemoryLayout<inotify_event>.size
                while offset + header <= count {
                    let (wd, length) = buffer.withUnsafeBytes { raw in
                        let event = raw.loadUnaligned(
                            fromByteOffset: offset, as: inotify_event.self)
                        return (event.wd, Int(event.len))
                    }
                    let nameBytes = buffer[(offset + header)..<min(offset + header + length, count)]
                    let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                    if let target = watches[wd], target.names?.contains(name) ?? true {
                        relevant = true
                    }
                    offset += header + length
                }
            }
            if relevant { changed() }
        }
    #endif

    private func changed() {
        pending?.cancel()
        let work = DispatchWorkItem { [onChange] in onChange() }
        pending = work
        queue.asyncAfter(deadline: .now() + .milliseconds(20), execute: work)
    }

    /// Modification times of the watched files (the fallback's poll).
    private func currentStamps() -> [String: Date] {
        var out: [String: Date] = [:]
        for target in targets {
            let names =
                target.names.map(Array.init)
                ?? ((try? FileManager.default.contentsOfDirectory(atPath: target.directory)) ?? [])
            for name in names {
                let path = target.directory + "/" + name
                if let date = (try? FileManager.default.attributesOfItem(atPath: path))?[
                    .modificationDate] as? Date
                {
                    out[path] = date
                }
            }
        }
        return out
    }
}
