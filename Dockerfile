# syntax=docker/dockerfile:1
# framecast image. Node 24 runs the TypeScript sources as they are (type stripping: every file is
# erasable syntax only, tsconfig's erasableSyntaxOnly), exactly as `npm start` and the test suite
# run them, so there is no build output to drift from what was tested. The runtime stage has
# production dependencies only (no TypeScript, no tsx, no test tools) and runs as the unprivileged
# `node` user. test/lint/dockerfile.test.ts lints this file; test/lint/runtime-deps.test.ts
# checks that the start command needs no dev dependency.

FROM node:24.21.0-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:24.21.0-slim AS runtime
# ffmpeg and ffprobe fit videos to upload limits, probe every finished video and render previews.
# Not version-pinned: Debian's security updates replace the pinned version and break the build.
# hadolint ignore=DL3008
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY src ./src
# Without DATABASE_URL the embedded database lives in /app/data: mount a volume there to keep it.
ENV FRAMECAST_DATA_DIR=/app/data
# The HTTP server (health, metrics, provider webhooks) listens here; HEALTHCHECK asks it.
ENV PORT=8080
EXPOSE 8080
# A 1 MB young generation: V8's default sizes it by the machine's memory and the bot's RSS follows
# (idle on PostgreSQL: 330 MB by default on a 2-core VM, 160 MB with this; 290 MB with 10,000
# jobs in flight; see bench/README.md).
ENV NODE_OPTIONS=--max-semi-space-size=1
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# /healthz answers 200 while the process serves; Node's fetch needs no curl in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# `start` applies pending migrations, then runs every configured platform (the console when none
# is: run the container with -it to talk to it). docker stop's SIGTERM stops it gracefully.
CMD ["node", "src/main.ts", "start"]
