import { describe, expect, it } from '@jest/globals'
import type { Finding, Severity } from '../../src/core/finding.js'
import { ruleById } from '../../src/core/registry.js'
import { encodePath, utf8Length } from '../../src/report/escape.js'
import { COMMENT_MAX_BYTES, SUMMARY_MAX_BYTES, renderComment, renderSummary } from '../../src/report/markdown.js'
import type { ReportModel } from '../../src/report/model.js'

const MARKER = '<!-- containment:report id=containment -->'

function finding(severity: Severity, line: number, overrides: Partial<Finding> = {}): Finding {
  return { ruleId: 'DF002', severity, file: 'app/Dockerfile', line, column: 5, endLine: line, endColumn: 9, message: 'RUN invokes "sudo": fix it.', snippet: 'sudo', ...overrides }
}

function model(overrides: Partial<ReportModel> = {}): ReportModel {
  return {
    failOn: 'high',
    baseline: true,
    newFindings: [],
    existingFindings: [],
    suppressedFindings: [],
    scope: '2 files changed by pull request #7',
    scannedFiles: ['app/Dockerfile', 'compose.yaml'],
    notes: [],
    headSha: 'c'.repeat(40),
    links: {
      file: (path, line) => `https://github.com/o/r/blob/${'c'.repeat(40)}/${encodePath(path)}#L${line}`,
      commit: `https://github.com/o/r/commit/${'c'.repeat(40)}`,
      run: 'https://github.com/o/r/actions/runs/42'
    },
    rule: ruleById,
    ...overrides
  }
}

/** Cell separators of a table row: pipes that are not escaped. */
function cells(row: string): number {
  return row.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 1
}

describe('the verdict line', () => {
  it('says how many new findings fail the check', () => {
    const body = renderComment(model({ newFindings: [finding('critical', 1), finding('high', 2), finding('low', 3)] }), MARKER)
    expect(body.split('\n')[0]).toBe(MARKER)
    expect(body.split('\n')[1]).toBe('### ❌ Containment: 2 new findings at or above high')
  })

  it('passes with findings below fail-on, with only existing findings, and with none', () => {
    expect(renderComment(model({ newFindings: [finding('medium', 1)] }), MARKER)).toContain('### ⚠️ Containment: 1 new finding below high; the check passes')
    expect(renderComment(model({ existingFindings: [finding('high', 1)] }), MARKER)).toContain('### ✅ Containment: no new findings')
    expect(renderComment(model(), MARKER)).toContain('### ✅ Containment: no findings')
    expect(renderComment(model({ failOn: 'never', newFindings: [finding('critical', 1)] }), MARKER)).toContain('(fail-on: never); the check passes')
  })

  it('does not speak of "new" findings without a baseline', () => {
    const body = renderComment(model({ baseline: false, newFindings: [finding('high', 1)] }), MARKER)
    expect(body).toContain('### ❌ Containment: 1 finding at or above high')
    expect(body).toContain('| **Findings** | 0 | 1 | 0 | 0 | 0 |')
    expect(body).not.toContain('Existing')
  })
})

describe('the report body', () => {
  const full = model({
    newFindings: [finding('high', 2), finding('critical', 9, { ruleId: 'DC001', file: 'compose.yaml', message: 'privileged' })],
    existingFindings: [finding('high', 20)],
    suppressedFindings: [finding('high', 30, { suppression: { kind: 'inline', reason: 'build stage only', file: 'app/Dockerfile', line: 29 } })]
  })
  const body = renderComment(full, MARKER)

  it('counts by severity, new and existing apart', () => {
    expect(body).toContain('| **New** | 1 | 1 | 0 | 0 | 0 |')
    expect(body).toContain('| Existing | 0 | 1 | 0 | 0 | 0 |')
    expect(body).toContain('| Suppressed | 0 | 1 | 0 | 0 | 0 |')
  })

  it('lists new findings most severe first, with the rule docs and the line at the head commit', () => {
    const rows = body.split('\n').filter((l) => l.startsWith('| 🔴') || l.startsWith('| 🟠'))
    expect(rows[0]).toBe(
      '| 🔴 critical | [DC001](https://github.com/containment-action/containment/blob/main/docs/rules/DC001.md) Privileged container | ' +
        `[compose.yaml\\:9](https://github.com/o/r/blob/${'c'.repeat(40)}/compose.yaml#L9) | privileged |`
    )
    expect(rows[1]).toContain(`[app/Dockerfile\\:2](https://github.com/o/r/blob/${'c'.repeat(40)}/app/Dockerfile#L2)`)
  })

  it('collapses existing and suppressed findings, with the reason of each suppression', () => {
    expect(body).toMatch(/<details><summary>1 existing finding: already there before this change<\/summary>\n\n\| Severity/)
    expect(body).toContain('<details><summary>1 suppressed finding: not counted</summary>')
    expect(body).toContain('build stage only (app/Dockerfile\\:29)')
  })

  it('folds new low and info findings away, unless fail-on makes them fail', () => {
    const findings = [finding('high', 3), finding('low', 4), finding('info', 5)]
    const folded = renderComment(model({ newFindings: findings }), MARKER)
    const table = folded.slice(0, folded.indexOf('<details>'))
    expect(table).toContain('app/Dockerfile\\:3')
    expect(table).not.toContain('app/Dockerfile\\:4')
    expect(folded).toContain('<details><summary>2 new low or info findings: advice that does not block</summary>')
    const failing = renderComment(model({ newFindings: findings, failOn: 'low' }), MARKER)
    expect(failing.slice(0, failing.indexOf('<details>'))).toContain('app/Dockerfile\\:4')
  })

  it('ends with the commit and the run', () => {
    expect(body).toContain(`commit [cccccccccccc](https://github.com/o/r/commit/${'c'.repeat(40)}) · [workflow run](https://github.com/o/r/actions/runs/42)`)
  })

  it('the summary adds the scanned files and the notes', () => {
    const summary = renderSummary({ ...full, notes: ['The comment could not be posted (HTTP 403).'] })
    expect(summary).toContain('<details><summary>2 scanned files</summary>')
    expect(summary).toContain('- app/Dockerfile')
    expect(summary).toContain('> [!NOTE]\n> The comment could not be posted (HTTP 403).')
    expect(summary).not.toContain(MARKER)
  })
})

describe('text from scanned files', () => {
  const hostile = '<img src=x onerror=alert(1)> @octocat `x` | ::error::pwned\n## heading [a](javascript:alert(1)) <!-- x -->'
  const body = renderSummary(
    model({
      newFindings: [finding('high', 1, { file: `evil${hostile}/Dockerfile`, message: `Service "${hostile}" is privileged` })],
      suppressedFindings: [finding('high', 2, { suppression: { kind: 'inline', reason: hostile } })],
      notes: [hostile]
    })
  )

  it('cannot add HTML, mentions, code spans or lines', () => {
    expect(body).not.toMatch(/<img|<!-- x|javascript:alert/)
    expect(body).not.toMatch(/@octocat/)
    expect(body).toContain('@\u200Bocto')
    expect(body).not.toMatch(/(^|[^\\])`x/)
    expect(body.split('\n').some((l) => l.startsWith('## heading') || l.startsWith('::error'))).toBe(false)
  })

  it('cannot add table cells', () => {
    const rows = body.split('\n').filter((l) => l.startsWith('| 🟠'))
    expect(rows).toHaveLength(2)
    for (const row of rows) expect(cells(row)).toBe(5)
  })
})

describe('size limits', () => {
  const many = Array.from({ length: 5000 }, (_, i) => finding('high', i + 1, { message: 'm'.repeat(300), file: `services/${'deep/'.repeat(8)}Dockerfile` }))

  it('keeps the comment under 65,536 characters and points to the job summary', () => {
    const body = renderComment(model({ newFindings: many, existingFindings: many.slice(0, 100) }), MARKER)
    expect(utf8Length(body)).toBeLessThanOrEqual(COMMENT_MAX_BYTES)
    expect(body.length).toBeLessThan(65_536)
    expect(body).toMatch(/> ✂️ \d+ more rows did not fit here \(GitHub limits the size\)\. The full list is in the \[job summary\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/42\)\./)
    expect(body.startsWith(MARKER)).toBe(true)
    expect(body).toContain('<sub>Containment')
    expect(body.match(/<details>/g)?.length ?? 0).toBe(body.match(/<\/details>/g)?.length ?? 0)
  })

  it('keeps the summary under 1 MiB, with every row that fits', () => {
    const summary = renderSummary(model({ newFindings: many }))
    expect(utf8Length(summary)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES)
    const some = renderSummary(model({ newFindings: many.slice(0, 1000) }))
    expect(some.split('\n').filter((l) => l.startsWith('| 🟠')).length).toBe(1000)
    expect(some).not.toContain('did not fit')
  })
})
