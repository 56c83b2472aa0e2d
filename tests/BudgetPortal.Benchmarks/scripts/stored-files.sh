#!/usr/bin/env bash
# Requests per second of the stored downloads (docs/benchmarks.md, "Published files made once"):
# each URL uncached (an Authorization header: the output cache neither answers nor stores it) and
# cached, with Accept-Encoding: gzip and without; wrk 2 threads, 16 connections, 2 s warm-up, 8 s.
#   stored-files.sh http://127.0.0.1:5083 /departments/jjxz/2025/tables/3.csv /departments/jjxz/2025.xlsx …
set -u
BASE=${1:?base address}; shift
uptime
for u in "$@"; do
  curl -s -o /dev/null -H "Accept-Encoding: gzip" "$BASE$u"
  for mode in uncached cached; do
    H=(); [ "$mode" = uncached ] && H=(-H "Authorization: Bearer benchmark")
    for enc in gzip none; do
      E=(); [ "$enc" = gzip ] && E=(-H "Accept-Encoding: gzip")
      wrk -t2 -c16 -d2s "${H[@]}" "${E[@]}" "$BASE$u" >/dev/null
      echo "$u $mode $enc $(wrk -t2 -c16 -d8s "${H[@]}" "${E[@]}" "$BASE$u" | awk '/Requests\/sec/ {print $2}') req/s"
    done
  done
done
uptime
