#!/usr/bin/env bash
# CI: third-party checks of the Gephi exports (called by .ci/run).
# Needs PY (venv python with networkx, igraph, lxml), SHARED (../shared),
# OUT (temp dir holding the build in $OUT/out), DIPLOGRAPH (the binary) and
# ROOT (the repository).
set -euo pipefail
: "${PY:?}" "${SHARED:?}" "${OUT:?}" "${DIPLOGRAPH:?}" "${ROOT:?}"
cd "$ROOT"

echo "-- check_graphml.py on the full graph"
"$PY" "$SHARED/conformance/check_graphml.py" "$OUT/out/graph.graphml"

echo "-- check_graphml.py on the comention projection"
"$DIPLOGRAPH" export data/corpus --format graphml --projection comention -o "$OUT/comention.graphml"
"$PY" "$SHARED/conformance/check_graphml.py" "$OUT/comention.graphml"

echo "-- networkx.read_gexf on the full graph"
"$PY" - "$OUT/out/graph.gexf" <<'PYEOF'
import sys
import xml.etree.ElementTree as ET
import networkx as nx

path = sys.argv[1]
ns = {"g": "http://gexf.net/1.3"}
root = ET.parse(path).getroot()
assert root.tag == "{http://gexf.net/1.3}gexf", f"not GEXF 1.3: {root.tag}"
graph = root.find("g:graph", ns)
assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date", graph.attrib
file_nodes = len(root.findall("g:graph/g:nodes/g:node", ns))
file_edges = len(root.findall("g:graph/g:edges/g:edge", ns))
g = nx.read_gexf(path)
assert g.number_of_nodes() == file_nodes, (g.number_of_nodes(), file_nodes)
assert g.number_of_edges() == file_edges, (g.number_of_edges(), file_edges)
assert file_nodes > 0, "no nodes"
lacking = [n for n, d in g.nodes(data=True) if not str(d.get("label", "")).strip() or not str(d.get("type", "")).strip()]
assert not lacking, f"nodes without label or type: {lacking[:5]}"
print(f"PASS networkx.read_gexf: {file_nodes} nodes, {file_edges} edges ({type(g).__name__}), every node has label and type")
PYEOF
