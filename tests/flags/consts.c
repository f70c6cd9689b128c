/*
 * Print the per-arch Linux numbers the kit translates, as "KIND NAME VALUE",
 * from the kernel's uapi headers of whatever toolchain compiles this: a
 * cross compiler (run under qemu-user) gives the guest's values, the host
 * compiler the host's.  tests/flags/flagcheck.c compares the two through
 * the descriptor tables.  Only uapi headers: glibc's x86_64 O_LARGEFILE is
 * 0, the kernel's is not.
 */
#include <stdio.h>
#include <linux/fcntl.h>
#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <asm/termios.h>	/* struct winsize, used by ppc's _IOR numbers */
typedef long long loff_t;	/* ppc's FIOQSIZE */
#include <linux/fs.h>
#include <linux/close_range.h>
#include <linux/falloc.h>
#include <asm/mman.h>	/* MCL_*: ppc's own, else asm-generic's */

/* every number here fits 32 bits; AT_FDCWD prints as its 32-bit pattern */
#define P(kind, name) printf("%s %s %#x\n", kind, #name, (unsigned)(name))

int main(void)
{
	/* open(2) / fcntl F_GETFL flags */
	P("open", O_CREAT); P("open", O_EXCL); P("open", O_NOCTTY); P("open", O_TRUNC);
	P("open", O_APPEND); P("open", O_NONBLOCK); P("open", O_DSYNC); P("open", FASYNC);
	P("open", O_DIRECT); P("open", O_LARGEFILE); P("open", O_DIRECTORY);
	P("open", O_NOFOLLOW); P("open", O_NOATIME); P("open", O_CLOEXEC);
	P("open", __O_SYNC); P("open", O_PATH); P("open", __O_TMPFILE);
	P("open", O_RDONLY); P("open", O_WRONLY); P("open", O_RDWR);

	/* mlockall(2) flags */
	P("mcl", MCL_CURRENT); P("mcl", MCL_FUTURE); P("mcl", MCL_ONFAULT);

	/* numbers the kit passes through unchanged */
	P("same", F_DUPFD); P("same", F_GETFD); P("same", F_SETFD); P("same", F_GETFL);
	P("same", F_SETFL); P("same", F_GETLK); P("same", F_SETLK); P("same", F_SETLKW);
	P("same", F_DUPFD_CLOEXEC); P("same", F_OFD_GETLK); P("same", F_OFD_SETLK);
	P("same", F_OFD_SETLKW); P("same", F_RDLCK); P("same", F_WRLCK); P("same", F_UNLCK);
	P("same", F_GETOWN); P("same", F_SETOWN); P("same", F_GETSIG); P("same", F_SETSIG);
	P("same", F_GETLEASE); P("same", F_SETLEASE); P("same", F_NOTIFY);
	P("same", F_GETPIPE_SZ); P("same", F_SETPIPE_SZ); P("same", F_ADD_SEALS);
	P("same", F_GET_SEALS); P("same", RWF_HIPRI); P("same", RWF_DSYNC);
	P("same", RWF_SYNC); P("same", RWF_NOWAIT); P("same", RWF_APPEND);
	P("same", FD_CLOEXEC); P("same", AT_FDCWD); P("same", AT_SYMLINK_NOFOLLOW);
	P("same", AT_REMOVEDIR); P("same", AT_EMPTY_PATH); P("same", AT_EACCESS);
	P("same", RENAME_NOREPLACE); P("same", RENAME_EXCHANGE); P("same", RENAME_WHITEOUT);
	P("same", CLOSE_RANGE_CLOEXEC); P("same", CLOSE_RANGE_UNSHARE);
	P("same", FALLOC_FL_KEEP_SIZE); P("same", FALLOC_FL_PUNCH_HOLE);
	P("same", SEEK_SET); P("same", SEEK_CUR); P("same", SEEK_END);
	P("same", SEEK_DATA); P("same", SEEK_HOLE);
	P("same", TIOCSCTTY); P("same", TIOCNOTTY); P("same", TIOCEXCL); P("same", TIOCNXCL);
	P("same", TIOCGSID); P("same", TCSANOW); P("same", TCSADRAIN); P("same", TCSAFLUSH);
#ifdef F_GETLK64
	/* 32-bit ABIs only: the flock64 commands the kit's fcntl64 knows */
	P("kit", F_GETLK64); P("kit", F_SETLK64); P("kit", F_SETLKW64);
#endif

	/* tty ioctls */
	P("ioctl", TCGETS); P("ioctl", TCSETS); P("ioctl", TCSETSW); P("ioctl", TCSETSF);
	P("ioctl", TCSBRK); P("ioctl", TCXONC); P("ioctl", TCFLSH);
	P("ioctl", TIOCGWINSZ); P("ioctl", TIOCSWINSZ); P("ioctl", TIOCOUTQ);
	P("ioctl", TIOCGPGRP); P("ioctl", TIOCSPGRP); P("ioctl", TIOCGPTN);
	P("ioctl", TIOCSPTLCK); P("ioctl", FIONREAD); P("ioctl", TIOCINQ);
	P("ioctl", FIONBIO); P("ioctl", FIOASYNC); P("ioctl", FIOCLEX);
	P("ioctl", FIONCLEX); P("ioctl", FIOQSIZE);

	/* termios c_iflag */
	P("iflag", IGNBRK); P("iflag", BRKINT); P("iflag", IGNPAR); P("iflag", PARMRK);
	P("iflag", INPCK); P("iflag", ISTRIP); P("iflag", INLCR); P("iflag", IGNCR);
	P("iflag", ICRNL); P("iflag", IUCLC); P("iflag", IXON); P("iflag", IXANY);
	P("iflag", IXOFF); P("iflag", IMAXBEL); P("iflag", IUTF8);
	/* c_oflag (field values, not masks) */
	P("oflag", OPOST); P("oflag", OLCUC); P("oflag", ONLCR); P("oflag", OCRNL);
	P("oflag", ONOCR); P("oflag", ONLRET); P("oflag", OFILL); P("oflag", OFDEL);
	P("oflag", NL0); P("oflag", NL1); P("oflag", CR0); P("oflag", CR1); P("oflag", CR2);
	P("oflag", CR3); P("oflag", TAB0); P("oflag", TAB1); P("oflag", TAB2);
	P("oflag", TAB3); P("oflag", XTABS); P("oflag", BS0); P("oflag", BS1);
	P("oflag", VT0); P("oflag", VT1); P("oflag", FF0); P("oflag", FF1);
	/* c_cflag */
	P("cflag", B0); P("cflag", B50); P("cflag", B75); P("cflag", B110);
	P("cflag", B134); P("cflag", B150); P("cflag", B200); P("cflag", B300);
	P("cflag", B600); P("cflag", B1200); P("cflag", B1800); P("cflag", B2400);
	P("cflag", B4800); P("cflag", B9600); P("cflag", B19200); P("cflag", B38400);
	P("cflag", B57600); P("cflag", B115200); P("cflag", B230400); P("cflag", B460800);
	P("cflag", B500000); P("cflag", B576000); P("cflag", B921600); P("cflag", B1000000);
	P("cflag", B1152000); P("cflag", B1500000); P("cflag", B2000000);
	P("cflag", B2500000); P("cflag", B3000000); P("cflag", B3500000);
	P("cflag", B4000000); P("cflag", BOTHER);
	printf("cflag B115200<<IBSHIFT %#lx\n", (unsigned long)B115200 << IBSHIFT);
	printf("cflag B9600<<IBSHIFT %#lx\n", (unsigned long)B9600 << IBSHIFT);
	printf("cflag BOTHER<<IBSHIFT %#lx\n", (unsigned long)BOTHER << IBSHIFT);
	P("cflag", CS5); P("cflag", CS6); P("cflag", CS7); P("cflag", CS8);
	P("cflag", CSTOPB); P("cflag", CREAD); P("cflag", PARENB); P("cflag", PARODD);
	P("cflag", HUPCL); P("cflag", CLOCAL); P("cflag", ADDRB); P("cflag", CMSPAR);
	P("cflag", CRTSCTS);
	/* c_lflag */
	P("lflag", ISIG); P("lflag", ICANON); P("lflag", XCASE); P("lflag", ECHO);
	P("lflag", ECHOE); P("lflag", ECHOK); P("lflag", ECHONL); P("lflag", NOFLSH);
	P("lflag", TOSTOP); P("lflag", ECHOCTL); P("lflag", ECHOPRT); P("lflag", ECHOKE);
	P("lflag", FLUSHO); P("lflag", PENDIN); P("lflag", IEXTEN); P("lflag", EXTPROC);
	/* c_cc indices */
	P("cc", VINTR); P("cc", VQUIT); P("cc", VERASE); P("cc", VKILL); P("cc", VEOF);
	P("cc", VTIME); P("cc", VMIN); P("cc", VSWTC); P("cc", VSTART); P("cc", VSTOP);
	P("cc", VSUSP); P("cc", VEOL); P("cc", VREPRINT); P("cc", VDISCARD);
	P("cc", VWERASE); P("cc", VLNEXT); P("cc", VEOL2); P("cc", NCCS);
	return 0;
}
