# syntax=docker/dockerfile:1
# framecast image: TypeScript compiled in a build stage; the runtime stage has production
# dependencies only (no TypeScript, no tsx) and runs as the unprivileged `node` user.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json drizzle.config.ts ./
COPY src ./src
RUN npx tsc --outDir dist

FROM node:24-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src ./dist
# SQL migrations are not TypeScript: tsc does not emit them. They run at start-up.
COPY src/db/migrations ./dist/db/migrations
# Without DATABASE_URL the embedded database lives in /app/data: mount a volume there to keep it.
ENV FRAMECAST_DATA_DIR=/app/data
# A 1 MB young generation: V8's default sizes it by the machine's memory and the bot's RSS follows
# (idle on PostgreSQL: 330 MB by default on this 2-core VM, 160 MB with this; 290 MB with 10,000
# jobs in flight; see bench/README.md).
ENV NODE_OPTIONS=--max-semi-space-size=1
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# With no platform configured, `start` runs the console chat: run the container with -it to talk to it.
CMD ["node", "dist/main.js", "start"]
