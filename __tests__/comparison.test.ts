import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { allRules } from '../src/core/registry.js'

/** The README's comparison table: our column says what the registry holds. */

const readme = readFileSync(join(import.meta.dirname ?? '.', '..', 'README.md'), 'utf8')
const section = readme.slice(readme.indexOf('## How it compares'), readme.indexOf('## The CLI'))
const rows = section
  .split('\n')
  .filter((line) => line.startsWith('| ') && !line.startsWith('| |'))
  .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))
const header = section.split('\n').find((line) => line.startsWith('| |'))!.split('|').slice(1, -1).map((c) => c.trim())
const ours = (label: string) => {
  const row = rows.find((r) => r[0].startsWith(label))
  if (!row) throw new Error(`no row "${label}"`)
  return row[header.indexOf('Containment')]
}

function rulesWithPrefix(prefix: string) {
  const ids = allRules.map((r) => r.id).filter((id) => id.startsWith(prefix))
  return { count: ids.length, first: ids[0], last: ids[ids.length - 1] }
}

describe('README comparison table', () => {
  it('compares with hadolint, Trivy, Checkov, KICS and dclint', () => {
    expect(header).toEqual(['', 'Containment', 'hadolint', 'Trivy (misconfiguration)', 'Checkov', 'KICS', 'dclint'])
    for (const row of rows) expect(row).toHaveLength(header.length)
  })

  it.each([
    ['Dockerfile rules', 'DF'],
    ['Compose rules', 'DC']
  ])('"%s" counts the registry rules and names their range', (label, prefix) => {
    const { count, first, last } = rulesWithPrefix(prefix)
    expect(ours(label)).toBe(`${count} (${first}–${last})`)
  })

  it('counts the cross-file rules', () => {
    const { count, first } = rulesWithPrefix('DX')
    expect(ours('Compose file and the Dockerfile it builds')).toMatch(new RegExp(`^${count} cross-file rules? \\(${first}\\)`))
  })

  it('lists the tools whose suppressions apply: those our rules name equivalents in', () => {
    const tools = ['hadolint', 'trivy', 'checkov', 'kics', 'dclint'].filter((tool) => allRules.some((r) => (r.equivalents as Record<string, string[] | undefined>)[tool]?.length))
    expect(ours('Their suppressions honoured here').toLowerCase()).toBe(`${tools.join(', ')} (for the equivalent rules)`)
  })

  it('the counts of the areas add up to the whole catalog (no rule outside DF, DC, DX, CT)', () => {
    const areas = ['DF', 'DC', 'DX', 'CT'].map((p) => rulesWithPrefix(p).count)
    expect(areas.reduce((a, b) => a + b, 0)).toBe(allRules.length)
  })
})
