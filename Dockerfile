# imagegen-mock in a container: built with the dev dependencies, run with the production ones only, as the
# unprivileged `node` user. `docker build -t imagegen-mock .` then `docker run -p 4010:4010 imagegen-mock`;
# flags after the image name replace CMD (HOST already says 0.0.0.0, so the server is still reachable).
# compose.yaml runs two replicas sharing one rate limit through Redis behind nginx.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4010
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json openapi.yaml ./
USER node
EXPOSE 4010
# Slim images have no curl: the check is Node's own fetch, on the port the server reads from PORT.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4010) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["--host", "0.0.0.0"]
