import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { load } from 'js-yaml'
import { defaultConfig } from '../../src/core/config.js'
import { describeConfig } from '../../src/core/config-file.js'

const root = process.cwd()
const SCHEMA = join(root, 'containment.schema.json')
const DOCS = join(root, 'docs', 'configuration.md')

function check(schema: string, docs: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'config-docs.mjs'), '--check', '--schema', schema, '--docs', docs], { encoding: 'utf8' })
  return { status: run.status, output: run.stdout + run.stderr }
}

describe('the documented config keys', () => {
  it('match the schema (run node scripts/config-docs.mjs after changing it)', () => {
    const { status, output } = check(SCHEMA, DOCS)
    expect(output).toContain('matches')
    expect(status).toBe(0)
  })

  it('match the schema in the README too', () => {
    const { status, output } = check(SCHEMA, join(root, 'README.md'))
    expect(output).toContain('matches')
    expect(status).toBe(0)
  })

  it('are reported stale when the schema changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-docs-'))
    const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'))
    schema.properties['fail-on'].description = 'Changed.'
    writeFileSync(join(dir, 'schema.json'), JSON.stringify(schema))
    const { status, output } = check(join(dir, 'schema.json'), DOCS)
    expect(output).toContain('is out of date')
    expect(status).toBe(1)
  })

  it('are every key the effective configuration has, and no other', () => {
    const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as { properties: Record<string, unknown> }
    const printed = load(describeConfig(defaultConfig())) as Record<string, unknown>
    expect(Object.keys(printed).sort()).toEqual(Object.keys(schema.properties).filter((k) => k !== '$schema').sort())
  })
})
