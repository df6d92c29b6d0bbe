# Without DATABASE_URL, test and run use the project-local PostgreSQL that
# .ci/postgres starts (data in .pgdata/, port 54329 or KARIR_PGPORT).
ifeq ($(origin DATABASE_URL),undefined)
DATABASE_URL := $(shell .ci/postgres url)
LOCAL_DB := db
endif
export DATABASE_URL

.PHONY: help test bench bench-search lint vet staticcheck fmt-check openapi-lint docs-assets chromium screenshots build run db db-stop

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

test: $(LOCAL_DB) chromium fmt-check vet staticcheck openapi-lint ## gofmt, vet, staticcheck, the OpenAPI lint, the tests (race detector on, browser tests included)
	go test -race -count=1 ./...
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 10s ./internal/profile

bench: ## parser benchmark: time and allocations per profile
	go test -run '^$$' -bench . -benchmem ./internal/profile

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

db: ## start the project-local PostgreSQL
	@.ci/postgres start

db-stop: ## stop it
	@.ci/postgres stop

bench-search: $(LOCAL_DB) ## load 10,000 and 100,000 generated profiles into karir_bench; print search and suggest latency
	go run ./cmd/searchbench -sizes 10000,100000 -clients 16 -duration 20s
