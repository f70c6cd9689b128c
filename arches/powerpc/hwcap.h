/*
 * AT_HWCAP / AT_HWCAP2 bits of the PowerPC ABIs (Linux uapi
 * asm/cputable.h).  The kit is built on the host, where that header does
 * not exist, so the values are repeated here; the check target
 * `ppc-hwcap-bits` (arches/powerpc/arch.mk) compiles this file after the
 * cross toolchain's header and the asserts below compare every value.
 */
#ifndef CK_PPC_HWCAP_H
#define CK_PPC_HWCAP_H

#define CK_PPC_FEATURE_32		0x80000000u
#define CK_PPC_FEATURE_64		0x40000000u
#define CK_PPC_FEATURE_HAS_ALTIVEC	0x10000000u
#define CK_PPC_FEATURE_HAS_FPU		0x08000000u
#define CK_PPC_FEATURE_HAS_MMU		0x04000000u
#define CK_PPC_FEATURE_ICACHE_SNOOP	0x00002000u
#define CK_PPC_FEATURE_ARCH_2_05	0x00001000u
#define CK_PPC_FEATURE_HAS_DFP		0x00000400u
#define CK_PPC_FEATURE_ARCH_2_06	0x00000100u
#define CK_PPC_FEATURE_HAS_VSX		0x00000080u
#define CK_PPC_FEATURE_TRUE_LE		0x00000002u

#define CK_PPC_FEATURE2_ARCH_2_07	0x80000000u
#define CK_PPC_FEATURE2_HTM		0x40000000u
#define CK_PPC_FEATURE2_ISEL		0x08000000u
#define CK_PPC_FEATURE2_TAR		0x04000000u
#define CK_PPC_FEATURE2_VEC_CRYPTO	0x02000000u
#define CK_PPC_FEATURE2_ARCH_3_00	0x00800000u
#define CK_PPC_FEATURE2_HAS_IEEE128	0x00400000u
#define CK_PPC_FEATURE2_DARN		0x00200000u
#define CK_PPC_FEATURE2_SCV		0x00100000u
#define CK_PPC_FEATURE2_ARCH_3_1	0x00040000u
#define CK_PPC_FEATURE2_MMA		0x00020000u

/*
 * What the engines really execute (probed instruction by instruction, see
 * arches/powerpc64/NOTES.md), not what their PVR would make Linux say:
 * 32-bit: a 7457A (G4) -- FPU, MMU, AltiVec.
 * 64-bit: the POWER10 model runs ISA 3.0 (POWER9 level) code, VSX, DFP,
 * vector crypto, darn and quad-precision, but not ISA 3.1 (prefixed
 * instructions, lxvp: glibc's *_power10 ifuncs would die), not scv and
 * not HTM (tbegin. is illegal), so ARCH_3_1, MMA, SCV and HTM are off.
 */
#define CK_PPC32_HWCAP (CK_PPC_FEATURE_32 | CK_PPC_FEATURE_HAS_ALTIVEC | \
			CK_PPC_FEATURE_HAS_FPU | CK_PPC_FEATURE_HAS_MMU)
#define CK_PPC32_HWCAP2 0u
#define CK_PPC64_HWCAP (CK_PPC_FEATURE_32 | CK_PPC_FEATURE_64 | CK_PPC_FEATURE_HAS_ALTIVEC | \
			CK_PPC_FEATURE_HAS_FPU | CK_PPC_FEATURE_HAS_MMU | \
			CK_PPC_FEATURE_ICACHE_SNOOP | CK_PPC_FEATURE_ARCH_2_05 | \
			CK_PPC_FEATURE_HAS_DFP | CK_PPC_FEATURE_ARCH_2_06 | \
			CK_PPC_FEATURE_HAS_VSX | CK_PPC_FEATURE_TRUE_LE)
#define CK_PPC64_HWCAP2 (CK_PPC_FEATURE2_ARCH_2_07 | CK_PPC_FEATURE2_ISEL | CK_PPC_FEATURE2_TAR | \
			 CK_PPC_FEATURE2_VEC_CRYPTO | CK_PPC_FEATURE2_ARCH_3_00 | \
			 CK_PPC_FEATURE2_HAS_IEEE128 | CK_PPC_FEATURE2_DARN)

#ifdef PPC_FEATURE_32	/* compiled after the cross header: compare */
_Static_assert(CK_PPC_FEATURE_32 == PPC_FEATURE_32, "PPC_FEATURE_32");
_Static_assert(CK_PPC_FEATURE_64 == PPC_FEATURE_64, "PPC_FEATURE_64");
_Static_assert(CK_PPC_FEATURE_HAS_ALTIVEC == PPC_FEATURE_HAS_ALTIVEC, "HAS_ALTIVEC");
_Static_assert(CK_PPC_FEATURE_HAS_FPU == PPC_FEATURE_HAS_FPU, "HAS_FPU");
_Static_assert(CK_PPC_FEATURE_HAS_MMU == PPC_FEATURE_HAS_MMU, "HAS_MMU");
_Static_assert(CK_PPC_FEATURE_ICACHE_SNOOP == PPC_FEATURE_ICACHE_SNOOP, "ICACHE_SNOOP");
_Static_assert(CK_PPC_FEATURE_ARCH_2_05 == PPC_FEATURE_ARCH_2_05, "ARCH_2_05");
_Static_assert(CK_PPC_FEATURE_HAS_DFP == PPC_FEATURE_HAS_DFP, "HAS_DFP");
_Static_assert(CK_PPC_FEATURE_ARCH_2_06 == PPC_FEATURE_ARCH_2_06, "ARCH_2_06");
_Static_assert(CK_PPC_FEATURE_HAS_VSX == PPC_FEATURE_HAS_VSX, "HAS_VSX");
_Static_assert(CK_PPC_FEATURE_TRUE_LE == PPC_FEATURE_TRUE_LE, "TRUE_LE");
_Static_assert(CK_PPC_FEATURE2_ARCH_2_07 == PPC_FEATURE2_ARCH_2_07, "ARCH_2_07");
_Static_assert(CK_PPC_FEATURE2_HTM == PPC_FEATURE2_HTM, "HTM");
_Static_assert(CK_PPC_FEATURE2_ISEL == PPC_FEATURE2_ISEL, "ISEL");
_Static_assert(CK_PPC_FEATURE2_TAR == PPC_FEATURE2_TAR, "TAR");
_Static_assert(CK_PPC_FEATURE2_VEC_CRYPTO == PPC_FEATURE2_VEC_CRYPTO, "VEC_CRYPTO");
_Static_assert(CK_PPC_FEATURE2_ARCH_3_00 == PPC_FEATURE2_ARCH_3_00, "ARCH_3_00");
_Static_assert(CK_PPC_FEATURE2_HAS_IEEE128 == PPC_FEATURE2_HAS_IEEE128, "HAS_IEEE128");
_Static_assert(CK_PPC_FEATURE2_DARN == PPC_FEATURE2_DARN, "DARN");
_Static_assert(CK_PPC_FEATURE2_SCV == PPC_FEATURE2_SCV, "SCV");
_Static_assert(CK_PPC_FEATURE2_ARCH_3_1 == PPC_FEATURE2_ARCH_3_1, "ARCH_3_1");
_Static_assert(CK_PPC_FEATURE2_MMA == PPC_FEATURE2_MMA, "MMA");
#endif

#endif
