#!/usr/bin/env bash
# Build the sample catalogue and serve it with live reload at http://127.0.0.1:8000/xxgk/ (the path of site_url in mkdocs.yml)
# Usage: bash scripts/serve.sh [extra mkdocs serve options, e.g. -a 0.0.0.0:8000]
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh" dev
catalogue check || echo "（记录中有错误：有错误的记录不会出现在网站上，见上方列表。）"
exec mkdocs serve "$@"
