# mmops: the engine, simulator and CLI in one image (docker-compose.yml runs it as engine, simulator and
# the alertmanager-config render). Build: docker build -t mmops .
FROM node:20-slim AS build
WORKDIR /app
# Dependencies first, so a source change does not reinstall them. --ignore-scripts: `prepare` would
# build before the sources are copied; the build runs below.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
# bin/, dist/, config/, runbooks/, prometheus/, grafana/ and the production node_modules (.dockerignore
# keeps tests, fixtures and local state out).
COPY --from=build /app /app
# /data: the engine's event log and state; /config: the rendered alertmanager.yml; /rules and /dashboards:
# the rules and dashboard rendered from the level variables (named volumes take these owners when first
# created).
RUN mkdir -p /data /config /rules /dashboards && chown node:node /data /config /rules /dashboards
USER node
EXPOSE 8000
ENTRYPOINT ["node", "bin/mmops.js"]
CMD ["--help"]
