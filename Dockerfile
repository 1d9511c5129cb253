# Zwin as a container image: `docker build -t zwin .`, then
#   docker run -p 3000:3000 -v zwin-data:/data -e PUBLIC_ORIGIN=https://zwin.example.org zwin
# The data folder (database, files, session secret) is the volume /data; the image holds no data.

# ---- build: every dependency, the compiled app and server ----
FROM node:24-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 builds from source when no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# npm ci generates the Prisma clients (postinstall), for SQLite and PostgreSQL, which need the schemas.
COPY prisma/schema.prisma prisma/schema.prisma
COPY prisma/postgresql/schema.prisma prisma/postgresql/schema.prisma
COPY scripts/no-native-schema-engine.sh scripts/no-native-schema-engine.sh
# npm ci applies these to node_modules (patch-package, postinstall): see patches/README.md.
COPY patches patches
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- run: the build and the production dependencies only, as an unprivileged user ----
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    ZWIN_DATA_DIR=/data \
    PORT=3000 \
    ZWIN_DEMO_DATA=false
WORKDIR /app
RUN groupadd --system zwin \
  && useradd --system --gid zwin --no-create-home --home-dir /app zwin \
  && mkdir /data /backups \
  && chown zwin:zwin /data /backups
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/prisma/postgresql/migrations ./prisma/postgresql/migrations
COPY --from=build /app/scripts/built.js ./scripts/built.js
USER zwin
# /backups: for BACKUP_DIR=/backups (scheduled snapshots) or `npm run backup -- --to /backups`.
VOLUME ["/data", "/backups"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The server migrates at start and stops cleanly on SIGTERM: node runs as PID 1 itself. It may take up to
# 10 s for the requests under way, so stop it with `docker stop --time 20` (or stop_grace_period: 20s).
CMD ["node", "build/runtime/server.js"]
