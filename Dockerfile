# AllSign v2 sandbox: the stateful mock (default command) and the conformance CLI.
# Build on another base with --build-arg BASE=... (CI builds on a local stand-in for node:24-slim).
ARG BASE=node:24-slim

FROM ${BASE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# no scripts: `prepare` would build before the sources are copied; the build runs below
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
COPY tsconfig.json tsconfig.build.json ./
COPY openapi ./openapi
COPY scripts ./scripts
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund --loglevel=error \
 && chmod +x dist/mock/cli.js dist/conformance/cli.js

# tini is PID 1: it forwards SIGTERM to node and reaps children, so `docker stop` is quick and clean.
# Installed in a stage of its own and copied (the static build): apt's caches stay out of the image.
FROM ${BASE} AS init
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tini >/dev/null

FROM ${BASE}
COPY --from=init /usr/bin/tini-static /usr/bin/tini
# ALLSIGN_MOCK_CACHE_DIR: where the embedded store keeps the template of a new database (below)
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    ALLSIGN_MOCK_CACHE_DIR=/app/cache
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/openapi ./openapi
# /data: the embedded store's directory when ALLSIGN_MOCK_DATA=/data (mount a volume there), owned
# by the user the mock runs as. A new embedded database is made once here, at build time, and kept
# as the template later ones are unpacked from: a container's first start on an empty volume takes
# a second or two instead of the five to ten initdb takes in WASM.
RUN ln -s /app/dist/mock/cli.js /usr/local/bin/allsign-mock \
 && ln -s /app/dist/conformance/cli.js /usr/local/bin/allsign-conformance \
 && mkdir -p /data /app/cache && chown node:node /data \
 && node --input-type=module -e "const { openEmbedded } = await import('/app/dist/mock/stores/sql/pglite-driver.js'); await (await openEmbedded('/tmp/template')).close();" \
 && rm -rf /tmp/template && ls /app/cache/pglite-*.tar.gz >/dev/null
VOLUME ["/data"]
USER node
EXPOSE 4010
# readiness, not liveness: healthy once the store is open and while it answers (/__admin/health
# answers from the start, whatever the store does)
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4010)+'/__admin/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["allsign-mock"]
