import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { defaultConfig } from '../../src/core/config.js'
import { scanPrepared } from '../../src/core/engine.js'
import type { Finding } from '../../src/core/finding.js'
import { allRules } from '../../src/core/registry.js'
import { MemoryWorkspace } from '../../src/core/workspace.js'
import { FINGERPRINT_KEY } from '../../src/report/fingerprint.js'
import { sarifLevel, securitySeverity, toSarif } from '../../src/report/sarif.js'
import { VERSION as TOOL_VERSION } from '../../src/version.js'
import { prepareEngine } from '../helpers.js'
import { sarifErrors } from './sarif-schema.js'

beforeAll(prepareEngine)

const files = {
  Dockerfile: 'FROM alpine:3.20\nRUN sudo apk add curl\n',
  'deploy/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n'
}

function scanned(): Finding[] {
  const inputs = Object.entries(files).map(([path, content]) => ({ path, content }))
  return scanPrepared(inputs, { config: defaultConfig(), workspace: new MemoryWorkspace(files) }).findings
}

describe('toSarif', () => {
  it('is valid SARIF 2.1.0 with every rule of the catalog and one result per finding', () => {
    const findings = scanned()
    const log = toSarif(findings, allRules, { version: TOOL_VERSION, category: 'containment' })
    expect(sarifErrors(log)).toEqual([])
    expect(log.runs).toHaveLength(1)
    const run = log.runs[0]
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(allRules.map((r) => r.id))
    expect(run.results).toHaveLength(findings.length)
    expect(run.automationDetails).toEqual({ id: 'containment/' })
  })

  it('gives each rule help, a security-severity and the security tag with its principles', () => {
    const log = toSarif([], allRules, { version: TOOL_VERSION })
    for (const rule of log.runs[0].tool.driver.rules) {
      expect(rule.help.text.length).toBeGreaterThan(20)
      expect(rule.help.markdown).toContain(`/docs/rules/${rule.id}.md`)
      expect(rule.helpUri).toMatch(/^https:\/\//)
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0)
      expect(rule.properties.tags[0]).toBe('security')
    }
    const df002 = log.runs[0].tool.driver.rules.find((r) => r.id === 'DF002')!
    expect(df002.properties.tags).toContain('principle/P2')
    expect(df002.properties['security-severity']).toBe('8.0')
    expect(df002.defaultConfiguration.level).toBe('error')
  })

  it('places results on the offending token, with a stable fingerprint', () => {
    const findings = scanned()
    const first = toSarif(findings, allRules, { version: TOOL_VERSION }).runs[0].results
    const again = toSarif(scanned(), allRules, { version: TOOL_VERSION }).runs[0].results
    const sudo = first.find((r) => r.ruleId === 'DF002')!
    expect(sudo.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 9, snippet: { text: 'sudo' } }
    })
    expect(sudo.level).toBe('error')
    expect(sudo.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/)
    expect(again.map((r) => r.partialFingerprints)).toEqual(first.map((r) => r.partialFingerprints))
    const privileged = first.find((r) => r.ruleId === 'DC001')!
    expect(privileged.locations[0].physicalLocation.artifactLocation.uri).toBe('deploy/compose.yaml')
    expect(privileged.locations[0].physicalLocation.region.startLine).toBe(4)
    expect(privileged.properties['security-severity']).toBe('9.5')
  })

  it('is a valid empty log when nothing is found', () => {
    const log = toSarif([], allRules, { version: TOOL_VERSION, category: 'matrix/linux' })
    expect(sarifErrors(log)).toEqual([])
    expect(log.runs[0].results).toEqual([])
    expect(log.runs[0].automationDetails).toEqual({ id: 'matrix/linux/' })
  })

  it('marks suppressed findings, in the file or elsewhere, and the baseline state', () => {
    const base: Finding = { ruleId: 'DF002', severity: 'high', file: 'a b/Dockerfile', line: 3, column: 5, endLine: 3, endColumn: 9, message: 'm', snippet: 'sudo' }
    const inline: Finding = { ...base, line: 4, suppression: { kind: 'inline', reason: 'build stage only', file: 'a b/Dockerfile', line: 3 } }
    const config: Finding = { ...base, line: 5, suppression: { kind: 'config', reason: 'accepted risk', file: '.containment.yml', line: 7 } }
    const log = toSarif([base, inline, config], allRules, { version: TOOL_VERSION, isNew: (f) => f === base })
    expect(sarifErrors(log)).toEqual([])
    const [a, b, c] = log.runs[0].results
    expect(a.suppressions).toBeUndefined()
    expect(a.baselineState).toBe('new')
    expect(b.suppressions).toEqual([{ kind: 'inSource', justification: 'build stage only (a b/Dockerfile:3)' }])
    expect(b.baselineState).toBe('unchanged')
    expect(c.suppressions).toEqual([{ kind: 'external', justification: 'accepted risk (.containment.yml:7)' }])
    expect(a.locations[0].physicalLocation.artifactLocation.uri).toBe('a%20b/Dockerfile')
  })

  it('describes a rule missing from the catalog instead of pointing at nothing', () => {
    const odd: Finding = { ruleId: 'ZZ999', severity: 'low', file: 'x', line: 1, column: 1, endLine: 1, endColumn: 1, message: 'odd', snippet: '' }
    const log = toSarif([odd], allRules, { version: TOOL_VERSION })
    expect(sarifErrors(log)).toEqual([])
    const result = log.runs[0].results[0]
    expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('ZZ999')
  })

  it('maps severities to levels and to GitHub security-severity bands', () => {
    expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => sarifLevel(s as never))).toEqual(['error', 'error', 'warning', 'note', 'note'])
    expect(Number(securitySeverity('critical'))).toBeGreaterThanOrEqual(9)
    expect(Number(securitySeverity('high'))).toBeGreaterThanOrEqual(7)
    expect(Number(securitySeverity('medium'))).toBeGreaterThanOrEqual(4)
    expect(Number(securitySeverity('low'))).toBeLessThan(4)
  })

  it('names the tool and the version package.json says', () => {
    const driver = toSarif([], allRules, { version: TOOL_VERSION }).runs[0].tool.driver
    expect(driver.name).toBe('Containment')
    expect(driver.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
  })
})

describe('the schema check itself', () => {
  it('rejects what is not SARIF', () => {
    expect(sarifErrors({ version: '2.1.0', runs: [{ tool: {} }] })).not.toEqual([])
    expect(sarifErrors({ version: '2.0.0', runs: [] })).not.toEqual([])
    const bad = toSarif([], allRules, { version: TOOL_VERSION }) as unknown as { runs: { results: unknown[] }[] }
    bad.runs[0].results.push({ ruleId: 'DF002', message: {}, locations: [] })
    expect(sarifErrors(bad)).not.toEqual([])
  })
})

describe('toSarif fixes', () => {
  it('carries proven fixes as artifactChanges, valid against the schema', () => {
    const inputs = Object.entries(files).map(([path, content]) => ({ path, content }))
    const findings = scanPrepared(inputs, { config: defaultConfig(), workspace: new MemoryWorkspace(files), fixes: true }).findings
    const log = toSarif(findings, allRules, { version: TOOL_VERSION })
    expect(sarifErrors(log)).toEqual([])
    const privileged = log.runs[0].results.find((r) => r.ruleId === 'DC001')!
    expect(privileged.properties.fixSafety).toBe('safe')
    expect(privileged.fixes).toEqual([
      {
        description: { text: 'Remove `privileged: true` (safe)' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'deploy/compose.yaml', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 4, startColumn: 1, endLine: 5, endColumn: 1 } }]
          }
        ]
      }
    ])
    expect(log.runs[0].results.find((r) => r.ruleId === 'DF002')!.fixes).toBeUndefined()
  })
})
