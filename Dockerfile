# The base images are pinned by tag only: the machine this was written on
# reaches no container registry, so their digests could not be read. To pin
# them, and later to refresh the pins, run where Docker reaches the registries
#   docker buildx imagetools inspect golang:1.26 --format '{{json .Manifest.Digest}}'
#   docker buildx imagetools inspect gcr.io/distroless/static-debian12:nonroot --format '{{json .Manifest.Digest}}'
# and write each digest after its tag: FROM golang:1.26@sha256:<digest> AS build.
FROM golang:1.26 AS build
# The Docker build context has no .git (.dockerignore), so the version and
# commit to stamp come as build arguments; make image passes both.
ARG VERSION=devel
ARG REVISION=unknown
WORKDIR /src
# Modules change less often than code: their download is a layer of its own.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN make build VERSION="$VERSION" REVISION="$REVISION"

FROM gcr.io/distroless/static-debian12:nonroot
# The working directory makes the default seeds/ path of `karir seed` resolve.
WORKDIR /app
COPY --from=build /src/bin/karir /app/karir
COPY seeds/ /app/seeds/
EXPOSE 8080
# The image has no shell or curl: the binary checks itself, asking the
# server on KARIR_ADDR for /readyz (exit 0 on a 200 within 2s, else 1). The
# first load of the catalogue takes a while (13 s at 100,000 profiles).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["/app/karir", "health"]
ENTRYPOINT ["/app/karir"]
CMD ["serve"]
