import { describe, expect, it } from '@jest/globals'
import { readFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VERSION } from '../../src/version.js'
import { run, tree } from './cli-helpers.js'

const SUDO = 'FROM alpine:3.20\nRUN sudo apk add curl\n'

describe('containment scan', () => {
  it('walks directories, skips .git and node_modules, and prints exactly {findings, files} as JSON', async () => {
    const root = tree({
      'app/Dockerfile': SUDO,
      'node_modules/pkg/Dockerfile': SUDO,
      '.git/Dockerfile': SUDO,
      'README.md': 'sudo'
    })
    const { code, stdout } = await run(['scan', '.', '--format', 'json'], root)
    const output = JSON.parse(stdout)
    expect(Object.keys(output).sort()).toEqual(['files', 'findings'])
    expect(output.files).toBe(1)
    const sudo = output.findings.filter((f: { ruleId: string }) => f.ruleId === 'DF002')
    expect(sudo).toHaveLength(1)
    expect(sudo[0]).toMatchObject({ file: 'app/Dockerfile', line: 2, column: 5, severity: 'high' })
    expect(code).toBe(1)
  })

  it('recognises Dockerfile and Containerfile name variants, case-insensitively', async () => {
    const names = ['Dockerfile', 'dockerfile.dev', 'api.Dockerfile', 'web.dockerfile', 'Containerfile', 'Containerfile.ci', 'DOCKERFILE']
    const root = tree(Object.fromEntries(names.map((n, i) => [`d${i}/${n}`, SUDO])))
    const { stdout } = await run(['scan', '--format', 'json'], root)
    expect(JSON.parse(stdout).files).toBe(names.length)
  })

  it('analyses a file named explicitly whatever its name', async () => {
    const root = tree({ 'build/base.txt': SUDO })
    const { stdout } = await run(['scan', 'build/base.txt', '--format', 'json'], root)
    const output = JSON.parse(stdout)
    expect(output.files).toBe(1)
    expect(output.findings.some((f: { ruleId: string }) => f.ruleId === 'DF002')).toBe(true)
  })

  it('reports file paths relative to the current directory, also for targets outside it', async () => {
    const root = tree({ 'a/Dockerfile': SUDO, 'b/.keep': '' })
    const { stdout } = await run(['scan', '../a', '--format', 'json'], join(root, 'b'))
    expect(JSON.parse(stdout).findings[0].file).toBe('../a/Dockerfile')
  })

  it('exits 0 when nothing reaches --fail-on, 1 when something does', async () => {
    const root = tree({ Dockerfile: SUDO })
    expect((await run(['scan', '--fail-on', 'critical'], root)).code).toBe(0)
    expect((await run(['scan', '--fail-on', 'high'], root)).code).toBe(1)
    expect((await run(['scan', '--fail-on', 'never'], root)).code).toBe(0)
  })

  it('prints text grouped by file with file:line:col, severity, rule and message, and a count', async () => {
    const root = tree({ Dockerfile: SUDO })
    const { stdout } = await run(['scan'], root)
    expect(stdout).toContain('Dockerfile:2:5  high     DF002  RUN invokes "sudo"')
    expect(stdout).toMatch(/findings: 2 high, \d+ info \(1 file scanned\)/)
    expect(stdout).not.toContain('\x1b[')
  })

  it('counts info findings without listing them unless --all', async () => {
    const root = tree({ Dockerfile: SUDO })
    const quiet = await run(['scan'], root)
    expect(quiet.stdout).not.toContain(' info     DF009')
    expect(quiet.stdout).toMatch(/info findings? not listed \(.*DF009 ×1.*\); --all lists them/)
    expect((await run(['scan', '--all'], root)).stdout).toContain(' info     DF009')
  })

  it('makes control characters from scanned files visible in text output', async () => {
    const root = tree({ 'Dockerfile\x1b[31m': SUDO })
    const { stdout } = await run(['scan', 'Dockerfile\x1b[31m'], root)
    expect(stdout).not.toContain('\x1b[31m')
    expect(stdout).toContain('\\x1b[31m')
  })

  it('does not follow a symbolic link out of the tree', async () => {
    const outside = tree({ Dockerfile: SUDO })
    const root = tree({ 'x/.keep': '' })
    symlinkSync(outside, join(root, 'x', 'link'))
    const { stdout } = await run(['scan', '--format', 'json'], root)
    expect(JSON.parse(stdout).files).toBe(0)
  })

  it('prints usage for --help after a command', async () => {
    const { code, stdout } = await run(['scan', '--help'], tmpdir())
    expect(code).toBe(0)
    expect(stdout).toContain('containment scan')
  })

  it('exits 2 on usage errors and unreadable paths', async () => {
    const root = tree({})
    expect((await run(['scan', '--format', 'xml'], root)).code).toBe(2)
    expect((await run(['scan', '--bogus', 'x'], root)).code).toBe(2)
    expect((await run(['frobnicate'], root)).code).toBe(2)
    const missing = await run(['scan', 'does-not-exist'], root)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('does-not-exist')
  })
})

describe('containment scan --format sarif', () => {
  it('prints one SARIF 2.1.0 run with the catalog and suppressed findings marked', async () => {
    const root = tree({ Dockerfile: 'FROM alpine:3.20\n# containment-ignore DF002: vendor base image\nRUN sudo ls\nRUN sudo id\n' })
    const { stdout } = await run(['scan', '--format', 'sarif'], root)
    const sarif = JSON.parse(stdout)
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs).toHaveLength(1)
    const sudo = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'DF002')
    expect(sudo.map((r: { locations: Array<{ physicalLocation: { region: { startLine: number } } }> }) => r.locations[0].physicalLocation.region.startLine)).toEqual([3, 4])
    expect(sudo[0].suppressions).toEqual([{ kind: 'inSource', justification: 'vendor base image (Dockerfile:2)' }])
    expect(sudo[1].suppressions).toBeUndefined()
  })
})

describe('containment rules', () => {
  it('lists the catalog with id, slug, severity, title and docs', async () => {
    const { code, stdout } = await run(['rules', '--format', 'json'], tmpdir())
    const rules = JSON.parse(stdout)
    expect(code).toBe(0)
    expect(rules.find((r: { id: string }) => r.id === 'DF002')).toMatchObject({
      slug: 'sudo',
      severity: 'high',
      title: 'sudo in RUN',
      docs: expect.stringContaining('docs/rules/DF002.md')
    })
    expect(rules.map((r: { id: string }) => r.id)).toEqual([...rules.map((r: { id: string }) => r.id)].sort())
  })
})

describe('version', () => {
  it('matches package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname ?? '.', '..', '..', 'package.json'), 'utf8'))
    expect(VERSION).toBe(pkg.version)
    expect((await run(['--version'], tmpdir())).stdout.trim()).toBe(VERSION)
  })
})

describe('containment scan with a config file', () => {
  it('reads .github/containment.yml: rule settings and fail-on apply', async () => {
    const root = tree({ Dockerfile: SUDO, '.github/containment.yml': 'fail-on: critical\nrules:\n  DF002: off\n' })
    const { code, stdout } = await run(['scan', '--format', 'json'], root)
    expect(JSON.parse(stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'DF002')).toBe(false)
    expect(code).toBe(0)
  })

  it('exits 2 with the file, line and key of an invalid config, and scans nothing', async () => {
    const root = tree({ Dockerfile: SUDO, 'ci.yml': 'fail-on: high\nrulez:\n  DF002: off\n' })
    const { code, stdout, stderr } = await run(['scan', '--config', 'ci.yml'], root)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('ci.yml:2')
    expect(stderr).toContain('rulez')
    expect(stderr).toContain('Did you mean "rules"?')
  })

  it('exits 2 when the named config file does not exist', async () => {
    const root = tree({ Dockerfile: SUDO })
    expect((await run(['scan', '--config', 'missing.yml'], root)).code).toBe(2)
  })

  it('does not list suppressed findings, and counts them', async () => {
    const root = tree({ Dockerfile: 'FROM alpine:3.20\n# containment-ignore DF002: the base image has no other way\nRUN sudo apk add curl\n' })
    const { stdout } = await run(['scan'], root)
    expect(stdout).not.toContain('DF002')
    expect(stdout).toContain('1 suppressed')
  })
})
