import { describe, expect, it } from '@jest/globals'
import { changeOf } from '../../src/action/context.js'
import { InputError, globList, parseInputs } from '../../src/action/inputs.js'

function inputs(values: Record<string, string>) {
  return parseInputs((name) => values[name] ?? '')
}

describe('parseInputs', () => {
  it('has the documented defaults', () => {
    expect(inputs({ 'github-token': ' t ' })).toEqual({
      mode: 'review',
      reportFile: undefined,
      token: 't',
      failOn: undefined,
      scope: 'changed',
      baseline: 'base',
      paths: [],
      exclude: [],
      config: undefined,
      comment: 'update',
      annotations: true,
      sarifFile: undefined,
      sarifCategory: 'containment',
      suggestions: 'safe'
    })
  })

  it('mode report writes the report file and posts nothing; mode publish reads the same file', () => {
    expect(inputs({ mode: 'report', comment: 'update', annotations: 'true' })).toMatchObject({ mode: 'report', reportFile: 'containment-report.json', comment: 'off', annotations: false, suggestions: 'off' })
    expect(inputs({ mode: 'Publish' })).toMatchObject({ mode: 'publish', reportFile: 'containment-report.json', comment: 'update' })
    expect(inputs({ 'report-file': 'out/r.json' }).reportFile).toBe('out/r.json')
    expect(() => inputs({ mode: 'scan' })).toThrow(InputError)
  })

  it('reads every input', () => {
    const parsed = inputs({
      'fail-on': 'Medium',
      scope: 'all',
      baseline: 'none',
      paths: 'deploy/\n# a comment\n\n  **/Dockerfile.{dev,prod}  ',
      exclude: 'vendor/',
      config: '.github/containment.yml',
      comment: 'recreate',
      annotations: 'False',
      'sarif-file': 'out/c.sarif',
      'sarif-category': 'containment/linux/',
      suggestions: 'ALL'
    })
    expect(parsed).toMatchObject({
      failOn: 'medium',
      scope: 'all',
      baseline: 'none',
      paths: ['deploy/', '**/Dockerfile.{dev,prod}'],
      exclude: ['vendor/'],
      config: '.github/containment.yml',
      comment: 'recreate',
      annotations: false,
      sarifFile: 'out/c.sarif',
      sarifCategory: 'containment/linux',
      suggestions: 'all'
    })
  })

  it.each([
    ['fail-on', 'severe', /Input "fail-on" is "severe"; expected one of: critical, high, medium, low, info, never/],
    ['scope', 'diff', /Input "scope"/],
    ['baseline', 'main', /Input "baseline"/],
    ['comment', 'sticky', /Input "comment"/],
    ['annotations', 'yes', /Input "annotations" is "yes"; expected true or false/],
    ['sarif-category', '../x y', /Input "sarif-category"/],
    ['suggestions', 'yes', /Input "suggestions" is "yes"; expected one of: off, safe, all/]
  ])('rejects a bad %s', (name, value, message) => {
    expect(() => inputs({ [name]: value })).toThrow(InputError)
    expect(() => inputs({ [name]: value })).toThrow(message)
  })

  it('splits globs on lines only, so braces keep their commas', () => {
    expect(globList('a,b\n{c,d}/*.yml\r\n')).toEqual(['a,b', '{c,d}/*.yml'])
  })
})

describe('changeOf (the event payload)', () => {
  const pr = {
    number: 12,
    changed_files: 3,
    merge_commit_sha: 'm'.repeat(40),
    base: { sha: 'b'.repeat(40), repo: { full_name: 'octo/app' } },
    head: { sha: 'h'.repeat(40), repo: { full_name: 'fork/app' } }
  }

  it('reads a pull request, and tells a fork', () => {
    expect(changeOf('pull_request', { pull_request: pr })).toEqual({
      kind: 'pull-request',
      number: 12,
      baseSha: 'b'.repeat(40),
      headSha: 'h'.repeat(40),
      changedFiles: 3,
      fork: true,
      mergeCommitSha: 'm'.repeat(40),
      target: false
    })
    expect(changeOf('pull_request_target', { pull_request: pr })?.target).toBe(true)
    const same = { ...pr, head: { ...pr.head, repo: { full_name: 'octo/app' } } }
    expect(changeOf('pull_request', { pull_request: same })?.fork).toBe(false)
  })

  it('reads a merge group, and nothing for other events', () => {
    expect(changeOf('merge_group', { merge_group: { base_sha: 'b', head_sha: 'h' } })).toMatchObject({ kind: 'merge-group', baseSha: 'b', headSha: 'h' })
    expect(changeOf('push', { pull_request: pr })).toBeUndefined()
    expect(changeOf('pull_request', {})).toBeUndefined()
  })
})
