# Without DATABASE_URL, test and run use the project-local PostgreSQL that
# .ci/postgres starts (data in .pgdata/, port 15432 or KARIR_PGPORT).
ifeq ($(origin DATABASE_URL),undefined)
DATABASE_URL := $(shell .ci/postgres url)
LOCAL_DB := db
endif
export DATABASE_URL

.PHONY: help test bench soak lint vet staticcheck fmt-check build run db db-stop

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

test: $(LOCAL_DB) fmt-check vet staticcheck ## gofmt, vet, staticcheck and the tests (race detector on)
	go test -race -count=1 ./...

bench: ## parser benchmark: time and allocations per profile
	go test -run '^$$' -bench . -benchmem ./internal/profile

# The soak's server listens here, without a rate limit: one client sends it all.
SOAK_ADDR ?= 127.0.0.1:18080
SOAK_RATE ?= 100
SOAK_DURATION ?= 5m

soak: build $(LOCAL_DB) ## 5 min of mixed reads at SOAK_RATE/s on a fresh server; prints figures and the pass rule
	bin/karir seed >/dev/null
	@log=$$(mktemp /tmp/karir-soak-XXXXXX.log); \
	KARIR_ADDR=$(SOAK_ADDR) KARIR_RATE_LIMIT=0 bin/karir serve >$$log 2>&1 & pid=$$!; \
	trap 'kill $$pid; wait $$pid; echo "server log: $$log"' EXIT; \
	go run ./cmd/soak -url http://$(SOAK_ADDR) -rate $(SOAK_RATE) -duration $(SOAK_DURATION)

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

db: ## start the project-local PostgreSQL
	@.ci/postgres start

db-stop: ## stop it
	@.ci/postgres stop
