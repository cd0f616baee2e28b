#!/usr/bin/env bash
# Run every test.  Usage: bash scripts/test.sh [pytest options]
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh" dev
# axe-core for the accessibility browser tests (.ci/a11y, pinned by its package-lock.json).
# Installed once when Node.js is there; offline or without npm the tests are skipped (CI installs it).
if [ ! -d .ci/a11y/node_modules/axe-core ] && command -v npm >/dev/null 2>&1; then
  npm ci --prefix .ci/a11y --loglevel=error --no-audit --no-fund --prefer-offline --fetch-retries=1 --fetch-timeout=30000 >/dev/null 2>&1 \
    || echo "note: could not install .ci/a11y (npm ci); the axe-core tests will be skipped" >&2
fi
exec python -m pytest "$@"
