import '../../src/shell/dirname-shim.js'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { prepareEngine } from '../../src/core/engine.js'
import { fuzzCase, loadSeeds } from './cases.js'
import { hashSeed } from './random.js'
import { runFuzz, storeFiles, type CrashRecord, type FuzzCrash, type FuzzOptions, type FuzzStats } from './run.js'

/**
 * `npm run fuzz` (bundled by scripts/fuzz.mjs). The cases run in a worker thread; this thread is the
 * watchdog: the engine is synchronous, so a case that never ends can only be stopped from outside. The
 * worker says which case it starts; when one runs past --hang-ms, the worker is terminated, the case is
 * written as a hang, and a new worker goes on with the next case.
 */

interface Args {
  seed: number
  first: number
  count: number
  timeBudgetMs: number
  limitMs: number
  hangMs: number
  fixes: boolean
  minimize: boolean
  crashDir: string
  corpus: string[]
  quiet: boolean
}

const USAGE = `npm run fuzz -- [--seed N|word] [--count N] [--time-budget SECONDS] [--case N] [--limit-ms MS]
   [--hang-ms MS] [--no-fixes] [--no-minimize] [--crashes DIR] [--corpus DIR]… [--no-corpus]`

function parseArgs(argv: string[], root: string): Args {
  const args: Args = {
    seed: 1,
    first: 0,
    count: 100_000,
    timeBudgetMs: Infinity,
    limitMs: 1000,
    hangMs: 20_000,
    fixes: true,
    minimize: true,
    crashDir: join(root, '.fuzz', 'crashes'),
    corpus: [],
    quiet: false
  }
  let defaultCorpus = true
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = (): string => {
      const next = argv[++i]
      if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`)
      return next
    }
    const number = (): number => {
      const text = value()
      const n = Number(text)
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag}: not a number: ${text}`)
      return n
    }
    if (flag === '--seed') {
      const text = value()
      args.seed = /^\d+$/.test(text) ? Number(text) >>> 0 : hashSeed(text)
    } else if (flag === '--count') args.count = number()
    else if (flag === '--case') {
      args.first = number()
      args.count = 1
    } else if (flag === '--first') args.first = number()
    else if (flag === '--time-budget') args.timeBudgetMs = number() * 1000
    else if (flag === '--limit-ms') args.limitMs = number()
    else if (flag === '--hang-ms') args.hangMs = number()
    else if (flag === '--no-fixes') args.fixes = false
    else if (flag === '--no-minimize') args.minimize = false
    else if (flag === '--crashes') args.crashDir = resolve(value())
    else if (flag === '--corpus') args.corpus.push(resolve(value()))
    else if (flag === '--no-corpus') defaultCorpus = false
    else if (flag === '--quiet') args.quiet = true
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE)
      process.exit(0)
    } else throw new Error(`unknown option ${flag}\n${USAGE}`)
  }
  if (defaultCorpus && args.corpus.length === 0) {
    for (const name of ['real', 'kics']) {
      const dir = join(root, '..', 'shared', 'corpus', name)
      if (existsSync(dir)) args.corpus.push(dir)
    }
  }
  return args
}

/** The seeds: built-in, the repository's examples, and the corpora given (or found beside the checkout). */
function seedDirs(root: string, args: Args): string[] {
  return [join(root, 'examples'), ...args.corpus]
}

interface WorkerJob {
  args: Args
  root: string
  first: number
  count: number
  timeBudgetMs: number
}

type WorkerMessage = { type: 'case'; index: number } | { type: 'done'; stats: FuzzStats }

async function workerMain(job: WorkerJob): Promise<void> {
  await prepareEngine()
  const seeds = loadSeeds(seedDirs(job.root, job.args))
  const options: FuzzOptions = {
    ...job.args,
    first: job.first,
    count: job.count,
    timeBudgetMs: job.timeBudgetMs,
    seeds,
    onCase: (index) => parentPort!.postMessage({ type: 'case', index } satisfies WorkerMessage)
  }
  parentPort!.postMessage({ type: 'done', stats: runFuzz(options) } satisfies WorkerMessage)
}

function merge(total: FuzzStats | undefined, part: FuzzStats): FuzzStats {
  if (!total) return part
  return {
    cases: total.cases + part.cases,
    files: total.files + part.files,
    bytes: total.bytes + part.bytes,
    findings: total.findings + part.findings,
    crashes: [...total.crashes, ...part.crashes],
    slowest: !total.slowest || (part.slowest && part.slowest.cpuMs > total.slowest.cpuMs) ? part.slowest : total.slowest,
    peakRssBytes: Math.max(total.peakRssBytes, part.peakRssBytes),
    peakHeapBytes: Math.max(total.peakHeapBytes, part.peakHeapBytes),
    elapsedMs: total.elapsedMs + part.elapsedMs,
    cpuMs: total.cpuMs + part.cpuMs
  }
}

/** Runs cases from `first` in a worker; resolves with its stats, or with the case it hung on. */
function runWorker(entry: string, job: WorkerJob, hangMs: number, onProgress: (index: number) => void): Promise<{ stats?: FuzzStats; hungOn?: number }> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(entry, { workerData: job })
    let current = job.first
    let since = performance.now()
    let settled = false
    const watchdog = setInterval(() => {
      if (performance.now() - since < hangMs) return
      settled = true
      clearInterval(watchdog)
      void worker.terminate().then(() => resolvePromise({ hungOn: current }))
    }, 250)
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'case') {
        current = message.index
        since = performance.now()
        onProgress(current)
      } else {
        settled = true
        clearInterval(watchdog)
        resolvePromise({ stats: message.stats })
      }
    })
    worker.once('error', (error) => {
      clearInterval(watchdog)
      if (!settled) reject(error)
    })
    worker.once('exit', (code) => {
      clearInterval(watchdog)
      if (!settled) reject(new Error(`fuzz worker stopped (exit code ${code}) on case ${current}`))
    })
  })
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`
}

async function main(): Promise<void> {
  const entry = fileURLToPath(import.meta.url)
  const root = resolve(process.env.CONTAINMENT_ROOT ?? process.cwd())
  const args = parseArgs(process.argv.slice(2), root)
  const seedCount = loadSeeds(seedDirs(root, args)).length
  console.log(`fuzz: seed ${args.seed}, cases ${args.first}…${args.first + args.count - 1}, ${seedCount} seed files (built-in, examples/${args.corpus.map((c) => ', ' + c).join('')}), CPU limit ${args.limitMs} ms per scan, fixes ${args.fixes ? 'proven' : 'off'}`)
  const started = performance.now()
  let total: FuzzStats | undefined
  let first = args.first
  const end = args.first + args.count
  let lastReport = started
  const hangs: FuzzCrash[] = []
  while (first < end) {
    const remaining = args.timeBudgetMs - (performance.now() - started)
    if (remaining <= 0) break
    const job: WorkerJob = { args, root, first, count: end - first, timeBudgetMs: remaining }
    const outcome = await runWorker(entry, job, args.hangMs, (index) => {
      if (args.quiet || performance.now() - lastReport < 10_000) return
      lastReport = performance.now()
      const done = index - args.first
      const seconds = (lastReport - started) / 1000
      console.log(`  ${done} cases in ${seconds.toFixed(0)} s (${(done / seconds).toFixed(0)}/s), ${(total?.crashes.length ?? 0) + hangs.length} crashes so far`)
    })
    if (outcome.stats) {
      total = merge(total, outcome.stats)
      break
    }
    const index = outcome.hungOn!
    hangs.push(writeHang(args, root, index))
    first = index + 1
  }
  const stats = total ?? merge(undefined, { cases: 0, files: 0, bytes: 0, findings: 0, crashes: [], peakRssBytes: 0, peakHeapBytes: 0, elapsedMs: 0, cpuMs: 0 })
  stats.crashes.push(...hangs)
  stats.cases += hangs.length
  report(stats, performance.now() - started)
  process.exitCode = stats.crashes.length ? 1 : 0
}

function writeHang(args: Args, root: string, index: number): FuzzCrash {
  const fuzz = fuzzCase(args.seed, index, loadSeeds(seedDirs(root, args)))
  const failures = [{ kind: 'slow' as const, detail: `no result after ${args.hangMs} ms (the worker was stopped)` }]
  const record: CrashRecord = { seed: args.seed, index, origin: fuzz.origin, failures, files: storeFiles(fuzz.files) }
  const file = join(args.crashDir, `hang-${args.seed}-${index}.json`)
  mkdirSync(args.crashDir, { recursive: true })
  writeFileSync(file, JSON.stringify(record, null, 2) + '\n')
  return { index, origin: fuzz.origin, failures, file }
}

function report(stats: FuzzStats, wallMs: number): void {
  const seconds = wallMs / 1000
  console.log(`inputs run: ${stats.cases} cases, ${stats.files} files, ${mib(stats.bytes)} (each scanned twice: without and with fixes)`)
  console.log(`time: ${seconds.toFixed(1)} s wall, ${(stats.cpuMs / 1000).toFixed(1)} s CPU in the worker; ${(stats.cases / seconds).toFixed(0)} cases/s`)
  if (stats.slowest) {
    const s = stats.slowest
    console.log(`slowest input: case ${s.index} (${s.kind}, ${s.origin}), ${s.bytes} bytes, ${s.cpuMs.toFixed(0)} ms CPU, ${s.wallMs.toFixed(0)} ms wall`)
  }
  // The fuzzing process runs nothing else: its lifetime peak (maxRSS, KiB) is the run's.
  const peakRss = Math.max(stats.peakRssBytes, process.resourceUsage().maxRSS * 1024)
  console.log(`peak RSS: ${mib(peakRss)} (process), peak heap used: ${mib(stats.peakHeapBytes)} (worker)`)
  console.log(`crashes: ${stats.crashes.length}`)
  for (const crash of stats.crashes) {
    console.log(`  case ${crash.index} (${crash.origin}): ${crash.failures.map((f) => `${f.kind}: ${f.detail}`).join('; ')}${crash.file ? `\n    written to ${crash.file}` : ''}`)
  }
}

if (isMainThread) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 2
  })
} else {
  void workerMain(workerData as WorkerJob)
}
