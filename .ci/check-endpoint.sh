#!/usr/bin/env bash
# SPARQL endpoint conformance: start `diplograph serve` on the demo build on a
# free loopback port (read from its first line of output), wait until it
# answers, run shared/conformance/check_endpoint.py against it, and stop the
# server by its process id whatever happens.
# Env (from .ci/run): PY, SHARED, OUT, DIPLOGRAPH.
set -euo pipefail
: "${PY:?}" "${SHARED:?}" "${OUT:?}" "${DIPLOGRAPH:?}"
log=$(mktemp -d)
"$DIPLOGRAPH" serve -d "$OUT/out" --bind 127.0.0.1:0 > "$log/stdout" 2> "$log/stderr" &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$log"; }
trap cleanup EXIT

url=
for _ in $(seq 100); do
  url=$(sed -n 's/^diplograph serve: listening on \(http[^ ]*\).*/\1/p' "$log/stdout")
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "diplograph serve exited:"; cat "$log/stderr"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "diplograph serve printed no address:"; cat "$log/stdout" "$log/stderr"; exit 1; }
for _ in $(seq 100); do
  curl -fs -o /dev/null "$url?query=ASK%7B%7D" && break
  sleep 0.1
done
echo "diplograph serve (pid $pid) at $url"
"$PY" "$SHARED/conformance/check_endpoint.py" "$url"
