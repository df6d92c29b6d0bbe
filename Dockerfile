FROM golang:1.26 AS build
WORKDIR /src
# Modules change less often than code: their download is a layer of its own.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/karir ./cmd/karir

FROM gcr.io/distroless/static-debian12:nonroot
# The working directory makes the default seeds/ path of `karir seed` resolve.
WORKDIR /app
COPY --from=build /out/karir /app/karir
COPY seeds/ /app/seeds/
EXPOSE 8080
ENTRYPOINT ["/app/karir"]
CMD ["serve"]
