#!/usr/bin/env bash
# Uncached response times of the public pages (issue 15; docs/benchmarks.md): for each page, N requests
# one after another after 3 warm-ups, median and p95 of curl's time_total, and the answer's size.
#   public-pages.sh BASE_URL [N]     e.g. public-pages.sh http://127.0.0.1:5088 31
# DEPT (a department with many years, default syn000001) and Q (a search, default 合成000042) choose the pages.
# The output cache is passed by: a request with an Authorization header is neither answered from nor
# stored in ASP.NET Core's output cache (its default policy), and the portal ignores the header
# otherwise. Start the portal with Public__UncachedRequestsPerMinute and Api__RequestsPerMinute raised.
set -euo pipefail
BASE="${1:?base URL}"; N="${2:-31}"
DEPT="${DEPT:-syn000001}"; Q="${Q:-合成000042}"
YEAR="${YEAR:-2025}"
# CHRT="chrt -f 10" runs curl under real-time scheduling too (a shared machine: see the PDF benchmark above).
CHRT="${CHRT:-}"
q="$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$Q")"
pages=("/" "/?q=$q" "/?category=201" "/compare/$YEAR" "/api/v1/departments" "/departments/$DEPT" "/departments/$DEPT/$YEAR")
# The compliance dashboard (issue 17) when PARENT (a 主管部门's code, e.g. syn000001) is given.
if [ -n "${PARENT:-}" ]; then
    pages+=("/compliance/$YEAR" "/compliance/$YEAR?status=PublishedLate&sort=days&dir=desc" "/compliance/$YEAR?parent=$PARENT" "/compliance/$YEAR.csv")
fi
if [ -n "${ONLY_COMPLIANCE:-}" ]; then pages=("${pages[@]:7}"); fi
printf '%-40s %8s %8s %10s %s\n' page median p95 bytes status
for p in "${pages[@]}"; do
    for _ in 1 2 3; do curl -s -o /dev/null -H 'Authorization: Bearer benchmark' "$BASE$p"; done
    status="$($CHRT curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer benchmark' "$BASE$p")"
    size="$(curl -s -H 'Authorization: Bearer benchmark' "$BASE$p" | wc -c)"
    for _ in $(seq 1 "$N"); do
        $CHRT curl -s -o /dev/null -w '%{time_total}\n' -H 'Authorization: Bearer benchmark' "$BASE$p"
    done | sort -n | awk -v page="$p" -v size="$size" -v status="$status" \
        '{a[NR]=$1*1000} END {printf "%-40s %6.1f ms %6.1f ms %10d %s\n", page, a[int((NR+1)/2)], a[int(NR*0.95+0.999)], size, status}'
done
