#!/usr/bin/env bash
# Run every test.  Usage: bash scripts/test.sh [pytest options]
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh" dev
exec python -m pytest "$@"
