#!/bin/sh
# Installs the npm dependencies when they are missing or older than the lockfile.
# better-sqlite3 compiles from source where its prebuilt binary cannot be downloaded; node-gyp then
# needs Node's headers, which distribution packages of Node keep under <prefix>/include/node.
set -e
cd "$(dirname "$0")/.."
if [ -z "${npm_config_nodedir:-}" ]; then
	node_prefix="$(dirname "$(dirname "$(command -v node)")")"
	if [ -f "$node_prefix/include/node/node.h" ]; then
		npm_config_nodedir="$node_prefix"
		export npm_config_nodedir
	fi
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "Installing dependencies (npm ci; better-sqlite3 may take a minute to compile)..."
	npm ci --no-audit --no-fund
fi
