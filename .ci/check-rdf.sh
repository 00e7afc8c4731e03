#!/usr/bin/env bash
# RDF conformance: export the demo corpus in every syntax under one base
# name, check them with rdflib and pyoxigraph (same triples in all), then
# validate against the SHACL shapes with RDFS inference over the ontology.
# Env (from .ci/run): PY, SHARED, OUT, DIPLOGRAPH, ROOT.
set -euo pipefail
: "${PY:?}" "${SHARED:?}" "${OUT:?}" "${DIPLOGRAPH:?}" "${ROOT:?}"
cd "$ROOT"
mkdir -p "$OUT/rdf"
for pair in turtle:ttl ntriples:nt nquads:nq trig:trig rdfxml:rdf jsonld:jsonld; do
  format=${pair%%:*} ext=${pair##*:}
  "$DIPLOGRAPH" export data/corpus --format "$format" -o "$OUT/rdf/graph.$ext"
done
"$PY" "$SHARED/conformance/check_rdf.py" "$OUT/rdf"
"$PY" "$SHARED/conformance/check_shacl.py" "$OUT/rdf/graph.ttl" "$ROOT/ontology/shapes.ttl" "$ROOT/ontology/diplograph.ttl"
# The build's own outputs parse too, and the saved queries run on them.
if [ -f "$OUT/out/graph.nq" ]; then
  "$PY" "$SHARED/conformance/check_rdf.py" "$OUT/out"
  for q in queries/*.rq; do
    "$DIPLOGRAPH" query -d "$OUT/out" -f "$q" > /dev/null
  done
fi
