#!/usr/bin/env bash
# The README's two commands on a machine with nothing but Node.js: a container of the stand-in base
# image that ../shared/tools/container-smoke.sh builds (Debian minbase with the Node.js and npm of
# the npm registry; no git, no Chromium, no PostgreSQL, no compiler), as its unprivileged user, on a
# copy of the committed tree (HEAD, no node_modules, no dist), runs `npm ci && npm test`.
#
# usage: bash .ci/bare-machine.sh            (needs root, podman and the base image: run
#                                             container-smoke.sh once first, with the same WORK)
# env:   NODE_MAJOR (default 20: the Node the project supports), WORK (default /tmp/ctr-ci)
# Prints the run's own output and exits with npm's status.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE_MAJOR=${NODE_MAJOR:-20}
WORK=${WORK:-/tmp/ctr-ci}
BASE=localhost/node:${NODE_MAJOR}-slim
export CONTAINERS_CONF=$WORK/containers.conf CONTAINERS_STORAGE_CONF=$WORK/storage.conf
podman image exists "$BASE" || { echo "no $BASE: run NODE_MAJOR=$NODE_MAJOR WORK=$WORK bash ../shared/tools/container-smoke.sh first"; exit 2; }

src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
git archive HEAD | tar -x -C "$src"
chmod -R a+rX "$src"
echo "bare machine: $BASE ($(podman run --rm "$BASE" node --version)), $(git rev-parse --short HEAD), as the image's user node"
podman run --rm --network=host --user node --workdir /home/node -v "$src:/src:ro" "$BASE" bash -c '
  set -e
  for tool in git chromium psql gcc python3; do command -v "$tool" >/dev/null && echo "unexpected: $tool is installed" && exit 2; done
  ls /usr/bin/chromium 2>/dev/null && exit 2
  cp -r /src app && cd app
  npm ci --no-audit --no-fund && npm test'
