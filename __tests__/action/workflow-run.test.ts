import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_REPORT_FILE } from '../../src/action/inputs.js'
import { callsOf, commentsOf, run, startGitHub, SUDO_DOCKERFILE, workspaceWith, type Run } from './e2e-helpers.js'
import type { GitHubStandIn } from '../../scripts/runner-stand-in.mjs'

/**
 * The fork-safe workflow_run recipe, both halves on dist/index.js against the stand-in API: `mode: report`
 * on a fork's pull_request (read-only token: it must write nothing), then `mode: publish` on workflow_run in
 * an empty workspace holding only the downloaded artifact. Then forged artifacts, which must be refused.
 */

const NODE = process.execPath
const BASE = 'b'.repeat(40)
const HEAD = 'c'.repeat(40)
const FORK = 'someone/app'

interface Published {
  result: Run
  github: GitHubStandIn
}

let report: Run
let reportWrites: string[]
let reportText: string

const workflowRunEvent = (overrides: Record<string, unknown> = {}) => ({
  action: 'completed',
  workflow_run: { id: 777, head_sha: HEAD, head_branch: 'feature', head_repository: { full_name: FORK }, event: 'pull_request', pull_requests: [], ...overrides }
})

/** The privileged half, with `text` as the downloaded artifact. */
async function publish(text: string | ((dir: string) => void), event: unknown = workflowRunEvent(), pulls = { 5: { files: [], head: { sha: HEAD, ref: 'feature', repo: FORK } } }): Promise<Published> {
  const github = await startGitHub({ pulls })
  const workspace = workspaceWith({})
  if (typeof text === 'string') writeFileSync(join(workspace, DEFAULT_REPORT_FILE), text)
  else text(workspace)
  const result = await run({ node: NODE, github, workspace, eventName: 'workflow_run', event, sha: 'd'.repeat(40), inputs: { mode: 'publish' } })
  await github.close()
  return { result, github }
}

const forged = (edit: (r: Record<string, any>) => void) => {
  const data = JSON.parse(reportText)
  edit(data)
  return JSON.stringify(data)
}

let published: Published
let attacks: Record<string, Published>

beforeAll(async () => {
  const github = await startGitHub({ pulls: { 5: { files: [{ filename: 'Dockerfile', status: 'added' }] } } })
  const workspace = workspaceWith({ Dockerfile: SUDO_DOCKERFILE })
  report = await run({ node: NODE, github, workspace, pr: { number: 5, baseSha: BASE, headSha: HEAD, fork: true }, inputs: { mode: 'report' } })
  reportWrites = github.writes()
  await github.close()
  reportText = readFileSync(report.outputs['report-file'], 'utf8')
  published = await publish(reportText)
  const injected = forged((r) => {
    r.findings.new[0].message = '@everyone <img src=x onerror=alert(1)> [click](https://evil.example) | cell\n### heading'
    r.notes = ['::error::forged command', '<script>x</script>']
  })
  const entries = await Promise.all(
    Object.entries({
      injected: () => publish(injected),
      staleCommit: () => publish(forged((r) => (r.change.headSha = 'e'.repeat(40)))),
      otherPull: () => publish(forged((r) => (r.change.number = 6))),
      unknownRule: () => publish(forged((r) => (r.findings.new[0].ruleId = 'ZZ999'))),
      unknownKey: () => publish(forged((r) => (r.extra = true))),
      absolutePath: () => publish(forged((r) => (r.findings.new[0].file = '/etc/passwd'))),
      parentPath: () => publish(forged((r) => (r.findings.new[0].file = 'a/../../x'))),
      longMessage: () => publish(forged((r) => (r.findings.new[0].message = 'x'.repeat(5000)))),
      incomplete: () =>
        publish(
          forged((r) => {
            r.findings.new = []
            r.incomplete = '3 files to scan, more than limits.max-files (2): only the first 2 were scanned'
          })
        ),
      incompleteNever: () =>
        publish(
          forged((r) => {
            r.findings.new = []
            r.failOn = 'never'
            r.incomplete = 'the repository has too many files to list them all'
          })
        ),
      longIncomplete: () => publish(forged((r) => (r.incomplete = 'x'.repeat(1001)))),
      notJson: () => publish('{"format": "containment-report", '),
      symlink: () =>
        publish((dir) => {
          writeFileSync(join(dir, 'real.json'), reportText)
          symlinkSync(join(dir, 'real.json'), join(dir, DEFAULT_REPORT_FILE))
        }),
      noPull: () => publish(reportText, workflowRunEvent(), {} as never),
      pullAtOtherCommit: () => publish(reportText, workflowRunEvent(), { 5: { files: [], head: { sha: 'f'.repeat(40), ref: 'feature', repo: FORK } } }),
      pushRun: () => publish(reportText, workflowRunEvent({ event: 'push' })),
      sameRepo: () => publish(reportText, workflowRunEvent({ head_repository: { full_name: 'octo/app' }, pull_requests: [{ number: 5, head: { sha: HEAD } }] }), {} as never)
    }).map(async ([name, attack]) => [name, await attack()] as const)
  )
  attacks = Object.fromEntries(entries)
}, 120_000)

describe('mode: report (pull_request from a fork, read-only token)', () => {
  it('writes the report file and the verdict, and writes nothing through the API', () => {
    expect(reportWrites).toEqual([])
    expect(report.code).toBe(1)
    expect(report.outputs.result).toBe('fail')
    expect(report.commands.filter((c) => c.properties.file)).toEqual([])
    const data = JSON.parse(reportText)
    expect(data).toMatchObject({ format: 'containment-report', formatVersion: 1, change: { number: 5, headSha: HEAD, baseSha: BASE }, failOn: 'high' })
    expect(data.findings.new.map((f: { ruleId: string }) => f.ruleId)).toContain('DF002')
    expect(report.summary).toContain('DF002')
  })
})

describe('mode: publish (workflow_run, privileged, no checkout)', () => {
  it('posts the sticky comment on the pull request found from the event and the API', () => {
    const { result, github } = published
    expect(result.code).toBe(0)
    const [body] = commentsOf(github, 5)
    expect(body).toContain('<!-- containment:report id=containment -->')
    expect(body).toContain('DF002')
    expect(body).toContain(`https://github.com/octo/app/blob/${HEAD}/Dockerfile#L3`)
    expect(body).toContain('https://github.com/octo/app/actions/runs/777')
    expect(result.outputs['comment-url']).toMatch(/pull\/5#issuecomment-/)
  })

  it('creates a check run on the head commit with the annotations, failing as the scan did', () => {
    const [check] = published.github.state.checkRuns
    expect(check).toMatchObject({ name: 'Containment', head_sha: HEAD, status: 'completed', conclusion: 'failure' })
    expect(check.output.annotations).toContainEqual(
      expect.objectContaining({ path: 'Dockerfile', start_line: 3, start_column: 5, annotation_level: 'failure', title: 'DF002 sudo in RUN' })
    )
  })

  it('reads nothing of the pull request: no contents, no trees, no file list', () => {
    expect(callsOf(published.github, 'GET').filter((c) => /contents|trees|\/files/.test(c))).toEqual([])
    expect(published.github.writes().sort()).toEqual(['POST /repos/octo/app/check-runs', 'POST /repos/octo/app/issues/5/comments'])
  })

  it('an incomplete scan fails the check with nothing new, and says why at the top', () => {
    const { result, github } = attacks.incomplete
    // As for findings, the check run carries the verdict; the publishing step itself succeeds.
    expect(result.code).toBe(0)
    expect(result.outputs.result).toBe('fail')
    const [check] = github.state.checkRuns
    expect(check).toMatchObject({ conclusion: 'failure', output: { title: 'The scan is incomplete' } })
    expect(check.output.summary.split('\n')[0]).toBe('### ❌ Containment: the scan is incomplete')
    expect(result.summary).toContain('**The scan is incomplete: 3 files to scan, more than limits.max-files (2)\\: only the first 2 were scanned.**')
    // As in review mode, a comment is created for new findings only (an existing one would be updated).
    expect(commentsOf(github, 5)).toEqual([])
  })

  it('an incomplete scan with fail-on never passes and still says so', () => {
    const { result, github } = attacks.incompleteNever
    expect(result.code).toBe(0)
    expect(github.state.checkRuns[0]).toMatchObject({ conclusion: 'success', output: { title: 'No new findings; the scan is incomplete' } })
    expect(result.summary.split('\n')[0]).toBe('### ❌ Containment: the scan is incomplete (fail-on: never)')
  })

  it('finds a same-repository pull request from the event itself', () => {
    expect(attacks.sameRepo.result.code).toBe(0)
    expect(commentsOf(attacks.sameRepo.github, 5)).toHaveLength(1)
  })
})

describe('mode: publish with a forged or unusable artifact', () => {
  it('escapes what a forged report says: no HTML, mention, link, heading or workflow command gets through', () => {
    const { result, github } = attacks.injected
    expect(result.code).toBe(0)
    const [body] = commentsOf(github, 5)
    expect(body).toMatch(/@\u200beveryone &lt;img src=x onerror=alert\(1\)&gt; \\\[click\\\]\(https\\?:\/\/evil\.example\) \\\| cell \\?#/)
    expect(body).not.toContain('<img')
    expect(body).not.toContain('<script')
    expect(body).not.toContain('@everyone')
    expect(body).not.toContain('[click](https')
    expect(body).not.toMatch(/^### heading/m)
    expect(result.stdout.split('\n').filter((l) => l.startsWith('::error::forged'))).toEqual([])
  })

  it.each([
    ['staleCommit', /is for commit eeeeeeeeeeee/],
    ['otherPull', /names pull request #6/],
    ['unknownRule', /rule this version does not have: ZZ999/],
    ['unknownKey', /does not match the schema/],
    ['absolutePath', /does not match the schema at \/findings\/new\/0\/file/],
    ['parentPath', /does not match the schema at \/findings\/new\/0\/file/],
    ['longMessage', /does not match the schema at \/findings\/new\/0\/message/],
    ['longIncomplete', /does not match the schema at \/incomplete/],
    ['notJson', /not UTF-8 JSON/],
    ['symlink', /is not a regular file/]
  ])('refuses %s: the step fails, and nothing is posted', (name, reason) => {
    const { result, github } = attacks[name]
    expect(result.code).toBe(1)
    expect(result.commands.filter((c) => c.command === 'error').map((c) => c.message).join('\n')).toMatch(reason)
    expect(github.writes()).toEqual([])
  })

  it.each(['noPull', 'pullAtOtherCommit', 'pushRun'])('%s: no pull request has that head commit, so nothing is posted and the step passes', (name) => {
    const { result, github } = attacks[name]
    expect(result.code).toBe(0)
    expect(github.writes()).toEqual([])
  })
})

