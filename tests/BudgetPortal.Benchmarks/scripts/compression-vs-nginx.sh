#!/usr/bin/env bash
# The disclosure page served compressed by the portal against nginx serving the very same page
# precompressed (gzip_static), in one run (issue 15; docs/benchmarks.md): wrk with
# `Accept-Encoding: gzip, br`, alternating portal and nginx ROUNDS times.
#   compression-vs-nginx.sh PORTAL_URL PAGE_PATH [NGINX_PORT] [ROUNDS]
#   e.g. compression-vs-nginx.sh http://127.0.0.1:5084 /departments/gbkhpj/2024 5085 2
# nginx comes from apt (nginx-light: .ci/common.sh apt_install); it runs from a folder of its own under
# /tmp and is stopped at the end. WRK="-t2 -c32 -d10s" sets wrk's load. On a shared machine,
# PORTAL_PID=<pid> puts the portal, nginx and wrk under real-time scheduling (chrt -r 10, round-robin) for the run,
# as the PDF benchmark does, so that both servers get the CPU whenever they want it.
set -euo pipefail
PORTAL="${1:?portal URL}"; PAGE="${2:?page path}"; PORT="${3:-5085}"; ROUNDS="${4:-2}"
WRK_ARGS="${WRK:--t2 -c32 -d10s}"
dir="$(mktemp -d /tmp/bp-nginx-XXXXXX)"
mkdir -p "$dir/root" "$dir/logs"
# nginx's workers run as an unprivileged user: they must read the page.
chmod 755 "$dir" "$dir/root"
curl -sf -o "$dir/root/page.html" "$PORTAL$PAGE"
gzip -9 -k "$dir/root/page.html"
chmod 644 "$dir/root/"*
cat > "$dir/nginx.conf" <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types { text/html html; }
    client_body_temp_path $dir/tmp; proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp; uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;
    server {
        listen 127.0.0.1:$PORT;
        root $dir/root;
        gzip_static on;
    }
}
CONF
mkdir -p "$dir/tmp"
nginx -c "$dir/nginx.conf" -p "$dir"
trap 'nginx -c "$dir/nginx.conf" -p "$dir" -s quit; sleep 0.5; rm -rf "$dir"; [ -z "${PORTAL_PID:-}" ] || chrt -a -o -p 0 "$PORTAL_PID"' EXIT
sleep 0.5
RT=""
if [ -n "${PORTAL_PID:-}" ]; then
    chrt -a -r -p 10 "$PORTAL_PID"
    for pid in $(cat "$dir/nginx.pid") $(pgrep -P "$(cat "$dir/nginx.pid")"); do chrt -a -r -p 10 "$pid"; done
    RT="chrt -r 10"
fi
echo "portal: $(curl -s -H 'Accept-Encoding: gzip, br' -o /dev/null -w '%{size_download} bytes, %{content_type}' "$PORTAL$PAGE") $(curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip, br' "$PORTAL$PAGE" | grep -i '^content-encoding' | tr -d '\r')"
echo "nginx:  $(curl -s -H 'Accept-Encoding: gzip, br' -o /dev/null -w '%{size_download} bytes, %{content_type}' "http://127.0.0.1:$PORT/page.html") $(curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip, br' "http://127.0.0.1:$PORT/page.html" | grep -i '^content-encoding' | tr -d '\r')"
for round in $(seq 1 "$ROUNDS"); do
    for target in "portal $PORTAL$PAGE" "nginx http://127.0.0.1:$PORT/page.html"; do
        set -- $target
        rate="$($RT wrk $WRK_ARGS --latency -H 'Accept-Encoding: gzip, br' "$2" | awk '/Requests\/sec/ {print $2} / 99%/ {p99=$2} / 50%/ {p50=$2} END {}' | head -1)"
        echo "round $round $1: $rate req/s"
    done
done
