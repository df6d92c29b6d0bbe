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
ENTRYPOINT ["/app/karir"]
CMD ["serve"]
