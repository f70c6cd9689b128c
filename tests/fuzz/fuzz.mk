# libFuzzer targets beyond the probe's (probes/probes.mk):
#   make fuzz-exec  SECONDS=N   ELF loader + initial stack on arbitrary bytes
#   make fuzz-mksys SECONDS=N   syscalls.master parser and generator
#   make fuzz-trace SECONDS=N   --trace decoder on arbitrary arguments
# Each starts from its seeds in tests/fuzz/<name>/ (small files), keeps its
# working corpus in $(B)/fuzz/corpus-<name>/, and writes a crashing input to
# tests/fuzz/<name>/crashers/, which check-fuzz-replay then runs through the
# target once on every `make check` (commit it with the fix).
# The kit is compiled again for these with clang, libFuzzer's coverage and
# ASan+UBSan, into $(B)/fuzz/obj (never mixed with the plain objects).
FUZZ_CC    ?= clang
FUZZ_NAMES := exec mksys trace
FZ         := $(B)/fuzz
FUZZ_SAN   := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS := -g -O1 -std=gnu11 -D_GNU_SOURCE -I. -Ikit -I$(B)/gen \
               $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(FUZZ_SAN)
FUZZ_OBJS  := $(patsubst %.c,$(FZ)/obj/%.o,$(LIB_SRCS)) \
              $(patsubst $(B)/%.c,$(FZ)/obj/%.o,$(GEN_SRCS))

$(FZ)/obj/gen/%.o: $(B)/gen/%.c $(GEN_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
$(FZ)/obj/%.o: %.c $(GEN_HDRS) $(wildcard kit/*.h kit/sys/*.h probes/*.h arches/*/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
$(FZ)/libck-fuzz.a: $(FUZZ_OBJS)
	rm -f $@ && ar rcs $@ $^

$(FZ)/fuzz_exec: tests/fuzz/fuzz_exec.c $(FZ)/libck-fuzz.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FZ)/libck-fuzz.a $(LDLIBS)
$(FZ)/fuzz_trace: tests/fuzz/fuzz_trace.c $(FZ)/libck-fuzz.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FZ)/libck-fuzz.a $(LDLIBS)
$(FZ)/fuzz_mksys: tests/fuzz/fuzz_mksys.c kit/gen/mksys.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -g -O1 -Wall $(FUZZ_SAN) -fsanitize=fuzzer -Dmain=mksys_main -o $@ $^

# Extra read-only seeds from the tree: the real tables and the bad ones.
FUZZ_EXTRA_mksys := $(sort $(dir $(wildcard arches/*/syscalls.master))) tests/tables/bad
FUZZ_EXTRA_exec  :=
FUZZ_EXTRA_trace :=
FUZZ_MAXLEN_exec := 70000
FUZZ_MAXLEN_mksys := 8192
FUZZ_MAXLEN_trace := 8251

.PHONY: $(addprefix fuzz-,$(FUZZ_NAMES)) check-fuzz check-fuzz-replay fuzz-targets
fuzz-targets: $(addprefix $(FZ)/fuzz_,$(FUZZ_NAMES))
$(addprefix fuzz-,$(FUZZ_NAMES)): fuzz-%: $(FZ)/fuzz_%
	@mkdir -p $(FZ)/corpus-$* tests/fuzz/$*/crashers
	$(FZ)/fuzz_$* -max_total_time=$(SECONDS) -max_len=$(FUZZ_MAXLEN_$*) -timeout=10 \
	  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=tests/fuzz/$*/crashers/ \
	  $(FZ)/corpus-$* tests/fuzz/$* $(FUZZ_EXTRA_$*)

# make check: a few seconds each, executions reported; then the saved
# crashers replayed once each.
check-fuzz: $(B)/compatkit
	@bash tests/fuzz/check.sh "$(MAKE)" $(FUZZ_CHECK_SECONDS) $(FUZZ_NAMES)
# (Not a prerequisite on check-fuzz: make check runs each target in its own
# make, and a phony prerequisite would run the fuzzers a second time.  The
# targets are built if clang can; replay.sh skips, saying so, if not.)
check-fuzz-replay:
	@$(MAKE) --no-print-directory -s fuzz-targets >/dev/null 2>&1 || true
	@bash tests/fuzz/replay.sh $(FZ) $(FUZZ_NAMES)
CHECKS += check-fuzz check-fuzz-replay
