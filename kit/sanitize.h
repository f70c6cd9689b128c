/* Sanitizer defaults of the kit (kit/sanitize.c). */
#ifndef CK_SANITIZE_H
#define CK_SANITIZE_H

/* This process cannot be leak-checked at exit (a fork child of a threaded
 * kit): LeakSanitizer, when built in, skips its check. */
void san_no_leak_check(void);

const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);
const char *__ubsan_default_options(void);
int __lsan_is_turned_off(void);

#endif
