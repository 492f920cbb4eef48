import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads'
import { grammarWasm, runtimeModule, runtimeWasm } from './runtime-files.js'

/*
 * A parse that can be stopped anywhere: the text is parsed in a worker thread of its own while the caller
 * waits for it synchronously (Atomics.wait on a shared counter, the answer taken with receiveMessageOnPort),
 * and a thread that is not done at the deadline is terminated, its WebAssembly memory with it. The engine's
 * analysis is synchronous, and tree-sitter offers no cancellation inside the phase this guards against (see
 * tree-sitter.ts). Only the verdict crosses back; the caller then parses the text itself, which costs as
 * much again and is known to end in time.
 *
 * The thread runs this small CommonJS program (`eval`), so that it needs no entry point of its own in the
 * bundles: it loads web-tree-sitter from the file `runtimeModule()` names.
 */
/** Slots of the shared counter: READY is 1 once the parser is loaded (-1 if it failed), ANSWERED the last id answered. */
const READY = 0
const ANSWERED = 1

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const { readFileSync } = require('node:fs')
const signal = new Int32Array(workerData.signal)
const answer = (slot, value) => { Atomics.store(signal, slot, value); Atomics.notify(signal, slot) }
const Memory = WebAssembly.Memory
const maximum = workerData.maxMemory / 65536
let memory
function CappedMemory(descriptor) {
  memory = new Memory({ ...descriptor, maximum: Math.min(descriptor.maximum === undefined ? maximum : descriptor.maximum, maximum) })
  return memory
}
CappedMemory.prototype = Memory.prototype
WebAssembly.Memory = CappedMemory
;(async () => {
  const wts = require(workerData.runtimeModule)
  await wts.Parser.init({ locateFile: () => workerData.runtimeWasm })
  const language = await wts.Language.load(readFileSync(workerData.grammarWasm))
  const parser = new wts.Parser()
  parser.setLanguage(language)
  workerData.port.on('message', ({ id, text }) => {
    try {
      const tree = parser.parse(text)
      workerData.port.postMessage({ id, parsed: Boolean(tree) })
      if (tree) tree.delete()
    } catch {
      // Emscripten's abort(): an allocation past the ceiling failed.
      workerData.port.postMessage({ id, parsed: false, outOfMemory: true, memoryBytes: memory ? memory.buffer.byteLength : 0 })
    }
    answer(${ANSWERED}, id)
  })
  answer(${READY}, 1)
})().catch((error) => {
  workerData.port.postMessage({ id: -1, error: String(error && error.message || error) })
  answer(${READY}, -1)
})
`

/**
 * The thread's WebAssembly memory, at most (web-tree-sitter allows 2 GiB). The texts this guards against
 * take memory fast (60 KB of `a|` reach 780 MB in 0.4 s on Node 24), and there a terminated thread ran on for
 * 0.3 s, so the thread's own parser is given a ceiling: past it, its allocation fails and the module aborts.
 * An ordinary text of 64 KiB needs a few MB beyond the module's initial 32 MiB.
 */
export const THREAD_WASM_MEMORY = 128 * 1024 * 1024

/** Starting a thread and loading the parser into it is not the text's cost: it has its own, generous, bound. */
const STARTUP_TIMEOUT_MS = 10_000

interface ParseThread {
  worker: Worker
  port: MessagePort
  signal: Int32Array
  lastId: number
}

let thread: ParseThread | undefined
let unavailable: string | undefined

export type IsolatedOutcome =
  | { outcome: 'parsed'; spent: number }
  /** `memoryBytes`: the thread's WebAssembly memory when its parser ran out of it. */
  | { outcome: 'too-costly'; spent: number; memory?: true; memoryBytes?: number }
  | { outcome: 'unavailable'; spent: number; reason: string }

/** Parses `text` in the worker thread and says whether that ended within `deadlineMs` (time spent on it included). */
export function parseInWorker(text: string, deadlineMs: number): IsolatedOutcome {
  const ready = readyThread()
  if (typeof ready === 'string') return { outcome: 'unavailable', spent: 0, reason: ready }
  const id = ++ready.lastId
  const started = performance.now()
  ready.port.postMessage({ id, text })
  const waited = Atomics.wait(ready.signal, ANSWERED, id - 1, deadlineMs)
  const spent = performance.now() - started
  const reply = receiveMessageOnPort(ready.port)?.message as { id: number; parsed: boolean; outOfMemory?: true; memoryBytes?: number } | undefined
  if (waited === 'timed-out' || reply?.id !== id) {
    stopThread()
    return { outcome: 'too-costly', spent }
  }
  if (reply.outOfMemory) {
    // The module aborted: it cannot parse again.
    stopThread()
    return { outcome: 'too-costly', spent, memory: true, memoryBytes: reply.memoryBytes }
  }
  return reply.parsed ? { outcome: 'parsed', spent } : { outcome: 'too-costly', spent }
}

/** The thread, started and loaded; or why there is none (then for the rest of the process). */
function readyThread(): ParseThread | string {
  if (unavailable) return unavailable
  if (!thread) {
    const started = startThread()
    if (typeof started === 'string') return (unavailable = started)
    thread = started
  }
  if (Atomics.load(thread.signal, READY) === 0) Atomics.wait(thread.signal, READY, 0, STARTUP_TIMEOUT_MS)
  const state = Atomics.load(thread.signal, READY)
  if (state === 1) return thread
  const failure = receiveMessageOnPort(thread.port)?.message as { error?: string } | undefined
  unavailable = `the shell parser thread did not start (${failure?.error ?? `no answer in ${STARTUP_TIMEOUT_MS} ms`})`
  stopThread()
  return unavailable
}

function startThread(): ParseThread | string {
  try {
    const signal = new Int32Array(new SharedArrayBuffer(8))
    const { port1, port2 } = new MessageChannel()
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { signal: signal.buffer, port: port2, maxMemory: THREAD_WASM_MEMORY, runtimeModule: runtimeModule(), runtimeWasm: runtimeWasm(), grammarWasm: grammarWasm() },
      transferList: [port2],
      stdout: true,
      stderr: true
    })
    // The thread must never keep a finished scan's process alive.
    worker.unref()
    port1.unref()
    worker.on('error', () => undefined)
    return { worker, port: port1, signal, lastId: 0 }
  } catch (error) {
    return `the shell parser thread did not start (${(error as Error).message})`
  }
}

function stopThread(): void {
  if (!thread) return
  void thread.worker.terminate()
  thread.port.close()
  thread = undefined
}
