# syntax=docker/dockerfile:1
# Firedrill: the API (serving the web UI) and the embedded demo stack, whose replicas run as
# supervised child processes inside this container (see docs/compose.md).

# ---- build: install everything (dev tools included), compile TypeScript, build the web UI ----
FROM node:20-bookworm-slim AS build
# better-sqlite3 is native: prebuilt binaries usually download, these build it when they do not.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
COPY libs/clock/package.json libs/clock/
COPY libs/promql/package.json libs/promql/
COPY libs/alerting/package.json libs/alerting/
COPY libs/scenarios/package.json libs/scenarios/
COPY apps/demo-stack/package.json apps/demo-stack/
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY scripts scripts
COPY libs libs
COPY apps apps
# The same build as `npm run build` minus its reinstall: dependencies are fresh from npm ci, so
# prepare.mjs only compiles (tsc -b) and builds the web UI (vite build).
RUN node scripts/prepare.mjs \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: compiled output, production dependencies, scenario catalogue; no compilers ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/libs/clock/package.json libs/clock/
COPY --from=build /src/libs/clock/dist libs/clock/dist
COPY --from=build /src/libs/promql/package.json libs/promql/
COPY --from=build /src/libs/promql/dist libs/promql/dist
COPY --from=build /src/libs/alerting/package.json libs/alerting/
COPY --from=build /src/libs/alerting/dist libs/alerting/dist
COPY --from=build /src/libs/scenarios/package.json libs/scenarios/
COPY --from=build /src/libs/scenarios/dist libs/scenarios/dist
COPY --from=build /src/libs/scenarios/catalog libs/scenarios/catalog
COPY --from=build /src/apps/demo-stack/package.json apps/demo-stack/
COPY --from=build /src/apps/demo-stack/dist apps/demo-stack/dist
COPY --from=build /src/apps/api/package.json apps/api/
COPY --from=build /src/apps/api/dist apps/api/dist
COPY --from=build /src/apps/web/package.json apps/web/
COPY --from=build /src/apps/web/dist apps/web/dist
# A fixed, unprivileged user. The data directory (fault ledger, SQLite store, token) and the
# directory for generated config are created owned by it, so named volumes mounted there start
# out writable by it too.
RUN groupadd --system --gid 10001 firedrill \
 && useradd --system --uid 10001 --gid firedrill --home-dir /var/lib/firedrill --shell /usr/sbin/nologin firedrill \
 && mkdir -p /var/lib/firedrill/data /var/lib/firedrill/generated \
 && chown -R firedrill:firedrill /var/lib/firedrill
USER firedrill:firedrill
EXPOSE 4400
# No curl in the slim image: Node's fetch asks the public health endpoint.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4400/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "apps/api/dist/cli.js"]
CMD ["start", "--host", "0.0.0.0", "--port", "4400", "--data", "/var/lib/firedrill/data"]
