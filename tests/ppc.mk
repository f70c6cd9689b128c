# PowerPC: the AT_HWCAP bits the descriptors use, compared with the cross
# toolchain's asm/cputable.h (the asserts live in arches/powerpc/hwcap.h).
CPUTABLE_H := /usr/$(TRIPLET_powerpc)/include/asm/cputable.h
CHECKS += ppc-hwcap-bits
.PHONY: ppc-hwcap-bits
ppc-hwcap-bits:
	@if [ ! -f $(CPUTABLE_H) ]; then echo "ppc-hwcap-bits: skipped: no $(CPUTABLE_H)"; \
	  bash tests/record.sh ppc-hwcap-bits 0 0 1; \
	elif $(CC) -std=gnu11 -fsyntax-only -I. -include $(CPUTABLE_H) -x c arches/powerpc/hwcap.h; then \
	  bash tests/record.sh ppc-hwcap-bits 1 0 0; \
	else bash tests/record.sh ppc-hwcap-bits 0 1 0; exit 1; fi
