# Without DATABASE_URL, test and run use the project-local PostgreSQL that
# .ci/postgres starts (data in .pgdata/, port 15432 or KARIR_PGPORT).
ifeq ($(origin DATABASE_URL),undefined)
DATABASE_URL := $(shell .ci/postgres url)
LOCAL_DB := db
endif
export DATABASE_URL

.PHONY: help test bench bench-go bench-search parser-score soak lint vet staticcheck fmt-check openapi-lint docs-assets chromium screenshots build run seed-bulk db db-stop

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

# The fuzz run minimises each new input for a second, not the default
# minute, so that its ten seconds go to fuzzing.
test: $(LOCAL_DB) chromium fmt-check vet staticcheck openapi-lint ## gofmt, vet, staticcheck, the OpenAPI lint, the tests (race detector on, browser tests included)
	go test -race -count=1 ./...
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 10s -fuzzminimizetime 1s ./internal/profile

bench: $(LOCAL_DB) ## karir against nginx and a bare net/http server, side by side with wrk (installs both if missing)
	bench/run.sh

bench-go: $(LOCAL_DB) ## Go benchmarks with allocations: parser, document encoding, search and discovery, handler path
	go test -run '^$$' -bench . -benchmem ./internal/profile ./internal/readmodel ./internal/search ./internal/httpapi

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

parser-score: ## how the parser reads the held-out texts of internal/profile/testdata/unseen
	@go test -count=1 -v -run '^TestUnseenTexts$$' ./internal/profile | grep -E 'sentences|FAIL'

lint: vet staticcheck fmt-check ## vet, staticcheck and gofmt

vet:
	go vet ./...

staticcheck:
	go tool staticcheck ./...

# The npm tools are pinned by web/package-lock.json; npm ci installs exactly
# those when node_modules is missing or older than the lockfile.
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error

openapi-lint: web/node_modules/.package-lock.json ## lint api/openapi.yaml with @redocly/cli's recommended rules (redocly.yaml)
	cd web && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
		npx --no-install redocly lint --config ../redocly.yaml ../api/openapi.yaml

# The renderer of /docs is committed in web/assets so that a plain go build
# embeds it; this copies it again from the version pinned in the lockfile.
docs-assets: web/node_modules/.package-lock.json ## copy the pinned /docs renderer (Scalar) into web/assets
	cp web/node_modules/@scalar/api-reference/dist/browser/standalone.js web/assets/scalar-api-reference.js

chromium: ## install Debian's Chromium for the browser tests when it is missing
	@.ci/chromium install

screenshots: $(LOCAL_DB) chromium ## save PNGs of the explorer and /docs in docs/screenshots
	go test -count=1 -run 'TestListPages|TestReadProfile|TestSearch$$|TestCompare|TestPhoneWidth|TestDocsListsEveryPath' \
		./internal/browsertest -args -screenshots=$(CURDIR)/docs/screenshots

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

bench-search: $(LOCAL_DB) ## load 10,000 and 100,000 generated profiles into karir_bench; print search and suggest latency
	go run ./cmd/searchbench -sizes 10000,100000 -clients 16 -duration 20s
