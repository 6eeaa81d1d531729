package main

import (
	"strings"
	"testing"
)

func TestMemTotal(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int64
	}{
		{"MemTotal:       24576000 kB\nMemFree:         1000 kB\n", 24576000 << 10},
		{"MemFree:         1000 kB\nMemTotal:  2048 kB\n", 2048 << 10},
		{"MemFree:         1000 kB\n", 0},    // absent
		{"MemTotal:       lots kB\n", 0},     // not a number
		{"MemTotal:       24576000 MB\n", 0}, // not the unit the kernel writes
		{"", 0},
	} {
		if got := memTotal(strings.NewReader(tc.text)); got != tc.want {
			t.Errorf("memTotal(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

func TestGCPlan(t *testing.T) {
	env := func(vars ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(vars); i += 2 {
				if vars[i] == k {
					return vars[i+1]
				}
			}
			return ""
		}
	}
	for _, tc := range []struct {
		name    string
		getenv  func(string) string
		memory  int64
		percent int
		limit   int64
		ok      bool
	}{
		{"large machine", env(), 24 << 30, serveGCPercent, 6 << 30, true},
		{"8 GiB", env(), 8 << 30, serveGCPercent, 2 << 30, true},
		{"small machine: Go's defaults", env(), 4 << 30, 0, 0, false},
		{"unknown memory", env(), 0, 0, 0, false},
		{"GOGC set by the operator", env("GOGC", "100"), 24 << 30, 0, 0, false},
		{"GOMEMLIMIT set by the operator", env("GOMEMLIMIT", "1GiB"), 24 << 30, 0, 0, false},
	} {
		percent, limit, ok := gcPlan(tc.getenv, tc.memory)
		if percent != tc.percent || limit != tc.limit || ok != tc.ok {
			t.Errorf("%s: gcPlan = %d, %d, %v; want %d, %d, %v", tc.name, percent, limit, ok, tc.percent, tc.limit, tc.ok)
		}
	}
}
