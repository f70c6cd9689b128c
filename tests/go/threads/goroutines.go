// Goroutines over several OS threads: a worker pool fed by a channel,
// results gathered in order, a timer and a ticker, and a mutex-protected
// counter touched by many goroutines (tests/go/threads.sh).
package main

import (
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"
)

func main() {
	runtime.GOMAXPROCS(4)
	jobs := make(chan int)
	results := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- j * j
			}
		}()
	}
	go func() {
		for i := 1; i <= 50; i++ {
			jobs <- i
		}
		close(jobs)
	}()
	go func() { wg.Wait(); close(results) }()
	var got []int
	for r := range results {
		got = append(got, r)
	}
	sort.Ints(got)
	sum := 0
	for _, v := range got {
		sum += v
	}
	fmt.Println("squares:", len(got), "sum", sum)

	var mu sync.Mutex
	count := 0
	var wg2 sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			for i := 0; i < 1000; i++ {
				mu.Lock()
				count++
				mu.Unlock()
				if i%100 == 0 {
					runtime.Gosched()
				}
			}
		}()
	}
	wg2.Wait()
	fmt.Println("counter:", count)

	start := time.Now()
	timer := time.NewTimer(30 * time.Millisecond)
	ticker := time.NewTicker(5 * time.Millisecond)
	ticks := 0
loop:
	for {
		select {
		case <-ticker.C:
			ticks++
		case <-timer.C:
			break loop
		}
	}
	ticker.Stop()
	fmt.Println("timer fired after >= 30ms:", time.Since(start) >= 30*time.Millisecond, "ticks seen:", ticks > 0)
	done := make(chan string)
	go func() {
		time.Sleep(10 * time.Millisecond)
		done <- "slept"
	}()
	select {
	case s := <-done:
		fmt.Println("goroutine", s)
	case <-time.After(20 * time.Second):
		fmt.Println("timeout")
	}
}
