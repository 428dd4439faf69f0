#!/usr/bin/env bash
# npm start: set up what is missing, build the package if anything changed, serve the web app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --start
bash scripts/build.sh
echo "certkit: serving the web app (Ctrl-C to stop)"
exec npx vite --config www/vite.config.ts "$@"
