import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHub } from '../../scripts/runner-stand-in.mjs'

// The throttling plugin spaces writes one second apart, and writes that notify (comments, reviews)
// three seconds apart; a review's few writes go out at once (UNSPACED_WRITES), and the spacing resumes
// after them. Against the local stand-in API.
describe('write spacing of the GitHub client', () => {
  let github: Awaited<ReturnType<typeof startGitHub>>
  let api: import('../../src/action/github.js').GitHubApi
  let unspaced: number
  const apiUrl = process.env.GITHUB_API_URL
  beforeAll(async () => {
    github = await startGitHub({ pulls: { 7: { files: [] } } })
    // Octokit takes its base URL from the environment when @actions/github is first loaded.
    process.env.GITHUB_API_URL = github.url
    const { createGitHubApi, UNSPACED_WRITES } = await import('../../src/action/github.js')
    unspaced = UNSPACED_WRITES
    api = createGitHubApi('test-token', { owner: 'octo', repo: 'app', log: () => {}, timing: { requestTimeoutMs: 5000, retryUnitMs: 5 } })
  })
  afterAll(async () => {
    if (apiUrl === undefined) delete process.env.GITHUB_API_URL
    else process.env.GITHUB_API_URL = apiUrl
    await github.close()
  })

  it('sends the first writes without waiting, then spaces them', async () => {
    const started = Date.now()
    const finished: number[] = []
    for (let i = 0; i < unspaced + 1; i++) {
      await api.createComment(7, `comment ${i}`)
      finished.push(Date.now() - started)
    }
    expect(unspaced).toBe(3)
    expect(github.writes()).toHaveLength(unspaced + 1)
    // The plugin alone spaces comments 3 s apart: 6 s before the third ended.
    expect(finished[unspaced - 1]).toBeLessThan(900)
    expect(finished[unspaced]).toBeGreaterThanOrEqual(2500)
  })
})
