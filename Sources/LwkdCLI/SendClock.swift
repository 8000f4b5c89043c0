import Foundation
import LwkdModel

/// The current time as a ``PostDate`` (UTC), for the messages' Date header.
package enum SendClock {
    package static func now() -> PostDate {
        // `utc` normalises the out-of-range seconds into a calendar date.
        PostDate(year: 1970, month: 1, day: 1, second: Int(Date().timeIntervalSince1970)).utc
    }
}
