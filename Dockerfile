# One build, three runtime targets: docker build --target api|web|agent .
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true
COPY . .
RUN npm install --no-audit --no-fund && npx nx run-many -t build -p api agent web

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
ENV NODE_ENV=production

FROM runtime AS api
EXPOSE 3000
# /healthz: the process answers and reaches its database; /readyz (used by compose and Kubernetes) adds
# migrations, etcd and Redis. SIGTERM drains in-flight reports (MESHLENS_SHUTDOWN_TIMEOUT_MS) before exiting.
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/apps/api/main.js"]

FROM runtime AS web
EXPOSE 4200
HEALTHCHECK --interval=10s --timeout=5s CMD node -e "fetch('http://127.0.0.1:4200/').then(r=>process.exit(r.status<500?0:1),()=>process.exit(1))"
CMD ["npx", "next", "start", "apps/web", "-p", "4200"]

FROM runtime AS agent
# The agent shells out to iproute2 (ip, bridge) and reads BIRD's socket; it needs nothing else.
RUN apt-get update && apt-get install -y --no-install-recommends iproute2 && rm -rf /var/lib/apt/lists/*
CMD ["node", "dist/apps/agent/main.js"]
