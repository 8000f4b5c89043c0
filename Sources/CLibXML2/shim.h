#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/uri.h>

// Swift 6 rejects libxml2's `xmlFree`, a global mutable function pointer, as not
// concurrency-safe; this inline wrapper gives Swift a plain function to call.
static inline void lwkd_xml_free(void *p) { xmlFree(p); }
