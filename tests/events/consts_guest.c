/* Print every constant of consts.h as this ABI's headers define it. */
#include "consts_incs.h"
#include <stdio.h>

int main(void)
{
#define C(kind, name) printf("%s %s %lld\n", #kind, #name, (long long)(name));
#include "consts.h"
	return 0;
}
