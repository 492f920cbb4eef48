import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { InputFile } from '../../src/core/engine.js'
import { checkCase, signature, type CheckOptions, type Failure } from './check.js'
import { fuzzCase, type FuzzCase, type SeedFile } from './cases.js'

export interface FuzzOptions extends CheckOptions {
  seed: number
  /** Cases `first` … `first + count - 1`. */
  first: number
  count: number
  /** Stop starting new cases after this many ms (wall). */
  timeBudgetMs: number
  seeds: SeedFile[]
  /** Where each failing case is written (a JSON file per case), when set. */
  crashDir?: string
  /** Shrink each failing case to a minimal input before writing it. */
  minimize: boolean
  /** Told before each case: the watchdog of `npm run fuzz` knows which case hangs. */
  onCase?: (index: number) => void
}

export interface Slowest {
  index: number
  origin: string
  kind: string
  bytes: number
  cpuMs: number
  wallMs: number
}

export interface FuzzCrash {
  index: number
  origin: string
  failures: Failure[]
  /** The written file, when crashDir is set. */
  file?: string
}

export interface FuzzStats {
  cases: number
  files: number
  bytes: number
  findings: number
  crashes: FuzzCrash[]
  slowest?: Slowest
  peakRssBytes: number
  peakHeapBytes: number
  elapsedMs: number
  cpuMs: number
}

/** The JSON a failing case is written as; __tests__/fuzz/regressions/ holds the same, with a `cause`. */
export interface CrashRecord {
  seed: number
  index: number
  origin: string
  failures: Failure[]
  files: StoredFile[]
  /** The smallest input found that fails the same way. */
  minimal?: StoredFile[]
  cause?: string
}

export interface StoredFile {
  path: string
  /** The content as UTF-8 text when it decodes losslessly, else base64. */
  text?: string
  base64?: string
}

export function storeFiles(files: InputFile[]): StoredFile[] {
  return files.map((f) => {
    const bytes = typeof f.content === 'string' ? Buffer.from(f.content) : Buffer.from(f.content)
    const text = bytes.toString('utf8')
    return Buffer.from(text, 'utf8').equals(bytes) && !text.includes('\0') ? { path: f.path, text } : { path: f.path, base64: bytes.toString('base64') }
  })
}

export function loadFiles(stored: StoredFile[]): InputFile[] {
  return stored.map((f) => ({ path: f.path, content: f.text !== undefined ? Buffer.from(f.text, 'utf8') : Buffer.from(f.base64 ?? '', 'base64') }))
}

function fileKind(c: FuzzCase): string {
  return c.origin.startsWith('project:') ? 'project' : /compose|\.ya?ml/i.test(c.files[0].path) ? 'compose' : 'dockerfile'
}

function size(files: InputFile[]): number {
  return files.reduce((n, f) => n + f.content.length, 0)
}

export function runFuzz(options: FuzzOptions): FuzzStats {
  const started = performance.now()
  const cpuStart = process.cpuUsage()
  const stats: FuzzStats = { cases: 0, files: 0, bytes: 0, findings: 0, crashes: [], peakRssBytes: 0, peakHeapBytes: 0, elapsedMs: 0, cpuMs: 0 }
  for (let index = options.first; index < options.first + options.count; index++) {
    if (performance.now() - started > options.timeBudgetMs) break
    options.onCase?.(index)
    const fuzz = fuzzCase(options.seed, index, options.seeds)
    const outcome = checkCase(fuzz.files, options)
    stats.cases++
    stats.files += fuzz.files.length
    stats.bytes += size(fuzz.files)
    stats.findings += outcome.findings
    if (!stats.slowest || outcome.cpuMs > stats.slowest.cpuMs) {
      stats.slowest = { index, origin: fuzz.origin, kind: fileKind(fuzz), bytes: size(fuzz.files), cpuMs: outcome.cpuMs, wallMs: outcome.wallMs }
    }
    if (outcome.failures.length) stats.crashes.push(recordCrash(fuzz, outcome.failures, options))
    if (index % 50 === 0) sampleMemory(stats)
  }
  sampleMemory(stats)
  stats.elapsedMs = performance.now() - started
  const cpu = process.cpuUsage(cpuStart)
  stats.cpuMs = (cpu.user + cpu.system) / 1000
  return stats
}

function sampleMemory(stats: FuzzStats): void {
  const memory = process.memoryUsage()
  stats.peakHeapBytes = Math.max(stats.peakHeapBytes, memory.heapUsed)
  // The resident size now, sampled after each case: not the process's lifetime peak (maxRSS), which in a
  // Jest worker holds whatever the test files before this one used.
  stats.peakRssBytes = Math.max(stats.peakRssBytes, memory.rss)
}

function recordCrash(fuzz: FuzzCase, failures: Failure[], options: FuzzOptions): FuzzCrash {
  const crash: FuzzCrash = { index: fuzz.index, origin: fuzz.origin, failures }
  if (!options.crashDir) return crash
  const record: CrashRecord = { seed: options.seed, index: fuzz.index, origin: fuzz.origin, failures, files: storeFiles(fuzz.files) }
  // A slow input is not shrunk: every attempt costs as much as the input did.
  if (options.minimize && failures.some((f) => f.kind !== 'slow')) {
    const wanted = signature(failures.find((f) => f.kind !== 'slow')!)
    record.minimal = storeFiles(minimize(fuzz.files, (files) => checkCase(files, options).failures.some((f) => signature(f) === wanted)))
  }
  mkdirSync(options.crashDir, { recursive: true })
  crash.file = join(options.crashDir, `${failures[0].kind}-${options.seed}-${fuzz.index}.json`)
  writeFileSync(crash.file, JSON.stringify(record, null, 2) + '\n')
  return crash
}

/**
 * Delta debugging, greedily: drop whole files, then ever smaller chunks of each file's bytes, keeping a
 * removal whenever the input still fails the same way. Bounded (attempts and time), since the input that
 * fails is what matters; the smaller one is a convenience for the regression test.
 */
export function minimize(files: InputFile[], fails: (files: InputFile[]) => boolean, maxAttempts = 2000, maxMs = 60_000): InputFile[] {
  const started = performance.now()
  let attempts = 0
  const budget = (): boolean => attempts++ < maxAttempts && performance.now() - started < maxMs
  let current = files.map((f) => ({ path: f.path, content: Buffer.from(f.content) }))
  for (let i = current.length - 1; i >= 0 && current.length > 1 && budget(); i--) {
    const without = current.filter((_, j) => j !== i)
    if (fails(without)) current = without
  }
  for (let i = 0; i < current.length; i++) {
    let bytes = current[i].content
    for (let chunk = Math.max(1, bytes.length >> 1); chunk >= 1 && budget(); chunk = chunk === 1 ? 0 : Math.max(1, chunk >> 1)) {
      for (let at = 0; at < bytes.length && budget(); ) {
        const candidate = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + chunk)])
        const trial = current.map((f, j) => (j === i ? { path: f.path, content: candidate } : f))
        if (fails(trial)) {
          bytes = candidate
          current = trial
        } else at += chunk
      }
    }
  }
  return current
}
