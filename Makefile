# dyad -- build, demo, tests, evaluation and benchmarks.
#   make          build/dyad, build/libdyad.a, dict/generated/
#   make demo     install missing packages, build, code examples/ and summarise
#   make check    every test (SAN=1: AddressSanitizer + UBSan build in build/san)
#   make eval     score the peers' validation suites in ../shared/eval (skips if absent)
#   make bench    speed and memory against wc -w / gzip -1 on ../shared/corpora

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
CPPFLAGS += -Iinclude -Isrc -DDYAD_DICT_DIR='"$(CURDIR)/dict"'
CFLAGS  += $(WARN) $(OPT) $(SANFLAGS) -fvisibility=hidden -MMD -MP
LDLIBS  = -ljansson -lutf8proc -lgumbo -lzstd -lz -lpthread
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
LIB_SRC = src/util.c src/utf8.c src/input.c src/html.c src/sentences.c src/tokens.c src/morph.c \
          src/dict.c src/peer_lines.c src/peer_actors.c src/peer_patterns.c \
          src/peer_verbs.c src/dict_peer.c src/load.c src/actors.c src/patterns.c src/dates.c src/coder.c \
          src/output.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
ISO_JSON ?= /usr/share/iso-codes/json/iso_3166-1.json
GENERATED = dict/generated/iso3166.txt

all: $(BUILD)/dyad $(GENERATED)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libdyad.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/cli/main.o: src/cli/main.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(MPI_CFLAGS) -c $< -o $@

$(BUILD)/dyad: $(BUILD)/obj/cli/main.o $(BUILD)/libdyad.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(MPI_LIBS)

$(BUILD)/gen_iso: tools/gen_iso.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< -ljansson $(LDFLAGS)

$(GENERATED): $(BUILD)/gen_iso $(ISO_JSON)
	@mkdir -p dict/generated
	$(BUILD)/gen_iso $(ISO_JSON) $@

$(BUILD)/test_dyad: tests/unit.c $(BUILD)/libdyad.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

deps:
	sh scripts/install-deps.sh

demo: deps
	$(MAKE) all
	sh scripts/demo.sh $(BUILD)/dyad

check: deps
	$(MAKE) all $(BUILD)/test_dyad
	sh tests/run.sh $(BUILD)

eval: all
	sh scripts/eval.sh $(BUILD)/dyad "$(SHARED)"

bench: all
	sh bench/bench.sh $(BUILD)/dyad "$(SHARED)"

FUZZ_SECONDS ?= 30
fuzz: all
	sh fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

print-lib-src:
	@echo $(LIB_SRC)

clean:
	rm -rf build dict/generated

.PHONY: all deps demo check eval bench clean fuzz print-lib-src
-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/cli/main.d
