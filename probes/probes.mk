# Exec probe tests: the inputs the unit tests read (built from sources in
# tests/, never committed), the malformed corpus, the CLI test and the
# libFuzzer harness.  Everything lands in $(B)/probe and $(B)/fuzz.
PD := $(B)/probe

# ---- facts about each ABI, from its cross compiler and binutils (not from
# the probe): pointer size, byte order, ppc64 _CALL_ELF, loader path ----
$(PD)/facts/%: $(B)/guest/%/hello.dyn
	@mkdir -p $(dir $@)
	@cc='$(call guest_cc,$*)'; m=$$($$cc -dM -E -x c /dev/null); \
	 { echo "ptr $$(echo "$$m" | awk '$$2=="__SIZEOF_POINTER__"{print $$3}')"; \
	   echo "order $$(echo "$$m" | awk '$$2=="__BYTE_ORDER__"{print $$3}')"; \
	   echo "callelf $$(echo "$$m" | awk '$$2=="_CALL_ELF"{v=$$3} END{print v+0}')"; \
	   echo "interp $$(readelf -lW $< | sed -n 's/.*Requesting program interpreter: \(.*\)\]/\1/p')"; \
	 } > $@.tmp && mv $@.tmp $@

# ---- freestanding programs: one mark varied at a time ----
PROBE_FREE_CFLAGS := -O1 -ffreestanding -nostdlib -static -fno-pie -no-pie
# Assemble a BSD note source for ABI $(1) and cut out its section's bytes.
define probe_abi_rules
$(PD)/free/$(1)/plain: tests/probe/start.c
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) $(PROBE_FREE_CFLAGS) -o $$@ $$<
$(PD)/free/$(1)/bare: tests/probe/start.c
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) $(PROBE_FREE_CFLAGS) -fno-ident -o $$@ $$<
$(PD)/free/$(1)/%: tests/probe/start.c tests/probe/%-note.S
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) $(PROBE_FREE_CFLAGS) -o $$@ $$^
$(PD)/brand/$(1)/%.o: tests/probe/%-note.S
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) -c -o $$@ $$<
$(PD)/brand/$(1)/netbsd.blob: $(PD)/brand/$(1)/netbsd.o
	$(TRIPLET_$(1))-objcopy -O binary -j .note.netbsd.ident $$< $$@
$(PD)/brand/$(1)/freebsd.blob: $(PD)/brand/$(1)/freebsd.o
	$(TRIPLET_$(1))-objcopy -O binary -j .note.tag $$< $$@
# A real glibc binary that also carries a BSD note: the foreign brand wins.
$(PD)/brand/$(1)/hello-netbsd: $(B)/guest/$(1)/hello $(PD)/brand/$(1)/netbsd.blob
	$(TRIPLET_$(1))-objcopy --add-section .note.netbsd.ident=$$(word 2,$$^) \
	  --set-section-flags .note.netbsd.ident=contents,readonly $$< $$@
$(PD)/brand/$(1)/hello-freebsd: $(B)/guest/$(1)/hello $(PD)/brand/$(1)/freebsd.blob
	$(TRIPLET_$(1))-objcopy --add-section .note.tag=$$(word 2,$$^) \
	  --set-section-flags .note.tag=contents,readonly $$< $$@
$(PD)/brand/$(1)/hello-osabi-freebsd: $(B)/guest/$(1)/hello.dyn
	cp $$< $$@.tmp && elfedit --output-osabi FreeBSD $$@.tmp && mv $$@.tmp $$@
endef
$(foreach a,$(ABIS),$(eval $(call probe_abi_rules,$(a))))

PROBE_FREE  := $(foreach a,$(ABIS),$(foreach k,plain bare netbsd freebsd,$(PD)/free/$(a)/$(k)))
PROBE_BRAND := $(foreach a,$(ABIS),$(foreach k,netbsd freebsd osabi-freebsd,$(PD)/brand/$(a)/hello-$(k)))
PROBE_FACTS := $(foreach a,$(ABIS),$(PD)/facts/$(a))
PROBE_HELLO := $(foreach a,$(ABIS),$(B)/guest/$(a)/hello $(B)/guest/$(a)/hello.dyn)

# Big-endian ppc64 built for ELFv2: a real file no emulation takes.
ifneq ($(TRIPLET_powerpc64),)
$(PD)/free/be-elfv2: tests/probe/start.c
	@mkdir -p $(dir $@)
	$(TRIPLET_powerpc64)-gcc -mabi=elfv2 $(PROBE_FREE_CFLAGS) -o $@ $<
PROBE_FREE += $(PD)/free/be-elfv2
endif

# ---- Go: static (CGO_ENABLED=0) binaries per GOARCH, offline, cache in build/ ----
GO ?= go
PROBE_GOARCHS := 386 amd64 ppc64 ppc64le
PROBE_GO := $(foreach g,$(PROBE_GOARCHS),$(PD)/go/$(g)/hello)
$(PD)/go/%/hello: tests/go/hello.go
	@mkdir -p $(dir $@) $(PD)/gocache $(PD)/gopath
	cd tests/go && GOCACHE=$(abspath $(PD)/gocache) GOPATH=$(abspath $(PD)/gopath) \
	  GO111MODULE=off GOPROXY=off GOFLAGS= CGO_ENABLED=0 GOOS=linux GOARCH=$* \
	  $(GO) build -o $(abspath $@) hello.go

# ---- malformed corpus, generated from real binaries ----
$(B)/mkcorpus: tests/probe/mkcorpus.c | $(B)
	$(CC) -O2 -g -Wall -Wextra -o $@ $< -lelf
$(PD)/corpus/MANIFEST: $(B)/mkcorpus $(B)/guest/amd64/hello $(B)/guest/amd64/hello.dyn \
		$(B)/guest/powerpc64/hello $(B)/guest/powerpc64le/hello
	@rm -rf $(PD)/corpus && mkdir -p $(PD)/corpus
	$(B)/mkcorpus $(PD)/corpus $(wordlist 2,5,$^)

.PHONY: probe-inputs check-probe-cli fuzz-probe check-fuzz-probe
probe-inputs: $(PROBE_HELLO) $(PROBE_FACTS) $(PROBE_FREE) $(PROBE_BRAND) $(PROBE_GO) $(PD)/corpus/MANIFEST
# The Criterion probe tests read these: build them before the unit tests run.
check-unit: probe-inputs

check-probe-cli: $(B)/compatkit probe-inputs
	@bash tests/probe/cli.sh $(B)/compatkit $(PD)
CHECKS += check-probe-cli

# ---- libFuzzer harness for probe_buf (clang; Debian needs libclang-rt-14-dev) ----
FUZZ_CC ?= clang
SECONDS ?= 10
FUZZ_SRCS := $(wildcard probes/*.c) tests/probe/fuzz_probe.c
# The probe sources are instrumented; libck.a supplies the ABI descriptors
# (its own, uninstrumented probe objects are never pulled in: every symbol
# they define is already defined).
$(B)/fuzz/fuzz_probe: $(FUZZ_SRCS) $(wildcard probes/*.h) kit/abi.h $(B)/libck.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address -I. -Ikit -o $@ $(FUZZ_SRCS) $(B)/libck.a $(LDLIBS)

# Seeds: the malformed corpus plus small valid binaries of every class/order.
$(B)/fuzz/seeds/.stamp: probe-inputs
	@rm -rf $(B)/fuzz/seeds && mkdir -p $(B)/fuzz/seeds
	@for f in $(PD)/corpus/* $(PROBE_FREE); do \
	   case $$f in */MANIFEST) continue;; esac; \
	   cp $$f $(B)/fuzz/seeds/$$(echo $$f | tr / _); done
	@touch $@

fuzz-probe: $(B)/fuzz/fuzz_probe $(B)/fuzz/seeds/.stamp
	@mkdir -p $(B)/fuzz/corpus
	$(B)/fuzz/fuzz_probe -max_total_time=$(SECONDS) -max_len=70000 -timeout=10 -rss_limit_mb=1024 \
	  -print_final_stats=1 $(B)/fuzz/corpus $(B)/fuzz/seeds

FUZZ_CHECK_SECONDS ?= 5
# Inputs first, so that the sub-make (which builds the harness, or not)
# never races the parent over them under -j.
check-fuzz-probe: probe-inputs
	@bash tests/probe/fuzz-check.sh "$(MAKE)" $(FUZZ_CHECK_SECONDS)
CHECKS += check-fuzz-probe
