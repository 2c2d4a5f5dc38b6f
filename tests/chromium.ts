/** Debian's Chromium, launched as measured to work headless on these machines (see DESIGN.md). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  // WebGPU on SwiftShader: a software adapter, for correctness tests only.
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
];
