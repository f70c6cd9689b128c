/* hello: the startup benchmark's program (the driver runs it many times). */
#include <stdio.h>

int main(void)
{
	printf("hello\n");
	return 0;
}
