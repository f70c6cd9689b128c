// os/signal: SIGINT sent by the process to itself is caught by the Go
// runtime's handler and delivered on a channel; a second signal.Notify
// for SIGUSR1 too (tests/go/threads.sh).
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	c := make(chan os.Signal, 2)
	signal.Notify(c, syscall.SIGINT, syscall.SIGUSR1)
	go func() {
		time.Sleep(10 * time.Millisecond)
		syscall.Kill(os.Getpid(), syscall.SIGINT)
	}()
	for i := 0; i < 2; i++ {
		select {
		case s := <-c:
			fmt.Println("got", s)
			if s == syscall.SIGINT {
				syscall.Kill(os.Getpid(), syscall.SIGUSR1)
			}
		case <-time.After(20 * time.Second):
			fmt.Println("no signal")
			os.Exit(1)
		}
	}
	signal.Stop(c)
	fmt.Println("done")
}
