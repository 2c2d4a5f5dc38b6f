/**
 * The NCF training step in AssemblyScript, compiled to WASM with SIMD (f32x4) by
 * scripts/kernel/compile-kernel.ts: the same arithmetic as `sgdStep` in
 * src/lib/model/ncf-train.ts, one example after another. The memory is imported (shared between
 * threads in the threaded build); every argument is a byte offset into it laid out by the caller,
 * so the kernel allocates nothing and several instances can train the same parameters at once
 * (Hogwild!: rows are read and written without locks).
 */

/** The global bias after the last `train` call (it moves with every example). */
let globalBias: f64 = 0;

export function lastGlobalBias(): f64 {
  return globalBias;
}

/**
 * SGD over examples [start, end); returns the summed log loss. Rows are `dim` floats; the vector
 * loops take 4 lanes at a time and a scalar tail takes what is left.
 */
export function train(
  users: usize,
  items: usize,
  userBias: usize,
  itemBias: usize,
  exampleUsers: usize,
  exampleItems: usize,
  labels: usize,
  start: i32,
  end: i32,
  dim: i32,
  learningRate: f64,
  l2: f64,
  global: f64,
): f64 {
  const rowBytes = (<usize>dim) << 2;
  const vectorBytes = rowBytes & ~(<usize>15);
  const decay = learningRate * l2;
  const keep = f32x4.splat(<f32>(1 - decay));
  let loss: f64 = 0;
  for (let e = start; e < end; e++) {
    const at = (<usize>e) << 2;
    const u = load<u32>(exampleUsers + at);
    const i = load<u32>(exampleItems + at);
    const label = load<f32>(labels + at);
    const pu = users + <usize>u * rowBytes;
    const qi = items + <usize>i * rowBytes;
    // Two accumulators: the adds of one would wait on each other.
    let sum0 = f32x4.splat(0);
    let sum1 = f32x4.splat(0);
    let d: usize = 0;
    for (; d + 32 <= vectorBytes; d += 32) {
      sum0 = f32x4.add(sum0, f32x4.mul(v128.load(pu + d), v128.load(qi + d)));
      sum1 = f32x4.add(sum1, f32x4.mul(v128.load(pu + d, 16), v128.load(qi + d, 16)));
    }
    for (; d < vectorBytes; d += 16) {
      sum0 = f32x4.add(sum0, f32x4.mul(v128.load(pu + d), v128.load(qi + d)));
    }
    const sum = f32x4.add(sum0, sum1);
    let dot: f64 =
      <f64>f32x4.extract_lane(sum, 0) +
      <f64>f32x4.extract_lane(sum, 1) +
      <f64>f32x4.extract_lane(sum, 2) +
      <f64>f32x4.extract_lane(sum, 3);
    for (; d < rowBytes; d += 4) dot += <f64>load<f32>(pu + d) * <f64>load<f32>(qi + d);
    const ub = userBias + ((<usize>u) << 2);
    const ib = itemBias + ((<usize>i) << 2);
    const x = global + <f64>load<f32>(ub) + <f64>load<f32>(ib) + dot;
    const p = 1 / (1 + Math.exp(-x));
    loss -= label != 0 ? Math.log(p + 1e-7) : Math.log(1 - p + 1e-7);
    const g = (p - <f64>label) * learningRate;
    const gv = f32x4.splat(<f32>g);
    for (d = 0; d < vectorBytes; d += 16) {
      const uv = v128.load(pu + d);
      const iv = v128.load(qi + d);
      v128.store(pu + d, f32x4.sub(f32x4.mul(uv, keep), f32x4.mul(gv, iv)));
      v128.store(qi + d, f32x4.sub(f32x4.mul(iv, keep), f32x4.mul(gv, uv)));
    }
    for (; d < rowBytes; d += 4) {
      const ud = <f64>load<f32>(pu + d);
      const id = <f64>load<f32>(qi + d);
      store<f32>(pu + d, <f32>(ud - g * id - decay * ud));
      store<f32>(qi + d, <f32>(id - g * ud - decay * id));
    }
    store<f32>(ub, <f32>(<f64>load<f32>(ub) - g));
    const itemB = <f64>load<f32>(ib);
    store<f32>(ib, <f32>(itemB - g - decay * itemB));
    global -= g * 0.01;
  }
  globalBias = global;
  return loss;
}
