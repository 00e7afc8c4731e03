#!/usr/bin/env bash
# Feeding a linked-data store: shared/conformance/check_store_feed.sh starts
# the Oxigraph server (PyPI package `oxigraph`, in the tools venv) on
# 127.0.0.1 with an empty store and runs .ci/store-feed.sh against it
# (push, per-graph counts, competency queries, idempotence, --replace).
# Env (from .ci/run): SHARED, OUT, ROOT, DIPLOGRAPH, VENV.
set -euo pipefail
: "${SHARED:?}" "${OUT:?}" "${ROOT:?}" "${DIPLOGRAPH:?}" "${VENV:?}"
export OXIGRAPH=${OXIGRAPH:-$VENV/bin/oxigraph}
export DIPLOGRAPH OUT ROOT
bash "$SHARED/conformance/check_store_feed.sh" bash "$ROOT/.ci/store-feed.sh"
