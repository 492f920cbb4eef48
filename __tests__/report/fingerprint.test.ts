import { beforeAll, describe, expect, it } from '@jest/globals'
import { classify } from '../../src/action/baseline.js'
import { defaultConfig } from '../../src/core/config.js'
import { scanPrepared } from '../../src/core/engine.js'
import type { Finding } from '../../src/core/finding.js'
import { MemoryWorkspace } from '../../src/core/workspace.js'
import { fingerprints, identifyingText, normalizeSnippet } from '../../src/report/fingerprint.js'
import { prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

function findingsOf(files: Record<string, string>): Finding[] {
  const inputs = Object.entries(files).map(([path, content]) => ({ path, content }))
  return scanPrepared(inputs, { config: defaultConfig(), workspace: new MemoryWorkspace(files) }).findings
}

function finding(overrides: Partial<Finding>): Finding {
  return { ruleId: 'DF002', severity: 'high', file: 'Dockerfile', line: 1, column: 1, endLine: 1, endColumn: 5, message: 'm', snippet: 'sudo', ...overrides }
}

const HEADER = 'FROM alpine:3.20\n'

describe('fingerprints', () => {
  it('ignore the line and column, and whitespace inside the offending text', () => {
    const [a] = fingerprints([finding({ line: 3, snippet: 'apk  add\tcurl' })]).values()
    const [b] = fingerprints([finding({ line: 30, column: 9, snippet: ' apk add curl ' })]).values()
    expect(a).toBe(b)
  })

  it('differ by rule, file, text and ordinal', () => {
    const ids = [...fingerprints([
      finding({}),
      finding({ ruleId: 'DF003' }),
      finding({ file: 'b/Dockerfile' }),
      finding({ snippet: 'su' }),
      finding({ line: 5 })
    ]).values()]
    expect(new Set(ids).size).toBe(5)
  })

  it('fall back to the message, with numbers blanked, when there is no snippet', () => {
    expect(identifyingText(finding({ snippet: '', message: 'broken at line 12' }))).toBe('broken at line #')
    expect(normalizeSnippet('a \n b')).toBe('a b')
  })
})

describe('classify (baseline)', () => {
  it('keeps a finding existing when lines are added above it', () => {
    const base = findingsOf({ Dockerfile: `${HEADER}RUN sudo apk add curl\n` })
    const head = findingsOf({ Dockerfile: `${HEADER}# a comment\nENV A=1\nRUN sudo apk add curl\n` })
    const result = classify(head, base)
    expect(result.existingFindings.filter((f) => f.ruleId === 'DF002').map((f) => f.line)).toEqual([4])
    expect(result.newFindings.filter((f) => f.ruleId === 'DF002')).toEqual([])
  })

  it('makes a second copy of the same offending text new, and only that one', () => {
    const base = findingsOf({ Dockerfile: `${HEADER}RUN sudo ls\n` })
    const head = findingsOf({ Dockerfile: `${HEADER}RUN sudo ls\nRUN sudo ls\n` })
    const result = classify(head, base)
    expect(result.existingFindings.filter((f) => f.ruleId === 'DF002').map((f) => f.line)).toEqual([2])
    expect(result.newFindings.filter((f) => f.ruleId === 'DF002').map((f) => f.line)).toEqual([3])
  })

  it('counts everything as new without a base, and in files the base does not have', () => {
    const head = findingsOf({ Dockerfile: `${HEADER}RUN sudo ls\n` })
    expect(classify(head, undefined).existingFindings).toEqual([])
    expect(classify(head, []).newFindings.length).toBe(head.length)
  })

  it('keeps suppressed findings apart, and makes a finding new when its suppression is removed', () => {
    const suppressed = finding({ suppression: { kind: 'inline', reason: 'build only' } })
    const active = finding({})
    expect(classify([suppressed], []).suppressedFindings).toEqual([suppressed])
    expect(classify([suppressed], []).newFindings).toEqual([])
    expect(classify([active], [suppressed]).newFindings).toEqual([active])
    expect(classify([active], [active]).existingFindings).toEqual([active])
  })
})
