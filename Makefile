# TrialMatch — `make run` serves the product with demo data on
# http://localhost:8080; `make test` runs every check and test.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
GO_LDFLAGS := -X main.version=$(VERSION)
BIN := bin/trialmatch

.PHONY: run build frontend server test test-go test-frontend test-e2e fuzz lint bench tools clean

tools:
	@scripts/ensure-tools.sh

## run: build everything and serve on http://localhost:8080 with demo data
run: build
	TRIALMATCH_DEMO_DATA=$${TRIALMATCH_DEMO_DATA:-true} TRIALMATCH_ADDR=$${TRIALMATCH_ADDR:-127.0.0.1:8080} $(BIN) serve

## build: the frontend, embedded into the server binary
build: tools frontend server

frontend:
	cd frontend && npm run build

server:
	go build -ldflags "$(GO_LDFLAGS)" -o $(BIN) ./cmd/trialmatch

## test: vet and format checks, Go tests on real PostgreSQL, frontend checks,
## short fuzz runs and the browser tests
test:
	@scripts/ensure-tools.sh --browser
	$(MAKE) lint
	$(MAKE) test-go
	$(MAKE) fuzz
	$(MAKE) test-frontend
	$(MAKE) frontend server
	$(MAKE) test-e2e

test-go:
	go test -count=1 ./...

fuzz:
	@scripts/fuzz.sh 10s

test-frontend:
	cd frontend && npm run typecheck && npm test

test-e2e:
	cd frontend && TRIALMATCH_BIN=$(CURDIR)/$(BIN) npm run e2e

lint:
	go vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './frontend/node_modules/*')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	cd frontend && npm run lint

## bench: Go benchmarks and a load run; figures go to docs/benchmarks.md
bench: build
	@scripts/bench.sh

clean:
	rm -rf bin frontend/dist/assets frontend/dist/index.html
