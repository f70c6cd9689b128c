/* memfd_create(2): an anonymous file that can be written, sized, mapped
 * and sealed; name length limit, flags, EFAULT. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static void run(unsigned int n)
{
	char name[300];
	struct stat st;
	int fd;
	switch (n) {
	case 0:
		TST_EXP_PASS(fd = memfd_create("ck", MFD_CLOEXEC | MFD_ALLOW_SEALING));
		if (write(fd, "memfd", 5) != 5 || fstat(fd, &st) < 0 || st.st_size != 5)
			tst_res(TFAIL | TERRNO, "write/fstat");
		{
			char *p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
			if (p == MAP_FAILED || memcmp(p, "memfd", 5))
				tst_res(TFAIL | TERRNO, "mapping does not show the data");
			else
				tst_res(TPASS, "data visible through mmap");
			if (p != MAP_FAILED)
				munmap(p, 4096);
		}
		TST_EXP_PASS(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
		TST_EXP_FAIL(write(fd, "x", 1), EPERM);
		close(fd);
		break;
	case 1:
		memset(name, 'a', sizeof name);
		name[249] = 0;
		TST_EXP_PASS(fd = memfd_create(name, 0));
		close(fd);
		name[249] = 'a';
		name[250] = 0;
		TST_EXP_FAIL(memfd_create(name, 0), EINVAL);
		break;
	case 2:
		TST_EXP_FAIL(memfd_create("ck", 0x100), EINVAL);
		TST_EXP_FAIL(memfd_create(bad_ptr, 0), EFAULT);
		break;
	}
}

struct tst_test test = { .test = run, .tcnt = 3 };
