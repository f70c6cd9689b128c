/* The suite's reading of LTP's protocol (kit/suite_proto.c): result lines
 * in both library formats, the Summary block, exit bits, judging.  The
 * expected bits are LTP's include/tst_res_flags.h values, restated in
 * tests/ltp/tst.h, which the guests use. */
#include <criterion/criterion.h>
#include <string.h>
#include <sys/wait.h>
#include "suite.h"
#include "../ltp/tst.h"

static struct ltp_counts parse(const char *s)
{
	struct ltp_counts c;
	ltp_parse(s, strlen(s), &c);
	return c;
}

#define EXITED(n) ((n) << 8)

Test(suite_proto, bits_match_the_harness)
{
	cr_assert_eq(LTP_TFAIL, TFAIL);
	cr_assert_eq(LTP_TBROK, TBROK);
	cr_assert_eq(LTP_TWARN, TWARN);
	cr_assert_eq(LTP_TCONF, TCONF);
}

Test(suite_proto, new_format_lines)
{
	struct ltp_counts c = parse("tst_test.c:1560: TINFO: Timeout per run is 0h 00m 30s\n"
				    "write01.c:29: TPASS: write() returned 5\n"
				    "write01.c:34: TFAIL: write(-1) succeeded\n"
				    "write01.c:40: TCONF: not on this arch\n"
				    "write01.c:41: TBROK: setup: ENOENT\n"
				    "write01.c:42: TWARN: cleanup\n");
	cr_assert_eq(c.info, 1);
	cr_assert_eq(c.pass, 1);
	cr_assert_eq(c.fail, 1);
	cr_assert_eq(c.conf, 1);
	cr_assert_eq(c.brok, 1);
	cr_assert_eq(c.warn, 1);
}

Test(suite_proto, old_format_and_noise)
{
	struct ltp_counts c = parse("getpid01    1  TPASS  :  getpid returned 42\n"
				    "getpid01    2  TFAIL  :  bad\n"
				    "The message says TFAIL: inside a sentence\n"
				    "x.c:1: TINFO: then TFAIL: later on the line\n"
				    "TPASSED: not a type\n");
	cr_assert_eq(c.pass, 1);
	cr_assert_eq(c.fail, 1);
	cr_assert_eq(c.info, 1);
}

Test(suite_proto, summary_counts)
{
	struct ltp_counts c = parse("a.c:1: TPASS: one\n\nSummary:\npassed   3\nfailed   2\nbroken   0\nskipped  1\nwarnings 0\n");
	cr_assert(c.summary);
	cr_assert_eq(c.pass, 3);
	cr_assert_eq(c.fail, 2);
	cr_assert_eq(c.conf, 1);
}

Test(suite_proto, verdicts)
{
	struct ltp_counts pass = parse("a.c:1: TPASS: ok\n"), none = parse("hello\n"),
			  conf = parse("a.c:1: TCONF: no\n"), fail = parse("a.c:1: TFAIL: no\n");
	cr_assert_eq(ltp_verdict(&pass, EXITED(0), 0), R_PASS);
	cr_assert_eq(ltp_verdict(&none, EXITED(0), 0), R_BROK, "no result lines is not a pass");
	cr_assert_eq(ltp_verdict(&conf, EXITED(TCONF), 0), R_CONF);
	cr_assert_eq(ltp_verdict(&pass, EXITED(TCONF), 0), R_PASS, "LTP drops TCONF once something passed");
	cr_assert_eq(ltp_verdict(&fail, EXITED(0), 0), R_FAIL, "a TFAIL line counts even with exit 0");
	cr_assert_eq(ltp_verdict(&pass, EXITED(TFAIL), 0), R_FAIL, "the exit bit counts without a line");
	cr_assert_eq(ltp_verdict(&pass, EXITED(TBROK | TFAIL), 0), R_BROK);
	cr_assert_eq(ltp_verdict(&pass, EXITED(TWARN), 0), R_FAIL);
	cr_assert_eq(ltp_verdict(&pass, EXITED(127), 0), R_BROK, "127 is not an LTP status");
	cr_assert_eq(ltp_verdict(&pass, SIGSEGV, 0), R_CRASH);
	cr_assert_eq(ltp_verdict(&pass, SIGKILL, 1), R_TIMEOUT);
}

Test(suite_proto, judging)
{
	struct mrow row = { .status = EX_KNOWN_FAIL };
	struct job j = { .row = &row, .expect = 2, .result = R_PASS };
	suite_judge(&j);
	cr_assert_eq(j.judgement, J_UNEXPECTED_PASS);
	j.result = R_TIMEOUT;
	suite_judge(&j);
	cr_assert_eq(j.judgement, J_OK);
	j.expect = 0;
	j.result = R_CONF;
	suite_judge(&j);
	cr_assert_eq(j.judgement, J_REGRESSION, "a pass case that now skips is worse");
	j.expect = 1;
	j.result = R_PASS;
	suite_judge(&j);
	cr_assert_eq(j.judgement, J_CHANGED);
	j.row = NULL;
	j.result = R_FAIL;
	suite_judge(&j);
	cr_assert_eq(j.judgement, J_UNLISTED, "external cases without a row never regress");
}
