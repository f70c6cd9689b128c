/* Extended attributes: {,l,f}{set,get,list,remove}xattr.  Values and name
 * lists are bytes, the same for every ABI; sizes are bounded as the kernel
 * bounds them (linux/limits.h: XATTR_NAME_MAX 255, XATTR_SIZE_MAX and
 * XATTR_LIST_MAX 65536; fs/xattr.c).  XATTR_CREATE/REPLACE (1, 2) pass
 * through. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>
#include "sys.h"

#define NAME_MAX_ 255
#define VALUE_MAX 65536

enum { BY_PATH, BY_LINK, BY_FD };

/* The target of a call: a path (copied in) or a descriptor. */
struct xtarget { int how, fd; char path[PATH_MAX]; };

static long target(struct task *t, int how, uint64_t arg, struct xtarget *x)
{
	x->how = how;
	if (how == BY_FD) {
		x->fd = a_int(arg);
		CHECK_FD(x->fd);
		return 0;
	}
	long n = copyinstr(t, arg, x->path, sizeof x->path);
	return n < 0 ? n : 0;
}

static long name_in(struct task *t, uint64_t arg, char *name)
{
	long n = copyinstr(t, arg, name, NAME_MAX_ + 2);
	if (n == -ENAMETOOLONG || n > NAME_MAX_)
		return -ERANGE;
	if (n < 0)
		return n;
	return n == 0 ? -ERANGE : 0;
}

static long x_set(struct task *t, const uint64_t *a, int how)
{
	struct xtarget x;
	char name[NAME_MAX_ + 2];
	uint64_t size = a_ptr(t, a[3]);
	long r = target(t, how, a[0], &x);
	if (r || (r = name_in(t, a[1], name)))
		return r;
	if (size > VALUE_MAX)
		return -E2BIG;
	void *v = malloc(size ? size : 1);
	if (!v)
		return -ENOMEM;
	if (size && copyin(t, a_ptr(t, a[2]), v, size)) {
		free(v);
		return -EFAULT;
	}
	int f = a_int(a[4]);
	r = how == BY_FD ? HOST(fsetxattr(x.fd, name, v, size, f))
	    : how == BY_LINK ? HOST(lsetxattr(x.path, name, v, size, f))
	    : HOST(setxattr(x.path, name, v, size, f));
	free(v);
	return r;
}

/* get and list share the shape: size 0 asks for the length only. */
static long x_out(struct task *t, int how, int list, const uint64_t *a)
{
	struct xtarget x;
	char name[NAME_MAX_ + 2];
	long r = target(t, how, a[0], &x);
	if (r || (!list && (r = name_in(t, a[1], name))))
		return r;
	uint64_t ubuf = a_ptr(t, a[list ? 1 : 2]), size = a_ptr(t, a[list ? 2 : 3]);
	if (size > VALUE_MAX)
		size = VALUE_MAX;
	void *v = size ? malloc(size) : NULL;
	if (size && !v)
		return -ENOMEM;
	if (list)
		r = how == BY_FD ? HOST(flistxattr(x.fd, v, size))
		    : how == BY_LINK ? HOST(llistxattr(x.path, v, size))
		    : HOST(listxattr(x.path, v, size));
	else
		r = how == BY_FD ? HOST(fgetxattr(x.fd, name, v, size))
		    : how == BY_LINK ? HOST(lgetxattr(x.path, name, v, size))
		    : HOST(getxattr(x.path, name, v, size));
	if (r > 0 && size && copyout(t, v, ubuf, (size_t)r))
		r = -EFAULT;
	free(v);
	return r;
}

static long x_remove(struct task *t, const uint64_t *a, int how)
{
	struct xtarget x;
	char name[NAME_MAX_ + 2];
	long r = target(t, how, a[0], &x);
	if (r || (r = name_in(t, a[1], name)))
		return r;
	return how == BY_FD ? HOST(fremovexattr(x.fd, name))
	       : how == BY_LINK ? HOST(lremovexattr(x.path, name))
	       : HOST(removexattr(x.path, name));
}

SYS(setxattr) { return x_set(t, a, BY_PATH); }
SYS(lsetxattr) { return x_set(t, a, BY_LINK); }
SYS(fsetxattr) { return x_set(t, a, BY_FD); }
SYS(getxattr) { return x_out(t, BY_PATH, 0, a); }
SYS(lgetxattr) { return x_out(t, BY_LINK, 0, a); }
SYS(fgetxattr) { return x_out(t, BY_FD, 0, a); }
SYS(listxattr) { return x_out(t, BY_PATH, 1, a); }
SYS(llistxattr) { return x_out(t, BY_LINK, 1, a); }
SYS(flistxattr) { return x_out(t, BY_FD, 1, a); }
SYS(removexattr) { return x_remove(t, a, BY_PATH); }
SYS(lremovexattr) { return x_remove(t, a, BY_LINK); }
SYS(fremovexattr) { return x_remove(t, a, BY_FD); }
