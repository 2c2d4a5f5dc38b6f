/**
 * The training hot path as one TF.js kernel, `TsugiNcfSgd`: a fused forward, gradient and SGD
 * update over a large batch of (user, anime, label) examples, per example in sequence. A naive
 * step (gather, multiply, sum, sigmoid cross-entropy, scatter) dispatches a dozen kernels per
 * batch and tops out near 100k examples/s on these CPUs; the fused loop runs the same
 * arithmetic at millions of examples/s.
 *
 * Functional like any kernel: it returns updated copies of the parameters, which the caller
 * assigns back to its variables (a copy per batch of ~250k examples costs a few milliseconds).
 * Registered for every backend; on CPU and WASM it works on the backend's own memory, on WebGL
 * through a read-back (correct, not fast). WebGPU has its own WGSL version (ncf-sgd-webgpu.ts).
 */
import {
  getKernel,
  registerKernel,
  type BackendValues,
  type DataType,
  type KernelBackend,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { sgdStep } from '../ncf-train';

export const NCF_SGD = 'TsugiNcfSgd';

export interface NcfSgdAttrs extends NamedAttrMap {
  learningRate: number;
  l2: number;
  /** WebGPU only: GPU threads that train at once (1 = exactly the sequential loop). */
  threads: number;
}

/** Threads that train at once on a GPU: enough to fill one, few enough that rows rarely collide. */
export const GPU_THREADS = 4096;

/** How a kernel reads an input and writes an output on one backend. */
interface Memory {
  read(info: TensorInfo): BackendValues;
  /** New outputs holding `values`, and typed views on which to keep working. */
  outputs(values: { shape: number[]; data: Float32Array }[]): [TensorInfo, Float32Array][];
}

interface WasmLike {
  typedArrayFromHeap(info: TensorInfo): BackendValues;
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
}
interface CpuLike {
  data: { get(id: object): { values?: BackendValues } };
}
interface MakesTensors {
  makeTensorInfo(shape: number[], dtype: DataType, values: BackendValues): TensorInfo;
}

function memoryOf(backend: KernelBackend, backendName: string): Memory {
  if (backendName === 'wasm') {
    const wasm = backend as unknown as WasmLike;
    return {
      read: (info) => wasm.typedArrayFromHeap(info),
      outputs(values) {
        // Allocate every output before taking any view: an allocation may grow the heap,
        // which detaches views taken earlier.
        const infos = values.map((v) => wasm.makeOutput(v.shape, 'float32'));
        return infos.map((info, k) => {
          const view = wasm.typedArrayFromHeap(info) as Float32Array;
          view.set(values[k]!.data);
          return [info, view];
        });
      },
    };
  }
  const read =
    backendName === 'cpu'
      ? (info: TensorInfo) => (backend as unknown as CpuLike).data.get(info.dataId).values!
      : (info: TensorInfo) => backend.readSync(info.dataId) as BackendValues;
  const maker = backend as unknown as MakesTensors;
  return {
    read,
    // CPU keeps these very arrays; GPU backends upload them when the tensors are next used.
    outputs: (values) =>
      values.map((v) => [maker.makeTensorInfo(v.shape, 'float32', v.data), v.data]),
  };
}

/**
 * Registers the kernel on `backendName` (once per backend), unless the backend has its own
 * (WebGPU registers a WGSL one when it loads).
 */
export function registerNcfSgd(backendName: string): void {
  if (getKernel(NCF_SGD, backendName)) return;
  registerKernel({
    kernelName: NCF_SGD,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { users, items, userBias, itemBias, globalBias, exampleUsers, exampleItems, labels } =
        inputs as Record<string, TensorInfo>;
      const { learningRate, l2 } = attrs as unknown as NcfSgdAttrs;
      const memory = memoryOf(backend as KernelBackend, backendName);
      const params = [users!, items!, userBias!, itemBias!];
      const outputs = memory.outputs(
        params.map((t) => ({ shape: t.shape, data: copyOf(memory.read(t)) })),
      );
      const globalValue = (memory.read(globalBias!) as Float32Array)[0]!;
      const examples = {
        users: memory.read(exampleUsers!) as Int32Array,
        items: memory.read(exampleItems!) as Int32Array,
        labels: memory.read(labels!) as Float32Array,
        count: exampleUsers!.shape[0]!,
      };
      const [u, i, ub, ib] = outputs.map(([, view]) => view) as [
        Float32Array,
        Float32Array,
        Float32Array,
        Float32Array,
      ];
      const model = {
        dim: users!.shape[1]!,
        userCount: users!.shape[0]!,
        itemCount: items!.shape[0]!,
        users: u,
        items: i,
        userBias: ub,
        itemBias: ib,
        globalBias: globalValue,
      };
      const loss = sgdStep(model, examples, learningRate, l2);
      const state = memory.outputs([{ shape: [2], data: Float32Array.of(model.globalBias, loss) }]);
      return [...outputs, ...state].map(([info]) => info);
    },
  });
}

/** A JS-heap copy (typed-array slice, not the slow iterator path of Float32Array.from). */
function copyOf(values: BackendValues): Float32Array {
  return (values as Float32Array).slice();
}
