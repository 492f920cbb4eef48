import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpus, loadavg } from 'node:os'
import { prepareEngine, scan, type InputFile, type ScanResult } from '../src/core/engine.js'
import type { Finding } from '../src/core/finding.js'
import { forgetShellParses } from '../src/shell/tree-sitter.js'

/**
 * Hostile input: every case is scanned with the real engine beside an ordinary Dockerfile and an ordinary
 * Compose file. The hostile file must be analysed or reported as invalid (DF023 / DC021) within a second,
 * without an internal error, and the ordinary files must still be analysed.
 *
 * The budget is one second. When the machine is overloaded (load average above its core count, as when
 * several Jest workers and other builds share two cores) it is 1.5 s, and the test says so in its output.
 */
const BUDGET_MS = loadavg()[0] > cpus().length ? 1500 : 1000
const MB = 1024 * 1024

const COMPANION_DOCKERFILE = 'FROM alpine:3.19\nRUN sudo apk add curl\n'
const COMPANION_COMPOSE = 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n'

interface Outcome {
  result: ScanResult
  ms: number
  own: Finding[]
}

const timings: Array<{ name: string; bytes: number; ms: number; findings: string }> = []

beforeAll(() => prepareEngine())

afterAll(() => {
  const rows = timings.map((t) => `${t.name.padEnd(44)} ${String(t.bytes).padStart(9)} B ${t.ms.toFixed(0).padStart(6)} ms  ${t.findings}`)
  console.info(`hostile input timings (budget ${BUDGET_MS} ms, load ${loadavg()[0].toFixed(2)} on ${cpus().length} cores):\n${rows.join('\n')}`)
})

/** Scans the hostile file with the two companions, timing the whole scan. */
async function scanHostile(name: string, path: string, content: string | Uint8Array): Promise<Outcome> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
  const inputs: InputFile[] = [
    { path, content: bytes },
    { path: 'ok/Dockerfile', content: Buffer.from(COMPANION_DOCKERFILE) },
    { path: 'ok/compose.yaml', content: Buffer.from(COMPANION_COMPOSE) }
  ]
  // Wall time, the best of up to three scans: on a shared machine a scan waits for the cores as long as
  // the other jobs make it (twice its time seen at load 13 on 2 cores), and the budget is what the input
  // costs. (CPU time is no better: V8's parallel GC threads count in it.)
  // Each scan parses afresh: a shell text's parse is kept for the next scan, which would then cost nothing.
  forgetShellParses()
  let started = performance.now()
  const result = await scan(inputs)
  let ms = performance.now() - started
  for (let attempt = 1; attempt < 3 && ms >= BUDGET_MS; attempt++) {
    forgetShellParses()
    started = performance.now()
    await scan(inputs)
    ms = Math.min(ms, performance.now() - started)
  }
  const own = result.findings.filter((f) => f.file === path)
  timings.push({ name, bytes: bytes.length, ms, findings: summary(own) })
  return { result, ms, own }
}

function summary(findings: Finding[]): string {
  const counts = new Map<string, number>()
  for (const f of findings) counts.set(`${f.ruleId}@${f.line}`, (counts.get(`${f.ruleId}@${f.line}`) ?? 0) + 1)
  const parts = [...counts].slice(0, 6).map(([key, n]) => (n > 1 ? `${key}x${n}` : key))
  return parts.join(' ') + (counts.size > 6 ? ` … (${findings.length} findings)` : '')
}

/** What every case must satisfy: in time, no internal error, the companions still analysed. */
function expectContained(outcome: Outcome): void {
  expect(outcome.ms).toBeLessThan(BUDGET_MS)
  const internal = outcome.result.findings.filter((f) => /internal error/i.test(f.message))
  expect(internal).toEqual([])
  const companion = outcome.result.findings.filter((f) => f.file === 'ok/Dockerfile' && f.ruleId === 'DF002')
  expect(companion.map((f) => `${f.line}:${f.column}`)).toEqual(['2:5'])
  expect(outcome.result.files.map((f) => f.path)).toEqual(expect.arrayContaining(['ok/Dockerfile', 'ok/compose.yaml']))
}

function invalid(outcome: Outcome, ruleId: 'DF023' | 'DC021'): string[] {
  return outcome.own.filter((f) => f.ruleId === ruleId).map((f) => `${f.line}:${f.column} ${f.severity}`)
}

/** Deterministic bytes (xorshift), so that a failure can be reproduced. */
function garbage(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length)
  let x = seed
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

describe('hostile Dockerfiles', () => {
  it('a 5 MB Dockerfile is reported as invalid (over the size cap), not parsed', async () => {
    const line = 'RUN apt-get update && apt-get install -y curl\n'
    const text = 'FROM debian:12\n' + line.repeat(Math.ceil((5 * MB) / line.length))
    const outcome = await scanHostile('5 MB Dockerfile', 'big/Dockerfile', text)
    expectContained(outcome)
    expect(invalid(outcome, 'DF023')).toEqual(['1:1 medium'])
  })

  it('a 1 MB single line in a RUN is analysed or reported, in time', async () => {
    const text = 'FROM alpine:3.19\nRUN echo ' + 'a'.repeat(MB - 1024) + '\nRUN sudo id\n'
    const outcome = await scanHostile('1 MB line in RUN', 'longrun/Dockerfile', text)
    expectContained(outcome)
    // The script is over the shell parser's cap: DF023 on its line; the next RUN is still analysed.
    expect(invalid(outcome, 'DF023')).toEqual(['2:1 medium'])
    expect(outcome.own.filter((f) => f.ruleId === 'DF002').map((f) => f.line)).toEqual([3])
  })

  it('a 1 MB single line outside a RUN (a LABEL value) is analysed in time', async () => {
    const text = 'FROM alpine:3.19\nLABEL description="' + 'a'.repeat(MB - 1024) + '"\nRUN sudo id\n'
    const outcome = await scanHostile('1 MB line in LABEL', 'longlabel/Dockerfile', text)
    expectContained(outcome)
    expect(outcome.own.filter((f) => f.ruleId === 'DF002').map((f) => f.line)).toEqual([3])
  })

  it('a 1 MB comment line is analysed in time', async () => {
    const text = 'FROM alpine:3.19\n# ' + 'a'.repeat(MB - 1024) + '\nRUN sudo id\n'
    const outcome = await scanHostile('1 MB comment line', 'longcomment/Dockerfile', text)
    expectContained(outcome)
    expect(outcome.own.filter((f) => f.ruleId === 'DF002').map((f) => f.line)).toEqual([3])
  })

  it('a RUN of 10,000 continuation lines is analysed in time, positions on physical lines', async () => {
    const text = 'FROM alpine:3.19\nRUN echo start \\\n' + '    && echo step \\\n'.repeat(10000) + '    && sudo id\n'
    const outcome = await scanHostile('10,000 continuation lines', 'continued/Dockerfile', text)
    expectContained(outcome)
    // Analysed (the command found on its physical line), or reported as too long to analyse at the RUN.
    const tooLong = invalid(outcome, 'DF023')
    if (tooLong.length > 0) expect(tooLong).toEqual(['2:1 medium'])
    else expect(outcome.own.filter((f) => f.ruleId === 'DF002').map((f) => `${f.line}:${f.column}`)).toEqual(['10003:8'])
  })

  it('a 256 KiB Dockerfile of 8,900 short instructions is analysed in time', async () => {
    // Per-instruction work must stay linear: a rule that looks at the whole stage for every RUN shows here.
    const block = 'RUN mkdir -p /app/data && chmod 755 /app/data\nLABEL version="1.0"\nCOPY app.tar.gz /tmp/\n'
    const text = 'FROM alpine:3.19\n' + block.repeat(Math.floor((256 * 1024) / block.length)) + 'RUN sudo id\n'
    const lines = text.split('\n').length - 1
    const outcome = await scanHostile('256 KiB of short instructions', 'many/Dockerfile', text)
    expectContained(outcome)
    // Analysed to its last line, or (with a lower size cap) reported as too large to analyse.
    const tooLarge = invalid(outcome, 'DF023')
    if (tooLarge.length > 0) expect(tooLarge).toEqual(['1:1 medium'])
    else expect(outcome.own.filter((f) => f.ruleId === 'DF002').map((f) => f.line)).toEqual([lines])
  })

  it('binary garbage named Dockerfile is reported as invalid', async () => {
    const bytes = garbage(64 * 1024, 0x2545f491)
    bytes[100] = 0 // certainly binary, whatever the seed
    const outcome = await scanHostile('binary named Dockerfile', 'bin/Dockerfile', bytes)
    expectContained(outcome)
    expect(invalid(outcome, 'DF023')).toHaveLength(1)
  })

  it('invalid UTF-8 is reported as invalid at the line of the first bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('FROM alpine:3.19\nRUN echo ok\nRUN echo '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('\n')])
    const outcome = await scanHostile('invalid UTF-8', 'utf8/Dockerfile', bytes)
    expectContained(outcome)
    expect(invalid(outcome, 'DF023')).toEqual(['3:1 medium'])
  })

  it('20,000 nested $( are reported as invalid in time', async () => {
    const text = 'FROM alpine:3.19\nRUN echo ' + '$('.repeat(20000) + 'id' + ')'.repeat(20000) + '\nRUN sudo id\n'
    const outcome = await scanHostile('20,000 nested $(', 'nested/Dockerfile', text)
    expectContained(outcome)
    expect(invalid(outcome, 'DF023').map((f) => f.split(':')[0])).toEqual(['2'])
    expect(outcome.own.filter((f) => f.ruleId === 'DF002').map((f) => f.line)).toEqual([3])
  })

  // tree-sitter-bash recovers from these in superlinear time and memory (8 KiB of `a)` 1.3 s; 60 KB of `a|`
  // exhaust its 2 GiB of WebAssembly memory and abort it, after which nothing could be parsed any more).
  it.each([
    ['a)', 'CMD', 30000],
    ['a|', 'RUN', 30000],
    ['a@', 'CMD', 30000],
    ['a)', 'RUN', 2000],
    ['a|', 'RUN', 2000],
    ['a@', 'RUN', 2000]
  ])('shell text the parser recovers from slowly (%s in a %s, %d times) is given up, reported, and the file analysed', async (unit, keyword, count) => {
    const text = `FROM alpine:3.19\n${keyword} ${unit.repeat(count)}\nRUN sudo id\n`
    const name = `${unit} x ${count} in ${keyword}`
    const outcome = await scanHostile(name, `recovery/${keyword}-${count}-${[...unit].map((c) => c.charCodeAt(0)).join('-')}/Dockerfile`, text)
    expectContained(outcome)
    expect(outcome.own.filter((f) => f.ruleId === 'DF002').map((f) => f.line)).toEqual([3])
    const df023 = outcome.own.filter((f) => f.ruleId === 'DF023')
    expect(df023.map((f) => f.line)).toEqual([2])
  })

  it('a file of many slow shell texts stops parsing them at its budget, reports each, and stays in time', async () => {
    const runs = Array.from({ length: 25 }, (_, i) => `RUN ${'a)'.repeat(2000)} ${i}`)
    const text = ['FROM alpine:3.19', ...runs, 'RUN sudo id', ''].join('\n')
    const outcome = await scanHostile('25 RUNs of 4 KB a)', 'budget/Dockerfile', text)
    expectContained(outcome)
    const df023 = outcome.own.filter((f) => f.ruleId === 'DF023')
    expect(df023.map((f) => f.line)).toEqual([...Array.from({ length: 25 }, (_, i) => i + 2), 27])
    expect(df023.some((f) => f.message.includes('too costly to parse'))).toBe(true)
    expect(df023.at(-1)!.message).toContain("used up their")
  })

  it("proving fixes in a file of slow shell texts shares one file's budget across its proof scans", async () => {
    // Each proof scans the fixed file again (up to 64 times); texts left unparsed at the budget would be tried
    // again in each, and each scan had a budget of its own.
    const slow = Array.from({ length: 20 }, (_, i) => `RUN ${'a)'.repeat(2000)} ${i}`)
    const fixable = Array.from({ length: 12 }, (_, i) => `RUN curl -k https://example.com/${i} -o /tmp/${i}`)
    const text = ['FROM alpine:3.19', ...fixable, ...slow, 'RUN sudo id', ''].join('\n')
    forgetShellParses()
    const started = performance.now()
    const result = await scan([{ path: 'proofs/Dockerfile', content: Buffer.from(text) }], { fixes: true })
    const ms = performance.now() - started
    timings.push({ name: 'fix proofs over 20 slow RUNs', bytes: text.length, ms, findings: summary(result.findings) })
    // The file's analysis and its proofs: a budget each (0.75 s), plus the deadline and the rules.
    expect(ms).toBeLessThan(2 * BUDGET_MS + 500)
    expect(result.findings.filter((f) => /internal error/i.test(f.message))).toEqual([])
    expect(result.findings.filter((f) => f.ruleId === 'DF004').map((f) => f.line)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2))
  })

  it('an entrypoint script the parser recovers from slowly is given up within the file\'s budget', async () => {
    // Rules follow ENTRYPOINT into the script COPY'd there (privileges.ts): its parse counts against the file.
    const inputs = (i: number): InputFile[] => [
      { path: `entry${i}/Dockerfile`, content: Buffer.from('FROM alpine:3.19\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n') },
      { path: `entry${i}/e.sh`, content: Buffer.from(`#!/bin/sh\n${'a|'.repeat(30000)} ${i}\n${'a)'.repeat(2000)}\n`) }
    ]
    forgetShellParses()
    const started = performance.now()
    const result = await scan([...inputs(1), { path: 'ok/Dockerfile', content: Buffer.from(COMPANION_DOCKERFILE) }])
    const ms = performance.now() - started
    timings.push({ name: 'entrypoint script of a| and a)', bytes: 64034, ms, findings: summary(result.findings.filter((f) => f.file.startsWith('entry'))) })
    expect(ms).toBeLessThan(BUDGET_MS)
    expect(result.findings.filter((f) => /internal error/i.test(f.message))).toEqual([])
    expect(result.findings.filter((f) => f.file === 'ok/Dockerfile' && f.ruleId === 'DF002').map((f) => f.line)).toEqual([2])
  })

  it('a RUN with 100,000 && on one line is analysed or reported, in time', async () => {
    const text = 'FROM alpine:3.19\nRUN ' + Array.from({ length: 100001 }, () => 'true').join(' && ') + '\nRUN sudo id\n'
    const outcome = await scanHostile('100,000 && on one line', 'chain/Dockerfile', text)
    expectContained(outcome)
    expect(outcome.own.filter((f) => f.ruleId === 'DF002').map((f) => f.line)).toEqual([3])
  })

  it('a RUN of 7,000 commands (56 KB, small enough to be parsed) is analysed in time', async () => {
    // Under every size cap, so every rule walks the 7,000 commands: a rule quadratic in the commands of
    // a RUN shows here.
    const text = 'FROM alpine:3.19\nRUN ' + Array.from({ length: 7000 }, () => 'true').join(' && ') + ' && sudo id\n'
    const outcome = await scanHostile('7,000 commands in one RUN', 'commands/Dockerfile', text)
    expectContained(outcome)
    expect(outcome.own.filter((f) => f.ruleId === 'DF002').map((f) => `${f.line}:${f.column}`)).toEqual([`2:${text.indexOf('sudo') - 16}`])
    expect(invalid(outcome, 'DF023')).toEqual([])
  })
})

describe('hostile Compose files (spec: DC021 or a clear per-file error within a second, the others still scanned)', () => {
  it('invalid YAML is reported as DC021 at the line where it breaks', async () => {
    const text = 'services:\n  web:\n    image: nginx:1.25\n    ports: [80:80\n  db:\n    image: postgres:16\n'
    const outcome = await scanHostile('invalid YAML', 'bad/compose.yaml', text)
    expectContained(outcome)
    expect(invalid(outcome, 'DC021')).toHaveLength(1)
    expect(Number(invalid(outcome, 'DC021')[0].split(':')[0])).toBeGreaterThanOrEqual(4)
  })

  it('an alias bomb (billion laughs) is analysed or reported as DC021 in time', async () => {
    const levels = ['  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for (let i = 1; i < 10; i++) levels.push(`  a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`)
    const text = `x-bomb:\n${levels.join('\n')}\nservices:\n  web:\n    image: nginx:1.25\n    command: *a9\n    environment: *a9\n`
    const outcome = await scanHostile('alias bomb', 'bomb/compose.yaml', text)
    expectContained(outcome)
    expect(outcome.own.length).toBeLessThan(1000)
  })

  it('1,000-deep nesting is analysed or reported as DC021 in time', async () => {
    let nested = ''
    for (let depth = 0; depth < 1000; depth++) nested += `${' '.repeat(6 + 2 * depth)}k${depth}:\n`
    const block = `services:\n  web:\n    image: nginx:1.25\n    x-deep:\n${nested}${' '.repeat(2006)}leaf: x\n`
    const flow = `services:\n  db:\n    image: postgres:16\n    command: ${'['.repeat(1000)}x${']'.repeat(1000)}\n`
    for (const [name, path, content] of [
      ['1,000-deep block nesting', 'deep/compose.yaml', block],
      ['1,000-deep flow nesting', 'deepflow/compose.yaml', flow]
    ]) {
      const outcome = await scanHostile(name, path, content)
      expectContained(outcome)
    }
  })

  it('a 5 MB Compose file is reported as DC021 (over the size cap)', async () => {
    const service = (i: number) => `  svc${i}:\n    image: nginx:1.25\n    environment:\n      - KEY_${i}=value\n`
    let text = 'services:\n'
    for (let i = 0; text.length < 5 * MB; i++) text += service(i)
    const outcome = await scanHostile('5 MB Compose file', 'big/compose.yaml', text)
    expectContained(outcome)
    expect(invalid(outcome, 'DC021')).toEqual(['1:1 medium'])
  })

  it('a 512 KiB Compose file of 3,700 services is analysed in time', async () => {
    const service = (i: number) =>
      `  svc${i}:\n    image: nginx:1.25\n    ports:\n      - "8${String(i).padStart(3, '0')}:80"\n    environment:\n      - NAME_${i}=value\n    volumes:\n      - ./data/${i}:/data\n`
    let text = 'services:\n'
    for (let i = 0; text.length < 512 * 1024; i++) text += service(i)
    text += '  last:\n    image: nginx:1.25\n    privileged: true\n'
    const lines = text.split('\n').length - 1
    const outcome = await scanHostile('512 KiB Compose file', 'many/compose.yaml', text)
    expectContained(outcome)
    // Analysed (DC001 on the last service), or (with a lower size cap) reported as too large at line 1.
    const tooLarge = invalid(outcome, 'DC021')
    if (tooLarge.length > 0) expect(tooLarge).toEqual(['1:1 medium'])
    else expect(outcome.own.filter((f) => f.ruleId === 'DC001').map((f) => f.line)).toEqual([lines])
  })

  it('binary garbage named compose.yaml is reported as DC021', async () => {
    const bytes = garbage(64 * 1024, 0x1b873593)
    bytes[10] = 0
    const outcome = await scanHostile('binary named compose.yaml', 'bin/compose.yaml', bytes)
    expectContained(outcome)
    expect(invalid(outcome, 'DC021')).toHaveLength(1)
  })
})
