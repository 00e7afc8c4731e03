#!/usr/bin/env bash
# The COMMAND that .ci/check-store.sh hands to shared/conformance/check_store_feed.sh,
# which has started an Oxigraph server and set STORE_URL (Graph Store
# Protocol) and STORE_QUERY_URL (SPARQL). Pushes the demo build, then checks:
# per named graph the store holds as many triples as the build; every saved
# competency query answers the same from the store as from `diplograph
# query`; a second push doubles nothing; `--replace` deletes a graph an
# earlier push left and keeps a graph that is not diplograph's.
# Env: DIPLOGRAPH, OUT, ROOT, STORE_URL, STORE_QUERY_URL.
set -uo pipefail
: "${DIPLOGRAPH:?}" "${OUT:?}" "${ROOT:?}" "${STORE_URL:?}" "${STORE_QUERY_URL:?}"
BUILD="$OUT/out"
passed=0; failed=0
check() { if [ "$1" = 0 ]; then passed=$((passed+1)); echo "PASS $2"; else failed=$((failed+1)); echo "FAIL $2"; fi; }

PER_GRAPH='SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g'
# A query's CSV answer from the store; extra arguments are more curl --data-urlencode pairs.
store_csv() { local q=$1; shift; curl -fsS -H 'Accept: text/csv' --data-urlencode "query=$q" "$@" "$STORE_QUERY_URL" | tr -d '\r'; }
build_csv() { "$DIPLOGRAPH" query -d "$BUILD" --results csv "$1" | tr -d '\r'; }
# CSV rows as a sorted set (ties in ORDER BY may come in any order), and the
# parts of a GROUP_CONCAT ("; " or " | ") sorted: SPARQL leaves their order
# to the store.
normalize() {
  case "$1" in *.nt) sort "$1"; return ;; esac   # N-Triples: lines as a set
  "${PY:-python3}" -c '
import csv, re, sys
rows = [[" | ".join(sorted(re.split(r"; | \| ", f))) for f in row] for row in csv.reader(open(sys.argv[1], newline=""))]
for row in sorted(rows): print(row)' "$1"
}
same() {  # name, expected file, actual file
  if diff <(normalize "$2") <(normalize "$3") > /dev/null; then check 0 "$1 ($(grep -c '' < "$2") lines)";
  else check 1 "$1"; diff <(normalize "$2") <(normalize "$3") | head -n 10; fi
}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$DIPLOGRAPH" push -d "$BUILD" --store "$STORE_URL"; check $? "diplograph push to $STORE_URL"
build_csv "$PER_GRAPH" > "$tmp/build-counts.csv"
store_csv "$PER_GRAPH" > "$tmp/store-counts.csv"
same "triples per named graph match the build" "$tmp/build-counts.csv" "$tmp/store-counts.csv"
[ "$(wc -l < "$tmp/build-counts.csv")" -gt 2 ]; check $? "the build has several named graphs"

# push replaced the store's default graph with the merge of the named graphs,
# the default graph the saved queries read in `diplograph query`.
union=()
for q in "$ROOT"/queries/*.rq; do
  name=$(basename "$q" .rq)
  if grep -q '^CONSTRUCT' "$q"; then
    "$DIPLOGRAPH" query -d "$BUILD" -f "$q" --format ntriples > "$tmp/build.nt"
    curl -fsS -H 'Accept: application/n-triples' --data-urlencode "query@$q" "${union[@]}" "$STORE_QUERY_URL" > "$tmp/store.nt"
    same "competency query $name: same triples from the store" "$tmp/build.nt" "$tmp/store.nt"
  else
    "$DIPLOGRAPH" query -d "$BUILD" -f "$q" --results csv | tr -d '\r' > "$tmp/build.out"
    curl -fsS -H 'Accept: text/csv' --data-urlencode "query@$q" "${union[@]}" "$STORE_QUERY_URL" | tr -d '\r' > "$tmp/store.out"
    same "competency query $name: same answer from the store" "$tmp/build.out" "$tmp/store.out"
  fi
done

"$DIPLOGRAPH" push -d "$BUILD" --store "$STORE_URL" > /dev/null; check $? "second push"
store_csv "$PER_GRAPH" > "$tmp/store-counts-2.csv"
same "after a second push nothing doubled" "$tmp/build-counts.csv" "$tmp/store-counts-2.csv"
default_count() { curl -fsS -H 'Accept: text/csv' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' "$1" | tail -n 1 | tr -d '\r'; }
[ "$(default_count "$STORE_QUERY_URL")" = "$("$DIPLOGRAPH" query -d "$BUILD" --results csv 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | tail -n 1 | tr -d '\r')" ]
check $? "the store's default graph holds the merge, as the build's store does, after two pushes"

# --replace: a graph an earlier build pushed (its source file since removed)
# goes; a graph that is not diplograph's stays.
stale='https://w3id.org/diplograph/id/graph/removed-source.txt'
put() { curl -fsS -X PUT -H 'Content-Type: text/turtle' --data-binary '<urn:x:s> <urn:x:p> <urn:x:o> .' "$STORE_URL?graph=$1"; }
put "https%3A%2F%2Fw3id.org%2Fdiplograph%2Fid%2Fgraph%2Fremoved-source.txt" && put "urn%3Aother%3Agraph"
"$DIPLOGRAPH" push -d "$BUILD" --store "$STORE_URL" --replace --query-endpoint "$STORE_QUERY_URL" | tee "$tmp/replace.out"
check $? "push --replace"
grep -q "deleted <$stale>" "$tmp/replace.out"; check $? "--replace reports the stale graph deleted"
store_csv "$PER_GRAPH" > "$tmp/store-counts-3.csv"
{ cat "$tmp/build-counts.csv"; echo "urn:other:graph,1"; } > "$tmp/expected-3.csv"
same "after --replace: the build's graphs and the foreign one, not the stale one" "$tmp/expected-3.csv" "$tmp/store-counts-3.csv"

echo "store feed: $passed passed, $failed failed"
[ "$failed" = 0 ]
