import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { allRules } from '../src/core/registry.js'

const root = join(import.meta.dirname ?? '.', '..')
const specPath = join(root, '..', 'shared', 'RULES.md')

/** ID, slug and default severity of every rule in the specification's tables. */
function specRules(): Array<{ id: string; slug: string; severity: string }> {
  const rows = readFileSync(specPath, 'utf8').split('\n')
  return rows
    .map((row) => /^\| (D[FCX]\d{3}) \| ([a-z0-9-]+) \| (\w+) \|/.exec(row))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, id, slug, severity]) => ({ id, slug, severity }))
}

describe('the rule catalog', () => {
  it.each(allRules.map((r) => [r.id, r] as const))('%s has complete metadata and a documentation page', (id, rule) => {
    expect(rule.title).not.toMatch(/TODO/)
    expect(rule.rationale.length).toBeGreaterThan(20)
    expect(rule.fix.length).toBeGreaterThan(10)
    expect(rule.rationale).not.toMatch(/TODO/)
    expect(rule.principles.length).toBeGreaterThan(0)
    const page = join(root, 'docs', 'rules', `${id}.md`)
    expect(existsSync(page)).toBe(true)
    const text = readFileSync(page, 'utf8')
    expect(text.split('\n')[0]).toContain(id)
    expect(text).toContain(rule.slug)
  })

  const spec = existsSync(specPath) ? specRules() : []
  if (spec.length === 0) it.skip('matches the specification (../shared/RULES.md is not beside the checkout)', () => {})
  else {
    it.each(spec.map((r) => [r.id, r] as const))('%s matches the specification (id, slug, severity)', (id, expected) => {
      const rule = allRules.find((r) => r.id === id)
      expect(rule).toBeDefined()
      expect({ id: rule?.id, slug: rule?.slug, severity: rule?.severity }).toEqual(expected)
    })
  }

  it('has unique IDs and slugs', () => {
    expect(new Set(allRules.map((r) => r.id)).size).toBe(allRules.length)
    expect(new Set(allRules.map((r) => r.slug + r.id.slice(0, 2))).size).toBe(allRules.length)
  })
})

describe('README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  it.each(allRules.map((r) => [r.id, r] as const))('lists %s with its slug, severity and title', (id, rule) => {
    expect(readme).toContain(`| [${id}](docs/rules/${id}.md) | ${rule.slug} | ${rule.severity} | ${rule.title} |`)
  })
})

describe('automatic fixes in the documentation', () => {
  it.each(allRules.map((r) => [r.id, r] as const))('%s says whether it has a fix and of which class', (id, rule) => {
    const text = readFileSync(join(root, 'docs', 'rules', `${id}.md`), 'utf8')
    const section = /## Automatic fix\n\n([\s\S]*?)(?=\n## |$)/.exec(text)?.[1] ?? ''
    if (!rule.autofix) {
      expect(section).toMatch(/^None/)
      return
    }
    for (const fix of rule.autofix) expect(section).toContain(`**${fix.safety}**`)
    for (const fix of rule.autofix) expect(section).toContain(fix.what)
  })
})
