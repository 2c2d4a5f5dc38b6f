/**
 * `TsugiNcfSgd` on WebGPU as WGSL: the same fused forward, gradient and SGD update as the
 * JavaScript loop, run by thousands of GPU threads at once, lock-free (Hogwild!): each thread
 * takes its own contiguous run of the shuffled examples and updates the user and anime rows in
 * place; two threads rarely touch the same row at once, and a lost update now and then does not
 * hurt SGD. With one thread it is
 * the sequential loop exactly, which `verifyNcfSgdWebGpu` (ncf-sgd-webgpu-check.ts) checks on the device before training.
 *
 * A TF.js WebGPU program writes one output buffer, so the parameters are packed into one buffer
 * (users | items | user biases | anime biases | per-thread global-bias deltas and losses), trained
 * in place, and unpacked into the kernel's outputs.
 */
import { getKernel, registerKernel, type TensorInfo } from '@tensorflow/tfjs-core';
import {
  webgpu_util,
  type WebGPUBackend,
  type WebGPUProgram,
} from '@tensorflow/tfjs-backend-webgpu';
import { NCF_SGD, type NcfSgdAttrs } from './ncf-sgd-kernel';

const WORKGROUP = 64;

/** Copies each input into its place in the packed output, zeroing the per-thread tail. */
class PackProgram implements WebGPUProgram {
  variableNames = ['U', 'V', 'Ub', 'Vb'];
  outputShape: number[];
  shaderKey = 'tsugiNcfPack';
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  size = true;

  constructor(private readonly sizes: number[]) {
    const total = sizes.reduce((a, b) => a + b, 0);
    this.outputShape = [total];
    this.dispatchLayout = webgpu_util.flatDispatchLayout(this.outputShape);
    this.dispatch = webgpu_util.computeDispatch(
      this.dispatchLayout,
      this.outputShape,
      this.workgroupSize,
    );
    this.shaderKey += sizes.join('_');
  }

  getUserCode(): string {
    const [u, v, ub, vb] = this.sizes as [number, number, number, number];
    const ends = [u, u + v, u + v + ub, u + v + ub + vb];
    return `
      fn main(index : i32) {
        if (index >= uniforms.size) { return; }
        if (index < ${ends[0]}) { result[index] = U[index]; }
        else if (index < ${ends[1]}) { result[index] = V[index - ${ends[0]}]; }
        else if (index < ${ends[2]}) { result[index] = Ub[index - ${ends[1]}]; }
        else if (index < ${ends[3]}) { result[index] = Vb[index - ${ends[2]}]; }
        else { result[index] = 0.0; }
      }`;
  }
}

/** The SGD pass over one batch, on the packed parameters in place. */
class SgdProgram implements WebGPUProgram {
  variableNames = ['ExUsers', 'ExItems', 'Labels', 'Global'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  uniforms = 'count : i32, learningRate : f32, l2 : f32,';

  constructor(
    total: number,
    private readonly layout: PackedLayout,
    private readonly threads: number,
  ) {
    this.outputShape = [total];
    this.dispatchLayout = { x: [0] };
    this.dispatch = [Math.ceil(threads / WORKGROUP), 1, 1];
    this.shaderKey = `tsugiNcfSgd_${layout.dim}_${layout.itemsAt}_${layout.userBiasAt}_${layout.itemBiasAt}_${layout.tailAt}_${threads}`;
  }

  getUserCode(): string {
    const { dim, itemsAt, userBiasAt, itemBiasAt, tailAt } = this.layout;
    const threads = this.threads;
    return `
      fn main(worker : i32) {
        if (worker >= ${threads}) { return; }
        let lr = uniforms.learningRate;
        let decay = uniforms.learningRate * uniforms.l2;
        var bias = Global[0];
        var loss = 0.0;
        // A contiguous run of examples per thread: a positive and its negatives (same user)
        // follow each other, and one thread must take them in turn, as the loop does.
        let chunk = (uniforms.count + ${threads - 1}) / ${threads};
        let last = min(uniforms.count, (worker + 1) * chunk);
        for (var e = worker * chunk; e < last; e = e + 1) {
          let u = ExUsers[e];
          let i = ExItems[e];
          let label = Labels[e];
          let pu = u * ${dim};
          let qi = ${itemsAt} + i * ${dim};
          var x = bias + result[${userBiasAt} + u] + result[${itemBiasAt} + i];
          for (var d = 0; d < ${dim}; d = d + 1) { x = x + result[pu + d] * result[qi + d]; }
          let p = 1.0 / (1.0 + exp(-x));
          if (label > 0.0) { loss = loss - log(p + 1e-7); } else { loss = loss - log(1.0 - p + 1e-7); }
          let g = (p - label) * lr;
          for (var d = 0; d < ${dim}; d = d + 1) {
            let ud = result[pu + d];
            let id = result[qi + d];
            result[pu + d] = ud - g * id - decay * ud;
            result[qi + d] = id - g * ud - decay * id;
          }
          result[${userBiasAt} + u] = result[${userBiasAt} + u] - g;
          let ib = result[${itemBiasAt} + i];
          result[${itemBiasAt} + i] = ib - g - decay * ib;
          bias = bias - g * 0.01;
        }
        result[${tailAt} + worker] = bias - Global[0];
        result[${tailAt} + ${threads} + worker] = loss;
      }`;
  }
}

/**
 * Copies an output's values from `offset` of the packed buffer, or sums the tail into [global
 * bias, mean loss]. (A program must read every input and its uniforms: WebGPU drops unused
 * bindings from the pipeline's layout, and the bind group then fails to match.)
 */
class UnpackProgram implements WebGPUProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  size = true;
  uniforms?: string;

  constructor(
    private readonly offset: number,
    shape: number[],
    /** When set: the tail of this many threads, reduced to [global bias, mean loss]. */
    readonly tail?: { threads: number },
  ) {
    this.outputShape = shape;
    this.variableNames = tail ? ['Packed', 'Global'] : ['Packed'];
    this.dispatchLayout = webgpu_util.flatDispatchLayout(this.outputShape);
    this.dispatch = webgpu_util.computeDispatch(
      this.dispatchLayout,
      this.outputShape,
      this.workgroupSize,
    );
    this.shaderKey = `tsugiNcfUnpack_${offset}_${shape.join('x')}_${tail?.threads}`;
    // The batch size changes (the last batch of an epoch): a uniform, not a new shader.
    if (tail) this.uniforms = 'examples : f32,';
  }

  getUserCode(): string {
    if (!this.tail)
      return `
      fn main(index : i32) {
        if (index < uniforms.size) { result[index] = Packed[${this.offset} + index]; }
      }`;
    const { threads } = this.tail;
    return `
      fn main(index : i32) {
        if (index >= uniforms.size) { return; }
        var sum = 0.0;
        for (var t = 0; t < ${threads}; t = t + 1) {
          sum = sum + Packed[${this.offset} + index * ${threads} + t];
        }
        if (index == 0) { result[0] = Global[0] + sum; }
        else { result[1] = sum / max(1.0, uniforms.examples); }
      }`;
  }
}

interface PackedLayout {
  dim: number;
  itemsAt: number;
  userBiasAt: number;
  itemBiasAt: number;
  tailAt: number;
}

/** Registers the WGSL kernel for the 'webgpu' backend (once). */
export function registerNcfSgdWebGpu(): void {
  if (getKernel(NCF_SGD, 'webgpu')) return;
  registerKernel({
    kernelName: NCF_SGD,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const gpu = backend as unknown as WebGPUBackend;
      const { users, items, userBias, itemBias, globalBias, exampleUsers, exampleItems, labels } =
        inputs as Record<string, TensorInfo>;
      const { learningRate, l2, threads } = attrs as unknown as NcfSgdAttrs;
      const [userCount, dim] = users!.shape as [number, number];
      const itemCount = items!.shape[0]!;
      const sizes = [userCount * dim, itemCount * dim, userCount, itemCount, 2 * threads];
      const layout: PackedLayout = {
        dim,
        itemsAt: sizes[0]!,
        userBiasAt: sizes[0]! + sizes[1]!,
        itemBiasAt: sizes[0]! + sizes[1]! + sizes[2]!,
        tailAt: sizes[0]! + sizes[1]! + sizes[2]! + sizes[3]!,
      };
      const total = layout.tailAt + 2 * threads;
      const packed = gpu.runWebGPUProgram(
        new PackProgram(sizes),
        [users!, items!, userBias!, itemBias!],
        'float32',
      );
      const count = exampleUsers!.shape[0]!;
      gpu.runWebGPUProgram(
        new SgdProgram(total, layout, threads),
        [exampleUsers!, exampleItems!, labels!, globalBias!],
        'float32',
        [
          { type: 'int32', data: [count] },
          { type: 'float32', data: [learningRate] },
          { type: 'float32', data: [l2] },
        ],
        packed,
      );
      const unpack = (
        offset: number,
        shape: number[],
        tail?: UnpackProgram['tail'],
        examples = 0,
      ) =>
        gpu.runWebGPUProgram(
          new UnpackProgram(offset, shape, tail),
          tail ? [packed, globalBias!] : [packed],
          'float32',
          tail ? [{ type: 'float32', data: [examples] }] : undefined,
        );
      const outputs = [
        unpack(0, [userCount, dim]),
        unpack(layout.itemsAt, [itemCount, dim]),
        unpack(layout.userBiasAt, [userCount]),
        unpack(layout.itemBiasAt, [itemCount]),
        unpack(layout.tailAt, [2], { threads }, count),
      ];
      gpu.disposeData(packed.dataId);
      return outputs;
    },
  });
}
