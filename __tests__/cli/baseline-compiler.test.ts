import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tree } from './cli-helpers.js'

/*
 * The bundle keeps V8 on its baseline WebAssembly compiler (src/shell/baseline-compiler.ts). Set at run time,
 * `--liftoff-only` alone did nothing on Node 24: its optimising tier recompiled the shell grammar while a scan
 * ran, about 450 MB of memory (the real-world corpus: peak RSS 620 MB, 188 MB with the three flags).
 * The bundled CLI runs as users run it, on this Node and on Node 24 when CI gives one (NODE24_BIN), with a
 * preloaded hook that writes the process's peak RSS when it exits.
 */
const NODES: Array<[string, string]> = [['this Node', process.execPath]]
if (process.env.NODE24_BIN) NODES.push(['Node 24 (NODE24_BIN)', process.env.NODE24_BIN])

const CLI = join(process.cwd(), 'dist', 'cli.js')
const PEAK_RSS_BOUND = 320 * 1024 * 1024

/** 400 Dockerfiles of distinct RUN texts: enough shell parsing for V8 to optimise the grammar if it may. */
function workload(): string {
  const files: Record<string, string> = {}
  for (let i = 0; i < 400; i++) {
    const runs = Array.from({ length: 6 }, (_, j) => `RUN apt-get update && apt-get install -y curl${i} pkg${j} | tee /log/${i}-${j}; if [ -f /x${j} ]; then rm -rf /var/lib/apt/lists/*; fi; echo "$(id -u)" > /tmp/${i}`)
    files[`svc${i}/Dockerfile`] = ['FROM alpine:3.20', ...runs, 'USER app', ''].join('\n')
  }
  return tree(files)
}

describe('the bundle compiles the shell grammar with the baseline compiler only', () => {
  const root = workload()
  const hook = join(root, 'peak-rss.cjs')
  writeFileSync(hook, "process.on('exit', () => require('node:fs').writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)))\n")

  it.each(NODES)('%s: a scan of 400 Dockerfiles stays under 320 MiB of peak RSS', (_name, node) => {
    const report = join(root, `peak-${NODES.findIndex(([, n]) => n === node)}.txt`)
    const scan = spawnSync(node, ['--require', hook, CLI, 'scan', '.', '--format', 'json', '--workers', '1'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PEAK_RSS_FILE: report },
      maxBuffer: 64 * 1024 * 1024
    })
    expect(scan.stderr).toBe('')
    expect(JSON.parse(scan.stdout).files).toBe(400)
    const peak = Number(readFileSync(report, 'utf8'))
    expect(peak).toBeGreaterThan(0)
    expect(peak).toBeLessThan(PEAK_RSS_BOUND)
  }, 120_000)
})
