# Without DATABASE_URL, test and run use the project-local PostgreSQL that
# .ci/postgres starts (data in .pgdata/, port 15432 or KARIR_PGPORT).
# A checkout without .ci (the Docker build's context) has none.
ifeq ($(origin DATABASE_URL),undefined)
ifneq ($(wildcard .ci/postgres),)
DATABASE_URL := $(shell .ci/postgres url)
LOCAL_DB := db
endif
endif
export DATABASE_URL

# The version and commit every build stamps into the binary (karir version,
# /metrics, the JSON index at /): from git, or from the command line where
# there is no .git (the Docker build passes both).
ifeq ($(origin VERSION),undefined)
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
endif
ifeq ($(origin REVISION),undefined)
REVISION := $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
endif
BUILDINFO := github.com/karir/karir/internal/buildinfo
# Static (no cgo), without this machine's paths (-trimpath) or a build ID
# (-buildid=): the same source, version and Go toolchain give the same bytes
# wherever they are built.
GOBUILD = CGO_ENABLED=0 go build -trimpath \
	-ldflags "-s -w -buildid= -X $(BUILDINFO).version=$(VERSION) -X $(BUILDINFO).revision=$(REVISION)"

.PHONY: clients clients-check ts-client help test fuzz docs-check bench bench-go bench-search bench-writes parser-score soak lint vet staticcheck fmt-check openapi-lint docs-assets chromium screenshots build release archive release-check image run seed-bulk db db-stop

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

# The fuzz run minimises each new input for a second, not the default
# minute, so that its time goes to fuzzing. Its budgets are counts of
# inputs (about 10 s, 5 s and 5 s here), not durations: a duration's
# deadline can fail a run that found nothing with "context deadline
# exceeded" (golang/go#75804, fixed in Go 1.27).
test: $(LOCAL_DB) chromium fmt-check vet staticcheck openapi-lint clients-check ts-client release-check ## gofmt, vet, staticcheck, the OpenAPI lint, a reproducible release build, the tests (race detector on, browser tests included)
	go test -race -count=1 ./...
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 3000x -fuzzminimizetime 1s ./internal/parser
	go test -run '^$$' -fuzz '^FuzzReads$$' -fuzztime 15000x -fuzzminimizetime 1s ./internal/httpapi
	go test -run '^$$' -fuzz '^FuzzWrites$$' -fuzztime 15000x -fuzzminimizetime 1s ./internal/httpapi

FUZZTIME ?= 2m

fuzz: $(LOCAL_DB) ## the fuzz tests for FUZZTIME (default 2m) each: the parser, every route's path and query, every write body
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./internal/parser
	go test -run '^$$' -fuzz '^FuzzReads$$' -fuzztime $(FUZZTIME) ./internal/httpapi
	go test -run '^$$' -fuzz '^FuzzWrites$$' -fuzztime $(FUZZTIME) ./internal/httpapi

# Part of test too: it takes a few seconds.
docs-check: $(LOCAL_DB) ## replay the console examples of README.md and docs/*.md against a fresh server
	go test -count=1 -run '^(TestDocsExamples|TestReadmeConfigurationNamesEveryVariable)$$' ./cmd/karir

bench: $(LOCAL_DB) ## karir against nginx and a bare net/http server, side by side with wrk (installs both if missing)
	bench/run.sh

bench-go: $(LOCAL_DB) ## Go benchmarks with allocations: parser, document encoding, search and discovery, handler path
	go test -run '^$$' -bench . -benchmem ./internal/parser ./internal/readmodel ./internal/search ./internal/httpapi

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

parser-score: ## how the parser reads the held-out texts of internal/parser/testdata/unseen
	@go test -count=1 -v -run '^TestUnseenTexts$$' ./internal/parser | grep -E 'sentences|FAIL'

lint: vet staticcheck fmt-check ## vet, staticcheck and gofmt

vet:
	go vet ./...

staticcheck:
	go tool staticcheck ./...

# The npm tools are pinned by web/package-lock.json; npm ci installs exactly
# those when node_modules is missing or older than the lockfile.
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error

# The typed clients of api/: Go from oapi-codegen (pinned by go.mod's tool
# directive), TypeScript from openapi-typescript (pinned by
# api/ts/package-lock.json).
clients: api/ts/node_modules/.package-lock.json ## regenerate the typed clients under api/ from api/openapi.yaml
	cd api/client && go tool oapi-codegen -config oapi-codegen.yaml ../openapi.yaml
	cd api/ts && npx --no-install openapi-typescript ../openapi.yaml -o schema.d.ts

clients-check: api/ts/node_modules/.package-lock.json ## fail when a generated client is stale against api/openapi.yaml
	@tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	sed "s|^output: .*|output: $$tmp/client.gen.go|" api/client/oapi-codegen.yaml >$$tmp/config.yaml && \
	cd api/client && go tool oapi-codegen -config $$tmp/config.yaml ../openapi.yaml && \
	cmp -s client.gen.go $$tmp/client.gen.go || { echo "api/client is stale: run make clients"; exit 1; }
	@tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	cd api/ts && npx --no-install openapi-typescript ../openapi.yaml -o $$tmp/schema.d.ts >/dev/null && \
	cmp -s schema.d.ts $$tmp/schema.d.ts || { echo "api/ts is stale: run make clients"; exit 1; }

api/ts/node_modules/.package-lock.json: api/ts/package.json api/ts/package-lock.json
	cd api/ts && npm ci --no-audit --no-fund --loglevel=error

# The Node test of the TypeScript client runs from go test (api/client),
# against a server it starts; this compiles it.
ts-client: api/ts/node_modules/.package-lock.json ## compile the TypeScript client and its test (api/ts/dist)
	cd api/ts && npx --no-install tsc -p .

openapi-lint: web/node_modules/.package-lock.json ## lint api/openapi.yaml with @redocly/cli's recommended rules (redocly.yaml)
	cd web && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
		npx --no-install redocly lint --config ../redocly.yaml ../api/openapi.yaml

# The renderer of /docs is committed in web/assets so that a plain go build
# embeds it; this copies it again from the version pinned in the lockfile.
docs-assets: web/node_modules/.package-lock.json ## copy the pinned /docs renderer (Scalar) into web/assets
	cp web/node_modules/@scalar/api-reference/dist/browser/standalone.js web/assets/scalar-api-reference.js

chromium: ## install Debian's Chromium for the browser tests when it is missing
	@.ci/chromium install

screenshots: $(LOCAL_DB) chromium ## save PNGs of the explorer, the studio and /docs in docs/screenshots
	go test -count=1 -run 'TestListPages|TestReadProfile|TestSearch$$|TestCompare|TestPhoneWidth|TestDocsListsEveryPath|TestStudio$$' \
		./internal/browsertest -args -screenshots=$(CURDIR)/docs/screenshots

fmt-check:
	@files=$$(gofmt -l $$(go list -f '{{.Dir}}' ./...)); \
	if [ -n "$$files" ]; then echo "not gofmt-ed:"; echo "$$files"; exit 1; fi

build: ## build bin/karir, stamped with VERSION and REVISION (git describe and the commit by default)
	$(GOBUILD) -o bin/karir ./cmd/karir

# The platforms make release builds, as GOOS/GOARCH, and where it puts them.
RELEASE_PLATFORMS := linux/amd64 linux/arm64 darwin/arm64 windows/amd64
DIST ?= dist
# Every file in an archive carries the commit's time, not the build's.
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
endif
export SOURCE_DATE_EPOCH

release: ## static binaries for RELEASE_PLATFORMS, archived into dist/ with SHA256SUMS, reproducibly
	rm -rf $(DIST)
	@for platform in $(RELEASE_PLATFORMS); do \
		$(MAKE) --no-print-directory archive PLATFORM=$$platform VERSION=$(VERSION) REVISION=$(REVISION) || exit 1; \
	done
	cd $(DIST) && sha256sum karir_* >SHA256SUMS
	@cat $(DIST)/SHA256SUMS

# archive builds the binary of PLATFORM (GOOS/GOARCH) and archives it into
# DIST with the license and the notices (.ci/archive).
goos = $(word 1,$(subst /, ,$(PLATFORM)))
goarch = $(word 2,$(subst /, ,$(PLATFORM)))
stage = $(DIST)/karir_$(VERSION)_$(goos)_$(goarch)
archive:
	GOOS=$(goos) GOARCH=$(goarch) $(GOBUILD) -o $(stage)/karir$(if $(filter windows,$(goos)),.exe) ./cmd/karir
	CGO_ENABLED=0 GOOS=$(goos) GOARCH=$(goarch) .ci/archive $(stage)

# release-check archives this machine's platform twice, in two folders, and
# compares the bytes; then it runs the binary, which must name VERSION and
# REVISION. The second build reuses the compiled packages of the first from
# Go's build cache: it checks the link, the stamp and the archive. docs/
# release.md shows how to check a build against an empty cache.
release-check: ## build this platform's release archive twice and compare the bytes
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	platform=$$(go env GOHOSTOS)/$$(go env GOHOSTARCH) && \
	for run in a b; do \
		$(MAKE) --no-print-directory -s archive PLATFORM=$$platform DIST=$$tmp/$$run VERSION=$(VERSION) REVISION=$(REVISION) >/dev/null || exit 1; \
	done && \
	cmp $$tmp/a/karir_* $$tmp/b/karir_* && \
	mkdir $$tmp/x && tar -xzf $$tmp/a/karir_*.tar.gz -C $$tmp/x && \
	$$tmp/x/karir_*/karir version | grep -qF "karir $(VERSION) revision $(REVISION) " && \
	echo "release-check: two builds of $$platform are the same bytes ($$(cd $$tmp/a && sha256sum karir_*)), stamped $(VERSION)"

# The image deploy/ runs; make image tags it with VERSION.
IMAGE ?= ghcr.io/karir/karir

image: ## build the container image IMAGE:VERSION (needs Docker)
	docker build --build-arg VERSION=$(VERSION) --build-arg REVISION=$(REVISION) -t $(IMAGE):$(VERSION) .

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

bench-writes: $(LOCAL_DB) ## two servers over 100,000 generated profiles in karir_bench: how soon the other shows a write (p50/p99/max) and the CPU each spends per write
	go run ./cmd/writebench -profiles 100000 -writes 200 -interval 50ms
