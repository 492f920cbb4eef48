import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { StoredComment } from '../../scripts/runner-stand-in.mjs'
import { CLEAN_COMPOSE, DIGEST, commentsOf, run, startGitHub, workspaceWith, type GitHubStandIn, type Run } from './e2e-helpers.js'
import { SCENARIOS, faultOf, faultTable, type FaultScenario, type Setup } from './fault-matrix.js'

/**
 * The fault matrix (fault-matrix.ts) against dist/index.js, and two runs racing on one pull request.
 * Every scenario has its own stand-in API and workspace; they run a few at a time, since most of their
 * time is spent waiting on a timeout or a retry.
 */

const SHA = (c: string) => c.repeat(40)
const NODES: [string, string][] = [[`Node ${process.versions.node}`, process.execPath]]
if (process.env.NODE24_BIN) NODES.push(['Node 24 (NODE24_BIN)', process.env.NODE24_BIN])

/** The base: a Dockerfile running as root (DF001, high). The pull request edits it and unpins an image (DC015, below fail-on). */
const ROOT_DOCKERFILE = `FROM alpine:3.20@${DIGEST}\nHEALTHCHECK NONE\nCMD ["sleep", "infinity"]\n`
const EDITED_DOCKERFILE = ROOT_DOCKERFILE.replace('HEALTHCHECK NONE\n', 'LABEL org.opencontainers.image.title=app\nHEALTHCHECK NONE\n')
const UNPINNED_COMPOSE = CLEAN_COMPOSE.replace(`nginx:1.27@${DIGEST}`, 'nginx:1.27')
const PR = 21
const MARKER = '<!-- containment:report id=containment -->'
/** Two copies of our comment (a race of long ago): the run keeps the oldest and deletes the other. */
const EARLIER: StoredComment[] = [
  { id: 500, issue: PR, body: `${MARKER}\nold report` },
  { id: 502, issue: PR, body: `${MARKER}\nolder duplicate` }
]

function stateFor(setup: Setup) {
  return {
    pulls: { [PR]: { files: [{ filename: 'Dockerfile', status: 'modified' }, { filename: 'compose.yaml', status: 'modified' }] } },
    contents: { [SHA('b')]: { Dockerfile: ROOT_DOCKERFILE, 'compose.yaml': CLEAN_COMPOSE } },
    comments: setup === 'update' ? EARLIER.map((c) => ({ ...c })) : []
  }
}

interface Outcome {
  result: Run
  github: GitHubStandIn
  ours: string[]
}

async function runWith(node: string, setup: Setup, scenario?: FaultScenario): Promise<Outcome> {
  const github = await startGitHub({ ...stateFor(setup), faults: scenario ? [faultOf(scenario)] : [] })
  const workspace = workspaceWith({ Dockerfile: EDITED_DOCKERFILE, 'compose.yaml': UNPINNED_COMPOSE })
  const result = await run({ node, github, workspace, pr: { number: PR, baseSha: SHA('b'), headSha: SHA('c') } })
  await github.close()
  return { result, github, ours: commentsOf(github, PR).filter((b) => b.includes(MARKER)) }
}

/** pull_request_target without a checkout: the head itself comes from the contents API, which fails. */
async function headUnreadable(node: string): Promise<Run> {
  const github = await startGitHub({
    pulls: { 23: { files: [{ filename: 'Dockerfile', status: 'added' }] } },
    contents: { [SHA('e')]: { Dockerfile: ROOT_DOCKERFILE } },
    faults: [{ method: 'GET', path: /\/contents\//, times: 1000, status: 500, message: 'Internal Server Error' }]
  })
  const result = await run({ node, github, eventName: 'pull_request_target', sha: SHA('0'), pr: { number: 23, baseSha: SHA('b'), headSha: SHA('e'), fork: true }, workspace: workspaceWith({}) })
  await github.close()
  return result
}

/** Runs tasks at most `limit` at a time. */
async function limited<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++
      results[i] = await tasks[i]()
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
  return results
}

/** Annotations on findings (those with a file), as the runner shows them. */
const findingAnnotations = (r: Run) => r.commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command) && c.properties.file)
const notes = (r: Run) => r.notices.filter((n) => !n.properties.file).map((n) => n.message)
const verdictOutputs = (r: Run) => ({ ...r.outputs, 'sarif-file': '', 'comment-url': '' })
/** Attempts per distinct request (method, path and query) that matched the faulted call. */
function attemptsPerRequest(github: GitHubStandIn, scenario: FaultScenario): number[] {
  const counts = new Map<string, number>()
  for (const c of github.calls.filter((c) => c.method === scenario.call.method && scenario.call.path.test(c.path))) {
    const key = `${c.method} ${c.path}${c.query}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts.values()]
}

/**
 * The whole matrix on this Node; on Node 24 the lasting faults whose handling lives in the runtime's
 * fetch (connection reset, timeout), so that the second Node adds seconds, not another minute.
 */
const scenariosOn = (node: string) =>
  node === process.execPath ? SCENARIOS : SCENARIOS.filter((s) => s.lasting === 'for good' && (s.kind.name === 'connection reset' || s.kind.name === 'timeout'))

describe.each(NODES)('dist/index.js on %s, against a failing GitHub API', (_label, node) => {
  const SCENARIOS_HERE = scenariosOn(node)
  let unreadable: Run
  const healthy: Partial<Record<Setup, Outcome>> = {}
  const outcomes = new Map<string, Outcome>()
  beforeAll(async () => {
    const started = Date.now()
    const [create, update, ...results] = await limited(
      [() => runWith(node, 'create'), () => runWith(node, 'update'), ...SCENARIOS_HERE.map((s) => () => runWith(node, s.call.setup, s))],
      8
    )
    healthy.create = create
    healthy.update = update
    SCENARIOS_HERE.forEach((s, i) => outcomes.set(s.id, results[i]))
    unreadable = await headUnreadable(node)
    if (process.env.E2E_TIMING) console.log(`${SCENARIOS_HERE.length + 3} runs in ${Date.now() - started} ms; slowest ${Math.max(...results.map((r) => r.result.ms))} ms`)
  }, 300_000)

  it('healthy, the pull request passes with one comment (a finding below fail-on is new, a high one existed)', () => {
    for (const setup of ['create', 'update'] as const) {
      const { result, ours } = healthy[setup]!
      expect(result.code).toBe(0)
      expect(result.outputs).toMatchObject({ result: 'pass', 'new-findings': '1', high: '1' })
      expect(ours).toHaveLength(1)
      expect(notes(result)).toEqual([])
    }
    expect(healthy.update!.github.state.comments.map((c) => c.id)).toEqual([500])
  })

  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    const outcome = outcomes.get(scenario.id)
    if (!outcome) return // not run on this Node (see scenariosOn)
    const { result, github, ours } = outcome
    const reference = healthy[scenario.call.setup]!.result
    const { expected } = scenario
    // The fault was met, and retried no more than the budget allows.
    const attempts = attemptsPerRequest(github, scenario)
    expect(attempts.length).toBeGreaterThan(0)
    const budget = scenario.lasting === 'once' ? Math.min(2, scenario.kind.attempts) : scenario.kind.attempts
    // A request the run makes twice (the comments list before and after a create) may spend its budget twice.
    for (const n of attempts) expect(n).toBeLessThanOrEqual(2 * budget)
    if (scenario.lasting === 'for good') expect(Math.max(...attempts)).toBeGreaterThanOrEqual(scenario.kind.attempts)
    expect(result.ms).toBeLessThan(60_000)
    // No duplicate comment, and exactly what the matrix says is left.
    expect(ours).toHaveLength(expected.comments)
    // The verdict.
    if (expected.verdict === 'same') {
      expect(result.code).toBe(reference.code)
      expect(verdictOutputs(result)).toEqual(verdictOutputs(reference))
      expect(findingAnnotations(result)).toEqual(findingAnnotations(reference))
      expect(result.sarifText).toBe(reference.sarifText)
    } else {
      expect(result.code).toBe(1)
      expect(result.outputs).toMatchObject({ result: 'fail', high: '1' })
      expect(findingAnnotations(result).map((a) => a.properties.title)).toContain('DF001 Image runs as root')
    }
    // The summary is written whatever failed, with its headline; the notice says what failed.
    expect(result.summary).toMatch(/^### (✅|⚠️|❌) Containment: /)
    if (expected.note) {
      expect(notes(result)).toEqual([expect.stringMatching(expected.note)])
      expect(result.summary).toContain('> [!NOTE]')
    } else expect(notes(result)).toEqual([])
    expect(result.stderr).toBe('')
  })

  it('with no checkout and the contents API failing for good, there is no verdict: the step fails closed and says why', () => {
    expect(unreadable.code).toBe(1)
    expect(unreadable.errors.at(-1)!.message).toMatch(/^Containment could not run: HTTP 500: Internal Server Error/)
    expect(unreadable.summary).toMatch(/^### ❌ Containment could not run\n\nContainment could not run\\: HTTP 500\\: Internal Server Error/)
    expect(unreadable.outputs.result).toBeUndefined()
  })

  it('docs/action.md holds the fault table exactly as the matrix', () => {
    const doc = readFileSync(join(process.cwd(), 'docs', 'action.md'), 'utf8')
    const table = /<!-- fault-table:start -->\n([\s\S]*?)\n<!-- fault-table:end -->/.exec(doc)?.[1]
    expect(table).toBe(faultTable())
  })
})

describe.each(NODES)('two runs of dist/index.js racing on one pull request (%s)', (_label, node) => {
  let first: Run
  let second: Run
  let github: GitHubStandIn
  beforeAll(async () => {
    github = await startGitHub({
      pulls: { 22: { files: [{ filename: 'compose.yaml', status: 'added' }] } },
      // Neither list is answered until both have been asked: both see no comment, both create one.
      barriers: [{ method: 'GET', path: /\/issues\/22\/comments$/, count: 2 }]
    })
    const pr = { number: 22, baseSha: SHA('b'), headSha: SHA('d') }
    const files = { 'compose.yaml': UNPINNED_COMPOSE }
    ;[first, second] = await Promise.all([run({ node, github, pr, workspace: workspaceWith(files) }), run({ node, github, pr, workspace: workspaceWith(files), runId: '4243' })])
    await github.close()
  }, 120_000)

  it('both saw no comment when they listed, and both created one: the race happened', () => {
    const lists = github.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/issues/22/comments'))
    expect(lists.slice(0, 2).map((c) => c.listed)).toEqual([[], []])
    expect(github.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/issues/22/comments'))).toHaveLength(2)
  })

  it('leaves exactly one comment, the oldest, and both runs agree on it', () => {
    const ids = github.state.comments.filter((c) => c.issue === 22).map((c) => c.id)
    expect(ids).toEqual([1000])
    expect(first.outputs['comment-url']).toMatch(/#issuecomment-1000$/)
    expect(second.outputs['comment-url']).toMatch(/#issuecomment-1000$/)
  })

  it('both finish with the same verdict', () => {
    expect([first.code, second.code]).toEqual([0, 0])
    expect(verdictOutputs(first)).toEqual(verdictOutputs(second))
  })
})
