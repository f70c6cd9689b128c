/* true: the child forkexec execs; exits 0 at once. */
int main(void)
{
	return 0;
}
