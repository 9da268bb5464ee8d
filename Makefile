# fabrique - static site generator for Journée Citoyenne communes.
# See README.md.  Targets: all, deps, demo, check, regress, asan, install,
# clean, bench, lint, test-fast, fuzz, valgrind.

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share/fabrique
LIBDIR   ?= $(PREFIX)/lib

CC       ?= cc
PKGS      = libcmark-gfm yaml-0.1 libgit2 libqrencode zlib
# libmicrohttpd (and GnuTLS behind it) is not linked either: only serve
# needs it, and src/mhdload.c opens it by its soname when serve starts.
MHD_CFLAGS := $(shell pkg-config --cflags libmicrohttpd 2>/dev/null)
MHD_SONAME := $(shell objdump -p "$$(pkg-config --variable=libdir \
                libmicrohttpd 2>/dev/null)/libmicrohttpd.so" 2>/dev/null | \
                awk '$$1 == "SONAME" {print $$2}')
# libvips is not linked into fabrique: src/imgvips.c becomes the module
# fabrique-vips.so, loaded beside the binary when a photo must be decoded
# (see src/imgvips.h), so start-up loads ~15 libraries instead of ~110.
VIPS_CFLAGS := $(shell pkg-config --cflags vips 2>/dev/null)
VIPS_LIBS   := $(shell pkg-config --libs vips 2>/dev/null)
CFLAGS   ?= -O2 -g
WARNINGS  = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(MHD_CFLAGS)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -pthread $(WARNINGS) \
             $(PKG_CFLAGS) -DFABRIQUE_VERSION='"$(VERSION)"' \
             -DFABRIQUE_DATADIR='"$(DATADIR)"' $(CFLAGS) $(EXTRA_CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -pthread -lm -ldl $(LDLIBS)

# BUILD selects an object folder, so the sanitizer build lives beside the
# normal one: make BUILD=build/asan EXTRA_CFLAGS='-fsanitize=...'
BUILD    ?= build
SRCS      = $(filter-out src/imgvips.c,$(wildcard src/*.c))
OBJS      = $(SRCS:src/%.c=$(BUILD)/%.o)
LIBOBJS   = $(filter-out $(BUILD)/main.o,$(OBJS))
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
BIN      ?= fabrique
MODULE    = $(dir $(BIN))fabrique-vips.so
VIPSOBJ   = $(BUILD)/imgvips.o

all: $(BIN) $(MODULE)

$(BIN): $(OBJS) | $(MODULE)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LDLIBS_ALL)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/mhdload.o: ALL_CFLAGS += \
    $(if $(MHD_SONAME),-DMHDLOAD_SONAME='"$(MHD_SONAME)"')

$(VIPSOBJ): src/imgvips.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(VIPS_CFLAGS) -fPIC -MMD -MP -c -o $@ $<

$(MODULE): $(VIPSOBJ)
	$(CC) $(ALL_CFLAGS) -shared -o $@ $(VIPSOBJ) $(VIPS_LIBS)

$(BUILD)/libfabrique.a: $(LIBOBJS)
	rm -f $@
	ar rcs $@ $(LIBOBJS)

# Test programs link the codec statically (imgvips_get is then defined).
$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit_sh.h $(BUILD)/libfabrique.a $(VIPSOBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(VIPS_CFLAGS) -Isrc -o $@ $< $(VIPSOBJ) \
	    $(BUILD)/libfabrique.a $(LDLIBS_ALL) $(VIPS_LIBS) -lcmocka

$(BUILD)/mustache-spec: tests/mustache_spec.c $(BUILD)/libfabrique.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(BUILD)/libfabrique.a $(LDLIBS_ALL)

# The driver of the small golden cases (tests/regress/run.sh).
$(BUILD)/regress: tests/regress.c $(BUILD)/libfabrique.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(BUILD)/libfabrique.a $(LDLIBS_ALL)

$(BUILD)/commonmark-spec: tests/commonmark_spec.c $(BUILD)/libfabrique.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(BUILD)/libfabrique.a $(LDLIBS_ALL)

# A driver of the photo pipeline for tests and the photo benchmark.
$(BUILD)/imgtool: tests/imgtool.c $(BUILD)/libfabrique.a $(VIPSOBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(VIPS_CFLAGS) -Isrc -o $@ $< $(VIPSOBJ) \
	    $(BUILD)/libfabrique.a $(LDLIBS_ALL) $(VIPS_LIBS)

unit: $(UNIT_BINS) $(BUILD)/mustache-spec $(BUILD)/commonmark-spec $(BUILD)/imgtool $(BUILD)/regress

-include $(OBJS:.o=.d) $(VIPSOBJ:.o=.d)

# Installs the Debian packages needed to build and test, if missing.
deps:
	@sh tests/deps.sh build

demo: deps
	@$(MAKE) --no-print-directory $(BIN)
	@./$(BIN) build content --out public
	@echo "The example site is in public/. See it with:" \
	    "python3 -m http.server -d public 8000, then open http://127.0.0.1:8000/"

# The whole suite, then again under ASan+UBSan.  Last line: N passed, N failed.
check:
	@sh tests/deps.sh check
	@$(MAKE) -s --no-print-directory $(BIN) unit
	@sh tests/run.sh $(BUILD) ./$(BIN)

# The edit loop (about 20 s): unit tests, the Mustache spec, the golden
# files, the broken-input corpus, the content model.  No browser, no ASan.
test-fast:
	@$(MAKE) -s --no-print-directory $(BIN) unit
	@sh tests/run.sh $(BUILD) ./$(BIN) fast

# Golden-file tests alone: the golden site (tests/golden) and the small
# cases of tests/regress (one Markdown input, one expected HTML each);
# regress-update regenerates both (review the diff).
regress: $(BIN) $(BUILD)/regress
	@FABRIQUE=$(CURDIR)/$(BIN) sh tests/integration/golden.sh
	@sh tests/regress/run.sh $(BUILD)/regress

regress-update: $(BIN) $(BUILD)/regress
	@UPDATE_GOLDEN=1 FABRIQUE=$(CURDIR)/$(BIN) sh tests/integration/golden.sh | tail -n 1
	@sh tests/regress/run.sh $(BUILD)/regress update | tail -n 1

install: $(BIN) $(MODULE)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/themes \
	    $(DESTDIR)$(LIBDIR)/fabrique
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/fabrique
	install -m 644 $(MODULE) $(DESTDIR)$(LIBDIR)/fabrique/fabrique-vips.so
	install -m 644 docs/fabrique.1 $(DESTDIR)$(MANDIR)/man1/fabrique.1
	@# each theme replaced whole (copied beside, then renamed): a file an
	@# older theme had and this one dropped must not stay published
	@set -e; d='$(DESTDIR)$(DATADIR)/themes'; for t in themes/*/; do \
	    n=$$(basename "$$t"); rm -rf "$$d/.$$n.new" "$$d/.$$n.old"; \
	    cp -R "themes/$$n" "$$d/.$$n.new"; \
	    if [ -e "$$d/$$n" ]; then mv "$$d/$$n" "$$d/.$$n.old"; fi; \
	    mv "$$d/.$$n.new" "$$d/$$n"; rm -rf "$$d/.$$n.old"; \
	    echo "installed theme $$n in $$d/$$n"; done

bench: $(BIN) $(MODULE)
	@sh bench/run.sh

lint:
	clang-format --dry-run --Werror src/*.c src/*.h tests/unit/*.c tests/unit/*.h tests/*.c tests/fuzz/*.c
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
	    --inline-suppr --suppress=missingIncludeSystem -Isrc src
	@sh tests/module-graph.sh src
	@sh tests/module-graph.sh --self-test

# Fuzz targets (tests/fuzz/fuzz_*.c) with clang's libFuzzer, ASan and
# UBSan: build/fuzz/fuzz_NAME.  Run one: build/fuzz/fuzz_slug
# tests/fuzz/corpus/slug.  make check runs each for FUZZ_SECONDS.
FUZZ_SRCS = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS = $(FUZZ_SRCS:tests/fuzz/%.c=build/fuzz/%)
FUZZ_SAN  = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined

fuzz:
	@$(MAKE) -s --no-print-directory CC=clang BUILD=build/fuzz \
	    CFLAGS="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" \
	    build/fuzz/libfabrique.a
	@$(MAKE) -s --no-print-directory CC=clang $(FUZZ_BINS)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/fuzz/libfabrique.a
	$(CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -Isrc -o $@ $< \
	    build/fuzz/libfabrique.a $(LDLIBS_ALL)

# The unit tests and the integration suites under valgrind (memcheck):
# any error or definite leak fails.  Slow: minutes, not seconds.
valgrind: $(BIN) unit
	@sh tests/valgrind.sh $(BUILD) ./$(BIN)

clean:
	rm -rf build $(BIN) $(MODULE) public

.PHONY: all deps demo check test-fast unit regress regress-update install bench lint clean fuzz valgrind
