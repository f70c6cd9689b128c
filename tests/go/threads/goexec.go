// os/exec from a program with several OS threads: Go's forkExec makes the
// child with clone(CLONE_VM|CLONE_VFORK) on its own stack (kit/vfork.c);
// an exec error comes back through a pipe.  The children are host
// programs, which every reference can run.
package main

import (
	"errors"
	"fmt"
	"os/exec"
	"sync"
)

func run(name string, args ...string) string {
	err := exec.Command(name, args...).Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return "exit 0"
	case errors.As(err, &ee):
		return fmt.Sprintf("exit %d", ee.ExitCode())
	default:
		return err.Error()
	}
}

func main() {
	fmt.Println("true:", run("/bin/true"))
	fmt.Println("false:", run("/bin/false"))
	fmt.Println("missing:", run("/nonexistent/prog"))
	// Several goroutines at once, on several threads.
	var wg sync.WaitGroup
	res := make([]string, 8)
	for i := range res {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if i%2 == 0 {
				res[i] = run("/bin/true")
			} else {
				res[i] = run("/bin/false")
			}
		}(i)
	}
	wg.Wait()
	fmt.Println("concurrent:", res)
}
