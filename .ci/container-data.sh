#!/usr/bin/env bash
# The image keeps its state on a volume: run with ALLSIGN_MOCK_DATA=/data on a named volume, create
# a contact, stop the container and start it again, and the contact is there; a new container on
# the same volume finds it too. Reuses what ../shared/tools/container-smoke.sh sets up in $WORK
# (podman's configuration and the stand-in base image): run that first. The image is built again
# under a tag of its own, from podman's layer cache.
#
# usage: bash .ci/container-data.sh [APP_DIR]    env: PORT (default: a free one), WORK, NODE_MAJOR
# Needs root. Prints "N passed, N failed" last and exits non-zero on any failure.
set -euo pipefail
APP_DIR=$(cd "${1:-.}" && pwd)
CHECK=container-data
. "$(dirname "$0")/container-lib.sh"
IMG=localhost/allsign-mock-data:ci
PORT=${PORT:-$(free_port)}
URL=http://127.0.0.1:$PORT
KEY=sk_test_demo_a

build_image "$IMG" "$APP_DIR"

volume=allsign-data-$$
name=allsign-data-$$
cleanup() {
  podman rm -f -t 5 "$name" "$name-again" >/dev/null 2>&1 || true
  podman volume rm -f "$volume" >/dev/null 2>&1 || true
}
trap cleanup EXIT
podman volume create "$volume" >/dev/null

run() {
  podman run -d --name "$1" --network=host -e "PORT=$PORT" -e ALLSIGN_MOCK_DATA=/data -v "$volume:/data" "$IMG" >/dev/null 2>"$WORK/data-run.err" \
    || { cat "$WORK/data-run.err"; fail "podman run failed"; }
  wait_for "$1" "$URL/__admin/ready"
  log "$1: $(podman logs "$1" 2>&1 | sed -n 's/.*listening on .* (\(ready in [0-9]* ms\)).*/\1/p' | head -1)"
}
contact() {
  curl -sS -o "$WORK/data-contact.json" -w '%{http_code}' -H "Authorization: Bearer $KEY" "$URL/v2/contacts/$1"
}

run "$name"
logs=$(podman logs "$name" 2>&1)
grep -q 'store: an embedded database in /data (PGlite), seeded' <<<"$logs" || { tail <<<"$logs"; fail "the first start did not seed the embedded store"; }
[ "$(podman exec "$name" stat -c %U /data)" = node ] || fail "/data is not the mock user's"
status=$(curl -sS -o "$WORK/data-created.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"email":"persiste@example.com","full_name":"Sigue Aquí"}' "$URL/v2/contacts")
[ "$status" = 201 ] || fail "create answered $status: $(cat "$WORK/data-created.json")"
id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/data-created.json")
log "created contact $id"

# podman's healthcheck timers want systemd, which a CI machine may lack: its complaints are noise here
podman stop -t 10 "$name" >/dev/null 2>&1
code=$(podman inspect -f '{{.State.ExitCode}}' "$name")
[ "$code" = 0 ] || [ "$code" = 143 ] || fail "exit code $code after SIGTERM"
podman start "$name" >/dev/null 2>&1
wait_for "$name" "$URL/__admin/ready"
log "restarted: $(podman logs "$name" 2>&1 | sed -n 's/.*listening on .* (\(ready in [0-9]* ms\)).*/\1/p' | tail -1)"
logs=$(podman logs "$name" 2>&1)
grep -q 'kept 81 contacts from an earlier run' <<<"$logs" || { tail <<<"$logs"; fail "the restart did not keep the store"; }
[ "$(contact "$id")" = 200 ] || fail "after stop and start, GET $id: $(cat "$WORK/data-contact.json")"
grep -q '"email":"persiste@example.com"' "$WORK/data-contact.json" || fail "after stop and start, the contact changed: $(cat "$WORK/data-contact.json")"
log "stopped and started: the contact is there"

podman rm -f -t 10 "$name" >/dev/null 2>&1
run "$name-again"
[ "$(contact "$id")" = 200 ] || fail "a new container on the volume: GET $id: $(cat "$WORK/data-contact.json")"
log "a new container on the same volume: the contact is there"
podman stop -t 10 "$name-again" >/dev/null 2>&1
echo "1 passed, 0 failed"
