# Multi-stage build: the frontend, then the Go binary with the frontend
# embedded, then a small runtime image.
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM golang:1.26-bookworm AS server
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=frontend /src/frontend/dist ./frontend/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/trialmatch ./cmd/trialmatch

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=server /out/trialmatch /trialmatch
EXPOSE 8080
ENV TRIALMATCH_ADDR=0.0.0.0:8080
ENTRYPOINT ["/trialmatch"]
CMD ["serve"]
