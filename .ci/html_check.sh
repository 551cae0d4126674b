#!/usr/bin/env bash
# The Nu HTML Checker (vnu-jar, pinned) over the HTML the browser tests kept (HTML_CHECK_DIR):
# every public page type and state, as served and as the browser holds it after scripts ran.
# Fails on any error, and when fewer pages were kept than tests/public_pages.py lists.
# Needs Java (Debian: default-jre-headless) and npm; vnu-jar is installed into .cache/vnu.
set -euo pipefail

cd "$(dirname "$0")/.."
VNU_VERSION=26.9.27
DIR="${1:-${HTML_CHECK_DIR:-html-check}}"
PYTHON="${PYTHON:-.venv/bin/python}"
VNU_JAR=".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"

if [ ! -f "$VNU_JAR" ] || ! grep -q "\"version\": \"$VNU_VERSION\"" .cache/vnu/node_modules/vnu-jar/package.json; then
    npm install --silent --no-audit --no-fund --no-save --prefix .cache/vnu "vnu-jar@$VNU_VERSION"
fi

expected="$("$PYTHON" -c 'from tests.public_pages import PUBLIC_PAGES; print(len(PUBLIC_PAGES))')"
kept="$(find "$DIR" -name '*.html' ! -name '*.dom.html' 2>/dev/null | wc -l)"
if [ "$kept" -lt "$expected" ]; then
    echo "HTML check: only $kept of $expected pages were kept in $DIR (did the browser tests run with HTML_CHECK_DIR?)" >&2
    exit 1
fi
echo "Nu HTML Checker $VNU_VERSION over $kept pages (served and after scripts) in $DIR"
java -jar "$VNU_JAR" --errors-only --skip-non-html "$DIR"
echo "HTML check: 0 errors"
