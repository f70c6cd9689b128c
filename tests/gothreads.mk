# Go programs that run several OS threads (tests/go/threads/*.go), built
# offline with the Debian Go toolchain per GOARCH (CGO_ENABLED=0; cache,
# GOPATH and HOME under build/go so it works as root in CI), and compared
# under the kit by tests/go/threads.sh.
GO ?= go
GOT_ARCHS := 386 amd64 ppc64 ppc64le
GOT_PROGS := goroutines tcpecho sigint goexec nanprobe
GOT_BINS := $(foreach g,$(GOT_ARCHS),$(foreach p,$(GOT_PROGS),$(B)/go/$(g)/$(p)))
define got_rule
$(B)/go/$(1)/$(2): tests/go/threads/$(2).go
	@mkdir -p $$(dir $$@) $(B)/go/cache $(B)/go/path
	cd tests/go/threads && HOME=$(abspath $(B)/go) GOCACHE=$(abspath $(B)/go/cache) \
	  GOPATH=$(abspath $(B)/go/path) GO111MODULE=off GOPROXY=off GOFLAGS= CGO_ENABLED=0 \
	  GOOS=linux GOARCH=$(1) $(GO) build -o $$(abspath $$@) $(2).go
endef
$(foreach g,$(GOT_ARCHS),$(foreach p,$(GOT_PROGS),$(eval $(call got_rule,$(g),$(p)))))
# The first build of a GOARCH compiles its standard library into the cache;
# two builds of one GOARCH at once would both compile it.  So the others
# wait for the first (make -j then builds two GOARCHs side by side).
$(foreach g,$(GOT_ARCHS),$(eval $(addprefix $(B)/go/$(g)/,$(wordlist 2,99,$(GOT_PROGS))): | $(B)/go/$(g)/$(firstword $(GOT_PROGS))))

.PHONY: check-go-threads
check-go-threads: $(B)/compatkit $(GOT_BINS)
	@bash tests/go/threads.sh
CHECKS += check-go-threads
