#!/usr/bin/env python3
"""icu-subset.py TOOLCHAIN_ICU_ARCHIVE OUTDIR

Writes OUTDIR/icudata.dat, the ICU data package lwkdconv links in place of the toolchain's
(`icudt76_dat` in Swift 6.3's ICU 76; Sources/LwkdICUData/icudata.c), and OUTDIR/icudata.h,
which names that symbol: the same ICU common-data format ("CmnD", offset TOC), holding only the
items an English-locale Foundation needs (root, en, en_US, en_US_POSIX; the supplemental,
time-zone, normalisation, collation-root and break-iterator rules; no dictionaries, converters,
transliterators or other locales). lwkdconv's own conversions read no ICU data at all
(traced with gdb on offsetTOCLookupFn over every format and command); these items are kept so
a Foundation path that does look one up still finds English and root data.

The toolchain's package (in lib_FoundationICU.a's icu_packaged_data.cpp.o) is 34 MB; the
subset is about 3 MB.
"""
import os
import re
import struct
import subprocess
import sys
import tempfile

LOCALES = r"(root|en|en_US|en_US_POSIX|en_001|pool|supplementalData|tzdbNames)"
KEEP = [
    # Top-level resource bundles: the locales above and every non-locale table.
    r"[^/]+\.res",
    r"(nfkc|nfkc_cf|nfkc_scf|uts46)\.nrm",
    r"(cnvalias|ulayout|uemoji|unames)\.icu",
    r"confusables\.cfu",
    r"(curr|lang|region|unit|zone|rbnf)/" + LOCALES + r"\.res",
    r"coll/(root|en|ucadata)\.(res|icu)",
    r"brkitr/(root|en)\.res",
    r"brkitr/(char|word|word_POSIX|line|line_normal|line_loose|sent|title)\.brk",
    r"translit/en\.res",
]
LOCALE_NAME = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")


def keep(item):
    name = item.split("/", 1)[1]
    if "/" not in name and LOCALE_NAME.match(name):
        return re.fullmatch(LOCALES + r"\.res", name) is not None
    return any(re.fullmatch(pattern, name) for pattern in KEEP)


def read(data):
    header = struct.unpack_from("<H", data, 0)[0]
    count = struct.unpack_from("<I", data, header)[0]
    entries = [struct.unpack_from("<II", data, header + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(entries):
        start = header + name_at
        name = data[start:data.index(b"\0", start)].decode("ascii")
        end = entries[i + 1][1] if i + 1 < count else len(data) - header
        items.append((name, data[header + data_at:header + end]))
    return data[:header], items


def write(header, items):
    toc = 4 + 8 * len(items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    offset = toc + len(names)
    offset += -(header.__len__() + offset) % 16
    out_toc = struct.pack("<I", len(items))
    body = b""
    name_at = toc
    for name, blob in items:
        out_toc += struct.pack("<II", name_at, offset + len(body))
        name_at += len(name) + 1
        body += blob + b"\0" * (-len(blob) % 16)
    padding = b"\0" * (offset - toc - len(names))
    return header + out_toc + names + padding + body


def main():
    archive, out = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["ar", "x", os.path.abspath(archive), "icu_packaged_data.cpp.o"],
                       cwd=tmp, check=True)
        member = os.path.join(tmp, "icu_packaged_data.cpp.o")
        symbols = subprocess.run(["nm", member], check=True, capture_output=True, text=True)
        defined = re.findall(r" R (icudt\d+_dat)$", symbols.stdout, re.M)
        if len(defined) != 1:
            sys.exit("icu-subset: %s defines %r, not one icudtNN_dat" % (archive, defined))
        raw = os.path.join(tmp, "icudt.dat")
        subprocess.run(["objcopy", "-O", "binary", "--only-section=.rodata", member, raw],
                       check=True)
        data = open(raw, "rb").read()
    header, items = read(data)
    kept = [(name, blob) for name, blob in items if keep(name)]
    package = write(header, kept)
    # Read back: the same items, byte for byte.
    _, again = read(package)
    assert [(n, b.rstrip(b"\0")) for n, b in again] == [(n, b.rstrip(b"\0")) for n, b in kept]
    os.makedirs(out, exist_ok=True)
    files = {
        "icudata.dat": package,
        "icudata.h": ("#define LWKD_ICU_DATA_SYMBOL %s\n" % defined[0]).encode("ascii"),
    }
    changed = False
    for name, content in files.items():
        path = os.path.join(out, name)
        if not os.path.exists(path) or open(path, "rb").read() != content:
            with open(path + ".tmp", "wb") as f:
                f.write(content)
            os.replace(path + ".tmp", path)
            changed = True
    if changed:
        # SwiftPM does not see #embed's file as a dependency: recompile the C file.
        source = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                              "../Sources/LwkdICUData/icudata.c")
        os.utime(source)
    print("icu-subset: %s, %d of %d items, %d of %d bytes -> %s%s" % (
        defined[0], len(kept), len(items), len(package), len(data), out,
        "" if changed else " (unchanged)"))


if __name__ == "__main__":
    main()
