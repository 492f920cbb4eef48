import { beforeAll, describe, expect, it } from '@jest/globals'
import { CLEAN_COMPOSE, PRIVILEGED_COMPOSE, callsOf, run, startGitHub, workspaceWith, type Run } from './e2e-helpers.js'

/**
 * End-to-end: suggested changes. dist/index.js runs as the runner runs it against the stand-in API, which
 * refuses (422) a review comment outside the diff as GitHub does. A suggestion is then applied to the file
 * the way GitHub's "Commit suggestion" does, and the next run must find the finding gone.
 */

const SHA = (c: string) => c.repeat(40)
const NODES: [string, string][] = [[`Node ${process.versions.node}`, process.execPath]]
if (process.env.NODE24_BIN) NODES.push(['Node 24 (NODE24_BIN)', process.env.NODE24_BIN])

/** The patch GitHub lists for an added file. */
function addedPatch(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n')
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`
}

/** What "Commit suggestion" does: the lines the comment covers replaced by the suggestion block. */
function commitSuggestion(text: string, comment: { line: number | null; start_line: number | null; body: string }): string {
  if (comment.line === null) throw new Error("the comment is outdated")
  const block = /```+suggestion\n([\s\S]*?)\n?```+$/m.exec(comment.body)
  if (!block) throw new Error(`no suggestion block in ${comment.body}`)
  const lines = text.split('\n')
  const start = (comment.start_line ?? comment.line) - 1
  lines.splice(start, comment.line - start, ...(block[1] === '' ? [] : block[1].split('\n')))
  return lines.join('\n')
}

type Scenario = (node: string) => Promise<Record<string, any>>

const suggestThenCommit: Scenario = async (node) => {
  const github = await startGitHub({ pulls: { 30: { files: [{ filename: 'compose.yaml', status: 'added', patch: addedPatch(PRIVILEGED_COMPOSE) }] } } })
  const pr = (head: string) => ({ number: 30, baseSha: SHA('b'), headSha: SHA(head) })
  const first = await run({ node, github, pr: pr('1'), workspace: workspaceWith({ 'compose.yaml': PRIVILEGED_COMPOSE }) })
  const reviews = structuredClone(github.state.reviews)
  const comments = structuredClone(github.state.reviewComments)
  const again = await run({ node, github, pr: pr('1'), runId: '4300', workspace: workspaceWith({ 'compose.yaml': PRIVILEGED_COMPOSE }) })
  const writesAfterAgain = github.writes()
  const committed = commitSuggestion(PRIVILEGED_COMPOSE, comments[0])
  // The commit changes the commented line: GitHub marks the comment outdated.
  for (const c of github.state.reviewComments) c.line = null
  github.state.pulls[30].files = [{ filename: 'compose.yaml', status: 'added', patch: addedPatch(committed) }]
  const next = await run({ node, github, pr: pr('2'), runId: '4301', workspace: workspaceWith({ 'compose.yaml': committed }) })
  await github.close()
  return { first, reviews, comments, again, writesAfterAgain, committed, next, writes: github.writes(), left: github.state.reviewComments }
}

const outsideDiff: Scenario = async (node) => {
  // The pull request changes lines 1-9 only (say, a reformatting); line 10 is not in the diff.
  const patch = '@@ -1,9 +1,9 @@\n' + PRIVILEGED_COMPOSE.split('\n').slice(0, 9).map((l) => ` ${l}`).join('\n')
  const github = await startGitHub({ pulls: { 31: { files: [{ filename: 'compose.yaml', status: 'modified', patch }] } } })
  const result = await run({ node, github, pr: { number: 31, baseSha: SHA('b'), headSha: SHA('c') }, workspace: workspaceWith({ 'compose.yaml': PRIVILEGED_COMPOSE }), inputs: { baseline: 'none' } })
  await github.close()
  return { result, writes: github.writes() }
}

const readOnly: Scenario = async (node) => {
  const github = await startGitHub({
    pulls: { 33: { files: [{ filename: 'compose.yaml', status: 'added', patch: addedPatch(PRIVILEGED_COMPOSE) }] } },
    faults: [{ method: 'POST', path: '/repos/octo/app/pulls/33/reviews', status: 403, times: 10, message: 'Resource not accessible by integration' }]
  })
  const result = await run({ node, github, pr: { number: 33, baseSha: SHA('b'), headSha: SHA('c') }, workspace: workspaceWith({ 'compose.yaml': PRIVILEGED_COMPOSE }) })
  await github.close()
  return { result, writes: github.writes(), reviews: github.state.reviews }
}

const off: Scenario = async (node) => {
  const github = await startGitHub({ pulls: { 34: { files: [{ filename: 'compose.yaml', status: 'added', patch: addedPatch(PRIVILEGED_COMPOSE) }] } } })
  const result = await run({ node, github, pr: { number: 34, baseSha: SHA('b'), headSha: SHA('c') }, workspace: workspaceWith({ 'compose.yaml': PRIVILEGED_COMPOSE }), inputs: { suggestions: 'off' } })
  await github.close()
  return { result, calls: callsOf(github) }
}

const SCENARIOS: Record<string, Scenario> = { suggestThenCommit, outsideDiff, readOnly, off }

describe.each(NODES)('suggested changes, dist/index.js on %s', (_label, node) => {
  const results: Record<string, Record<string, any>> = {}
  beforeAll(async () => {
    const entries = await Promise.all(Object.entries(SCENARIOS).map(async ([name, scenario]) => [name, await scenario(node)] as const))
    for (const [name, result] of entries) results[name] = result
  }, 120_000)

  it('posts one review whose comment suggests removing privileged: true, on that line', () => {
    const { first, reviews, comments } = results.suggestThenCommit as { first: Run; reviews: any[]; comments: any[] }
    expect(first.code).toBe(1)
    expect(reviews).toHaveLength(1)
    expect(reviews[0].body).toBe(
      '<!-- containment:review id=containment -->\nContainment suggests a change that fixes findings of this pull request. Each can be committed with one click; the findings themselves are in the Containment comment and the checks.'
    )
    expect(reviews[0].commit_id).toBe(SHA('1'))
    expect(comments).toHaveLength(1)
    expect(comments[0]).toMatchObject({ path: 'compose.yaml', line: 10, start_line: null })
    expect(comments[0].body).toMatch(
      /^<!-- containment:suggestion id=containment key=[0-9a-f]{32} -->\n\*\*DC001\*\* \(critical\) Remove `privileged: true`: a safe fix: it only removes a switch that weakens isolation, or adds one\. \[Why\]\(https:\/\/github\.com\/[^)]+\/DC001\.md\)\n\n```suggestion\n```$/
    )
  })

  it('a run on the same commit posts nothing and deletes nothing', () => {
    const { again, writesAfterAgain } = results.suggestThenCommit
    expect(again.code).toBe(1)
    expect(writesAfterAgain.filter((w: string) => w.includes('/pulls/'))).toEqual(['POST /repos/octo/app/pulls/30/reviews'])
  })

  it('committing the suggestion makes the finding disappear on the next run, which removes the outdated comment', () => {
    const { committed, next, writes, left } = results.suggestThenCommit
    expect(committed).toBe(CLEAN_COMPOSE)
    expect(next.code).toBe(0)
    expect(next.outputs).toMatchObject({ result: 'pass', 'new-findings': '0' })
    expect(writes.filter((w: string) => w.includes('/pulls/'))).toEqual(['POST /repos/octo/app/pulls/30/reviews', expect.stringMatching(/^DELETE \/repos\/octo\/app\/pulls\/comments\/\d+$/)])
    expect(left).toEqual([])
  })

  it('never suggests on lines outside the diff', () => {
    const { result, writes } = results.outsideDiff
    expect(result.code).toBe(1)
    expect(writes.filter((w: string) => w.includes('/pulls/'))).toEqual([])
  })

  it('on a read-only token keeps the verdict, the comment and the annotations, and says why there are no suggestions', () => {
    const { result, writes, reviews } = results.readOnly
    expect(result.code).toBe(1)
    expect(reviews).toEqual([])
    expect(writes).toContain('POST /repos/octo/app/issues/33/comments')
    expect(result.errors.some((e: { properties: { title?: string } }) => e.properties.title?.startsWith('DC001'))).toBe(true)
    const note = result.notices.find((n: { message: string }) => n.message.startsWith('The suggested changes could not be posted'))
    expect(note?.message).toBe(
      'The suggested changes could not be posted (HTTP 403: Resource not accessible by integration - https://docs.github.com/rest): the token needs the pull-requests: write permission. The findings are in the annotations and the job summary; the result is unchanged.'
    )
    expect(result.summary).toContain('The suggested changes could not be posted')
  })

  it('suggestions: off makes no review call at all', () => {
    const { result, calls } = results.off
    expect(result.code).toBe(1)
    expect(calls.filter((c: string) => c.includes('/reviews') || c.includes('/pulls/34/comments'))).toEqual([])
  })
})
