#!/usr/bin/env bash
# The image runs the validating proxy too: one container serves the mock, a second one, from the
# same image, runs `allsign-conformance proxy` in front of it; the conformance suite runs through
# the proxy from the host and must pass; the proxy's live report (/__proxy/report) must have judged
# what went through with no documented finding; `podman stop` (SIGTERM through tini) must end the
# proxy with its report printed and exit code 0. Reuses what ../shared/tools/container-smoke.sh sets
# up in $WORK (podman's configuration and the stand-in base image): run that first.
#
# usage: bash .ci/container-proxy.sh [APP_DIR]    env: WORK, NODE_MAJOR
# Needs root. Prints "N passed, N failed" last and exits non-zero on any failure.
set -euo pipefail
APP_DIR=$(cd "${1:-.}" && pwd)
CHECK=container-proxy
. "$(dirname "$0")/container-lib.sh"
IMG=localhost/allsign-mock-proxy:ci
MOCK_PORT=$(free_port)
PROXY_PORT=$(free_port)

build_image "$IMG" "$APP_DIR"

mock=allsign-mock-$$
proxy=allsign-proxy-$$
cleanup() { podman rm -f -t 5 "$mock" "$proxy" >/dev/null 2>&1 || true; }
trap cleanup EXIT

podman run -d --name "$mock" --network=host -e "PORT=$MOCK_PORT" "$IMG" >/dev/null
wait_for "$mock" "http://127.0.0.1:$MOCK_PORT/__admin/ready"
podman run -d --name "$proxy" --network=host "$IMG" \
  allsign-conformance proxy --upstream "http://127.0.0.1:$MOCK_PORT" --port "$PROXY_PORT" --quiet >/dev/null
wait_for "$proxy" "http://127.0.0.1:$PROXY_PORT/__proxy/health"
log "mock on $MOCK_PORT, the proxy in front of it on $PROXY_PORT"

node "$APP_DIR/dist/conformance/cli.js" --base-url "http://127.0.0.1:$PROXY_PORT" --api-key sk_test_demo_a --api-key-b sk_test_demo_b \
  --key-owner-email owner@demo-a.example.com --generate 3 --seed 1 >"$WORK/proxy-suite.log" 2>&1 \
  || { tail -30 "$WORK/proxy-suite.log"; fail "the conformance suite through the proxy failed"; }
log "through the proxy: $(tail -1 "$WORK/proxy-suite.log")"

curl -fsS "http://127.0.0.1:$PROXY_PORT/__proxy/report" >"$WORK/proxy-report.json" || fail "no /__proxy/report"
python3 - "$WORK/proxy-report.json" <<'EOF' || fail "the proxy's report is not what the run should give"
import json, sys
report = json.load(open(sys.argv[1]))
documented = [f for f in report["findings"] if f.get("provenance") == "documented"]
print(f"report: {report['exchanges']} exchanges, {report['judged']} judged, {len(report['findings'])} finding groups, {len(documented)} documented, failing {report['failing']}")
assert report["exchanges"] >= 100, "too few exchanges went through the proxy"
assert report["judged"] == report["exchanges"], "an exchange was not judged"
assert report["validatorErrors"] == 0, "the judge failed on an exchange"
assert not documented and report["failing"] == 0, f"documented findings against the mock: {documented[:3]}"
EOF

podman stop -t 10 "$proxy" >/dev/null
code=$(podman inspect -f '{{.State.ExitCode}}' "$proxy")
podman logs "$proxy" >"$WORK/proxy-stop.log" 2>&1
grep -q -- '--fail-on documented: 0 matching findings (exit 0)' "$WORK/proxy-stop.log" || { tail -20 "$WORK/proxy-stop.log"; fail "the proxy printed no report when stopped"; }
[ "$code" = 0 ] || { tail -20 "$WORK/proxy-stop.log"; fail "the proxy exited $code on SIGTERM, expected 0"; }
log "stopped with SIGTERM: report printed, exit 0"
echo "1 passed, 0 failed"
