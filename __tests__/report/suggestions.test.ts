import { describe, expect, it } from '@jest/globals'
import type { Finding } from '../../src/core/finding.js'
import { diffLines, planSuggestions, suggestionKey } from '../../src/report/suggestions.js'

const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    command: ["echo", "```"]\n'

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'DC001',
    severity: 'critical',
    file: 'compose.yaml',
    line: 4,
    column: 5,
    endLine: 4,
    endColumn: 21,
    message: 'm',
    snippet: 'privileged: true',
    fix: { description: 'Remove `privileged: true`', safety: 'safe', edits: [{ range: { line: 4, column: 1, endLine: 5, endColumn: 1 }, text: '' }] },
    ...overrides
  }
}

const everywhere = { category: 'containment', textOf: () => text, inDiff: () => true }

describe('planSuggestions', () => {
  it('makes one suggestion per fix, with a key that identifies it across runs', () => {
    const [suggestion] = planSuggestions([finding({})], { ...everywhere, level: 'safe' })
    expect(suggestion).toMatchObject({ path: 'compose.yaml', startLine: 4, endLine: 4 })
    expect(suggestionKey(suggestion.body)).toBe(suggestion.key)
    expect(planSuggestions([finding({})], { ...everywhere, level: 'safe' })[0].key).toBe(suggestion.key)
    expect(suggestion.body.endsWith('```suggestion\n```')).toBe(true)
  })

  it('takes review fixes only at level all', () => {
    const review = finding({ fix: { ...finding({}).fix!, safety: 'review' } })
    expect(planSuggestions([review], { ...everywhere, level: 'safe' })).toEqual([])
    expect(planSuggestions([review], { ...everywhere, level: 'all' })).toHaveLength(1)
  })

  it('puts the most severe first, caps the count, and offers one suggestion per line', () => {
    const low = finding({ severity: 'low', ruleId: 'DC012', fix: { description: 'x', safety: 'safe', edits: [{ range: { line: 3, column: 5, endLine: 3, endColumn: 5 }, text: '# ' }] } })
    const critical = finding({})
    const sameLine = finding({ ruleId: 'DC999', severity: 'high' })
    const plan = planSuggestions([low, sameLine, critical], { ...everywhere, level: 'safe' })
    expect(plan.map((s) => s.body.split('\n')[1].slice(0, 9))).toEqual(['**DC001**', '**DC012**'])
    expect(planSuggestions([low, critical], { ...everywhere, level: 'safe', max: 1 })).toHaveLength(1)
  })

  it('leaves out fixes whose lines are not in the diff', () => {
    expect(planSuggestions([finding({})], { ...everywhere, level: 'safe', inDiff: (_p, start) => start !== 4 })).toEqual([])
  })

  it('uses a fence longer than any backtick run in the suggested lines', () => {
    const edit = finding({ fix: { description: 'x', safety: 'safe', edits: [{ range: { line: 5, column: 5, endLine: 5, endColumn: 12 }, text: 'entrypoint' }] } })
    const [suggestion] = planSuggestions([edit], { ...everywhere, level: 'safe' })
    expect(suggestion.body.endsWith('````suggestion\n    entrypoint: ["echo", "```"]\n````')).toBe(true)
  })

  it('escapes the description, which may quote the file', () => {
    const edit = finding({ fix: { description: 'Remove "@admin <img src=x>"', safety: 'safe', edits: finding({}).fix!.edits } })
    const [suggestion] = planSuggestions([edit], { ...everywhere, level: 'safe' })
    expect(suggestion.body).toContain('Remove "\\@\u200Badmin &lt;img src=x&gt;"')
  })
})

describe('diffLines', () => {
  it('reads the head side of each hunk', () => {
    expect(diffLines('@@ -1,3 +1,4 @@\n a\n+b\n c\n d\n@@ -20 +21,2 @@ fn\n-x\n+y\n+z\n@@ -30,2 +33,0 @@\n-gone\n-gone')).toEqual([
      { start: 1, end: 4 },
      { start: 21, end: 22 }
    ])
  })
})
