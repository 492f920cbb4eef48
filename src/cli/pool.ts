import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { Config } from '../core/config.js'
import type { DiscoveredFile } from '../core/discover.js'
import { finishScan, prepareEngine, scanContext, scanFiles, type FileResult, type InputFile, type ScanResult } from '../core/engine.js'
import { isDockerfileName } from '../dockerfile/analyzer.js'
import { readBounded } from '../core/read-file.js'
import { DirectoryWorkspace } from '../core/workspace.js'

/**
 * Scans of many files run on every core: Dockerfiles are shared out between the main thread and worker
 * threads (each runs this same bundle, see src/cli.ts); Compose files, whose analysis reads the files
 * around them once per scan (`include`, `extends`, overrides), stay together on the main thread. Each
 * share runs the engine's per-file phase; the results are put back in input order and the whole-scan
 * phase (suppressions across files, rule settings, sorting) runs once on the main thread, so the report is
 * byte for byte the one a single thread prints.
 */

/**
 * Below this many Dockerfiles per thread the scan stays on one thread: a worker costs its start-up (about
 * 0.15 s of CPU), a heap of its own (peak RSS), and measured on 2 cores about a third more CPU in all for
 * the same files; it pays in wall time only on a large scan with idle cores (docs/performance.md).
 */
export const MIN_DOCKERFILES_PER_THREAD = 500
const MAX_THREADS = 8

export interface WorkerJob {
  role: 'containment-scan'
  root: string
  config: Config
  files: Array<{ index: number; absolute: string; path: string; explicit: boolean; linkOut?: boolean }>
}

/** How many threads a scan of these files uses: `requested` (from --workers) or one per core while it pays. */
export function threadCount(files: DiscoveredFile[], requested: number | undefined): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, MAX_THREADS))
  const dockerfiles = files.filter((f) => isDockerfileName(f.path)).length
  return Math.max(1, Math.min(availableParallelism(), MAX_THREADS, Math.floor(dockerfiles / MIN_DOCKERFILES_PER_THREAD)))
}

function readInputs(files: WorkerJob['files'], maxFileBytes: number): InputFile[] {
  return files.map((f) => readInput(f, maxFileBytes))
}

/**
 * A discovered file as the engine takes it, read no further than the limit: one over it is handed over
 * empty with its size (the engine reports it), so that a 3 GiB file costs an fstat.
 */
export function readInput(file: { path: string; absolute: string; explicit: boolean; linkOut?: boolean }, maxFileBytes: number): InputFile {
  if (file.linkOut) return { path: file.path, content: new Uint8Array(0), explicit: file.explicit, unread: 'is a symbolic link that leads outside the repository' }
  const read = readBounded(file.absolute, maxFileBytes)
  return { path: file.path, content: read.bytes, explicit: file.explicit, ...(read.size > maxFileBytes ? { size: read.size } : {}) }
}

export async function scanInThreads(files: DiscoveredFile[], root: string, config: Config, threads: number, entry: string): Promise<ScanResult> {
  const shares: Array<WorkerJob['files']> = Array.from({ length: threads }, () => [])
  let next = 0
  files.forEach((file, index) => {
    const job = { index, absolute: file.absolute, path: file.path, explicit: file.explicit, ...(file.linkOut ? { linkOut: true } : {}) }
    if (isDockerfileName(file.path)) shares[next++ % threads].push(job)
    else shares[0].push(job)
  })
  const pending = shares.slice(1).map((share) => runWorker(entry, { role: 'containment-scan', root, config, files: share }))
  // Failures surface after the main share, so that no worker is left running unobserved.
  const settled = Promise.allSettled(pending)
  await prepareEngine()
  const context = scanContext([], { config, workspace: new DirectoryWorkspace(root, { maxFileBytes: config.limits.maxFileBytes }) })
  const results = scanFiles(readInputs(shares[0], config.limits.maxFileBytes), context, shares[0].map((f) => f.index))
  for (const outcome of await settled) {
    if (outcome.status === 'rejected') throw outcome.reason
    results.push(...outcome.value)
  }
  results.sort((a, b) => a.index - b.index)
  return finishScan(results, context)
}

function runWorker(entry: string, job: WorkerJob): Promise<FileResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: job })
    let result: FileResult[] | undefined
    worker.once('message', (message: FileResult[]) => (result = message))
    worker.once('error', reject)
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`scan worker stopped (exit code ${code}) without a result`))))
  })
}

/** A worker thread's side: scan the share it was given and send the results back. */
export async function workerMain(job: WorkerJob, post: (results: FileResult[]) => void): Promise<void> {
  await prepareEngine()
  const limit = job.config.limits.maxFileBytes
  const context = scanContext([], { config: job.config, workspace: new DirectoryWorkspace(job.root, { maxFileBytes: limit }) })
  post(scanFiles(readInputs(job.files, limit), context, job.files.map((f) => f.index)))
}
