/** @type {import('next').NextConfig} */
const nextConfig = {
  // TensorFlow.js and the native SQLite driver must stay out of the server bundle: they load
  // files (WASM, .node) relative to their own package directory at run time.
  serverExternalPackages: ["@tensorflow/tfjs-core", "@tensorflow/tfjs-layers", "@tensorflow/tfjs-backend-cpu", "@tensorflow/tfjs-backend-wasm", "better-sqlite3", "bullmq", "pg", "pg-copy-streams"],
  poweredByHeader: false,
  // npm test runs `npm run lint` (type-aware, about 30 s here) before the build; linting a second
  // time inside next build would only repeat it.
  eslint: { ignoreDuringBuilds: true },
};

module.exports = nextConfig;
