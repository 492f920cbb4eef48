import './shell/dirname-shim.js'
import { setFlagsFromString } from 'node:v8'
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { main } from './cli/main.js'
import { workerMain, type WorkerJob } from './cli/pool.js'
import { useBaselineWasmCompiler } from './shell/baseline-compiler.js'

useBaselineWasmCompiler()
// The young generation stays at its initial size instead of doubling up to 16 MB a semi-space: a scan's
// garbage (models, shell trees) dies young either way, and the small nursery keeps the peak RSS down
// (10,000 files: 152-157 MiB to 120-122 MiB; 2,500 files: 7.450 G to 7.472 G instructions, +0.3 %).
// The growth factor is read whenever the nursery would grow; --max-semi-space-size is read only when the
// heap is set up, before this line runs (set here it changed nothing: docs/performance.md).
setFlagsFromString('--semi-space-growth-factor=1')
// The old generation grows by 1.5x after a full collection instead of V8's default (up to 4x when
// collections are fast): a scan's live data stays small (18 MB at 10,000 files) while the heap grew to
// 105 MB around it. Peak RSS at 10,000 files 173 MB to 152 MB, CPU unchanged (docs/performance.md).
setFlagsFromString('--heap-growing-percent=50')

if (!isMainThread && (workerData as WorkerJob | undefined)?.role === 'containment-scan') {
  // A worker thread of a scan (src/cli/pool.ts): an error ends the thread and the scan reports it.
  void workerMain(workerData as WorkerJob, (results) => parentPort!.postMessage(results))
} else {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`containment: internal error: ${error instanceof Error ? error.stack : String(error)}\n`)
      process.exitCode = 2
    }
  )
}
