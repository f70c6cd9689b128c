/*
 * powerpc's numbers that differ from the host's (x86_64) Linux: open(2)
 * flags (asm/fcntl.h), mlockall's MCL_* bits (asm/mman.h), tty ioctl
 * numbers (asm/ioctls.h: ppc encodes _IOC with 3 direction bits at 29
 * and a 13-bit size, and uses 't'/'f' BSD-style numbers), and the
 * termios bits and c_cc indices (asm/termbits.h).  One table serves
 * powerpc, powerpc64 and powerpc64le: the headers are shared and struct
 * termios is 44 bytes on all three.
 * Guest values are ppc's; host values are asm-generic's.  Both columns are
 * checked against the cross and host headers by tests/flags/.
 */
#include "abi.h"

const struct flagmap ck_ppc_open_flags[] = {
	{ 0040000, 0200000 },	/* O_DIRECTORY */
	{ 0100000, 0400000 },	/* O_NOFOLLOW */
	{ 0200000, 0100000 },	/* O_LARGEFILE */
	{ 0400000, 0040000 },	/* O_DIRECT */
	{ 0, 0 }
};

/* mlockall(2): ppc keeps the MCL_* bits it had before asm-generic
 * (asm/mman.h: 0x2000, 0x4000, 0x8000; the host's are 1, 2, 4). */
const struct flagmap ck_ppc_mlockall_flags[] = {
	{ 0x2000, 0x1 },	/* MCL_CURRENT */
	{ 0x4000, 0x2 },	/* MCL_FUTURE */
	{ 0x8000, 0x4 },	/* MCL_ONFAULT */
	{ 0, 0 }
};

const struct flagmap ck_ppc_ioctls[] = {
	{ 0x20006601, 0x5451 },	/* FIOCLEX     _IO('f', 1) */
	{ 0x20006602, 0x5450 },	/* FIONCLEX    _IO('f', 2) */
	{ 0x8004667d, 0x5452 },	/* FIOASYNC    _IOW('f', 125, int) */
	{ 0x8004667e, 0x5421 },	/* FIONBIO     _IOW('f', 126, int) */
	{ 0x4004667f, 0x541b },	/* FIONREAD    _IOR('f', 127, int) */
	{ 0x40086680, 0x5460 },	/* FIOQSIZE    _IOR('f', 128, loff_t) */
	{ 0x402c7413, 0x5401 },	/* TCGETS      _IOR('t', 19, struct termios) */
	{ 0x802c7414, 0x5402 },	/* TCSETS */
	{ 0x802c7415, 0x5403 },	/* TCSETSW */
	{ 0x802c7416, 0x5404 },	/* TCSETSF */
	{ 0x2000741d, 0x5409 },	/* TCSBRK      _IO('t', 29) */
	{ 0x2000741e, 0x540a },	/* TCXONC */
	{ 0x2000741f, 0x540b },	/* TCFLSH */
	{ 0x80087467, 0x5414 },	/* TIOCSWINSZ  _IOW('t', 103, struct winsize) */
	{ 0x40087468, 0x5413 },	/* TIOCGWINSZ */
	{ 0x40047473, 0x5411 },	/* TIOCOUTQ    _IOR('t', 115, int) */
	{ 0x80047476, 0x5410 },	/* TIOCSPGRP   _IOW('t', 118, int) */
	{ 0x40047477, 0x540f },	/* TIOCGPGRP   _IOR('t', 119, int) */
	{ 0x40045430, 0x80045430 },	/* TIOCGPTN   _IOR('T', 0x30, unsigned int) */
	{ 0x80045431, 0x40045431 },	/* TIOCSPTLCK _IOW('T', 0x31, int) */
	{ 0, 0 }
};

#define BIT(g, h)		{ g, g, h, h }
#define VAL(gm, gv, hm, hv)	{ gm, gv, hm, hv }

const struct valmap ck_ppc_iflag[] = {
	BIT(0x0200, 0x0400),	/* IXON */
	BIT(0x0400, 0x1000),	/* IXOFF */
	BIT(0x1000, 0x0200),	/* IUCLC */
	{ 0, 0, 0, 0 }
};

const struct valmap ck_ppc_oflag[] = {
	BIT(0x00002, 0x00004),	/* ONLCR */
	BIT(0x00004, 0x00002),	/* OLCUC */
	/* NLDLY: ppc has NL0..NL3 in 0x300, the host NL0/NL1 in 0x100 */
	VAL(0x00300, 0x00000, 0x00100, 0x00000),
	VAL(0x00300, 0x00100, 0x00100, 0x00100),	/* NL1 */
	/* TABDLY 0xc00 -> 0x1800 */
	VAL(0x00c00, 0x00000, 0x01800, 0x00000),
	VAL(0x00c00, 0x00400, 0x01800, 0x00800),	/* TAB1 */
	VAL(0x00c00, 0x00800, 0x01800, 0x01000),	/* TAB2 */
	VAL(0x00c00, 0x00c00, 0x01800, 0x01800),	/* TAB3 / XTABS */
	/* CRDLY 0x3000 -> 0x600 */
	VAL(0x03000, 0x00000, 0x00600, 0x00000),
	VAL(0x03000, 0x01000, 0x00600, 0x00200),	/* CR1 */
	VAL(0x03000, 0x02000, 0x00600, 0x00400),	/* CR2 */
	VAL(0x03000, 0x03000, 0x00600, 0x00600),	/* CR3 */
	BIT(0x04000, 0x08000),	/* FFDLY / FF1 */
	BIT(0x08000, 0x02000),	/* BSDLY / BS1 */
	BIT(0x10000, 0x04000),	/* VTDLY / VT1 */
	{ 0, 0, 0, 0 }
};

/* Speeds: B0..B38400 are 0..15 on both; ppc numbers B57600..B4000000 on
 * from 0x10 in its 8-bit CBAUD where the host sets CBAUDEX (0x1000) and
 * counts from 1; BOTHER is 0x1f on ppc, CBAUDEX alone on the host.  The
 * input speed (CIBAUD) is the same field shifted by IBSHIFT (16). */
#define SPD(g, h) VAL(0xff, g, 0x100f, h), VAL(0xff0000, (g) << 16, 0x100f0000, (h) << 16)
#define LOW(n) SPD(n, n)
#define HIGH(n) SPD(0x10 + (n), 0x1001 + (n))

const struct valmap ck_ppc_cflag[] = {
	LOW(0), LOW(1), LOW(2), LOW(3), LOW(4), LOW(5), LOW(6), LOW(7),
	LOW(8), LOW(9), LOW(10), LOW(11), LOW(12), LOW(13), LOW(14), LOW(15),
	HIGH(0), HIGH(1), HIGH(2), HIGH(3), HIGH(4), HIGH(5), HIGH(6), HIGH(7),
	HIGH(8), HIGH(9), HIGH(10), HIGH(11), HIGH(12), HIGH(13), HIGH(14),
	SPD(0x1f, 0x1000),	/* BOTHER */
	/* CSIZE 0x300 -> 0x30 */
	VAL(0x300, 0x000, 0x30, 0x00),	/* CS5 */
	VAL(0x300, 0x100, 0x30, 0x10),	/* CS6 */
	VAL(0x300, 0x200, 0x30, 0x20),	/* CS7 */
	VAL(0x300, 0x300, 0x30, 0x30),	/* CS8 */
	BIT(0x0400, 0x040),	/* CSTOPB */
	BIT(0x0800, 0x080),	/* CREAD */
	BIT(0x1000, 0x100),	/* PARENB */
	BIT(0x2000, 0x200),	/* PARODD */
	BIT(0x4000, 0x400),	/* HUPCL */
	BIT(0x8000, 0x800),	/* CLOCAL */
	{ 0, 0, 0, 0 }
};

const struct valmap ck_ppc_lflag[] = {
	BIT(0x00000080, 0x00001),	/* ISIG */
	BIT(0x00000100, 0x00002),	/* ICANON */
	BIT(0x00004000, 0x00004),	/* XCASE */
	BIT(0x00000008, 0x00008),	/* ECHO */
	BIT(0x00000002, 0x00010),	/* ECHOE */
	BIT(0x00000004, 0x00020),	/* ECHOK */
	BIT(0x00000010, 0x00040),	/* ECHONL */
	BIT(0x80000000, 0x00080),	/* NOFLSH */
	BIT(0x00400000, 0x00100),	/* TOSTOP */
	BIT(0x00000040, 0x00200),	/* ECHOCTL */
	BIT(0x00000020, 0x00400),	/* ECHOPRT */
	BIT(0x00000001, 0x00800),	/* ECHOKE */
	BIT(0x00800000, 0x01000),	/* FLUSHO */
	BIT(0x20000000, 0x04000),	/* PENDIN */
	BIT(0x00000400, 0x08000),	/* IEXTEN */
	BIT(0x10000000, 0x10000),	/* EXTPROC */
	{ 0, 0, 0, 0 }
};

/* c_cc: ppc index -> host index (VMIN/VTIME, VEOL... are placed apart). */
const uint8_t ck_ppc_termios_cc[19] = {
	0,	/* VINTR */
	1,	/* VQUIT */
	2,	/* VERASE */
	3,	/* VKILL */
	4,	/* VEOF */
	6,	/* VMIN */
	11,	/* VEOL */
	5,	/* VTIME */
	16,	/* VEOL2 */
	7,	/* VSWTC */
	14,	/* VWERASE */
	12,	/* VREPRINT */
	10,	/* VSUSP */
	8,	/* VSTART */
	9,	/* VSTOP */
	15,	/* VLNEXT */
	13,	/* VDISCARD */
	17, 18,	/* spare */
};
