#!/usr/bin/env bash
# Runs every test project against a throwaway PostgreSQL cluster and prints `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")"
ROOT="$(pwd)"
STARTED=$SECONDS
source .ci/common.sh

ensure_dotnet
ensure_frontend "$ROOT"
ensure_postgres
ensure_pdf_tools
ensure_zip_readers

TEST_DIR="$(mktemp -d /tmp/budgetportal-test.XXXXXX)"
chmod 755 "$TEST_DIR"
PGPORT="$(free_port)"
cleanup() { stop_cluster "$TEST_DIR/pg"; rm -rf "$TEST_DIR"; }
trap cleanup EXIT
start_cluster "$TEST_DIR/pg" "$PGPORT" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" || exit 1
# Each test fixture creates its own database from this server, as the superuser over the private
# Unix socket (TCP takes passwords only); the portal under test connects over TCP as a role that can
# only read and write rows, and migrates as the schema's owner (tests/…/Infrastructure/TestDatabase.cs).
export BUDGET_TEST_POSTGRES="Host=$TEST_DIR/pg;Port=$PGPORT;Username=postgres"

echo "编译中……"
if ! dotnet build BudgetPortal.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
    echo "0 passed, 1 failed"
    exit 1
fi

passed=0; failed=0; skipped=0; status=0
for project in tests/*.Tests/*.csproj; do
    name="$(basename "$project" .csproj)"
    log="$TEST_DIR/$name.log"
    echo "== $name"
    dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" >"$log" 2>&1
    rc=$?
    grep -E -A12 "^\s+Failed [A-Za-z]" "$log" | grep -vE "^\s+at (System|Microsoft|Xunit)\." | head -300
    # vstest's closing block: "Total tests: N" then "Passed: N" / "Failed: N" / "Skipped: N" lines.
    if ! grep -qE "^Total tests: [0-9]+" "$log"; then
        echo "$name: no test summary (exit $rc)"; tail -40 "$log"
        failed=$((failed + 1)); status=1; continue
    fi
    count() { sed -n -E "/^Total tests:/,\$ s/^ +$1: +([0-9]+).*/\1/p" "$log" | tail -1; }
    p=$(count Passed); f=$(count Failed); s=$(count Skipped)
    p=${p:-0}; f=${f:-0}; s=${s:-0}
    echo "$name: $p passed, $f failed, $s skipped"
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    [ "$rc" -ne 0 ] && status=1
done

# The suite's time (set-up and build included) is tracked in docs/benchmarks.md ("The test suite").
elapsed=$((SECONDS - STARTED))
echo "用时 $((elapsed / 60)) 分 $((elapsed % 60)) 秒（含安装检查与编译）"
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -gt 0 ] && status=1
exit $status
