/* Loading an ELF image into a fresh guest task (the kit's execve). */
#ifndef CK_EXEC_H
#define CK_EXEC_H
#include "task.h"

/* Map the PT_LOAD segments of path into t's address space. */
int exec_load(struct task *t, int fd, const char *path, struct exec_image *img,
	      char *err, size_t errlen);
/* Map the stack and build argc/argv/envp/auxv; returns the initial sp. */
int64_t exec_stack(struct task *t, const struct exec_image *img, char *const argv[],
		   char *const envp[], const char *execfn);
#endif
