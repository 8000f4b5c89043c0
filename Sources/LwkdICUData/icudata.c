// The ICU data lwkdconv links in place of the toolchain's (issue 14: the installed binary).
//
// The Swift toolchain's static Foundation brings ICU with its whole data package, 34 MB
// (`icudt76_dat`, alone in lib_FoundationICU.a's icu_packaged_data.cpp.o). lwkdconv reads none
// of it: traced with gdb on ICU's offsetTOCLookupFn over every format, `digest`, `feed`,
// `check`, `new`, `stamp` and bad inputs, no conversion looks up one item. (`send` and
// `preview`, in lwkdconv-net, do: ISO8601DateFormatter loads the English and time-zone data;
// lwkdconv-net keeps the toolchain's package.)
//
// `make release` writes `.build/icu-subset/` with scripts/icu-subset.py: the same package
// format with the 73 items an English-locale Foundation needs (about 4 MB), and the symbol's
// name for the toolchain's ICU version. Defining that symbol here keeps the linker from pulling
// the archive member with the full package. Where the subset was not made (a plain
// `swift build`), nothing is defined and the toolchain's package is linked as before.
#if defined(__has_include) && defined(__has_embed)
#if __has_include("../../.build/icu-subset/icudata.h") && __has_embed("../../.build/icu-subset/icudata.dat")
#include "../../.build/icu-subset/icudata.h"
#pragma clang diagnostic ignored "-Wc23-extensions"
// Hidden: a static link resolves ICU's reference to it, but a dynamic build (debug, with
// Foundation's shared libraries) does not export it to interpose on their own package.
__attribute__((aligned(16), used, visibility("hidden")))
const unsigned char LWKD_ICU_DATA_SYMBOL[] = {
#embed "../../.build/icu-subset/icudata.dat"
};
#endif
#endif

// SwiftPM needs a C target to have public headers: this is the one function they declare.
int lwkd_icu_data_is_subset(void) {
#if defined(LWKD_ICU_DATA_SYMBOL)
    return 1;
#else
    return 0;
#endif
}
