# lwkdconv — `make help` lists the targets.
SHELL := /bin/bash
PREFIX ?= /usr/local
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SHARED ?= $(abspath ../shared)
OUT ?= out
BIN := .build/release/lwkdconv
# The demo's .eml files carry a one-click List-Unsubscribe (RFC 8058), which needs an https
# unsubscribe URL: an example one, since the samples have no list to leave.
DEMO_UNSUBSCRIBE ?= https://lwkd.example/unsubscribe
# `send` and `preview`, which lwkdconv hands off to (Sources/LwkdCLI/HandOff.swift).
NETBIN := .build/release/lwkdconv-net
# Debian packages the build and tests need.
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev pkg-config libxml2-utils cmark-gfm time openssl python3 binutils
# apt-get that waits up to 10 minutes for a busy package manager (a fresh machine's first
# boot often runs unattended upgrades) instead of failing at once.
APT := apt-get -o DPkg::Lock::Timeout=600
# Debian packages only the tests need: headless Chromium drives `preview` (issue 17) and checks
# that the e-mail's preheader shows nowhere in the visible body (issue 16).
TEST_DEB_PACKAGES := chromium
# PyPI packages the tests need: aiosmtpd is the real SMTP server `send` is tested against;
# markdown + pymdown-extensions are Buttondown's renderer (Python-Markdown), for --to buttondown.
PIP_PACKAGES := aiosmtpd==1.4.6 dkimpy pynacl markdown pymdown-extensions

.PHONY: icu-subset tsan help deps test-deps build release demo test golden validate bench install clean samples lint format asan leakcheck screenshots fuzz fuzz-build fuzz-run fuzz-stats fuzz-merge

help: ## list targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

deps: ## install the Debian packages the build needs (sudo when not root)
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; $(SUDO) $(APT) update -qq && $(SUDO) $(APT) install -y -qq $$missing; fi

test-deps: deps ## also the Debian and PyPI packages the tests use (a build or install needs none)
	@missing=""; for p in $(TEST_DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; $(SUDO) $(APT) update -qq && $(SUDO) $(APT) install -y -qq --no-install-recommends $$missing; fi
	@python3 -c 'import aiosmtpd, dkim, nacl, markdown, pymdownx' 2>/dev/null || python3 -m pip install -q $(PIP_PACKAGES) || python3 -m pip install -q --break-system-packages $(PIP_PACKAGES)

build: deps ## debug build
	$(SWIFT) build

# lwkdconv links a 4 MB subset of ICU's data in place of the toolchain's 34 MB package, which it
# never reads (Sources/LwkdICUData/icudata.c); lwkdconv-net keeps the whole package.
ICU_ARCHIVE ?= $(realpath $(dir $(realpath $(shell command -v $(SWIFT))))../lib/swift_static/linux/lib_FoundationICU.a)
icu-subset:
	@if [ -f "$(ICU_ARCHIVE)" ]; then python3 scripts/icu-subset.py "$(ICU_ARCHIVE)" .build/icu-subset; \
	else echo "icu-subset: no lib_FoundationICU.a in the toolchain; lwkdconv links ICU's full data"; fi

release: deps icu-subset ## release build (static Swift stdlib: faster start-up)
	$(SWIFT) build -c release --static-swift-stdlib --product lwkdconv
	$(SWIFT) build -c release --static-swift-stdlib --product lwkdconv-net

demo: release ## convert every sample into every format, into out/
	@mkdir -p $(OUT)
	@formats=$$($(BIN) --list-formats | awk '/^Output/{o=1;next} o{print $$1}'); \
	for f in samples/*; do \
	  [ -f "$$f" ] || continue; base=$$(basename "$${f%.*}"); \
	  for fmt in $$formats; do \
	    ext=$$fmt; case $$fmt in markdown) ext=md;; plain) ext=txt;; html-email) ext=email.html;; buttondown) ext=buttondown.md;; esac; \
	    extra=; [ $$fmt = eml ] && extra="--unsubscribe-url $(DEMO_UNSUBSCRIBE)"; \
	    $(BIN) "$$f" --to $$fmt -o "$(OUT)/$$base.$$ext" --resource-path samples --quiet $$extra || exit 1; \
	  done; echo "  $$f -> $(OUT)/$$base.{$$(echo $$formats | tr ' ' ',')}"; \
	done
	@$(BIN) digest samples --year 2026 --to epub --resource-path samples -o $(OUT)/lwkd-2026.epub --quiet
	@$(BIN) feed samples --limit 0 -o $(OUT)/feed.xml --quiet
	@echo "  samples/ -> $(OUT)/lwkd-2026.epub (yearly digest), $(OUT)/feed.xml (site feed)"

samples: demo ## alias of demo

test: test-deps ## run the whole test suite
	$(SWIFT) build --product lwkdconv
	$(SWIFT) build --product lwkdconv-net
	$(SWIFT) test

golden: ## rewrite golden files (then review the diff)
	LWKD_UPDATE_GOLDEN=1 $(SWIFT) test || true

validate: release ## conformance checks on sample output (epubcheck, xmllint)
	@dpkg -s epubcheck >/dev/null 2>&1 || { $(SUDO) $(APT) update -qq && $(SUDO) $(APT) install -y -qq epubcheck; }
	@bash scripts/validate.sh

bench: deps icu-subset ## benchmark figures (corpus when ../shared exists, else samples)
	@# The digest row compares with pandoc 2.17 (Debian 12's); a fresh machine has none.
	@command -v pandoc >/dev/null || { $(SUDO) $(APT) update -qq && $(SUDO) $(APT) install -y -qq --no-install-recommends pandoc; }
	$(SWIFT) build -c release --static-swift-stdlib
	LWKD_SHARED=$(SHARED) .build/release/lwkdbench

screenshots: release ## photograph the sample e-mail (600, 375 px), web page, preview page and the 2022 digest (headless chromium) into docs/
	@command -v chromium >/dev/null || $(SUDO) $(APT) install -y -qq chromium
	@bash scripts/screenshots.sh
	@bash scripts/digest-pictures.sh

# The man page comes from the commands' own help (swift-argument-parser's generate-manual tool,
# built from the package it already depends on), so it cannot drift from them. It and the
# completions come from lwkdconv-net, whose command tree holds send's and preview's options too.
# lwkdconv-net goes where git puts its helpers: PREFIX/libexec/lwkdconv.
install: release ## install lwkdconv and lwkdconv-net (stripped), themes, man page and shell completions under $(PREFIX)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/libexec/lwkdconv $(DESTDIR)$(PREFIX)/share/lwkdconv/themes
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/lwkdconv
	strip --strip-all $(DESTDIR)$(PREFIX)/bin/lwkdconv
	install -m 755 $(NETBIN) $(DESTDIR)$(PREFIX)/libexec/lwkdconv/lwkdconv-net
	strip --strip-all $(DESTDIR)$(PREFIX)/libexec/lwkdconv/lwkdconv-net
	cp -R themes/. $(DESTDIR)$(PREFIX)/share/lwkdconv/themes/
	$(SWIFT) build -c release --product generate-manual
	mkdir -p .build/manual && .build/release/generate-manual $(NETBIN) --date 2026-12-01 -o .build/manual
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 .build/manual/lwkdconv.1 $(DESTDIR)$(PREFIX)/share/man/man1/lwkdconv.1
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(NETBIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/lwkdconv
	$(NETBIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_lwkdconv
	$(NETBIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/lwkdconv.fish
	@echo "installed $(DESTDIR)$(PREFIX)/bin/lwkdconv ($$(du -m $(DESTDIR)$(PREFIX)/bin/lwkdconv | cut -f1) MB) and $(DESTDIR)$(PREFIX)/libexec/lwkdconv/lwkdconv-net ($$(du -m $(DESTDIR)$(PREFIX)/libexec/lwkdconv/lwkdconv-net | cut -f1) MB)"

# The parallel paths under ThreadSanitizer: cmark-gfm parsing on every core, and the commands
# that read posts with concurrentPerform. Its own scratch path keeps the debug build intact.
# The batch suite's corpus test (130 posts × 8 formats, twice) is skipped here: under TSan it
# runs for over 10 minutes, and its parallel path is the one samplesInOneRunEqualOneRunEach
# drives; the corpus-wide race check is ParallelParseTests' corpus test.
tsan: ## the parallel paths' tests under ThreadSanitizer
	$(SWIFT) test --scratch-path .build-tsan --sanitize=thread \
	  --filter 'ParallelParseTests|FeedCommandTests|BatchConvertTests|DigestCommandTests|CheckCommandTests' \
	  --skip theCorpusInOneRunEqualsOneRunEach

lint: ## swift format lint, build with warnings as errors
	$(SWIFT) format lint -r Sources Tests
	$(SWIFT) build -Xswiftc -warnings-as-errors

format: ## format the sources
	$(SWIFT) format -i -r Sources Tests

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer, in its own scratch
# path (the debug build stays intact), with the CLI tests running that build's lwkdconv and
# lwkdconv-net. FILTER=... runs some test targets only. MemoryBoundTests is skipped: it measures
# a child's peak RSS, which ASan's shadow memory and quarantine inflate (make test runs it).
# LeakSanitizer's suppressions (scripts/lsan.supp) are toolchain and third-party leaks only,
# each with its reason.
ASAN_BUILD ?= .build-asan
# Swift 6.3 on Linux refuses -sanitize=undefined for Swift code ("unsupported option"); Swift
# traps its own undefined behaviour (overflow, bounds) in every build, so UBSan instruments the
# C targets (-fsanitize=undefined), whose handlers the AddressSanitizer runtime carries.
ASAN_FLAGS = --sanitize=address -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined
asan: deps ## the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer
	$(SWIFT) build --scratch-path $(ASAN_BUILD) $(ASAN_FLAGS) --product lwkdconv
	$(SWIFT) build --scratch-path $(ASAN_BUILD) $(ASAN_FLAGS) --product lwkdconv-net
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 SWIFT_BACKTRACE=enable=no \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp:print_suppressions=1 \
	  $(SWIFT) test --scratch-path $(ASAN_BUILD) $(ASAN_FLAGS) $(if $(FILTER),--filter '$(FILTER)') \
	  --skip MemoryBoundTests

# valgrind (memcheck) on the CLI over every sample and every output format. Errors (invalid
# reads, uses of uninitialised values) and definite leaks fail; scripts/valgrind.supp holds
# only toolchain false positives, each with the reason.
leakcheck: build ## valgrind on the CLI over every sample and every format
	@command -v valgrind >/dev/null || { $(SUDO) $(APT) update -qq && $(SUDO) $(APT) install -y -qq valgrind; }
	@bash scripts/leakcheck.sh .build/debug/lwkdconv

# make fuzz TARGET=markdown SECONDS=60: one libFuzzer target (markdown plain json sanitizer css
# smtp-reply csv journal), seeded from Tests/FuzzRegressionTests/Regressions/TARGET; new
# inputs go to .build-fuzz/corpus/TARGET, failures to .build-fuzz/findings/TARGET (copy each
# into the regressions folder: make test replays it), the run's log to .build-fuzz/logs.
# FUZZ_CONFIG=release (the default; still ASan and libFuzzer) or debug. A single allocation
# over 30 MiB fails the run (-malloc_limit_mb), and the driver fails any input whose peak heap
# is over 30 MB + 20 bytes per input byte.
# FUZZ_OPTS passes more libFuzzer flags (e.g. FUZZ_OPTS=-runs=100000).
FUZZ_BUILD ?= .build-fuzz
FUZZ_CONFIG ?= release
TARGET ?= markdown
SECONDS ?= 60
FUZZ_OPTS ?=
FUZZ_TARGETS := markdown plain json sanitizer css smtp-reply csv journal
FUZZ_REGRESSIONS := Tests/FuzzRegressionTests/Regressions
# The longest input per target: long enough for every limit the target checks (an SMTP line
# is at most 8192 bytes), short enough to keep executions fast. The journal's reader has no
# length limit, and its property (unreadable lines numbered within the file) needs only a few
# lines: 1024 bytes hold a header and several records. At 4096 the inputs grew to 4 KB of JSON
# lines and the target fell from 7,400 to 1,300 executions a second.
FUZZ_MAX_LEN_smtp-reply := 16384
FUZZ_MAX_LEN_csv := 4096
FUZZ_MAX_LEN_journal := 1024
# The plain reader's limits are its 32 levels of nesting (about 1.1 KB of indented list lines)
# and its heading cues (lines of at most 120 characters): 2048 bytes reach them all.
FUZZ_MAX_LEN_plain := 2048
FUZZ_MAX_LEN_json := 16384
FUZZ_MAX_LEN = $(or $(FUZZ_MAX_LEN_$(TARGET)),8192)
FUZZ_DICT = $(wildcard Sources/LwkdFuzz/Dictionaries/$(TARGET).dict)
FUZZ_BIN = $(FUZZ_BUILD)/$(FUZZ_CONFIG)/lwkdfuzz
# No allocation stacks (malloc_context_size=0) and no leak detection: ASan's stack depot and
# libFuzzer's leak probe took a fifth of the css target's time (perf). A finding reproduces
# with full reports: LWKD_FUZZ_TARGET=css ASAN_OPTIONS=detect_leaks=0 $(FUZZ_BIN) FILE.
FUZZ_ASAN ?= detect_leaks=0:malloc_context_size=0
FUZZ_ENV = LWKD_FUZZ_TARGET=$(TARGET) SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=$(FUZZ_ASAN)
# C code compiles at -O0 (-Xcc, last -O wins): it is BoringSSL's 768 files (swift-crypto,
# swift-nio-ssl), not under test, and with ASan and libFuzzer's instrumentation at -O2 they took
# most of an hour on this 2-core machine. The Swift code under test keeps -c's optimisation;
# cmark-gfm and libxml2 are the system's libraries.
fuzz-build: ## build the libFuzzer driver (FUZZ_CONFIG=release or debug)
	$(SWIFT) build -c $(FUZZ_CONFIG) --scratch-path $(FUZZ_BUILD) --product lwkdfuzz \
	  --sanitize=fuzzer --sanitize=address -Xswiftc -DLWKD_FUZZ -Xcc -O0 \
	  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp

fuzz: fuzz-build fuzz-run ## run one fuzz target: make fuzz TARGET=markdown SECONDS=60

fuzz-run: ## run one fuzz target without building (FUZZ_BIN: which driver)
	@mkdir -p $(FUZZ_BUILD)/corpus/$(TARGET) $(FUZZ_BUILD)/findings/$(TARGET) $(FUZZ_BUILD)/logs
	@# libFuzzer reads a corpus folder recursively, and the open findings in known/ would stop
	@# the run as it loads them: the seeds are the regression folder without known/.
	@rm -rf $(FUZZ_BUILD)/seeds/$(TARGET) && mkdir -p $(FUZZ_BUILD)/seeds/$(TARGET) && \
	  find $(FUZZ_REGRESSIONS)/$(TARGET) -path '*/known' -prune -o -type f -not -name '.*' \
	    -exec cp -t $(FUZZ_BUILD)/seeds/$(TARGET) {} +
	set -o pipefail; $(FUZZ_ENV) $(FUZZ_BIN) -max_total_time=$(SECONDS) -rss_limit_mb=2048 \
	  -malloc_limit_mb=30 -timeout=10 -max_len=$(FUZZ_MAX_LEN) $(if $(FUZZ_DICT),-dict=$(FUZZ_DICT)) \
	  -print_final_stats=1 -detect_leaks=0 -artifact_prefix=$(FUZZ_BUILD)/findings/$(TARGET)/ $(FUZZ_OPTS) \
	  $(FUZZ_BUILD)/corpus/$(TARGET) $(FUZZ_BUILD)/seeds/$(TARGET) 2>&1 \
	  | tee $(FUZZ_BUILD)/logs/$(TARGET)-$$(date -u +%Y%m%dT%H%M%S).log

fuzz-stats: ## executions per target, summed over the logs in .build-fuzz/logs
	@for t in $(FUZZ_TARGETS); do \
	  for f in $(FUZZ_BUILD)/logs/$$t-*.log; do [ -f "$$f" ] && awk \
	    '/stat::number_of_executed_units/ {s = $$2} /^#[0-9]+\t/ {n = substr($$1, 2)} END {print (s != "" ? s : n + 0)}' "$$f"; \
	  done | awk -v t=$$t '{n += $$1; runs++} END {printf "  %-12s %12d executions in %d runs\n", t, n, runs}'; \
	done

fuzz-merge: fuzz-build ## minimise TARGET's corpus into $(FUZZ_REGRESSIONS)/TARGET/corpus
	rm -rf $(FUZZ_BUILD)/merge/$(TARGET) && mkdir -p $(FUZZ_BUILD)/merge/$(TARGET)
	@# known/ holds open findings, which crash the merge's child: their crash files go with
	@# the run's findings, not into the working tree.
	@mkdir -p $(FUZZ_BUILD)/findings/$(TARGET) $(FUZZ_BUILD)/corpus/$(TARGET)
	$(FUZZ_ENV) $(FUZZ_BIN) -merge=1 -max_len=$(FUZZ_MAX_LEN) -rss_limit_mb=2048 -timeout=10 \
	  -artifact_prefix=$(FUZZ_BUILD)/findings/$(TARGET)/ \
	  $(FUZZ_BUILD)/merge/$(TARGET) $(FUZZ_REGRESSIONS)/$(TARGET) $(FUZZ_BUILD)/corpus/$(TARGET)
	@# The named files (seeds, findings) stay where they are; the corpus holds the rest.
	@cd $(FUZZ_REGRESSIONS)/$(TARGET) && for f in $$(find . -maxdepth 1 -type f -not -name '.*'); do \
	  rm -f $(CURDIR)/$(FUZZ_BUILD)/merge/$(TARGET)/$$(sha1sum < $$f | cut -c1-40); done
	rm -rf $(FUZZ_REGRESSIONS)/$(TARGET)/corpus && cp -r $(FUZZ_BUILD)/merge/$(TARGET) $(FUZZ_REGRESSIONS)/$(TARGET)/corpus
	@echo "$(TARGET): $$(ls $(FUZZ_REGRESSIONS)/$(TARGET)/corpus | wc -l) corpus files, $$(du -sb $(FUZZ_REGRESSIONS)/$(TARGET)/corpus | cut -f1) bytes"

clean: ## remove build output
	rm -rf .build $(FUZZ_BUILD) $(OUT)
