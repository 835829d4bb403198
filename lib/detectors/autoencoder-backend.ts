import * as tf from "./tensorflow";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

/** The tfjs backends this project may use; tfjs-node cannot be installed here (it downloads a binary). */
export type TensorBackend = "wasm" | "cpu";

export interface BackendOptions {
  /** Backend to try first. "cpu" skips WASM; "wasm" falls back to cpu when WASM cannot start. */
  prefer: TensorBackend;
  /**
   * Directory (with trailing "/") holding tfjs-backend-wasm's `.wasm` files. Unset, the package
   * reads them from its own dist/ folder in node_modules, which works whenever the package is
   * required from node_modules (tsx, node, Next with the package in serverExternalPackages).
   * A bundle that moves the package's code needs the caller to point here instead.
   */
  wasmDir?: string;
  /** false forces the plain WASM build instead of the SIMD one (benchmarks only). */
  simd: boolean;
}

export const BACKEND_DEFAULTS: BackendOptions = { prefer: "wasm", simd: true };

let selected: Promise<TensorBackend> | null = null;

/**
 * Starts the tfjs backend once per process and resolves to its name. The first call decides:
 * later calls return the same promise and ignore their options, so a caller that wants a
 * non-default backend or wasmDir must call this before the first fit or load.
 */
export function ensureBackend(options: Partial<BackendOptions> = {}): Promise<TensorBackend> {
  selected ??= selectBackend({ ...BACKEND_DEFAULTS, ...options });
  return selected;
}

async function selectBackend(options: BackendOptions): Promise<TensorBackend> {
  // Production mode only silences tfjs's console advice, chiefly "install tfjs-node", which
  // users of this tool cannot act on.
  tf.enableProdMode();
  if (options.prefer === "wasm") {
    if (!options.simd) tf.env().set("WASM_HAS_SIMD_SUPPORT", false);
    if (options.wasmDir !== undefined) setWasmPaths(/[\\/]$/.test(options.wasmDir) ? options.wasmDir : `${options.wasmDir}/`);
    // Measured on 2 cores: WASM (SIMD) trains the autoencoder about 3x faster than cpu, because
    // per-kernel overhead dominates on 16-unit layers and WASM's matMul is cheaper.
    if (await tf.setBackend("wasm").catch(() => false)) {
      await tf.ready();
      return "wasm";
    }
  }
  if (!(await tf.setBackend("cpu"))) throw new Error("tfjs could not start its cpu backend");
  await tf.ready();
  return "cpu";
}
