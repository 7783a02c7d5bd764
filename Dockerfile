# syntax=docker/dockerfile:1
# One image for all five services (gateway, order, billing, provisioning, notification).
# Pick the service at run time with the SERVICE environment variable, e.g.
#   docker build -t rental-platform .
#   docker run -e SERVICE=order rental-platform
# docker-compose.yml does this for the whole platform, deploy/k8s for Kubernetes. Never built on the
# development machines (no Docker engine); test/deploy/manifests.int-spec.ts checks its shape.

# Node 22, an LTS line still supported (20 left support in April 2026), pinned to a release.
ARG NODE_IMAGE=node:22.22.0-bookworm-slim

# ---- build: all dependencies, compile TypeScript into dist/ ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY apps ./apps
COPY libs ./libs
# Only apps/ and libs/ are copied: tsc skips the absent test/, deploy/ and bench/ folders.
RUN npm run build

# ---- runtime: production dependencies and the compiled services only (no compiler, no test tools,
# no SMTP sink) ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    TS_NODE_BASEURL=./dist \
    LOG_FORMAT=json
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# tsconfig-paths/register reads ./tsconfig.json (paths) with its baseUrl overridden by TS_NODE_BASEURL.
COPY tsconfig.json ./
COPY --from=build /app/dist/apps ./dist/apps
COPY --from=build /app/dist/libs ./dist/libs

# Default service for `docker build --build-arg SERVICE=...`; override with -e SERVICE=... at run time.
ARG SERVICE=""
ENV SERVICE=${SERVICE}

USER node
EXPOSE 3000 3001 3002 3003 3004
# exec so node is PID 1's direct replacement and receives SIGTERM (Nest shutdown hooks).
ENTRYPOINT ["sh", "-c", "exec node -r tsconfig-paths/register \"dist/apps/${SERVICE:?set SERVICE to gateway, order, billing, provisioning or notification}/src/main.js\" \"$@\"", "--"]
