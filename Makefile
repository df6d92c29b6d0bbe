# Without DATABASE_URL, test and run use the project-local PostgreSQL that
# .ci/postgres starts (data in .pgdata/, port 54329 or KARIR_PGPORT).
ifeq ($(origin DATABASE_URL),undefined)
DATABASE_URL := $(shell .ci/postgres url)
LOCAL_DB := db
endif
export DATABASE_URL

.PHONY: help test bench bench-go lint vet staticcheck fmt-check build run seed-bulk db db-stop

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

test: $(LOCAL_DB) fmt-check vet staticcheck ## gofmt, vet, staticcheck and the tests (race detector on)
	go test -race -count=1 ./...

bench: $(LOCAL_DB) ## karir against nginx and a bare net/http server, side by side with wrk (installs both if missing)
	bench/run.sh

bench-go: $(LOCAL_DB) ## Go benchmarks with allocations: parser, document encoding, handler path
	go test -run '^$$' -bench . -benchmem ./internal/profile ./internal/readmodel ./internal/httpapi

lint: vet staticcheck fmt-check ## vet, staticcheck and gofmt

vet:
	go vet ./...

staticcheck:
	go tool staticcheck ./...

fmt-check:
	@files=$$(gofmt -l $$(go list -f '{{.Dir}}' ./...)); \
	if [ -n "$$files" ]; then echo "not gofmt-ed:"; echo "$$files"; exit 1; fi

build: ## build bin/karir
	go build -o bin/karir ./cmd/karir

run: build $(LOCAL_DB) ## migrate, seed and serve on KARIR_ADDR (default :8080)
	bin/karir migrate up
	bin/karir seed
	bin/karir serve

N ?= 100000
seed-bulk: build $(LOCAL_DB) ## add N (default 100000) generated profiles, with a progress bar
	bin/karir migrate up
	bin/karir seed-bulk $(N)

db: ## start the project-local PostgreSQL
	@.ci/postgres start

db-stop: ## stop it
	@.ci/postgres stop
