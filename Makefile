# compatkit: top-level build.  `make` builds build/compatkit; `make check` runs
# every test; `make demo` installs what is missing, builds, and runs the demo.
#
# Arches are discovered from arches/*/arch.mk; nothing here names an arch.

PREFIX  ?= /usr/local
DESTDIR ?=
SANITIZE ?=
# A sanitized kit is built in its own tree, so that sanitized and plain
# objects never mix (`make check SANITIZE=address,undefined`).
B       := $(if $(SANITIZE),build-san,build)
CC      ?= gcc

PKGS    := unicorn libelf capstone
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
           -D_GNU_SOURCE -I. -Ikit -I$(B)/gen $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lunicorn -lelf -lcapstone) -lpthread
ifneq ($(SANITIZE),)
CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif

# Each arches/<dir>/arch.mk appends its ABIs to ABIS and sets, per ABI:
#   TRIPLET_<abi>  cross toolchain triplet      QEMU_<abi>  reference runner
#   GUEST_CFLAGS_<abi> extra flags for guest programs
# and per dir: TABLE_<dir> (the syscalls.master it owns).
ABIS    :=
ARCHDIRS := $(notdir $(patsubst %/,%,$(dir $(wildcard arches/*/arch.mk))))
include $(wildcard arches/*/arch.mk)

.PHONY: all deps demo check install clean
.SECONDARY:
all: $(B)/compatkit

deps:
	@bash kit/scripts/deps.sh

# ---- generators (built first, run on the host) ----
$(B)/mksys: kit/gen/mksys.c | $(B)
	$(CC) -O2 -g -Wall -Wextra -o $@ $<
$(B)/mklayout: kit/gen/mklayout.c | $(B)
	$(CC) -O2 -g -Wall -Wextra -o $@ $<

$(B)/gen/%/sysent.c $(B)/gen/%/sysnum.h: arches/%/syscalls.master $(B)/mksys
	@mkdir -p $(B)/gen/$*
	$(B)/mksys $< $* $(B)/gen/$*
$(B)/gen/%/layouts.c $(B)/gen/%/layoutprobe.c: arches/%/layouts.def $(B)/mklayout
	@mkdir -p $(B)/gen/$*
	$(B)/mklayout $< $* $(B)/gen/$*

# The list of descriptors: every `const struct abi ck_abi_X` in arches/.
$(B)/gen/abilist.c: $(wildcard arches/*/arch.mk) Makefile | $(B)
	@mkdir -p $(B)/gen
	@{ echo '#include "abi.h"'; \
	   for a in $(ABIS); do echo "extern const struct abi ck_abi_$$a;"; done; \
	   echo 'const struct abi *const ck_abis[] = {'; \
	   for a in $(ABIS); do echo "  &ck_abi_$$a,"; done; \
	   echo '  0 };'; } > $@

GEN_SRCS := $(foreach d,$(ARCHDIRS),$(B)/gen/$(d)/sysent.c $(B)/gen/$(d)/layouts.c) $(B)/gen/abilist.c
GEN_HDRS := $(foreach d,$(ARCHDIRS),$(B)/gen/$(d)/sysnum.h)

# Core, probes and arches.  kit/main.c is the CLI; everything else also goes
# into libck.a for the unit tests.
LIB_SRCS := $(filter-out kit/main.c,$(wildcard kit/*.c kit/sys/*.c)) \
            $(wildcard probes/*.c) $(wildcard arches/*/*.c)
LIB_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRCS)) $(patsubst $(B)/%.c,$(B)/obj/%.o,$(GEN_SRCS))

# Each object's .d file (gcc -MMD -MP) lists the headers it includes, so a
# header or a generated table of one arch rebuilds the objects that include
# it, not the whole kit.  An object without its .d (not built yet, or built
# before) depends on every header, as all objects once did.
$(B)/obj/%.o: %.c | $(GEN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<
DEP_OBJS := $(filter-out $(B)/obj/gen/%,$(LIB_OBJS)) $(B)/obj/kit/main.o
DEP_FILES := $(wildcard $(DEP_OBJS:.o=.d))
$(filter-out $(DEP_FILES:.d=.o),$(DEP_OBJS)): $(GEN_HDRS) $(wildcard kit/*.h kit/sys/*.h probes/*.h arches/*/*.h)
include $(DEP_FILES)
$(B)/obj/gen/%.o: $(B)/gen/%.c $(GEN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/libck.a: $(LIB_OBJS)
	rm -f $@ && ar rcs $@ $^
$(B)/compatkit: $(B)/obj/kit/main.o $(LIB_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B):
	@mkdir -p $(B)

# ---- sigcode, guest programs, tests, lessons: their own fragments ----
CHECKS :=
include $(wildcard sigcode/*.mk tests/*.mk tests/*/*.mk probes/*.mk lessons/*.mk kit/*.mk)

# Each test group records its counts with tests/record.sh; the summary's last
# line is "check: N passed, N failed, N skipped".  The check targets run one
# at a time (tests are timing-sensitive and share build/), each in its own
# make so that its prerequisites build with -j$(CHECK_JOBS) and its seconds
# are recorded in build/check-times (the summary prints the slowest).
CHECK_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
check: deps
	@mkdir -p build && rm -f build/check-results build/check-times
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) all
	@rc=0; for t in $(CHECKS); do s=$$(date +%s); \
	  $(MAKE) --no-print-directory -k -j$(CHECK_JOBS) $$t || rc=1; \
	  printf '%s\t%s\n' "$$t" $$(( $$(date +%s) - s )) >> build/check-times; done; \
	bash tests/summary.sh && exit $$rc

demo: deps all
	@bash kit/scripts/demo.sh

install: $(B)/compatkit
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(B)/compatkit $(DESTDIR)$(PREFIX)/bin/compatkit
	install -m 644 kit/compatkit.1 $(DESTDIR)$(PREFIX)/share/man/man1/compatkit.1

clean:
	rm -rf $(B)
