import { beforeAll, describe, expect, it } from '@jest/globals'
import { initShellParser } from '../../../src/shell/tree-sitter.js'
import { readFileSync } from 'node:fs'
import { ASPECTS, actualProjection, disagreements, expectedProjection, parityCases, type Aspect } from './parity.js'

beforeAll(() => initShellParser())

const cases = parityCases()

/**
 * Where the product differs from BuildKit today (docs/ARCHITECTURE.md, "Dockerfiles as BuildKit reads
 * them"): a ratchet. A new disagreement fails, and so does a gap that closes until it is removed from
 * known-gaps.json. Not all of these are examined yet; most are aspects no rule reads (see the doc).
 */
const KNOWN_GAPS = JSON.parse(readFileSync(new URL('./known-gaps.json', import.meta.url), 'utf8')) as Record<string, Aspect[]>

describe('Dockerfile model agrees with BuildKit (table.json)', () => {
  it('holds cases from BuildKit\'s own tests and cases written from its parser', () => {
    expect(cases.filter((c) => c.origin === 'buildkit').length).toBeGreaterThanOrEqual(100)
    expect(cases.filter((c) => c.origin === 'own').length).toBeGreaterThanOrEqual(80)
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length)
  })

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const differing = disagreements(c)
    if (JSON.stringify(differing) !== JSON.stringify(KNOWN_GAPS[c.id] ?? [])) {
      const expected = expectedProjection(c.buildkit)
      const actual = actualProjection(c)
      for (const aspect of differing) expect({ aspect, value: actual[aspect] }).toEqual({ aspect, value: expected[aspect] })
    }
    expect(differing).toEqual(KNOWN_GAPS[c.id] ?? [])
  })

  it('reports agreement per aspect', () => {
    const rows = ASPECTS.map((aspect) => {
      const compared = cases.filter((c) => aspect === 'errors' || !c.buildkit.parseError)
      const agreeing = compared.filter((c) => !disagreements(c).includes(aspect))
      return `${aspect}: ${agreeing.length}/${compared.length}`
    })
    const agreeing = cases.filter((c) => disagreements(c).length === 0).length
    if (process.env.PARITY_REPORT) process.stdout.write(`cases agreeing on every aspect: ${agreeing}/${cases.length}\n${rows.join('\n')}\n`)
    expect(agreeing).toBe(cases.length - Object.keys(KNOWN_GAPS).length)
  })
})
