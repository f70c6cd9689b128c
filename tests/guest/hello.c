/* The first program every port runs: print a line and exit 0. */
#include <stdio.h>

int main(void)
{
	printf("Hello from a Linux guest\n");
	return 0;
}
