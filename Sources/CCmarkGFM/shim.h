#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

// cmark-gfm's own character classes (exported by libcmark-gfm, declared in its private
// utf8.h): the Markdown writer checks its delimiter runs with the tables the parser uses, whose
// Unicode version is older than Swift's (U+061D is punctuation to Swift, not to cmark-gfm).
#include <stdint.h>
int cmark_utf8proc_is_space(int32_t uc);
int cmark_utf8proc_is_punctuation(int32_t uc);
