package main

import (
	"time"

	"github.com/tocsin/tocsin/internal/fetch"
)

func fetchOptions(timeout time.Duration, maxSize int64, allowPrivate bool) fetch.Options {
	return fetch.Options{Timeout: timeout, MaxSize: maxSize, AllowPrivate: allowPrivate}
}
