import type { BuildOptions } from "esbuild";

/**
 * How Logscope's Node entry points are bundled (scripts/build-node.ts for dist/, and the benches
 * that bundle a child the same way): one CommonJS file per entry, dependencies left to node_modules.
 */
export const NODE_BUNDLE: BuildOptions = {
  outExtension: { ".js": ".cjs" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  tsconfig: "tsconfig.json",
  logLevel: "warning",
};
