# What the container checks share (sourced, with CHECK set to the check's name): podman's setup that
# ../shared/tools/container-smoke.sh leaves in $WORK (run that first), a free port, log and failure
# lines named for the check, the image built under a tag from podman's layer cache, and a wait until
# a container answers a URL.
WORK=${WORK:-/tmp/ctr-ci}
NODE_MAJOR=${NODE_MAJOR:-24}
BASE=localhost/node:${NODE_MAJOR}-slim
export CONTAINERS_CONF=$WORK/containers.conf CONTAINERS_STORAGE_CONF=$WORK/storage.conf
t0=$SECONDS
log() { echo "[$CHECK +$((SECONDS - t0))s] $*"; }
fail() { echo "$CHECK: $*"; echo "0 passed, 1 failed"; exit 1; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

[ -f "$CONTAINERS_CONF" ] && podman image exists "$BASE" || fail "no podman setup in $WORK: run ../shared/tools/container-smoke.sh first"

# build_image TAG APP_DIR
build_image() {
  log "building $2 as $1"
  podman build --format docker --network=host --build-arg "BASE=$BASE" -t "$1" "$2" >"$WORK/$CHECK-build.log" 2>&1 \
    || { tail -40 "$WORK/$CHECK-build.log"; fail "build failed"; }
}

# wait_for CONTAINER URL: until the URL answers 2xx, for 30 s at most, while the container runs
wait_for() {
  for _ in $(seq 1 60); do
    curl -fsS --max-time 2 "$2" >/dev/null 2>&1 && return 0
    [ "$(podman inspect -f '{{.State.Running}}' "$1")" = true ] || break
    sleep 0.5
  done
  podman logs "$1" 2>&1 | tail -30
  fail "$1 did not answer $2"
}
