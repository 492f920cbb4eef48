import { beforeAll, describe, expect, it } from '@jest/globals'
import { classify } from '../../src/action/baseline.js'
import { verdictOf } from '../../src/action/verdict.js'
import { defaultConfig, type Config } from '../../src/core/config.js'
import { loadConfig, prepareConfigValidation } from '../../src/core/config-file.js'
import { scanPrepared } from '../../src/core/engine.js'
import type { Finding } from '../../src/core/finding.js'
import { allRules, ruleById } from '../../src/core/registry.js'
import { MemoryWorkspace } from '../../src/core/workspace.js'
import { planAnnotations } from '../../src/report/annotations.js'
import { renderComment, renderSummary } from '../../src/report/markdown.js'
import type { ReportModel } from '../../src/report/model.js'
import { toSarif } from '../../src/report/sarif.js'
import { prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)
beforeAll(prepareConfigValidation)

/**
 * Every output a suppression must reach, from one scan: the verdict, the annotations, the PR comment, the
 * job summary and SARIF. Only the rule under test stays on, so that each output shows exactly its findings.
 */
function outputs(files: Record<string, string>, ruleId: string, extra: Partial<Config> = {}) {
  const rules = Object.fromEntries(allRules.filter((r) => r.id !== ruleId && r.id !== 'CT001').map((r) => [r.id, 'off' as const]))
  const config: Config = { ...defaultConfig(), ...extra, rules }
  const workspace = new MemoryWorkspace(files)
  const inputs = Object.entries(files)
    .filter(([path]) => !path.startsWith('.'))
    .map(([path, content]) => ({ path, content }))
  const { findings } = scanPrepared(inputs, { workspace, config })
  const classified = classify(findings, undefined)
  const verdict = verdictOf(classified, config.failOn, false)
  const annotations = planAnnotations(classified.newFindings, {
    failOn: config.failOn,
    budget: { error: 10, warning: 10, notice: 10 },
    rule: ruleById,
    seeAlso: 'the job summary'
  }).annotations
  const model: ReportModel = {
    failOn: config.failOn,
    baseline: false,
    ...classified,
    scope: 'the test files',
    scannedFiles: inputs.map((i) => i.path),
    notes: [],
    links: {},
    rule: ruleById
  }
  const sarif = toSarif([...classified.newFindings, ...classified.suppressedFindings], allRules, { version: '0.0.0' })
  return {
    verdict: verdict.result,
    failing: verdict.failing.map(at),
    annotations: annotations.map((a) => `${a.file}:${a.startLine} ${a.level}`),
    comment: renderComment(model, '<!-- containment -->'),
    summary: renderSummary(model),
    sarif: sarif.runs[0].results.map((r) => `${r.locations[0].physicalLocation.region.startLine} ${JSON.stringify(r.suppressions ?? [])}`)
  }
}

const at = (f: Finding) => `${f.file}:${f.line}`

/** Markdown as a reader sees it: backslash escapes and entities undone. */
const unescape = (markdown: string) => markdown.replace(/\u200b/g, '').replace(/\\(.)/g, '$1').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

describe('a suppressed finding in every output', () => {
  const twoRuns = (comment: string) => `FROM alpine:3.19\n${comment}\nRUN sudo ./install.sh\nRUN sudo make install\n`

  it('without a suppression, both findings count everywhere', () => {
    const out = outputs({ Dockerfile: twoRuns('# nothing to see') }, 'DF002')
    expect(out.verdict).toBe('fail')
    expect(out.failing).toEqual(['Dockerfile:3', 'Dockerfile:4'])
    expect(out.annotations).toEqual(['Dockerfile:3 error', 'Dockerfile:4 error'])
    expect(out.comment).not.toContain('suppressed')
    expect(out.sarif).toEqual(['3 []', '4 []'])
  })

  it.each([
    ['# containment-ignore DF002: the vendor installer calls sudo (VENDOR-42)', 'inSource', 'the vendor installer calls sudo (VENDOR-42) (Dockerfile:2)'],
    ['# hadolint ignore=DL3004', 'inSource', '# hadolint ignore=DL3004 (no reason given) (Dockerfile:2)'],
    ['# trivy:ignore:DS-0010', 'inSource', '# trivy:ignore:DS-0010 (no reason given) (Dockerfile:2)'],
    ['# kics-scan ignore-block', 'inSource', '# kics-scan ignore-block (no reason given) (Dockerfile:2)']
  ])('"%s": the instruction below leaves the verdict, the annotations and the counts, and is listed with its reason', (comment, kind, justification) => {
    const by = comment.startsWith('# containment') ? '' : `${comment.slice(2).split(/[ :]/)[0].replace('-scan', '')}: `
    const out = outputs({ Dockerfile: twoRuns(comment) }, 'DF002')
    expect(out.verdict).toBe('fail')
    expect(out.failing).toEqual(['Dockerfile:4'])
    expect(out.annotations).toEqual(['Dockerfile:4 error'])
    expect(out.sarif).toEqual(['4 []', `3 ${JSON.stringify([{ kind, justification }])}`])
    for (const markdown of [out.comment, out.summary].map(unescape)) {
      expect(markdown).toContain('1 suppressed finding: not counted')
      expect(markdown).toContain('| **Findings** | 0 | 1 | 0 | 0 | 0 |')
      expect(markdown).toContain('| Suppressed | 0 | 1 | 0 | 0 | 0 |')
      expect(markdown).toContain(`| Dockerfile:3 | ${by}${justification} |`)
      expect(markdown).toContain('| Dockerfile:4 | RUN invokes "sudo"')
    }
  })

  it.each([
    ['# checkov:skip=CKV2_DOCKER_1: installer needs sudo', 'installer needs sudo (Dockerfile:2)'],
    ['# hadolint global ignore=DL3004', '# hadolint global ignore=DL3004 (no reason given) (Dockerfile:2)'],
    ['# kics-scan disable=8ada6e80-0ade-439e-b176-0b28f6bce35a', '# kics-scan disable=8ada6e80-0ade-439e-b176-0b28f6bce35a (no reason given) (Dockerfile:2)'],
    ['# containment-ignore-file DF002: base image without sudo lands in Q3', 'base image without sudo lands in Q3 (Dockerfile:1)'],
    ['# kics-scan ignore', '# kics-scan ignore (no reason given) (Dockerfile:1)']
  ])('"%s": the whole file passes, with nothing annotated', (comment, justification) => {
    const atTop = justification.endsWith('(Dockerfile:1)')
    const text = atTop ? `${comment}\nFROM alpine:3.19\nRUN sudo ./install.sh\nRUN sudo make install\n` : twoRuns(comment)
    const out = outputs({ Dockerfile: text }, 'DF002')
    expect(out.verdict).toBe('pass')
    expect(out.failing).toEqual([])
    expect(out.annotations).toEqual([])
    expect(out.sarif.map((r) => r.replace(/^\d+ /, ''))).toEqual(Array(2).fill(JSON.stringify([{ kind: 'inSource', justification }])))
    expect(out.comment).toContain('### ✅ Containment: no findings')
    expect(out.comment).toContain('2 suppressed findings: not counted')
    expect(out.summary).toContain('2 suppressed findings: not counted')
  })

  it('kept in other files (config, .hadolint.yaml, .trivyignore), is external in SARIF', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ '.containment.yml': 'ignore:\n  - rules: [DF002]\n    reason: vendor image, replaced in Q3\n' }, 'vendor image, replaced in Q3 (.containment.yml:2)'],
      [{ '.hadolint.yaml': 'ignored:\n  - DL3004\n' }, 'DL3004 is listed in .hadolint.yaml "ignored" (.hadolint.yaml:2)'],
      [{ '.trivyignore': '# reviewed\nAVD-DS-0010\n' }, 'AVD-DS-0010 is listed in .trivyignore (.trivyignore:2)']
    ]
    for (const [extraFiles, justification] of cases) {
      const files = { ...extraFiles, Dockerfile: 'FROM alpine:3.19\nRUN sudo ./install.sh\n' }
      const { config } = loadConfig(new MemoryWorkspace(files))
      const out = outputs(files, 'DF002', config)
      expect(out.verdict).toBe('pass')
      expect(out.annotations).toEqual([])
      expect(out.sarif).toEqual([`2 ${JSON.stringify([{ kind: 'external', justification }])}`])
      expect(out.comment).toContain('1 suppressed finding: not counted')
    }
  })

  it('an unused suppression is an info finding in every output, and passes', () => {
    const out = outputs({ Dockerfile: 'FROM alpine:3.19\n# containment-ignore DF002: was needed once\nRUN ls\n' }, 'DF002')
    expect(out.verdict).toBe('pass')
    expect(out.annotations).toEqual(['Dockerfile:2 notice'])
    expect(out.sarif).toEqual(['2 []'])
    expect(out.comment).toContain('CT001')
    expect(out.summary).toContain('matches no DF002 finding on line 3')
  })

  it.each([
    ['    # containment-ignore DC012: the database port is firewalled at the host (NET-7)', 'inline', 'the database port is firewalled at the host (NET-7) (compose.yaml:4)'],
    ['    # dclint disable-line no-unbound-port-interfaces', 'dclint', '# dclint disable-line no-unbound-port-interfaces (no reason given) (compose.yaml:4)'],
    ['    # kics-scan ignore-line', 'kics', '# kics-scan ignore-line (no reason given) (compose.yaml:4)']
  ])('in a Compose file, "%s" takes exactly the item below out of the verdict and the annotations', (comment, by, justification) => {
    const compose = `services:\n  db:\n    ports:\n  ${comment}\n      - "5432:5432"\n      - "6379:6379"\n`
    const out = outputs({ 'compose.yaml': compose }, 'DC012')
    expect(out.verdict).toBe('fail')
    expect(out.failing).toEqual(['compose.yaml:6'])
    expect(out.annotations).toEqual(['compose.yaml:6 error'])
    expect(out.sarif).toEqual(['6 []', `5 ${JSON.stringify([{ kind: 'inSource', justification }])}`])
    expect(unescape(out.comment)).toContain('1 suppressed finding: not counted')
    expect(unescape(out.summary)).toContain(`| compose.yaml:5 | ${by === 'inline' ? '' : `${by}: `}${justification} |`)
  })
})
