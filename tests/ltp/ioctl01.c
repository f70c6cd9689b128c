/* Terminal ioctls on a pseudo-terminal (TIOCGPTN/TIOCSPTLCK through
 * posix_openpt, TCGETS/TCSETS* through tcgetattr/tcsetattr with flags whose
 * bits differ on powerpc, TIOCGWINSZ/TIOCSWINSZ, TIOCGPGRP), FIONREAD and
 * FIONBIO on a pipe, and the error paths. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static void run(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0)
		tst_brk(TCONF | TERRNO, "no /dev/ptmx");
	TST_EXP_PASS(grantpt(m));
	TST_EXP_PASS(unlockpt(m));
	char *name = ptsname(m);
	if (name && !strncmp(name, "/dev/pts/", 9))
		tst_res(TPASS, "ptsname gives a /dev/pts name");
	else
		tst_res(TFAIL, "ptsname gave %s", name ? name : "NULL");
	int s = open(name, O_RDWR | O_NOCTTY);
	if (s < 0)
		tst_brk(TBROK | TERRNO, "open %s", name);
	TST_EXP_PASS(isatty(s) ? 0 : -1);
	struct termios t;
	TST_EXP_PASS(tcgetattr(s, &t));
	if ((t.c_lflag & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG) && (t.c_oflag & ONLCR) &&
	    (t.c_iflag & ICRNL) && (t.c_cflag & CSIZE) == CS8 && t.c_cc[VINTR] == 3 &&
	    t.c_cc[VEOF] == 4 && t.c_cc[VMIN] == 1)
		tst_res(TPASS, "a new pty is canonical, echoing, CS8, ^C/^D, VMIN 1");
	else
		tst_res(TFAIL, "lflag %#x oflag %#x iflag %#x cflag %#x", (unsigned)t.c_lflag,
			(unsigned)t.c_oflag, (unsigned)t.c_iflag, (unsigned)t.c_cflag);
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_lflag |= TOSTOP | NOFLSH;
	t.c_iflag |= IXOFF;
	t.c_oflag |= OLCUC;
	t.c_oflag &= ~ONLCR;
	t.c_cflag |= CSTOPB;	/* a pty keeps CS8 and no parity (pty_set_termios) */
	t.c_cc[VMIN] = 5;
	t.c_cc[VTIME] = 7;
	t.c_cc[VEOL] = 'x';
	cfsetospeed(&t, B115200);
	cfsetispeed(&t, B115200);
	TST_EXP_PASS(tcsetattr(s, TCSANOW, &t));
	struct termios u;
	memset(&u, 0, sizeof u);
	TST_EXP_PASS(tcgetattr(m, &u));	/* the master sees the same settings */
	if (!(u.c_lflag & (ICANON | ECHO)) && (u.c_lflag & TOSTOP) && (u.c_lflag & NOFLSH) &&
	    (u.c_iflag & IXOFF) && (u.c_oflag & OLCUC) && !(u.c_oflag & ONLCR) &&
	    (u.c_cflag & CSTOPB) &&
	    u.c_cc[VMIN] == 5 && u.c_cc[VTIME] == 7 && u.c_cc[VEOL] == 'x' &&
	    cfgetospeed(&u) == B115200)
		tst_res(TPASS, "tcsetattr flags, c_cc slots and B115200 read back");
	else
		tst_res(TFAIL, "read back lflag %#x iflag %#x oflag %#x cflag %#x VMIN %d VTIME %d VEOL %d speed %#x",
			(unsigned)u.c_lflag, (unsigned)u.c_iflag, (unsigned)u.c_oflag, (unsigned)u.c_cflag,
			u.c_cc[VMIN], u.c_cc[VTIME], u.c_cc[VEOL], (unsigned)cfgetospeed(&u));
	TST_EXP_PASS(tcsetattr(s, TCSANOW, &u));
	TST_EXP_PASS(tcflush(s, TCIOFLUSH));
	struct winsize w = { 24, 80, 640, 480 }, r;
	TST_EXP_PASS(ioctl(m, TIOCSWINSZ, &w));
	memset(&r, 0, sizeof r);
	TST_EXP_PASS(ioctl(s, TIOCGWINSZ, &r));
	if (r.ws_row == 24 && r.ws_col == 80 && r.ws_xpixel == 640 && r.ws_ypixel == 480)
		tst_res(TPASS, "TIOCGWINSZ gives 24x80 640x480");
	else
		tst_res(TFAIL, "winsize %dx%d %dx%d", r.ws_row, r.ws_col, r.ws_xpixel, r.ws_ypixel);
	TST_EXP_FAIL(ioctl(s, TIOCGWINSZ, bad_ptr), EFAULT);
	/* raw: glibc's powerpc ioctl converts termios in user space, and its
	 * TCGETS macro sizes glibc's struct termios, not the kernel's 44 bytes */
#ifdef __powerpc__
	TST_EXP_FAIL(syscall(SYS_ioctl, s, 0x402c7413, bad_ptr), EFAULT);
#else
	TST_EXP_FAIL(syscall(SYS_ioctl, s, TCGETS, bad_ptr), EFAULT);
#endif
	pid_t pg;
	TST_EXP_FAIL(ioctl(s, TIOCGPGRP, &pg), ENOTTY);	/* not our controlling tty */
	if (write(m, "abc", 3) != 3)
		tst_brk(TBROK | TERRNO, "write");
	int q = -1;
	usleep(100000);
	TST_EXP_PASS(ioctl(s, FIONREAD, &q));
	if (q == 3)
		tst_res(TPASS, "FIONREAD on the pty slave: 3");
	else
		tst_res(TFAIL, "FIONREAD gave %d", q);
	int p[2];
	if (pipe(p) < 0)
		tst_brk(TBROK | TERRNO, "pipe");
	write(p[1], "12345", 5);
	TST_EXP_PASS(ioctl(p[0], FIONREAD, &q));
	if (q == 5)
		tst_res(TPASS, "FIONREAD on a pipe: 5");
	else
		tst_res(TFAIL, "FIONREAD gave %d", q);
	int on = 1;
	TST_EXP_PASS(ioctl(p[0], FIONBIO, &on));
	char b[8];
	read(p[0], b, 5);
	TST_EXP_FAIL(read(p[0], b, 1), EAGAIN);
	TST_EXP_PASS(ioctl(p[0], FIOCLEX));
	if (fcntl(p[0], F_GETFD) == FD_CLOEXEC)
		tst_res(TPASS, "FIOCLEX sets FD_CLOEXEC");
	else
		tst_res(TFAIL, "FIOCLEX");
	TST_EXP_FAIL(ioctl(p[0], FIONBIO, bad_ptr), EFAULT);
	TST_EXP_FAIL(ioctl(p[0], TCGETS, &t), ENOTTY);
	int f = open("f", O_CREAT | O_RDWR, 0600);
	TST_EXP_FAIL(ioctl(f, TIOCGWINSZ, &w), ENOTTY);
	TST_EXP_FAIL(ioctl(f, 0x12345678, 0), ENOTTY);
	TST_EXP_FAIL(ioctl(-1, FIONREAD, &q), EBADF);
	close(f);
	unlink("f");
	close(p[0]);
	close(p[1]);
	close(s);
	close(m);
}

struct tst_test test = { .test_all = run, .needs_tmpdir = 1 };
