import { beforeAll, describe, expect, it } from '@jest/globals'
import { sarifErrors } from '../report/sarif-schema.js'
import {
  CLEAN_COMPOSE,
  CLEAN_DOCKERFILE,
  PRIVILEGED_COMPOSE,
  SUDO_DOCKERFILE,
  TOKEN,
  callsOf,
  tokenLeaks,
  cellCount,
  commentsOf,
  gitRepository,
  run,
  startGitHub,
  workspaceWith,
  type Run
} from './e2e-helpers.js'

/**
 * End-to-end: the bundled dist/index.js runs as a child process, as the runner runs it (INPUT_* and
 * GITHUB_* variables, an event file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), against a local
 * stand-in for the GitHub REST API that serves fixtures and records every call. Each scenario has its own
 * server and workspace; all scenarios run in parallel in beforeAll, the tests then read their results.
 * The suite runs on this Node and on Node 24 when CI gives one (NODE24_BIN).
 */

const SHA = (c: string) => c.repeat(40)
const NODES: [string, string][] = [[`Node ${process.versions.node}`, process.execPath]]
if (process.env.NODE24_BIN) NODES.push(['Node 24 (NODE24_BIN)', process.env.NODE24_BIN])

type Scenario = (node: string) => Promise<Record<string, unknown>>

/** A PR adds a privileged Compose service; then a second push, a re-run, and the fix. */
const privileged: Scenario = async (node) => {
  const github = await startGitHub({ pulls: { 1: { files: [{ filename: 'compose.yaml', status: 'added' }] } } })
  const pr = (head: string) => ({ number: 1, baseSha: SHA('b'), headSha: SHA(head) })
  const first = await run({ node, github, pr: pr('1'), workspace: workspaceWith({ 'compose.yaml': PRIVILEGED_COMPOSE }) })
  const afterFirst = { comments: commentsOf(github, 1), writes: github.writes() }
  const second = PRIVILEGED_COMPOSE + '  worker:\n    image: busybox:1.36\n    privileged: true\n'
  const secondRun = await run({ node, github, pr: pr('2'), runId: '4243', workspace: workspaceWith({ 'compose.yaml': second }) })
  const afterSecond = { comments: commentsOf(github, 1), writes: github.writes() }
  const rerun = await run({ node, github, pr: pr('2'), runId: '4244', workspace: workspaceWith({ 'compose.yaml': second }) })
  const afterRerun = { writes: github.writes() }
  const fixed = await run({ node, github, pr: pr('3'), runId: '4245', workspace: workspaceWith({ 'compose.yaml': CLEAN_COMPOSE }) })
  const afterFix = { comments: commentsOf(github, 1), writes: github.writes() }
  await github.close()
  return { first, afterFirst, secondRun, afterSecond, rerun, afterRerun, fixed, afterFix, authorization: github.calls[0]?.authorization }
}

/** A clean PR on which nothing was ever said: no comment. */
const clean: Scenario = async (node) => {
  const github = await startGitHub({
    pulls: { 2: { files: [{ filename: 'Dockerfile', status: 'added' }, { filename: 'compose.yaml', status: 'added' }] } },
    comments: [{ id: 7, issue: 2, body: 'Looks good to me', user: 'alice' }]
  })
  const result = await run({ node, github, pr: { number: 2, baseSha: SHA('b'), headSha: SHA('c') }, workspace: workspaceWith({ Dockerfile: CLEAN_DOCKERFILE, 'compose.yaml': CLEAN_COMPOSE }) })
  await github.close()
  return { result, writes: github.writes(), comments: commentsOf(github, 2) }
}

/** A root Dockerfile on the base branch: an edit above it keeps it existing; a new privileged service fails. */
const ROOT_DOCKERFILE = `FROM alpine:3.20@${'sha256:' + 'a'.repeat(64)}\nHEALTHCHECK NONE\nCMD ["sleep", "infinity"]\n`
const EDITED_ROOT_DOCKERFILE = ROOT_DOCKERFILE.replace('HEALTHCHECK NONE\n', 'LABEL org.opencontainers.image.title=app\nHEALTHCHECK NONE\n')

const baselineGit: Scenario = async (node) => {
  const base = { Dockerfile: ROOT_DOCKERFILE, 'compose.yaml': CLEAN_COMPOSE }
  const onlyEdit = gitRepository(base, { Dockerfile: EDITED_ROOT_DOCKERFILE })
  const withPrivileged = gitRepository(base, { Dockerfile: EDITED_ROOT_DOCKERFILE, 'compose.yaml': PRIVILEGED_COMPOSE })
  const github = await startGitHub({
    pulls: {
      3: { files: [{ filename: 'Dockerfile', status: 'modified' }] },
      4: { files: [{ filename: 'Dockerfile', status: 'modified' }, { filename: 'compose.yaml', status: 'modified' }] }
    }
  })
  const existingOnly = await run({ node, github, workspace: onlyEdit.root, pr: { number: 3, baseSha: onlyEdit.baseSha, headSha: onlyEdit.headSha } })
  const newPrivileged = await run({ node, github, workspace: withPrivileged.root, pr: { number: 4, baseSha: withPrivileged.baseSha, headSha: withPrivileged.headSha } })
  await github.close()
  return { existingOnly, newPrivileged, calls: callsOf(github), comments3: commentsOf(github, 3), comments4: commentsOf(github, 4) }
}

/** The same without git in the workspace: the base comes from the contents API at the base commit. */
const baselineApi: Scenario = async (node) => {
  const github = await startGitHub({
    pulls: { 5: { files: [{ filename: 'Dockerfile', status: 'modified' }, { filename: 'compose.yaml', status: 'modified' }] } },
    contents: { [SHA('b')]: { Dockerfile: ROOT_DOCKERFILE, 'compose.yaml': CLEAN_COMPOSE } }
  })
  const result = await run({
    node,
    github,
    pr: { number: 5, baseSha: SHA('b'), headSha: SHA('d') },
    workspace: workspaceWith({ Dockerfile: EDITED_ROOT_DOCKERFILE, 'compose.yaml': PRIVILEGED_COMPOSE })
  })
  await github.close()
  return { result, calls: github.calls.map((c) => `${c.method} ${c.path}${c.query}`) }
}

/** A fork PR whose token cannot comment, against the same PR where it can. */
const fork: Scenario = async (node) => {
  const files = { 'compose.yaml': PRIVILEGED_COMPOSE, Dockerfile: SUDO_DOCKERFILE }
  const pulls = { 6: { files: [{ filename: 'compose.yaml', status: 'added' }, { filename: 'Dockerfile', status: 'added' }] } }
  const pr = { number: 6, baseSha: SHA('b'), headSha: SHA('e'), fork: true }
  const readOnly = await startGitHub({
    pulls,
    faults: [
      { method: 'POST', path: /\/issues\/6\/comments$/, status: 403, times: 99, message: 'Resource not accessible by integration' },
      { method: 'PATCH', path: /\/issues\/comments\//, status: 403, times: 99, message: 'Resource not accessible by integration' }
    ]
  })
  const denied = await run({ node, github: readOnly, pr, workspace: workspaceWith(files) })
  await readOnly.close()
  const writable = await startGitHub({ pulls })
  const allowed = await run({ node, github: writable, pr, workspace: workspaceWith(files) })
  await writable.close()
  return { denied, allowed, deniedComments: commentsOf(readOnly, 6), allowedComments: commentsOf(writable, 6) }
}

/** 502 once on the file list and once on the comment: both retried, one comment. */
const retries: Scenario = async (node) => {
  const github = await startGitHub({
    pulls: { 7: { files: [{ filename: 'compose.yaml', status: 'added' }] } },
    faults: [
      { method: 'GET', path: /\/pulls\/7\/files$/, status: 502, times: 1, message: 'Bad Gateway' },
      { method: 'POST', path: /\/issues\/7\/comments$/, status: 502, times: 1, message: 'Bad Gateway' }
    ]
  })
  const result = await run({ node, github, pr: { number: 7, baseSha: SHA('b'), headSha: SHA('f') }, workspace: workspaceWith({ 'compose.yaml': PRIVILEGED_COMPOSE }) })
  await github.close()
  return { result, calls: callsOf(github), comments: commentsOf(github, 7) }
}

/** More than 3,000 changed files: the API lists 3,000; git diff (or a full scan) finds the rest. */
const manyFiles: Scenario = async (node) => {
  const added: Record<string, string> = {}
  for (let i = 0; i < 3200; i++) added[`data/f${String(i).padStart(4, '0')}.txt`] = `${i}\n`
  added['zz/Dockerfile'] = SUDO_DOCKERFILE
  const repo = gitRepository({ 'README.md': 'app\n' }, added)
  const listed = Object.keys(added)
    .sort()
    .map((filename) => ({ filename, status: 'added' }))
  const github = await startGitHub({ pulls: { 8: { files: listed } } })
  const pr = { number: 8, baseSha: repo.baseSha, headSha: repo.headSha, changedFiles: listed.length }
  const withGit = await run({ node, github, pr, workspace: repo.root })
  const withoutGit = await run({ node, github, pr, workspace: workspaceWith({ 'zz/Dockerfile': SUDO_DOCKERFILE, 'other/Dockerfile': SUDO_DOCKERFILE }) })
  await github.close()
  return { withGit, withoutGit, listFilesCalls: callsOf(github, 'GET').filter((c) => c.endsWith('/pulls/8/files')).length }
}

/** A renamed Dockerfile keeps its old finding as existing and gets a new one; a removed one is not read. */
const renames: Scenario = async (node) => {
  const repo = gitRepository(
    { 'old/Dockerfile': SUDO_DOCKERFILE, 'gone/Dockerfile': SUDO_DOCKERFILE },
    { 'new/Dockerfile': { from: 'old/Dockerfile', content: SUDO_DOCKERFILE.replace('USER 10001', 'RUN sudo id\nUSER 10001') }, 'gone/Dockerfile': null }
  )
  const github = await startGitHub({
    pulls: { 9: { files: [{ filename: 'new/Dockerfile', status: 'renamed', previous_filename: 'old/Dockerfile' }, { filename: 'gone/Dockerfile', status: 'removed' }] } }
  })
  const result = await run({ node, github, workspace: repo.root, pr: { number: 9, baseSha: repo.baseSha, headSha: repo.headSha } })
  await github.close()
  return { result, calls: callsOf(github) }
}

/** Fifteen high findings: nine error annotations beside the failure message, then one notice. */
const fifteen: Scenario = async (node) => {
  const lines = Array.from({ length: 15 }, (_, i) => `RUN sudo step-${i}`).join('\n')
  const github = await startGitHub({ pulls: { 10: { files: [{ filename: 'Dockerfile', status: 'added' }] } } })
  const result = await run({
    node,
    github,
    pr: { number: 10, baseSha: SHA('b'), headSha: SHA('a') },
    workspace: workspaceWith({ Dockerfile: CLEAN_DOCKERFILE.replace('USER 10001', `${lines}\nUSER 10001`) })
  })
  await github.close()
  return { result }
}

/** So many findings that the comment would pass 65,536 characters. */
const huge: Scenario = async (node) => {
  const lines = Array.from({ length: 1200 }, (_, i) => `RUN sudo /usr/local/bin/a-rather-long-command-name-number-${i} --with --several --flags`).join('\n')
  const path = `services/${'nested/'.repeat(6)}Dockerfile`
  const github = await startGitHub({ pulls: { 11: { files: [{ filename: path, status: 'added' }] } } })
  const result = await run({
    node,
    github,
    pr: { number: 11, baseSha: SHA('b'), headSha: SHA('9') },
    workspace: workspaceWith({ [path]: CLEAN_DOCKERFILE.replace('USER 10001', `${lines}\nUSER 10001`) })
  })
  await github.close()
  return { result, comments: commentsOf(github, 11), posted: github.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/comments')).map((c) => (c.body as { body: string }).body) }
}

/** File names and content crafted to inject Markdown, HTML, mentions and workflow commands. */
const HOSTILE = '<img src=x onerror=alert(1)> @octocat `tick` | ::warning::pwned [x](javascript:alert(1)) %0A%25'
const HOSTILE_DIR = `inj,ect:ed%2C\n::error::pwned\n<b>@octocat</b> | \`x\``
const injection: Scenario = async (node) => {
  const composePath = `${HOSTILE_DIR}/compose.yaml`
  const dockerfilePath = `${HOSTILE_DIR}/Dockerfile`
  const compose = `services:\n  ${JSON.stringify(HOSTILE + '\n::error::newline')}:\n    image: nginx:1.27\n    privileged: true\n`
  const dockerfile = `FROM alpine:3.20\n@octocat <script>alert(1)</script> ::set-output name=result::pass\nRUN sudo true\n`
  const github = await startGitHub({ pulls: { 12: { files: [{ filename: composePath, status: 'added' }, { filename: dockerfilePath, status: 'added' }] } } })
  const result = await run({ node, github, pr: { number: 12, baseSha: SHA('b'), headSha: SHA('8') }, workspace: workspaceWith({ [composePath]: compose, [dockerfilePath]: dockerfile }) })
  await github.close()
  return { result, comments: commentsOf(github, 12), composePath, dockerfilePath }
}

/** pull_request_target without a checkout: files come from the API at the head commit; links out are not followed. */
const noCheckout: Scenario = async (node) => {
  const github = await startGitHub({
    pulls: { 13: { files: [{ filename: 'app/Dockerfile', status: 'modified' }, { filename: 'link/Dockerfile', status: 'added' }] } },
    contents: {
      [SHA('7')]: { 'app/Dockerfile': SUDO_DOCKERFILE, 'link/Dockerfile': { symlink: '/etc/passwd' }, 'compose.yaml': PRIVILEGED_COMPOSE.replace('image:', 'build: ./app\n    image:') },
      [SHA('b')]: { 'app/Dockerfile': CLEAN_DOCKERFILE, 'compose.yaml': PRIVILEGED_COMPOSE.replace('image:', 'build: ./app\n    image:') }
    }
  })
  const result = await run({
    node,
    github,
    eventName: 'pull_request_target',
    sha: SHA('0'),
    pr: { number: 13, baseSha: SHA('b'), headSha: SHA('7'), fork: true },
    workspace: workspaceWith({})
  })
  await github.close()
  return { result, calls: github.calls.map((c) => `${c.method} ${c.path}${c.query}`), comments: commentsOf(github, 13) }
}

/** A push scans every matching file in the checkout, and needs no API. */
const push: Scenario = async (node) => {
  const github = await startGitHub({})
  const workspace = workspaceWith({
    'api/Dockerfile': SUDO_DOCKERFILE,
    'web/Dockerfile': CLEAN_DOCKERFILE,
    'deploy/compose.yaml': CLEAN_COMPOSE,
    'node_modules/pkg/Dockerfile': SUDO_DOCKERFILE,
    'docs/README.md': 'not a Dockerfile\n'
  })
  const result = await run({ node, github, eventName: 'push', event: { ref: 'refs/heads/main' }, sha: SHA('5'), workspace, inputs: { 'github-token': '' } })
  await github.close()
  return { result, calls: callsOf(github) }
}

/** A Dockerfile that is a symbolic link out of the workspace is never read. */
const symlinkOut: Scenario = async (node) => {
  const outside = workspaceWith({ 'secret/Dockerfile': SUDO_DOCKERFILE })
  const workspace = workspaceWith({ 'app/Dockerfile': { symlink: `${outside}/secret/Dockerfile` }, 'ok/Dockerfile': CLEAN_DOCKERFILE })
  const github = await startGitHub({ pulls: { 14: { files: [{ filename: 'app/Dockerfile', status: 'added' }, { filename: 'ok/Dockerfile', status: 'added' }] } } })
  const result = await run({ node, github, pr: { number: 14, baseSha: SHA('b'), headSha: SHA('6') }, workspace })
  await github.close()
  return { result }
}

/** A Dockerfile change that makes a Compose service run as root: the Compose file is scanned too (DX001). */
const COMPOSE_BUILDING_APP = CLEAN_COMPOSE.replace(`    image: nginx:1.27@${'sha256:' + 'a'.repeat(64)}\n    user: "10001"\n`, '    build: ./app\n')
const composeBuild: Scenario = async (node) => {
  const repo = gitRepository({ 'app/Dockerfile': CLEAN_DOCKERFILE, 'compose.yaml': COMPOSE_BUILDING_APP }, { 'app/Dockerfile': CLEAN_DOCKERFILE.replace('USER 10001\n', '') })
  const github = await startGitHub({ pulls: { 15: { files: [{ filename: 'app/Dockerfile', status: 'modified' }] } } })
  const result = await run({ node, github, workspace: repo.root, pr: { number: 15, baseSha: repo.baseSha, headSha: repo.headSha } })
  await github.close()
  return { result }
}

/** A merge group: the changed files from git, no pull request comment. */
const mergeGroup: Scenario = async (node) => {
  const repo = gitRepository({ 'a/Dockerfile': CLEAN_DOCKERFILE, 'b/Dockerfile': SUDO_DOCKERFILE }, { 'a/Dockerfile': SUDO_DOCKERFILE })
  const github = await startGitHub({})
  const result = await run({
    node,
    github,
    eventName: 'merge_group',
    event: { merge_group: { base_sha: repo.baseSha, head_sha: repo.headSha, head_ref: 'refs/heads/gh-readonly-queue/main/pr-1' } },
    sha: repo.headSha,
    workspace: repo.root
  })
  await github.close()
  return { result, calls: callsOf(github) }
}

/** The config file is honoured (a rule turned off), a missing one stops the run, and so does a bad input. */
const configuration: Scenario = async (node) => {
  const github = await startGitHub({ pulls: { 16: { files: [{ filename: 'Dockerfile', status: 'added' }] } } })
  const pr = { number: 16, baseSha: SHA('b'), headSha: SHA('c') }
  const files = { Dockerfile: SUDO_DOCKERFILE, '.containment.yml': 'rules:\n  DF002: info\n' }
  const honoured = await run({ node, github, pr, workspace: workspaceWith(files) })
  const overridden = await run({ node, github, pr, workspace: workspaceWith(files), inputs: { 'fail-on': 'info', comment: 'off' } })
  const missing = await run({ node, github, pr, workspace: workspaceWith(files), inputs: { config: 'nowhere.yml' } })
  const badInput = await run({ node, github, pr, workspace: workspaceWith(files), inputs: { 'fail-on': 'severe' } })
  await github.close()
  return { honoured, overridden, missing, badInput }
}

/** A busy pull request: 150 other comments, then two copies of ours (page 2) and a spoofed copy by someone else. */
const duplicates: Scenario = async (node) => {
  const marker = '<!-- containment:report id=containment -->'
  const chatter = Array.from({ length: 150 }, (_, i) => ({ id: 10 + i, issue: 17, body: `comment ${i}`, user: 'dev-alice' }))
  const github = await startGitHub({
    pulls: { 17: { files: [{ filename: 'compose.yaml', status: 'added' }] } },
    comments: [
      ...chatter,
      { id: 500, issue: 17, body: `${marker}\nold`, user: 'github-actions[bot]' },
      { id: 501, issue: 17, body: `${marker}\nspoofed`, user: 'mallory' },
      { id: 502, issue: 17, body: `${marker}\nnewer`, user: 'github-actions[bot]' }
    ]
  })
  const result = await run({ node, github, pr: { number: 17, baseSha: SHA('b'), headSha: SHA('d') }, workspace: workspaceWith({ 'compose.yaml': PRIVILEGED_COMPOSE }) })
  await github.close()
  return { result, writes: github.writes(), pages: callsOf(github, 'GET').filter((c) => c === 'GET /issues/17/comments').length, comments: github.state.comments.filter((c) => c.id >= 500) }
}

const SCENARIOS: Record<string, Scenario> = {
  privileged,
  clean,
  baselineGit,
  baselineApi,
  fork,
  retries,
  manyFiles,
  renames,
  fifteen,
  huge,
  injection,
  noCheckout,
  push,
  symlinkOut,
  composeBuild,
  mergeGroup,
  configuration,
  duplicates
}

/** Every run of a scenario result, to check what holds for all of them. */
function runsIn(results: Record<string, Record<string, unknown>>): Run[] {
  return Object.values(results).flatMap((r) => Object.values(r).filter((v): v is Run => typeof v === 'object' && v !== null && 'stdout' in v && 'commands' in v))
}

describe.each(NODES)('dist/index.js on %s', (_label, node) => {
  const results: Record<string, Record<string, any>> = {}
  beforeAll(async () => {
    const started = Date.now()
    const entries = await Promise.all(
      Object.entries(SCENARIOS).map(async ([name, scenario]) => {
        const result = await scenario(node)
        return [name, result, Date.now() - started] as const
      })
    )
    for (const [name, result] of entries) results[name] = result
    if (process.env.E2E_TIMING) console.log(entries.map(([name, , ms]) => `${name} done at ${ms} ms`).join('\n'))
  }, 240_000)

  describe('a pull request that adds a privileged Compose service', () => {
    it('fails, with an error annotation on the privileged: line', () => {
      const { first } = results.privileged as { first: Run }
      expect(first.code).toBe(1)
      const dc001 = first.errors.filter((e) => e.properties.title?.startsWith('DC001'))
      expect(dc001).toHaveLength(1)
      expect(dc001[0].properties).toMatchObject({ title: 'DC001 Privileged container', file: 'compose.yaml', line: '10', col: '5' })
      expect(first.errors.at(-1)!.message).toMatch(/^Containment: 1 new finding at or above fail-on "high" \(1 critical\)/)
      expect(first.outputs).toMatchObject({ result: 'fail', critical: '1', 'new-findings': '1', 'max-severity': 'critical' })
    })

    it('writes valid SARIF with the finding on that line', () => {
      const { first } = results.privileged as { first: Run }
      expect(sarifErrors(first.sarif)).toEqual([])
      const result = first.sarif!.runs[0].results.find((r) => r.ruleId === 'DC001')!
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('compose.yaml')
      expect(result.locations[0].physicalLocation.region.startLine).toBe(10)
    })

    it('creates exactly one comment that names the rule and links the line', () => {
      const { afterFirst, first } = results.privileged
      expect(afterFirst.writes).toEqual(['POST /repos/octo/app/issues/1/comments'])
      expect(afterFirst.comments).toHaveLength(1)
      expect(afterFirst.comments[0]).toContain('### ❌ Containment: 1 new finding at or above high')
      expect(afterFirst.comments[0]).toContain(`(https://github.com/octo/app/blob/${SHA('1')}/compose.yaml#L10)`)
      expect(first.outputs['comment-url']).toMatch(/^https:\/\/github\.com\/octo\/app\/pull\/1#issuecomment-\d+$/)
    })

    it('on the next push updates that comment instead of adding one', () => {
      const { afterSecond, secondRun } = results.privileged
      expect(afterSecond.writes.slice(1)).toEqual([expect.stringMatching(/^PATCH \/repos\/octo\/app\/issues\/comments\/\d+$/)])
      expect(afterSecond.comments).toHaveLength(1)
      expect(afterSecond.comments[0]).toContain('2 new findings at or above high')
      expect(secondRun.code).toBe(1)
    })

    it('leaves the comment alone when a re-run finds the same', () => {
      const { afterRerun, afterSecond, rerun } = results.privileged
      expect(afterRerun.writes).toEqual(afterSecond.writes)
      expect(rerun.code).toBe(1)
    })

    it('after the fix, updates the comment to say so and passes', () => {
      const { afterFix, fixed } = results.privileged
      expect(fixed.code).toBe(0)
      expect(fixed.errors).toEqual([])
      expect(afterFix.writes.at(-1)).toMatch(/^PATCH /)
      expect(afterFix.comments).toHaveLength(1)
      expect(afterFix.comments[0]).toContain('### ✅ Containment: no findings')
      expect(fixed.outputs).toMatchObject({ result: 'pass', 'new-findings': '0', 'max-severity': 'none' })
    })

    it('authenticates with the token and never prints it (every run is also checked by run() in e2e-helpers)', () => {
      expect(results.privileged.authorization).toBe(`token ${TOKEN}`)
      expect(tokenLeaks({ clean: 'no token here', planted: `log: ${TOKEN}`, encoded: Buffer.from(TOKEN).toString('base64') })).toEqual(['planted', 'encoded'])
      for (const r of runsIn(results)) {
        expect(r.stdout).not.toContain(TOKEN)
        expect(r.stderr).not.toContain(TOKEN)
        expect(r.summary).not.toContain(TOKEN)
        expect(JSON.stringify(r.outputs)).not.toContain(TOKEN)
      }
    })
  })

  it('a clean pull request with no earlier comment: passes, creates no comment, writes an empty valid SARIF', () => {
    const { result, writes, comments } = results.clean
    expect(result.code).toBe(0)
    expect(writes).toEqual([])
    expect(comments).toEqual(['Looks good to me'])
    expect(result.commands.filter((c: { command: string }) => ['error', 'warning', 'notice'].includes(c.command))).toEqual([])
    expect(sarifErrors(result.sarif)).toEqual([])
    expect(result.sarif.runs[0].results).toEqual([])
    expect(result.summary).toContain('### ✅ Containment: no findings')
    expect(result.outputs).toMatchObject({ result: 'pass', critical: '0', high: '0', 'new-findings': '0', 'comment-url': '' })
  })

  describe('new versus existing (baseline: base, base commit in the checkout)', () => {
    it('an edit to a Dockerfile that already ran as root does not fail the check', () => {
      const { existingOnly, comments3 } = results.baselineGit
      expect(existingOnly.code).toBe(0)
      expect(existingOnly.errors).toEqual([])
      expect(comments3).toEqual([])
      expect(existingOnly.outputs).toMatchObject({ result: 'pass', 'new-findings': '0', high: '1' })
      expect(existingOnly.summary).toContain('### ✅ Containment: no new findings')
      expect(existingOnly.summary).toMatch(/<details><summary>1 existing finding: already there before this change<\/summary>[\s\S]*DF001/)
    })

    it('a new privileged: true in the same pull request does, and is the only annotation', () => {
      const { newPrivileged, comments4, calls } = results.baselineGit
      expect(newPrivileged.code).toBe(1)
      expect(newPrivileged.errors.map((e: { properties: { title?: string } }) => e.properties.title)).toEqual(['DC001 Privileged container', undefined])
      expect(newPrivileged.outputs).toMatchObject({ 'new-findings': '1', critical: '1', high: '1' })
      expect(comments4).toHaveLength(1)
      expect(comments4[0]).toContain('| **New** | 1 | 0 |')
      expect(comments4[0]).toContain('| Existing | 0 | 1 |')
      // The base came from git: no contents API call.
      expect(calls.filter((c: string) => c.includes('/contents/'))).toEqual([])
      const states = newPrivileged.sarif!.runs[0].results.map((r: { ruleId: string; baselineState?: string }) => `${r.ruleId} ${r.baselineState}`)
      expect(states).toEqual(expect.arrayContaining(['DC001 new', 'DF001 unchanged']))
    })

    it('without git, reads the base through the contents API and decides the same', () => {
      const { result, calls } = results.baselineApi
      expect(result.code).toBe(1)
      expect(result.errors.map((e: { properties: { title?: string } }) => e.properties.title)).toEqual(['DC001 Privileged container', undefined])
      expect(calls).toEqual(expect.arrayContaining([`GET /repos/octo/app/contents/Dockerfile?ref=${SHA('b')}`]))
    })
  })

  describe('a pull request from a fork whose token cannot comment', () => {
    it('keeps the verdict, the annotations, the summary and the SARIF file', () => {
      const { denied, allowed } = results.fork as { denied: Run; allowed: Run }
      expect(denied.code).toBe(1)
      expect(denied.code).toBe(allowed.code)
      expect(denied.errors).toEqual(allowed.errors)
      expect(denied.warnings).toEqual(allowed.warnings)
      expect(denied.sarifText).toBe(allowed.sarifText)
      const withoutNote = denied.summary.replace(/> \[!NOTE\]\n(>.*\n)+\n/, '')
      expect(withoutNote).toBe(allowed.summary)
      expect({ ...denied.outputs, 'sarif-file': '' }).toEqual({ ...allowed.outputs, 'sarif-file': '', 'comment-url': '' })
    })

    it('explains in a notice and in the summary', () => {
      const { denied, deniedComments } = results.fork as { denied: Run; deniedComments: string[] }
      expect(deniedComments).toEqual([])
      const notice = denied.notices.find((n) => n.message.includes('could not be posted'))!
      expect(notice.message).toContain('HTTP 403')
      expect(notice.message).toContain('on pull requests from forks GITHUB_TOKEN is read-only')
      expect(denied.summary).toContain('could not be posted (HTTP 403')
    })
  })

  it('retries a 502 on the file list and on the comment, and posts one comment', () => {
    const { result, calls, comments } = results.retries
    expect(calls.filter((c: string) => c === 'GET /pulls/7/files')).toHaveLength(2)
    expect(calls.filter((c: string) => c === 'POST /issues/7/comments')).toHaveLength(2)
    expect(comments).toHaveLength(1)
    expect(result.code).toBe(1)
    expect(result.errors[0].properties.title).toBe('DC001 Privileged container')
  })

  describe('more than 3,000 changed files', () => {
    it('takes the changed files from git diff when the checkout has both commits, and says so', () => {
      const { withGit, listFilesCalls } = results.manyFiles
      expect(listFilesCalls).toBe(2 * 30)
      expect(withGit.code).toBe(1)
      expect(withGit.errors[0].properties).toMatchObject({ title: 'DF002 sudo in RUN', file: 'zz/Dockerfile', line: '3' })
      expect(withGit.notices[0].message).toMatch(/changes 3201 files; the GitHub API lists 3000 at most: the changed files were taken from `git diff base\.\.\.head` instead/)
      expect(withGit.summary).toContain('Scanned 1 file changed by pull request \\#\u200B8')
    })

    it('scans every matching file when git cannot help, and says so', () => {
      const { withoutGit } = results.manyFiles
      expect(withoutGit.code).toBe(1)
      expect(withoutGit.errors.filter((e: { properties: { file?: string } }) => e.properties.file).map((e: { properties: { file?: string } }) => e.properties.file).sort()).toEqual(['other/Dockerfile', 'zz/Dockerfile'])
      expect(withoutGit.notices[0].message).toMatch(/every matching file was scanned/)
    })
  })

  it('renamed files keep their findings under the new name; removed files are not read', () => {
    const { result, calls } = results.renames
    expect(result.code).toBe(1)
    expect(result.errors.filter((e: { properties: { file?: string } }) => e.properties.file)).toEqual([
      expect.objectContaining({ properties: expect.objectContaining({ title: 'DF002 sudo in RUN', file: 'new/Dockerfile', line: '4' }) })
    ])
    expect(result.summary).toContain('<details><summary>1 existing finding')
    expect(result.summary).toContain('(https://github.com/octo/app/blob/')
    expect(result.summary).toContain('- new/Dockerfile')
    expect(result.summary).not.toContain('gone')
    expect(result.stdout).not.toContain('gone/Dockerfile')
    expect(calls.filter((c: string) => c.includes('/contents/'))).toEqual([])
  })

  it('shows nine error annotations beside the failure message, then one notice for the rest', () => {
    const { result } = results.fifteen as { result: Run }
    expect(result.errors).toHaveLength(10)
    expect(result.errors.slice(0, 9).every((e) => e.properties.title === 'DF002 sudo in RUN')).toBe(true)
    expect(result.errors[9].properties.title).toBeUndefined()
    expect(result.errors[9].message).toMatch(/15 new findings at or above fail-on "high" \(15 high\)/)
    expect(result.notices.at(-1)!.message).toBe(
      '6 more findings are not shown as annotations: GitHub shows 10 per level in a step, the most severe first. See the job summary, the pull request comment and the SARIF file.'
    )
    expect(result.outputs.high).toBe('15')
    expect(result.sarif!.runs[0].results).toHaveLength(15)
  })

  it('keeps a comment that would pass 65,536 characters under it, pointing to the full job summary', () => {
    const { result, posted } = results.huge
    expect(posted).toHaveLength(1)
    expect(posted[0].length).toBeLessThan(65_536)
    expect(posted[0]).toMatch(/more rows did not fit here \(GitHub limits the size\)\. The full list is in the \[job summary\]\(https:\/\/github\.com\/octo\/app\/actions\/runs\/4242\)/)
    expect(result.summary.split('\n').filter((l: string) => l.startsWith('| 🟠 high | [DF002]'))).toHaveLength(1200)
    expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024)
    expect(result.sarif.runs[0].results).toHaveLength(1200)
  })

  describe('file names and content crafted to inject', () => {
    it('cannot issue workflow commands', () => {
      const { result } = results.injection as { result: Run }
      for (const command of result.commands) expect(['group', 'endgroup', 'error', 'warning', 'notice']).toContain(command.command)
      for (const line of result.stdout.split('\n')) {
        if (line.startsWith('::')) expect(line).toMatch(/^::(group|endgroup|error|warning|notice)( [^:]*)?::/)
      }
      expect(result.commands.some((c) => c.message.startsWith('pwned'))).toBe(false)
      expect(result.outputs.result).toBe('fail')
    })

    it('keeps the file name whole in annotation properties', () => {
      const { result, composePath } = results.injection
      const dc001 = result.errors.find((e: { properties: { title?: string } }) => e.properties.title === 'DC001 Privileged container')
      expect(dc001.properties.file).toBe(composePath)
      expect(dc001.message).toContain('::warning::pwned')
    })

    it('escapes it in the comment and the summary', () => {
      const { result, comments } = results.injection
      for (const text of [comments[0], result.summary]) {
        expect(text).not.toMatch(/<img|<script|<b>|javascript:alert\(/)
        expect(text).not.toMatch(/@octocat/i)
        expect(text).toContain('@\u200Bocto')
        expect(text).not.toMatch(/(^|[^\\])`(tick|x)/)
        expect(text.split('\n').some((l: string) => /^\s*::/.test(l))).toBe(false)
        for (const row of text.split('\n').filter((l: string) => /^\| (🔴|🟠|🟡|🔵|⚪) /.test(l))) expect(cellCount(row)).toBe(5)
      }
    })

    it('keeps the SARIF file valid', () => {
      const { result, dockerfilePath } = results.injection
      expect(sarifErrors(result.sarif)).toEqual([])
      const uris = result.sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri)
      expect(uris).toContain(dockerfilePath.split('/').map(encodeURIComponent).join('/').replace(/[!'()*]/g, (c: string) => '%' + c.charCodeAt(0).toString(16).toUpperCase()))
    })
  })

  it('pull_request_target without a checkout: reads the head through the API, never follows a link out', () => {
    const { result, calls, comments } = results.noCheckout
    expect(calls).toEqual(expect.arrayContaining([`GET /repos/octo/app/contents/app/Dockerfile?ref=${SHA('7')}`]))
    expect(result.errors.filter((e: { properties: { file?: string } }) => e.properties.file).map((e: { properties: { title?: string; file?: string } }) => `${e.properties.title} ${e.properties.file}`)).toEqual([
      'DF002 sudo in RUN app/Dockerfile'
    ])
    // The link out is reported (DF023 at low, not read), never followed: nothing of /etc/passwd is shown.
    expect(result.summary).toContain('link/Dockerfile#L1) | This file is a symbolic link that leads outside the repository')
    expect(result.summary).not.toContain('root:x:0:0')
    expect(result.summary).toContain('- compose.yaml')
    expect(result.summary).toContain('- app/Dockerfile')
    expect(comments).toHaveLength(1)
    expect(result.code).toBe(1)
  })

  it('a push scans every matching file and calls no API', () => {
    const { result, calls } = results.push
    expect(calls).toEqual([])
    expect(result.code).toBe(1)
    expect(result.errors.filter((e: { properties: { file?: string } }) => e.properties.file).map((e: { properties: { file?: string } }) => e.properties.file)).toEqual(['api/Dockerfile'])
    expect(result.summary).toContain('every Dockerfile and Compose file in the repository\\: 3 files')
    expect(result.summary).not.toContain('node\\_modules')
    expect(result.outputs['comment-url']).toBe('')
  })

  it('never reads a Dockerfile that links out of the workspace', () => {
    const { result } = results.symlinkOut
    expect(result.code).toBe(0)
    expect(result.errors).toEqual([])
    expect(result.summary).toContain('- ok/Dockerfile')
    // Reported at low as a link out, its target never read (its sudo would be DF002 at high).
    expect(result.summary).toContain('app/Dockerfile#L1) | This file is a symbolic link that leads outside the repository')
    expect(result.summary).not.toContain('DF002')
  })

  it('scans the Compose file that builds a changed Dockerfile, so a service newly running as root is caught', () => {
    const { result } = results.composeBuild as { result: Run }
    const titled = result.errors.filter((e) => e.properties.file).map((e) => `${e.properties.title?.split(' ')[0]} ${e.properties.file}:${e.properties.line}`)
    expect(titled).toEqual(expect.arrayContaining(['DF001 app/Dockerfile:1', 'DX001 compose.yaml:3']))
    expect(result.summary).toContain('and 1 Compose file that builds a changed Dockerfile')
  })

  it('a merge group scans what it changes, from git, and comments nowhere', () => {
    const { result, calls } = results.mergeGroup as { result: Run; calls: string[] }
    expect(calls).toEqual([])
    expect(result.code).toBe(1)
    expect(result.errors.filter((e) => e.properties.file).map((e) => e.properties.file)).toEqual(['a/Dockerfile'])
    expect(result.summary).toContain('1 file changed by this merge group')
  })

  describe('configuration', () => {
    it('honours the config file, and lets the fail-on input override its threshold', () => {
      const { honoured, overridden } = results.configuration as { honoured: Run; overridden: Run }
      expect(honoured.code).toBe(0)
      expect(honoured.outputs).toMatchObject({ info: '1', result: 'pass' })
      expect(overridden.code).toBe(1)
      expect(overridden.errors[0].properties.title).toBe('DF002 sudo in RUN')
    })

    it('stops on a config file that is not there, and on a bad input, saying which', () => {
      const { missing, badInput } = results.configuration as { missing: Run; badInput: Run }
      expect(missing.code).toBe(1)
      expect(missing.errors.at(-1)!.message).toMatch(/^Containment could not run: nowhere\.yml: config file not found/)
      expect(badInput.code).toBe(1)
      expect(badInput.errors.at(-1)!.message).toBe('Containment could not run: Input "fail-on" is "severe"; expected one of: critical, high, medium, low, info, never.')
    })
  })

  it('finds its comment on any page, updates the oldest, deletes the duplicate, leaves a spoofed copy alone', () => {
    const { result, writes, pages, comments } = results.duplicates
    expect(pages).toBe(2)
    expect(writes).toEqual(['PATCH /repos/octo/app/issues/comments/500', 'DELETE /repos/octo/app/issues/comments/502'])
    expect(comments.map((c: { id: number }) => c.id)).toEqual([500, 501])
    expect(comments[0].body).toContain('DC001')
    expect(result.outputs['comment-url']).toMatch(/#issuecomment-500$/)
  })
})
