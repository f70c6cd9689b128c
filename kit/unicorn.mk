# How the kit links Unicorn.  Statically by default when libunicorn.a is
# installed: the shared library exports all of its thousands of internal
# symbols, so every start of the kit paid for their relocations
# (_dl_relocate_object + do_lookup_x: ~7 ms of a ~17 ms static hello,
# measured with perf; see perf-notes.md).  `make UNICORN_LINK=shared` keeps
# the shared library, e.g. to run one build against another Unicorn (2.0.x
# and >= 2.1 both work; uc_version tells them apart at run time).
UNICORN_LINK ?= static
UNICORN_A := $(wildcard $(shell pkg-config --variable=libdir unicorn 2>/dev/null)/libunicorn.a)
ifeq ($(UNICORN_LINK)$(if $(UNICORN_A),y),staticy)
LDLIBS := $(patsubst -lunicorn,$(UNICORN_A) -lm,$(LDLIBS))
endif
