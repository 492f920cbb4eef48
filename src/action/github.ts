import { getOctokit } from '@actions/github'
import { defaults as actionsDefaults } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck/light.js'

/**
 * The few GitHub REST calls the Action makes, behind a plain interface: the rest of the Action works on
 * plain data and can be tested against any implementation. Octokit comes with the retry plugin (5xx,
 * 429, connection errors and timeouts: three retries after 1, 4 and 9 s) and the throttling plugin
 * (waits out primary and secondary rate limits, twice at most, 120 s at most each); every attempt has a
 * request timeout, so a server that never answers costs a bounded time. The token goes to Octokit and
 * nowhere else.
 */

export interface PullFile {
  path: string
  /** added, removed, modified, renamed, copied, changed, unchanged. */
  status: string
  previousPath?: string
  /** The unified diff of the file, when GitHub sends one (not for binary or very large changes). */
  patch?: string
}

export interface ReviewComment {
  id: number
  body: string
  author: string
  path: string
  /** The line on the head side; null when the comment is outdated (its lines changed since). */
  line: number | null
  reviewId: number | null
}

export interface Review {
  id: number
  body: string
  author: string
}

export interface NewReview {
  commitId: string
  body: string
  comments: Array<{ path: string; body: string; line: number; startLine?: number }>
}

export interface IssueComment {
  id: number
  body: string
  author: string
  url: string
}

export interface OpenPull {
  number: number
  headSha: string
  /** owner/name of the repository the head branch is in. */
  headRepo: string
}

/** A check-run annotation as the Checks API takes it. */
export interface CheckAnnotation {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: 'failure' | 'warning' | 'notice'
  title: string
  message: string
}

export interface CheckRunOutput {
  title: string
  summary: string
  annotations: CheckAnnotation[]
}

/**
 * What is at a path: a file (`size` set when it is over the limit it was read with: then `bytes` is empty),
 * a directory, a symbolic link that leads out of the repository (never followed), or nothing.
 */
export type ContentEntry = { kind: 'file'; bytes: Uint8Array; size?: number } | { kind: 'dir' } | { kind: 'link-out' } | undefined

export interface GitHubApi {
  listPullFiles(pullNumber: number): Promise<PullFile[]>
  /** Files between two commits; `complete` is false when the API cut the list (300 files). */
  compareFiles(base: string, head: string): Promise<{ files: PullFile[]; complete: boolean }>
  /** A file or directory at a commit; undefined when absent, a submodule, or a symlink leading outside. */
  readContent(path: string, ref: string, maxBytes?: number): Promise<ContentEntry>
  /** Every file path at a commit; `complete` is false when the API truncated the tree. */
  listTree(ref: string): Promise<{ paths: string[]; complete: boolean }>
  listComments(issueNumber: number): Promise<IssueComment[]>
  createComment(issueNumber: number, body: string): Promise<IssueComment>
  updateComment(commentId: number, body: string): Promise<IssueComment>
  deleteComment(commentId: number): Promise<void>
  /** The login the token acts as, when the API tells it. */
  viewerLogin(): Promise<string | undefined>
  /** Open pull requests whose head is `owner:branch`. */
  openPullsForHead(headLabel: string): Promise<OpenPull[]>
  /** A completed check run on a commit; returns its id and URL. */
  createCheckRun(run: { name: string; headSha: string; conclusion: 'success' | 'failure' | 'neutral'; output: CheckRunOutput }): Promise<{ id: number; url: string }>
  /** More annotations for a check run (the API takes 50 per request). */
  addCheckRunAnnotations(id: number, output: CheckRunOutput): Promise<void>
  listReviews(pullNumber: number): Promise<Review[]>
  listReviewComments(pullNumber: number): Promise<ReviewComment[]>
  /** A submitted review (event COMMENT) holding line comments on the head side of the diff. */
  createReview(pullNumber: number, review: NewReview): Promise<Review>
  updateReview(pullNumber: number, reviewId: number, body: string): Promise<void>
  deleteReviewComment(commentId: number): Promise<void>
}

export interface ApiOptions {
  owner: string
  repo: string
  /** Where rate-limit waits are reported (a log line, never an annotation). */
  log: (message: string) => void
  timing?: ApiTiming
}

/** How long the client waits: the defaults suit GitHub; tests shrink them (see apiTimingFrom). */
export interface ApiTiming {
  /** One attempt of one request is abandoned after this long. */
  requestTimeoutMs: number
  /** The unit of every retry wait: the retry plugin waits 1, 4, 9 units, the throttling plugin `retry-after` units. */
  retryUnitMs: number
}

export const DEFAULT_TIMING: ApiTiming = { requestTimeoutMs: 20_000, retryUnitMs: 1000 }

/** Retries after a failed attempt (5xx, connection reset, timeout); a 4xx is final, except a rate limit (throttling). */
export const RETRIES = 3

/**
 * The timing from CONTAINMENT_REQUEST_TIMEOUT_MS and CONTAINMENT_RETRY_UNIT_MS, so that the end-to-end
 * tests can run the fault matrix in seconds; unset, empty or not a positive number means the default.
 */
export function apiTimingFrom(env: NodeJS.ProcessEnv): ApiTiming {
  const positive = (value: string | undefined, fallback: number) => {
    const n = Number(value)
    return value && Number.isFinite(n) && n > 0 ? n : fallback
  }
  return {
    requestTimeoutMs: positive(env.CONTAINMENT_REQUEST_TIMEOUT_MS, DEFAULT_TIMING.requestTimeoutMs),
    retryUnitMs: positive(env.CONTAINMENT_RETRY_UNIT_MS, DEFAULT_TIMING.retryUnitMs)
  }
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>

/**
 * The runner's fetch (it honours the runner's proxy settings) with a timeout on each attempt: Octokit has
 * none of its own, and the retry plugin retries the abort like a 5xx.
 */
function fetchWithTimeout(timeoutMs: number): Fetch {
  const inner = ((actionsDefaults.request as { fetch?: Fetch } | undefined)?.fetch ?? fetch) as Fetch
  return (url, init) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    return inner(url, { ...init, signal }).catch((error: unknown) => {
      if (timeout.aborted) throw new Error(`no answer from the GitHub API within ${timeoutMs} ms`, { cause: error })
      throw error
    })
  }
}

/**
 * Writes (and GraphQL requests, which the throttling plugin counts as writes) that go out without the
 * plugin's spacing: one second between writes, three seconds between writes that notify people (a
 * comment, a review). GitHub asks integrations to space writes when they make a large number of them; a
 * review makes two or three (the comment, the suggested changes), and the spacing was most of the
 * Action's run on a small pull request (1 to 3 s, where the rest takes 0.4 s). From the fourth on, the
 * plugin's spacing again.
 */
export const UNSPACED_WRITES = 3

/** Lets `UNSPACED_WRITES` through at once, then one every `spacingMs` (a reservoir set to one at each interval). */
function spacedAfterBurst(id: string, spacingMs: number): Bottleneck.Group {
  return new Bottleneck.Group({
    id,
    maxConcurrent: 1,
    reservoir: UNSPACED_WRITES,
    reservoirRefreshAmount: 1,
    reservoirRefreshInterval: spacingMs,
    timeout: 120_000
  })
}

/** The listFiles endpoint stops at this many files. */
export const PULL_FILES_LIMIT = 3000
/** The compare endpoint lists at most this many files. */
const COMPARE_FILES_LIMIT = 300

export function createGitHubApi(token: string, options: ApiOptions): GitHubApi {
  const timing = options.timing ?? DEFAULT_TIMING
  const octokit = getOctokit(
    token,
    {
      log: { debug: () => {}, info: () => {}, warn: options.log, error: options.log },
      request: { ...actionsDefaults.request, fetch: fetchWithTimeout(timing.requestTimeoutMs) },
      // A 429 is GitHub's rate limit, always with its signal (`retry-after`, `x-ratelimit-remaining: 0`, a
      // "secondary rate limit" message): the throttling plugin waits that out. Retried here too, every
      // throttled attempt would hide four of this plugin's, twelve in all.
      retry: { retries: RETRIES, retryAfterBaseValue: timing.retryUnitMs, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
      throttle: {
        retryAfterBaseValue: timing.retryUnitMs,
        write: spacedAfterBurst('containment-write', 1000),
        notifications: spacedAfterBurst('containment-notifications', 3000),
        onRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) => waitOrGiveUp('rate limit', retryAfter, retryCount, options.log),
        onSecondaryRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) =>
          waitOrGiveUp('secondary rate limit', retryAfter, retryCount, options.log)
      }
    },
    retry,
    throttling
  )
  const repo = { owner: options.owner, repo: options.repo }
  return {
    async listPullFiles(pullNumber) {
      const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: pullNumber, per_page: 100 })
      return files.map((f) => ({ path: f.filename, status: f.status, previousPath: f.previous_filename, ...(typeof f.patch === 'string' ? { patch: f.patch } : {}) }))
    },
    async compareFiles(base, head) {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}`, per_page: 100 })
      const files = (data.files ?? []).map((f) => ({ path: f.filename, status: f.status, previousPath: f.previous_filename }))
      return { files, complete: files.length < COMPARE_FILES_LIMIT }
    },
    async readContent(path, ref, maxBytes) {
      try {
        const { data } = await octokit.rest.repos.getContent({ ...repo, path, ref })
        if (Array.isArray(data)) return { kind: 'dir' }
        // The API follows a link that stays in the repository; one it returns as a link leads out.
        if (data.type === 'symlink') return { kind: 'link-out' }
        if (data.type !== 'file') return undefined
        // Over the limit: its size is all that is needed (the blob is not fetched).
        if (maxBytes !== undefined && typeof data.size === 'number' && data.size > maxBytes) return { kind: 'file', bytes: new Uint8Array(0), size: data.size }
        if ('encoding' in data && data.encoding === 'base64' && typeof data.content === 'string' && (data.content !== '' || data.size === 0)) {
          return { kind: 'file', bytes: Buffer.from(data.content, 'base64') }
        }
        // Files over 1 MB come without content: read the blob instead.
        const blob = await octokit.rest.git.getBlob({ ...repo, file_sha: data.sha })
        return { kind: 'file', bytes: Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8') }
      } catch (error) {
        if (statusOf(error) === 404) return undefined
        throw error
      }
    },
    async listTree(ref) {
      const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: ref, recursive: 'true' })
      const paths = data.tree.filter((entry) => entry.type === 'blob' && typeof entry.path === 'string').map((entry) => entry.path as string)
      return { paths, complete: !data.truncated }
    },
    async listComments(issueNumber) {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 })
      return comments.map(commentOf)
    },
    async createComment(issueNumber, body) {
      const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body })
      return commentOf(data)
    },
    async updateComment(commentId, body) {
      const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: commentId, body })
      return commentOf(data)
    },
    async deleteComment(commentId) {
      await octokit.rest.issues.deleteComment({ ...repo, comment_id: commentId })
    },
    async openPullsForHead(headLabel) {
      const pulls = await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: 'open', head: headLabel, per_page: 100 })
      return pulls.map((p) => ({ number: p.number, headSha: p.head.sha, headRepo: p.head.repo?.full_name ?? '' }))
    },
    async createCheckRun(run) {
      const { data } = await octokit.rest.checks.create({
        ...repo,
        name: run.name,
        head_sha: run.headSha,
        status: 'completed',
        conclusion: run.conclusion,
        output: run.output
      })
      return { id: data.id, url: data.html_url ?? '' }
    },
    async addCheckRunAnnotations(id, output) {
      await octokit.rest.checks.update({ ...repo, check_run_id: id, output })
    },
    async listReviews(pullNumber) {
      const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: pullNumber, per_page: 100 })
      return reviews.map((r) => ({ id: r.id, body: r.body ?? '', author: r.user?.login ?? '' }))
    },
    async listReviewComments(pullNumber) {
      const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...repo, pull_number: pullNumber, per_page: 100 })
      return comments.map((c) => ({
        id: c.id,
        body: c.body ?? '',
        author: c.user?.login ?? '',
        path: c.path,
        line: typeof c.line === 'number' ? c.line : null,
        reviewId: c.pull_request_review_id ?? null
      }))
    },
    async createReview(pullNumber, review) {
      const comments = review.comments.map((c) => ({
        path: c.path,
        body: c.body,
        line: c.line,
        side: 'RIGHT' as const,
        ...(c.startLine !== undefined && c.startLine < c.line ? { start_line: c.startLine, start_side: 'RIGHT' as const } : {})
      }))
      const { data } = await octokit.rest.pulls.createReview({ ...repo, pull_number: pullNumber, commit_id: review.commitId, body: review.body, event: 'COMMENT', comments })
      return { id: data.id, body: data.body ?? '', author: data.user?.login ?? '' }
    },
    async updateReview(pullNumber, reviewId, body) {
      await octokit.rest.pulls.updateReview({ ...repo, pull_number: pullNumber, review_id: reviewId, body })
    },
    async deleteReviewComment(commentId) {
      await octokit.rest.pulls.deleteReviewComment({ ...repo, comment_id: commentId })
    },
    async viewerLogin() {
      try {
        const result = await octokit.graphql<{ viewer?: { login?: string } }>('query { viewer { login } }')
        return result.viewer?.login
      } catch {
        return undefined
      }
    }
  }
}

function waitOrGiveUp(what: string, retryAfter: number, retryCount: number, log: (message: string) => void): boolean {
  if (retryCount < 2 && retryAfter <= 120) {
    log(`GitHub API ${what} reached: retrying in ${retryAfter} s.`)
    return true
  }
  log(`GitHub API ${what} reached: giving up after ${retryCount + 1} attempts.`)
  return false
}

function commentOf(data: { id: number; body?: string | null; user?: { login?: string } | null; html_url: string }): IssueComment {
  return { id: data.id, body: data.body ?? '', author: data.user?.login ?? '', url: data.html_url }
}

/** The HTTP status of an Octokit error, if it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

/** An error's message for logs and notes: Octokit's messages never hold the token, but cap the length. */
export function describeError(error: unknown): string {
  const status = statusOf(error)
  const message = error instanceof Error ? error.message : String(error)
  const first = message.split('\n')[0].slice(0, 300)
  return status ? `HTTP ${status}: ${first}` : first
}
