//@ts-check
const path = require('node:path');

const workspaceRoot = path.join(__dirname, '../..');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The libs are TypeScript sources reached through tsconfig paths: the workspace root must be inside
  // Turbopack's root or imports of @meshlens/model fail to resolve.
  turbopack: { root: workspaceRoot },
  outputFileTracingRoot: workspaceRoot,
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
