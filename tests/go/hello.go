// A minimal Go program for the probe tests: every Go binary carries the
// Go build-ID note and none of glibc's marks.
package main

import "os"

func main() {
	os.Stdout.WriteString("hello from Go\n")
}
