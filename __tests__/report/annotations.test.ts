import { describe, expect, it } from '@jest/globals'
import type { Finding, Severity } from '../../src/core/finding.js'
import { ruleById } from '../../src/core/registry.js'
import { ANNOTATIONS_PER_LEVEL, annotationLevel, planAnnotations } from '../../src/report/annotations.js'

function finding(severity: Severity, line: number, overrides: Partial<Finding> = {}): Finding {
  return { ruleId: 'DF002', severity, file: 'Dockerfile', line, column: 5, endLine: line, endColumn: 9, message: `finding on ${line}`, snippet: 'sudo', ...overrides }
}

const full = { error: ANNOTATIONS_PER_LEVEL, warning: ANNOTATIONS_PER_LEVEL, notice: ANNOTATIONS_PER_LEVEL }

describe('annotationLevel', () => {
  it('makes what fails the check an error, the rest a warning (medium and up) or a notice', () => {
    expect(annotationLevel('critical', 'high')).toBe('error')
    expect(annotationLevel('high', 'high')).toBe('error')
    expect(annotationLevel('medium', 'high')).toBe('warning')
    expect(annotationLevel('low', 'high')).toBe('notice')
    expect(annotationLevel('medium', 'medium')).toBe('error')
    expect(annotationLevel('critical', 'never')).toBe('warning')
    expect(annotationLevel('info', 'never')).toBe('notice')
  })
})

describe('planAnnotations', () => {
  it('titles an annotation "<ID> <title>" on the line and columns of the finding', () => {
    const plan = planAnnotations([finding('high', 3)], { failOn: 'high', budget: full, rule: ruleById, seeAlso: 'the job summary' })
    expect(plan.omitted).toBe(0)
    expect(plan.annotations).toEqual([
      {
        level: 'error',
        title: 'DF002 sudo in RUN',
        message: 'finding on 3\nhigh · https://github.com/containment-action/containment/blob/main/docs/rules/DF002.md',
        file: 'Dockerfile',
        startLine: 3,
        endLine: 3,
        startColumn: 5,
        endColumn: 9
      }
    ])
  })

  it('leaves columns out of a range over several lines', () => {
    const [annotation] = planAnnotations([finding('high', 3, { endLine: 5 })], { failOn: 'high', budget: full, rule: ruleById, seeAlso: 'x' }).annotations
    expect(annotation).toMatchObject({ startLine: 3, endLine: 5 })
    expect(annotation.startColumn).toBeUndefined()
  })

  it('spends each level budget on the most severe findings first and ends with one notice counting the rest', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, i) => finding('high', 100 + i)),
      ...Array.from({ length: 3 }, (_, i) => finding('critical', 200 + i)),
      finding('low', 1)
    ]
    const plan = planAnnotations(findings, { failOn: 'high', budget: { ...full, error: 9 }, rule: ruleById, seeAlso: 'the job summary' })
    const errors = plan.annotations.filter((a) => a.level === 'error')
    expect(errors).toHaveLength(9)
    expect(errors.slice(0, 3).map((a) => a.startLine)).toEqual([200, 201, 202])
    expect(errors.slice(3).map((a) => a.startLine)).toEqual([100, 101, 102, 103, 104, 105])
    expect(plan.omitted).toBe(6)
    const last = plan.annotations.at(-1)!
    expect(last.level).toBe('notice')
    expect(last.file).toBeUndefined()
    expect(last.message).toBe('6 more findings are not shown as annotations: GitHub shows 10 per level in a step, the most severe first. See the job summary.')
    expect(plan.annotations.filter((a) => a.level === 'notice')).toHaveLength(2)
  })

  it('keeps a notice slot for the closing notice', () => {
    const findings = Array.from({ length: 12 }, (_, i) => finding('info', i + 1))
    const plan = planAnnotations(findings, { failOn: 'high', budget: full, rule: ruleById, seeAlso: 'x' })
    const notices = plan.annotations.filter((a) => a.level === 'notice')
    expect(notices).toHaveLength(ANNOTATIONS_PER_LEVEL)
    expect(plan.omitted).toBe(3)
    expect(notices.at(-1)!.message).toMatch(/^3 more findings/)
  })

  it('plans nothing for nothing', () => {
    expect(planAnnotations([], { failOn: 'high', budget: full, rule: ruleById, seeAlso: 'x' })).toEqual({ annotations: [], omitted: 0 })
  })
})
