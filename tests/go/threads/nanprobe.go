// Does the CPU engine compare a NaN unequal to itself?  Go's runtime.check
// needs it; tests/go/threads.sh runs this first.  A NaN built by bits, so
// the compiler cannot fold the comparison.
package main

import (
	"math"
	"os"
)

var bits uint64 = ^uint64(0)

func main() {
	j := math.Float64frombits(bits)
	if j == j || !(j != j) {
		os.Stdout.WriteString("nan broken\n")
		return
	}
	os.Stdout.WriteString("nan ok\n")
}
