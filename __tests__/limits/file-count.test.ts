import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { limitPlan, type ScanPlan } from '../../src/action/plan.js'
import { verdictOf } from '../../src/action/verdict.js'
import { run, tree } from '../cli/cli-helpers.js'

const CLEAN = 'FROM alpine:3.20@sha256:' + 'a'.repeat(64) + '\nUSER 1000\n'
const three = () => tree({ 'a/Dockerfile': CLEAN, 'b/Dockerfile': CLEAN, 'c/Dockerfile': CLEAN })

describe('limits.max-files in the CLI', () => {
  it('at the limit the scan is complete: nothing said, the verdict as usual', async () => {
    const { code, stdout, stderr } = await run(['scan', '--format', 'json', '--max-files', '3'], three())
    expect(JSON.parse(stdout)).toEqual({ findings: expect.any(Array), files: 3 })
    expect(stderr).not.toContain('incomplete')
    expect(code).toBe(0)
  })

  it('over it: the first files by path are scanned, stderr and JSON say it is incomplete, and the exit status is 1', async () => {
    const { code, stdout, stderr } = await run(['scan', '--format', 'json', '--max-files', '2'], three())
    const output = JSON.parse(stdout)
    expect(output.files).toBe(2)
    expect(output.incomplete).toBe('3 files to scan, more than limits.max-files (2): only the first 2 were scanned')
    expect(stderr).toContain('containment: warning: the scan is incomplete: 3 files to scan')
    expect(code).toBe(1)
  })

  it('markdown says it in its headline', async () => {
    const { stdout } = await run(['scan', '--format', 'markdown', '--max-files', '2'], three())
    expect(stdout.split('\n')[0]).toBe('### ❌ Containment: the scan is incomplete')
    expect(stdout).not.toContain('Nothing in it gives a container a way out')
  })

  it('SARIF marks the invocation unsuccessful with the reason', async () => {
    const { stdout } = await run(['scan', '--format', 'sarif', '--max-files', '1'], three())
    const sarif = JSON.parse(stdout)
    expect(sarif.runs[0].invocations).toEqual([
      { executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: expect.stringContaining('The scan is incomplete: 3 files to scan') } }] }
    ])
  })

  it('the config file sets it; --fail-on never reports without failing', async () => {
    const root = three()
    writeFileSync(join(root, '.containment.yml'), 'limits:\n  max-files: 1\n')
    expect((await run(['scan', '--format', 'json'], root)).code).toBe(1)
    const never = await run(['scan', '--format', 'json', '--fail-on', 'never'], root)
    expect(never.code).toBe(0)
    expect(never.stderr).toContain('the scan is incomplete')
  })
})

describe('limits.max-files in the Action', () => {
  const plan = (n: number): ScanPlan => ({ targets: Array.from({ length: n }, (_, i) => ({ path: `d${i}/Dockerfile`, explicit: false })), scope: 'x', notes: [] })

  it('cuts the plan to the limit and says why; at the limit it is unchanged', () => {
    expect(limitPlan(plan(3), 3)).toEqual(plan(3))
    const cut = limitPlan(plan(4), 3)
    expect(cut.targets.map((t) => t.path)).toEqual(['d0/Dockerfile', 'd1/Dockerfile', 'd2/Dockerfile'])
    expect(cut.incomplete).toBe('4 files to scan, more than limits.max-files (3): only the first 3 were scanned')
  })

  it('an incomplete scan with no failing finding fails, unless fail-on is never', () => {
    const none = { newFindings: [], existingFindings: [], suppressedFindings: [] }
    expect(verdictOf(none, 'high', false).result).toBe('pass')
    const verdict = verdictOf(none, 'high', false, 'the reason')
    expect(verdict.result).toBe('fail')
    expect(verdict.message).toContain('the scan is incomplete (the reason)')
    expect(verdictOf(none, 'never', false, 'the reason').result).toBe('pass')
  })
})
