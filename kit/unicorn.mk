# How the kit links Unicorn (and capstone).  Statically by default when
# libunicorn.a is installed: the shared library exports all of its thousands
# of internal symbols, so every start of the kit paid for their relocations
# (_dl_relocate_object + do_lookup_x: ~7 ms of a ~17 ms static hello,
# measured with perf; see README.md, Performance).  `make UNICORN_LINK=shared` keeps
# the shared library, e.g. to run one build against another Unicorn (2.0.x
# and >= 2.1 both work; uc_version tells them apart at run time).
UNICORN_LINK ?= static
UNICORN_A := $(wildcard $(shell pkg-config --variable=libdir unicorn 2>/dev/null)/libunicorn.a)
ifeq ($(UNICORN_LINK)$(if $(UNICORN_A),y),staticy)
LDLIBS := $(patsubst -lunicorn,$(UNICORN_A) -lm,$(LDLIBS))
endif

# The same holds, once the symbols are gone, for the pointer tables left:
# Unicorn's data (1.2 MB of .data.rel.ro) and libcapstone.so's disassembler
# tables each carry ~78,000 R_X86_64_RELATIVE relocations, which ld.so
# applies at every start, touching (and copying) every page they are on:
# _dl_relocate_object was ~19% of a static i386 hello's CPU (perf record
# over 60 runs).  So the CLI is linked as a non-PIE executable (no
# relocations to apply to its own data) with capstone's archive in it.
# capstone is only used by `compatkit predict`.  libelf and its zlib come
# from their archives too: two shared objects fewer for ld.so to find, map
# and bind at each start (~0.3 ms of a ~10 ms powerpc hello, CPU time
# over 100 runs).  libc and libm stay shared (valgrind's checks need a
# shared libc to follow malloc).
CAPSTONE_A := $(wildcard $(shell pkg-config --variable=libdir capstone 2>/dev/null)/libcapstone.a)
ifeq ($(UNICORN_LINK)$(if $(CAPSTONE_A),y),staticy)
LDLIBS := $(patsubst -lcapstone,$(CAPSTONE_A),$(LDLIBS))
endif
ELF_A := $(wildcard $(shell pkg-config --variable=libdir libelf 2>/dev/null)/libelf.a)
Z_A := $(wildcard $(shell pkg-config --variable=libdir zlib 2>/dev/null)/libz.a)
ifeq ($(UNICORN_LINK)$(if $(ELF_A),y)$(if $(Z_A),y),staticyy)
LDLIBS := $(patsubst -lelf,$(ELF_A) $(Z_A),$(LDLIBS))
endif
ifeq ($(UNICORN_LINK),static)
$(B)/compatkit: LDFLAGS += -no-pie
endif
