import { beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { DYNAMIC, UNPROVEN } from './regex-allowlist.js'
import { findRegexes, ROOT, type DynamicRegex, type FoundRegex, type StaticRegex } from './regex-inventory.js'

/**
 * Every regular expression in src/ runs in linear time (docs/ARCHITECTURE.md, SECURITY.md). The inventory
 * comes from the TypeScript compiler: regex literals, RegExp constructions, strings handed to
 * match/matchAll/search. Each static one is checked with recheck: it must be proven safe by the automaton
 * checker, or be on the UNPROVEN list with the reason it is linear (and fuzzing must have found no attack).
 * Each dynamic one must be on the DYNAMIC list. Both lists are ratchets.
 */

/** recheck's verdict on one expression, as recheck-verdicts.mjs gives it. */
export type Verdict = { relaxed: boolean } & (
  | { status: 'safe'; checker: 'automaton' | 'fuzz'; complexity: string }
  | { status: 'vulnerable'; checker: 'automaton' | 'fuzz'; complexity: string; attack: { pattern: string; prefix: string; pump: string; suffix: string } }
  | { status: 'unknown'; error: string }
)

const WORKER = join(import.meta.dirname, 'recheck-verdicts.mjs')

/**
 * recheck's verdicts, computed in child processes (recheck runs about five times slower inside Jest's VM
 * modules), the expressions dealt round-robin to one process per two cores.
 */
async function recheck(list: Array<{ source: string; flags: string }>): Promise<Verdict[]> {
  // Half the cores: the rest of the suite runs beside it, and some of its tests keep wall-clock budgets.
  const parts = Math.max(1, Math.min(Math.floor(availableParallelism() / 2), 4, list.length))
  const shares = Array.from({ length: parts }, (_, part) => list.filter((_, i) => i % parts === part))
  const results = await Promise.all(shares.map(runWorker))
  return list.map((_, i) => results[i % parts][Math.floor(i / parts)])
}

function runWorker(share: Array<{ source: string; flags: string }>): Promise<Verdict[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER], { stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as Verdict[]) : reject(new Error(`recheck-verdicts.mjs exited ${code}: ${err}`))))
    child.stdin.end(JSON.stringify(share))
  })
}

interface Checked {
  regex: StaticRegex
  verdict: Verdict
}

const label = (r: StaticRegex): string => `/${r.source}/${r.flags}`
const where = (r: FoundRegex): string => `${r.file}:${r.line}:${r.column}`

/** Checks each distinct source and flags once. */
async function checkAll(regexes: StaticRegex[]): Promise<Checked[]> {
  const distinct = [...new Map(regexes.map((r) => [label(r), { source: r.source, flags: r.flags }])).values()]
  const verdicts = await recheck(distinct)
  const byLabel = new Map(distinct.map((r, i) => [`/${r.source}/${r.flags}`, verdicts[i]]))
  return regexes.map((regex) => ({ regex, verdict: byLabel.get(label(regex))! }))
}

/** What the test requires of checked expressions: the failures, one line each. */
function problems(checked: Checked[], unproven: Record<string, string>): string[] {
  const out: string[] = []
  for (const { regex, verdict: v } of checked) {
    const name = `${where(regex)} ${label(regex)}`
    if (v.status === 'vulnerable') out.push(`${name} is ${v.complexity} (${v.checker}); attack: ${v.attack.pattern}`)
    else if (v.status === 'unknown' && !unproven[label(regex)]) out.push(`${name}: recheck cannot tell (${v.error}); rewrite it or allow-list it with a reason`)
    else if (v.status === 'safe' && v.checker === 'fuzz' && !unproven[label(regex)]) out.push(`${name}: only fuzzed, not proven; rewrite it or allow-list it with a reason`)
  }
  return out
}

/** Allow-list entries that match nothing, or an expression now proven safe. */
function staleUnproven(checked: Checked[], unproven: Record<string, string>): string[] {
  return Object.keys(unproven).filter(
    (key) => !checked.some((c) => label(c.regex) === key && !(c.verdict.status === 'safe' && c.verdict.checker === 'automaton'))
  )
}

function dynamicProblems(dynamic: DynamicRegex[], allowed: Record<string, string>): string[] {
  const keys = new Set(dynamic.map((d) => d.key))
  return [
    ...dynamic.filter((d) => !allowed[d.key]).map((d) => `${where(d)} builds a RegExp at run time; list "${d.key}" in DYNAMIC with why it is linear`),
    ...Object.keys(allowed).filter((key) => !keys.has(key)).map((key) => `DYNAMIC lists "${key}", which no longer exists: remove it`)
  ]
}

describe('every regex in src/ is linear-time', () => {
  const found = findRegexes()
  const statics = found.filter((r): r is StaticRegex => r.kind === 'static')
  const dynamics = found.filter((r): r is DynamicRegex => r.kind === 'dynamic')

  it('finds the regexes of src/ with the TypeScript compiler', () => {
    // A floor, so that a broken inventory cannot pass by finding nothing.
    expect(statics.length).toBeGreaterThan(250)
    expect(new Set(statics.map((r) => r.file)).size).toBeGreaterThan(40)
  })

  let checked: Checked[] = []
  let seconds = 0
  beforeAll(async () => {
    const started = performance.now()
    checked = await checkAll(statics)
    seconds = (performance.now() - started) / 1000
  }, 300_000)

  it('proves each static one safe with recheck, or allow-lists it with a reason', () => {
    const distinct = new Set(statics.map(label)).size
    const byChecker = { automaton: 0, fuzz: 0, unknown: 0, vulnerable: 0 }
    for (const c of checked) {
      if (c.verdict.status === 'safe') byChecker[c.verdict.checker]++
      else byChecker[c.verdict.status]++
    }
    const relaxed = checked.filter((c) => c.verdict.relaxed).length
    console.info(
      `regexes in src/: ${found.length} found (${statics.length} static, ${distinct} distinct; ${dynamics.length} dynamic); ` +
        `recheck: ${byChecker.automaton} proven safe by the automaton checker (${relaxed} with large counted repetitions relaxed), ` +
        `${byChecker.fuzz} fuzzed only (allow-listed), ${byChecker.unknown} unknown, ${byChecker.vulnerable} vulnerable; ` +
        `${seconds.toFixed(1)} s`
    )
    expect(problems(checked, UNPROVEN)).toEqual([])
    expect(staleUnproven(checked, UNPROVEN)).toEqual([])
  })

  it('allow-lists each dynamic one with a reason, and lists nothing that is gone', () => {
    expect(dynamicProblems(dynamics, DYNAMIC)).toEqual([])
    for (const reason of [...Object.values(DYNAMIC), ...Object.values(UNPROVEN)]) expect(reason.length).toBeGreaterThan(40)
  })
})

describe('the check fails when it should', () => {
  const fixture = join(ROOT, '__tests__', 'fixtures', 'regex', 'vulnerable.ts')
  const found = findRegexes([fixture])
  const statics = found.filter((r): r is StaticRegex => r.kind === 'static')
  const dynamics = found.filter((r): r is DynamicRegex => r.kind === 'dynamic')

  it('finds literals, constructions and implicit patterns', () => {
    expect(statics.map((r) => `${r.form} ${label(r)}`)).toEqual([
      'literal /(a+)+$/',
      'constructor /\\s*#\\s*(.*?)\\s*$/',
      'literal /^[a-z]{1,4096}$/',
      'implicit /(x|x)*y/'
    ])
    expect(dynamics.map((d) => d.key)).toEqual([
      '__tests__/fixtures/regex/vulnerable.ts#built: new RegExp(`^${name}=`, \'i\')',
      '__tests__/fixtures/regex/vulnerable.ts#implicit: text.search(pattern)'
    ])
  })

  it('rejects the vulnerable ones with an attack string, passes the safe one', async () => {
    const failures = problems(await checkAll(statics), {})
    expect(failures).toHaveLength(3)
    expect(failures[0]).toMatch(/\/\(a\+\)\+\$\/ is exponential .*attack: 'a'/)
    expect(failures[1]).toMatch(/polynomial/)
    expect(failures[2]).toMatch(/\(x\|x\)\*y\/ is exponential/)
  })

  it('rejects unlisted dynamic ones and stale entries', () => {
    expect(dynamicProblems(dynamics, { 'gone.ts#f: new RegExp(x)': 'it was built from escaped literals only, once' })).toEqual([
      expect.stringMatching(/vulnerable\.ts:7:10 builds a RegExp at run time/),
      expect.stringMatching(/vulnerable\.ts:11:10 builds a RegExp at run time/),
      'DYNAMIC lists "gone.ts#f: new RegExp(x)", which no longer exists: remove it'
    ])
    expect(staleUnproven([], { '/x/': 'reason' })).toEqual(['/x/'])
  })
})
