#!/usr/bin/env bash
# make bench: karir against nginx serving the very same bytes as static files
# and against a bare net/http server writing them with the same headers (the
# ceiling of any net/http server here), loaded side by side with wrk.
#
# Env: BENCH_DURATION seconds a run (5), BENCH_ROUNDS rounds (4),
# BENCH_CONNECTIONS (64), BENCH_PORT first of three loopback ports (18180),
# DATABASE_URL (set by make).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

duration=${BENCH_DURATION:-5}
rounds=${BENCH_ROUNDS:-4}
connections=${BENCH_CONNECTIONS:-64}
port=${BENCH_PORT:-18180}
slug=direktur-lembaga-kesejahteraan-sosial
: "${DATABASE_URL:?run make bench, or set DATABASE_URL}"

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
	echo "bench: installing nginx and wrk" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	apt-get install -y -qq nginx wrk >/dev/null </dev/null
fi

go build -o bin/karir ./cmd/karir
go build -o bin/ceiling ./bench/ceiling
bin/karir migrate up >/dev/null
bin/karir seed >/dev/null

tmp=$(mktemp -d /tmp/karir-bench-XXXXXX)
chmod 755 "$tmp"
pids=()
cleanup() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

wait_up() {
	local url=$1 i
	for ((i = 0; i < 300; i++)); do
		if curl -sf -o /dev/null "$url"; then return 0; fi
		sleep 0.1
	done
	echo "bench: $url does not answer" >&2
	exit 1
}

karir=http://127.0.0.1:$port
# One load client sends it all: no per-client rate limit, and a cap on its
# requests at once above wrk's connections (karir takes no 0 for "off").
KARIR_RATE_LIMIT=0 KARIR_MAX_PER_CLIENT=4096 KARIR_ADDR=127.0.0.1:$port bin/karir serve >"$tmp/karir.log" 2>&1 &
pids+=($!)
wait_up "$karir/readyz"

# The three routes, and the bytes and headers karir answers them with.
declare -A path=(
	[document]=/v1/profiles/$slug
	[list]=/v1/profiles
	[section]=/v1/profiles/$slug/tasks
)
targets=(document list section)
mkdir -p "$tmp/www"
ceiling_args=()
nginx_locations=""
for target in "${targets[@]}"; do
	file=$tmp/www/$target.json
	curl -sf -D "$file.raw" -o "$file" "$karir${path[$target]}"
	tr -d '\r' <"$file.raw" | grep -v -i -E '^(HTTP/|date:|$)' >"$file.headers"
	ceiling_args+=("${path[$target]}=$file")
	adds=""
	while IFS= read -r line; do
		name=${line%%: *}
		value=${line#*: }
		case ${name,,} in
		content-type | content-length) ;;
		# nginx reads \' inside a single-quoted value (the CSP quotes 'none').
		*) adds+="      add_header $name '${value//\'/\\\'}' always;"$'\n' ;;
		esac
	done <"$file.headers"
	nginx_locations+="    location = ${path[$target]} {
      default_type application/json;
      etag off;
$adds      try_files /$target.json =404;
    }
"
done

cat >"$tmp/nginx.conf" <<CONF
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/nginx.error.log;
events { worker_connections 1024; }
http {
  access_log $tmp/nginx.access.log combined buffer=64k flush=1s;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { }
  server {
    listen 127.0.0.1:$((port + 1));
    root $tmp/www;
$nginx_locations  }
}
CONF
nginx -p "$tmp" -c "$tmp/nginx.conf" -g 'daemon off; user root;' &
pids+=($!)
bin/ceiling "127.0.0.1:$((port + 2))" "${ceiling_args[@]}" &
pids+=($!)

declare -A base=([karir]=$karir [nginx]=http://127.0.0.1:$((port + 1)) [ceiling]=http://127.0.0.1:$((port + 2)))
servers=(karir nginx ceiling)
for server in "${servers[@]}"; do
	wait_up "${base[$server]}${path[document]}"
	for target in "${targets[@]}"; do
		if ! curl -sf "${base[$server]}${path[$target]}" | cmp -s - "$tmp/www/$target.json"; then
			echo "bench: $server does not answer $target with karir's bytes" >&2
			exit 1
		fi
	done
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(free -g | awk '/^Mem:/ {print $2}') GiB; $(go version | cut -d' ' -f3); $(nginx -v 2>&1 | cut -d' ' -f3); wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2)"
echo "load: wrk -t2 -c$connections -d${duration}s, $rounds rounds, servers interleaved; document $(stat -c %s "$tmp/www/document.json") bytes, list $(stat -c %s "$tmp/www/list.json"), section $(stat -c %s "$tmp/www/section.json")"

results=$tmp/results
for ((round = 1; round <= rounds; round++)); do
	for target in "${targets[@]}"; do
		for server in "${servers[@]}"; do
			line=$(wrk -t2 -c"$connections" -d"${duration}s" -s bench/report.lua "${base[$server]}${path[$target]}" | grep '^RESULT')
			echo "$target $server ${line#RESULT }" >>"$results"
			echo "round $round $target $server: $(awk '{printf "%.0f req/s", $3 / ($4 / 1e6)}' <<<"$target $server ${line#RESULT }")" >&2
		done
	done
done

# Per target and server: requests/s over all rounds, the median of the
# rounds' p50 and p99 (the mean of the middle two when even), errors summed.
awk -v targets="${targets[*]}" -v servers="${servers[*]}" '
function median(list, n,   a, i, j, t) {
	n = split(list, a, " ")
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
	k = $1 " " $2
	req[k] += $3; dur[k] += $4; err[k] += $7
	p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $6
}
END {
	nt = split(targets, T, " "); ns = split(servers, S, " ")
	printf "\n| route | server | req/s | p50 ms | p99 ms | errors | karir/ceiling | karir/nginx |\n"
	printf "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
	for (i = 1; i <= nt; i++) {
		for (j = 1; j <= ns; j++) {
			k = T[i] " " S[j]
			rate[k] = req[k] / (dur[k] / 1e6)
		}
		for (j = 1; j <= ns; j++) {
			k = T[i] " " S[j]
			ratios = "| |"
			if (S[j] == "karir") ratios = sprintf("| %.2f | %.2f |", rate[k] / rate[T[i] " ceiling"], rate[k] / rate[T[i] " nginx"])
			printf "| %s | %s | %.0f | %.2f | %.2f | %d %s\n", T[i], S[j], rate[k], median(p50[k]) / 1000, median(p99[k]) / 1000, err[k], ratios
		}
	}
}' "$results"
