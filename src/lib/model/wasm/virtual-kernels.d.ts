/** The training kernel's WASM builds, compiled from kernels/ncf-sgd.ts by scripts/kernel/vite-plugin.ts. */
declare module 'virtual:tsugi-kernels' {
  /** Imports a shared memory: for helper threads. */
  export const threaded: Uint8Array;
  /** Imports an ordinary memory: one thread, no cross-origin isolation needed. */
  export const single: Uint8Array;
}
