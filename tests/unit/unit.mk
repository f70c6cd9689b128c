# Criterion unit tests: every tests/unit/test_*.c becomes build/tests/test_*,
# linked against libck.a, and runs in `make check`.
UNIT_NAMES := $(basename $(notdir $(wildcard tests/unit/test_*.c)))
UNIT_BINS  := $(addprefix $(B)/tests/,$(UNIT_NAMES))

$(B)/tests/test_%: tests/unit/test_%.c $(B)/libck.a $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(B)/libck.a $(LDFLAGS) $(LDLIBS) -lcriterion

.PHONY: check-unit
check-unit: $(UNIT_BINS)
	@rc=0; for t in $(UNIT_BINS); do bash tests/run-criterion.sh $$t || rc=1; done; exit $$rc
CHECKS += check-unit
