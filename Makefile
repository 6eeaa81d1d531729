# Everyday commands; CI runs .ci/run.
.PHONY: build test lint bench

build:
	CGO_ENABLED=0 go build -o tocsin ./cmd/tocsin

test:
	go test ./...

lint:
	go vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)

bench:
	go test -run '^$$' -bench . -benchmem ./internal/...
