import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { CLEAN_DOCKERFILE, run, startGitHub, workspaceWith, type Run } from './e2e-helpers.js'

/** The Action's limits inputs, end to end: max-file-bytes reports an over-limit file; max-files makes an incomplete scan fail. */

const SHA = (c: string) => c.repeat(40)
const FILES = { 'a/Dockerfile': CLEAN_DOCKERFILE, 'b/Dockerfile': CLEAN_DOCKERFILE, 'c/Dockerfile': CLEAN_DOCKERFILE }

async function push(inputs: Record<string, string>): Promise<Run> {
  const github = await startGitHub({})
  const result = await run({ node: process.execPath, github, eventName: 'push', event: { ref: 'refs/heads/main' }, sha: SHA('5'), workspace: workspaceWith(FILES), inputs: { 'github-token': '', ...inputs } })
  await github.close()
  return result
}

describe('limits inputs of the Action', () => {
  let complete: Run
  let incomplete: Run
  let never: Run
  let small: Run
  let reported: Run
  beforeAll(async () => {
    ;[complete, incomplete, never, small, reported] = await Promise.all([
      push({ 'max-files': '3' }),
      push({ 'max-files': '2' }),
      push({ 'max-files': '2', 'fail-on': 'never' }),
      push({ 'max-file-bytes': '40' }),
      push({ 'max-files': '2', 'report-file': 'containment-report.json' })
    ])
  }, 120_000)

  it("the report file says so too, for the workflow_run recipe's publishing half", () => {
    const report = JSON.parse(readFileSync(reported.outputs['report-file'], 'utf8'))
    expect(report.incomplete).toBe('3 files to scan, more than limits.max-files (2): only the first 2 were scanned')
    expect(report.scannedFiles).toHaveLength(2)
    expect(JSON.parse(readFileSync(complete.outputs['report-file'] || '/dev/null', 'utf8') || '{}').incomplete).toBeUndefined()
  })

  it('at max-files the scan is complete and passes', () => {
    expect(complete.code).toBe(0)
    expect(complete.outputs.result).toBe('pass')
    expect(complete.warnings).toEqual([])
    expect(complete.summary).not.toContain('incomplete')
  })

  it('over it: a warning, the reason at the top of the summary, SARIF marked, and the check fails', () => {
    expect(incomplete.warnings.map((w) => w.message)).toEqual(['The scan is incomplete: 3 files to scan, more than limits.max-files (2): only the first 2 were scanned.'])
    expect(incomplete.summary.split('\n')[0]).toBe('### ❌ Containment: the scan is incomplete')
    expect(incomplete.summary).toContain('**The scan is incomplete: 3 files to scan, more than limits.max-files (2)\\: only the first 2 were scanned.** A check that did not see every file does not pass.')
    expect(incomplete.summary).not.toContain('Nothing in it gives a container a way out')
    expect(incomplete.sarifText).toContain('"executionSuccessful": false')
    expect(incomplete.outputs.result).toBe('fail')
    expect(incomplete.code).toBe(1)
  })

  it('with fail-on never it warns and passes', () => {
    expect(never.warnings).toHaveLength(1)
    expect(never.outputs.result).toBe('pass')
    expect(never.code).toBe(0)
  })

  it('max-file-bytes: each file over it is DF023 with its size and the limit', () => {
    const size = Buffer.byteLength(CLEAN_DOCKERFILE)
    const results = small.sarif!.runs[0].results
    expect(results.map((r) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`)).toEqual([
      'DF023 a/Dockerfile:1',
      'DF023 b/Dockerfile:1',
      'DF023 c/Dockerfile:1'
    ])
    expect(small.sarifText).toContain(`the file is ${size} bytes, larger than the limit of 40 bytes (limits.max-file-bytes)`)
  })
})
