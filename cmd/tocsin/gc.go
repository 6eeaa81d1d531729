package main

import (
	"bufio"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// serveGCPercent is the collector's target for a server on a machine with
// memory to spare: the heap grows to five times what is live before a
// collection rather than twice. On the 100,460-article benchmark store the
// live heap is about 550 MB and a collection's marking took about a second
// of a core every 3.5 s under load, slowing every request it overlapped;
// at 400, the p99 of the 50-client benchmark with 200 articles/s fell by
// about a tenth (docs/serve.md, "Memory and the collector").
const serveGCPercent = 400

// gcPlan returns the collector settings a server takes, from the
// environment (getenv) and the machine's memory in bytes (0: unknown):
// none when GOGC or GOMEMLIMIT is set, since those say what the operator
// wants, or when the machine has under 8 GiB; else serveGCPercent, with a
// soft limit of a quarter of the memory, which makes the collector run
// more often rather than let the heap pass it.
func gcPlan(getenv func(string) string, memory int64) (percent int, limit int64, ok bool) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" || memory < 8<<30 {
		return 0, 0, false
	}
	return serveGCPercent, memory / 4, true
}

// tuneGC applies gcPlan; it reports what it set.
func tuneGC() (percent int, limit int64, ok bool) {
	percent, limit, ok = gcPlan(os.Getenv, systemMemory())
	if ok {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	}
	return percent, limit, ok
}

// systemMemory returns the machine's memory in bytes, 0 when it cannot
// tell (only Linux's /proc/meminfo is read).
func systemMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	return memTotal(f)
}

// memTotal reads MemTotal from /proc/meminfo's text, in bytes (0: absent).
func memTotal(r io.Reader) int64 {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok || name != "MemTotal" {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) != 2 || fields[1] != "kB" {
			return 0
		}
		kb, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil || kb < 0 {
			return 0
		}
		return kb << 10
	}
	return 0
}
