/* The image execve tests run (tests/ltp/execve01.c, execveat01.c).  It
 * checks what it inherited and answers with its exit status:
 *   exechelper check   argv must be {any, "check", "two words", ""}, the
 *                      environment exactly {"A=1", "B=two words"}, fd 5
 *                      open and fd 6 (FD_CLOEXEC) closed: 0, else 100+bits
 *   exechelper exit N  exit with N
 *   exechelper persona N  0 if personality(2) reads N (kept across
 *                      execve, as Linux keeps it), else 1
 *   (argc 0 turned into { "" } by the kernel)  50 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/personality.h>

int main(int argc, char **argv, char **envp)
{
	if (argc == 1 && argv[0] && !argv[0][0] && !argv[1])
		return 50;
	if (argc == 3 && !strcmp(argv[1], "exit"))
		return atoi(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "persona"))
		return personality(0xffffffff) == (int)strtol(argv[2], NULL, 0) ? 0 : 1;
	if (argc < 2 || strcmp(argv[1], "check"))
		return 99;
	int bad = 0;
	if (argc != 4 || strcmp(argv[2], "two words") || strcmp(argv[3], "") || argv[4])
		bad |= 1;
	if (!envp[0] || strcmp(envp[0], "A=1") || !envp[1] || strcmp(envp[1], "B=two words") || envp[2])
		bad |= 2;
	if (fcntl(5, F_GETFD) < 0)
		bad |= 4;
	if (fcntl(6, F_GETFD) >= 0 || errno != EBADF)
		bad |= 8;
	return bad ? 100 + bad : 0;
}
