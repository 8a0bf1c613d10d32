#!/usr/bin/env bash
# `npm test`: every suite of Jalon. Checks what the tests need (Node, Chromium, PostgreSQL),
# builds the API and the web app (the browser tests run the built product), lints, then runs
# jest over all projects and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NG_CLI_ANALYTICS=false

fail() { echo "npm test: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=22)?0:1)' ||
  fail "Node.js 22.22 or newer is needed (found $(node --version)); see README.md"

chromium_path=${CHROMIUM_PATH:-/usr/bin/chromium}
# chromium-l10n gives Chromium its French: without it, date inputs read mm/dd/yyyy whatever --lang says.
french_pak=/usr/lib/chromium/locales/fr.pak
if [ ! -x "$chromium_path" ] || { [ -z "${CHROMIUM_PATH:-}" ] && [ ! -f "$french_pak" ]; }; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's Chromium (and its French) for the browser tests..."
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n >/dev/null; } ||
      fail "could not install chromium with apt-get"
  else
    fail "Chromium or its French is missing: install them (sudo apt-get install chromium chromium-l10n) or set CHROMIUM_PATH"
  fi
fi

# poppler-utils: the PDF tests (COPIL pack, PV de recette) render pages with pdftoppm and read them with pdftotext.
if ! command -v pdftoppm >/dev/null || ! command -v pdftotext >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing poppler-utils for the PDF tests..."
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; } ||
      fail "could not install poppler-utils with apt-get"
  else
    fail "pdftoppm and pdftotext are missing: install them (sudo apt-get install poppler-utils)"
  fi
fi

pg_url=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
pg_ready() { node -e "const {Client}=require('pg');const c=new Client({connectionString:process.argv[1]});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))" "$pg_url"; }
if ! pg_ready; then
  if [ -z "${DATABASE_URL:-}" ] && command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "Starting the local PostgreSQL..."
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 20); do pg_ready && break; sleep 1; done
  fi
  pg_ready || fail "PostgreSQL is not reachable at ${pg_url%%@*}@…: start it or set DATABASE_URL"
fi

npx nx run-many -t build -p api web --outputStyle=static || fail "the build failed"
npx nx run-many -t lint typecheck --outputStyle=static || lint_failed=1

mkdir -p test-output
rm -f test-output/jest-*.json
# Two jest runs: the Node-side suites need --experimental-vm-modules (PGlite's WebAssembly loader),
# which makes jest load Angular's .mjs files as native ES modules and breaks the web suites.
node node_modules/jest/bin/jest.js --ci --forceExit --selectProjects web \
  --json --outputFile=test-output/jest-web.json "$@"
web_status=$?
node --experimental-vm-modules node_modules/jest/bin/jest.js --ci --forceExit \
  --selectProjects domain planning risks meetings acceptance go-no-go api api-e2e browser \
  --json --outputFile=test-output/jest-node.json "$@"
node_status=$?

node -e '
const fs = require("node:fs");
let passed = 0, failed = 0;
for (const file of ["test-output/jest-web.json", "test-output/jest-node.json"]) {
  if (!fs.existsSync(file)) { failed += 1; console.log(`${file}: jest wrote no results`); continue; }
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
}
// Lint and typecheck are not tests: they add nothing to "passed", but a failure of theirs is
// counted as one failure so that the closing line never reads as a success.
const lintFailed = process.argv[1] === "1";
console.log(`\nlint and typecheck: ${lintFailed ? "FAILED (counted as 1 failure)" : "passed (not counted as a test)"}`);
console.log(`${passed} passed, ${failed + (lintFailed ? 1 : 0)} failed`);
' "${lint_failed:-0}"
[ "$web_status" = 0 ] && [ "$node_status" = 0 ] && [ -z "${lint_failed:-}" ]
