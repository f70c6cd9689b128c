// A TCP echo server and client on 127.0.0.1 in one process: the Go
// netpoller (epoll) with several connections in flight (tests/go/threads.sh).
package main

import (
	"bufio"
	"fmt"
	"net"
	"sort"
	"sync"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		return
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					c.Write([]byte("echo " + line))
				}
			}(c)
		}
	}()
	var mu sync.Mutex
	var replies []string
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				mu.Lock()
				replies = append(replies, "dial: "+err.Error())
				mu.Unlock()
				return
			}
			defer c.Close()
			r := bufio.NewReader(c)
			for k := 0; k < 3; k++ {
				fmt.Fprintf(c, "client %d message %d\n", i, k)
				line, err := r.ReadString('\n')
				if err != nil {
					line = "read: " + err.Error() + "\n"
				}
				mu.Lock()
				replies = append(replies, line)
				mu.Unlock()
			}
		}(i)
	}
	wg.Wait()
	ln.Close()
	sort.Strings(replies)
	for _, l := range replies {
		fmt.Print(l)
	}
}
