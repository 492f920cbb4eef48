import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { goValue, type GoValue } from '../../src/compose/yaml-values.js'
import { parseYaml } from '../../src/compose/yaml.js'

/**
 * The product's YAML layer against go-yaml v3 (what Docker Compose reads YAML with), on the table that
 * scripts/yaml-diff/generate.mjs recorded from the Go harness: generated edge cases and the corpus.
 * Each case must agree on accept/reject and, when accepted, on the value tree; the cases where the
 * product still disagrees are listed, with the reason, in known-differences.json, and the list must be
 * exact (a case that starts agreeing is taken off it).
 * YAML_DIFF_REPORT=1 prints the agreement figures. YAML_DIFF_TABLE=<path> checks another table of the
 * same format instead, with no known differences (scripts/yaml-diff/mutate.mjs writes one of mutants).
 */
interface Case {
  name: string
  input: string
  expected: { ok: boolean; error?: string; documents: GoValue[] }
}

const dir = new URL('../fixtures/yaml-differential/', import.meta.url)
const other = process.env.YAML_DIFF_TABLE
const table = JSON.parse(readFileSync(other ?? new URL('table.json', dir), 'utf8')) as { cases: Case[] }
const known = other ? {} : (JSON.parse(readFileSync(new URL('known-differences.json', dir), 'utf8')) as Record<string, string>)

function product(input: string): { ok: boolean; documents: GoValue[]; problem?: string } {
  const parse = parseYaml(input)
  if (parse.fatal || parse.problems.length > 0) return { ok: false, documents: [], problem: parse.problems[0]?.message }
  return { ok: true, documents: parse.documents.map((d) => goValue(d.root)) }
}

const results = table.cases.map((c) => {
  const got = product(c.input)
  const verdict = got.ok === c.expected.ok
  const tree = verdict && (!got.ok || JSON.stringify(got.documents) === JSON.stringify(c.expected.documents))
  return { c, got, verdict, tree }
})

describe('YAML as Docker Compose reads it (go-yaml v3 differential)', () => {
  it('covers at least 1,000 generated edge cases and the corpus', () => {
    if (other) return
    expect(table.cases.filter((c) => !c.name.startsWith('corpus ')).length).toBeGreaterThanOrEqual(1000)
  })

  it('agrees with go-yaml on accept/reject and the value tree, except the listed differences', () => {
    const disagreeing = results.filter((r) => !r.tree).map((r) => r.c.name)
    if (process.env.YAML_DIFF_REPORT) {
      const corpus = results.filter((r) => r.c.name.startsWith('corpus '))
      const line = (rs: typeof results) =>
        `${rs.length} cases, accept/reject agree ${rs.filter((r) => r.verdict).length}, value tree agree ${rs.filter((r) => r.tree).length}, ` +
        `product accepts what go-yaml refuses ${rs.filter((r) => r.got.ok && !r.c.expected.ok).length}`
      console.log(
        [`all: ${line(results)}`, `generated: ${line(results.filter((r) => !r.c.name.startsWith('corpus ')))}`, `corpus: ${line(corpus)}`]
          .concat(results.filter((r) => !r.tree).map((r) => `  differs: ${r.c.name} (go ${r.c.expected.ok ? 'accepts' : 'rejects: ' + r.c.expected.error}; product ${r.got.ok ? 'accepts' : 'rejects: ' + r.got.problem})`))
          .join('\n')
      )
    }
    expect(disagreeing.sort()).toEqual(Object.keys(known).sort())
  })

  it('accepts what go-yaml accepts in every corpus file', () => {
    const rejected = results.filter((r) => r.c.name.startsWith('corpus ') && r.c.expected.ok && !r.got.ok).map((r) => r.c.name)
    expect(rejected).toEqual([])
  })
})
