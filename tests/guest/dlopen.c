/*
 * dlopen: load libm.so.6 at run time and call cos() through the pointer
 * dlsym gives.  A dynamic build exercises the whole ld.so path again after
 * startup (openat of the library, file-backed mmap, mprotect, relocation);
 * the static build is built too (guest.mk builds both) but not compared.
 */
#include <dlfcn.h>
#include <stdio.h>

int main(void)
{
	void *h = dlopen("libm.so.6", RTLD_NOW);
	if (!h) {
		printf("dlopen failed: %s\n", dlerror());
		return 1;
	}
	double (*c)(double) = (double (*)(double))dlsym(h, "cos");
	if (!c) {
		printf("dlsym failed: %s\n", dlerror());
		return 1;
	}
	/* %.6f: the same digits under any correct libm */
	printf("cos(0.5) = %.6f\ncos(2) = %.6f\n", c(0.5), c(2.0));
	return dlclose(h) == 0 ? 0 : 1;
}
