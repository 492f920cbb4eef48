import { createHash } from 'node:crypto'
import { statusOf, type GitHubApi, type IssueComment } from './github.js'

/**
 * One sticky comment per pull request (and per SARIF category): found among all the pull request's
 * comments by its hidden marker and by its author (the identity of the token), updated in place, never
 * duplicated. A comment whose content did not change is left alone, so no notification is sent.
 *
 * Two runs on one pull request at once (two quick pushes, a re-run) can both list no comment and both
 * create one. So after creating, a run lists again and every copy but the oldest (the lowest id) is
 * deleted: each run applies the same rule to the same list, so they agree on the survivor whatever the
 * interleaving, and a copy already deleted by the other run (404) is no error. The update path keeps the
 * oldest too, for the same reason: a rule that differed between the two paths could delete every copy.
 */

export type CommentMode = 'update' | 'recreate'

export interface StickyComment {
  issueNumber: number
  /** The hidden marker that identifies the comment; also the body's first line. */
  marker: string
  body: string
  mode: CommentMode
  /** Post a new comment when none exists (there is something to say); otherwise only update an existing one. */
  createIfMissing: boolean
}

export interface StickyResult {
  action: 'created' | 'updated' | 'unchanged' | 'recreated' | 'none'
  url?: string
  /** Duplicates removed. */
  deleted: number
  /** Another run created its copy first: ours was deleted and theirs kept. */
  raced?: boolean
  /** Why a duplicate could not be deleted (the comment itself is up to date). */
  deleteFailure?: unknown
}

/** The login GITHUB_TOKEN comments as, when the API cannot say. */
export const DEFAULT_AUTHOR = 'github-actions[bot]'

export function markerFor(id: string): string {
  return `<!-- containment:report id=${id.replace(/[^A-Za-z0-9._/-]/g, '_')} -->`
}

/**
 * The body with a digest of its content on a hidden line. The digest leaves out the run link (`stable`
 * is the body rendered without it), so a re-run with the same result does not edit the comment.
 */
export function withDigest(body: string, stable: string): string {
  return `${body.trimEnd()}\n${digestLine(stable)}\n`
}

function digestLine(stable: string): string {
  return `<!-- containment:digest ${createHash('sha256').update(stable).digest('hex').slice(0, 40)} -->`
}

export async function upsertStickyComment(api: GitHubApi, comment: StickyComment): Promise<StickyResult> {
  const ours = await ownComments(api, comment.issueNumber, comment.marker)
  if (comment.mode === 'recreate') return recreate(api, comment, ours)
  const [keep, ...duplicates] = oldestFirst(ours)
  if (!keep) {
    if (!comment.createIfMissing) return { action: 'none', deleted: 0 }
    return createOnce(api, comment, 'created', 0)
  }
  // The kept copy first: a duplicate that cannot be deleted must not keep the report out of date.
  const result: StickyResult = sameDigest(keep.body, comment.body)
    ? { action: 'unchanged', url: keep.url, deleted: 0 }
    : { action: 'updated', url: (await api.updateComment(keep.id, comment.body)).url, deleted: 0 }
  return withDeleted(result, await deleteAll(api, duplicates))
}

async function recreate(api: GitHubApi, comment: StickyComment, ours: IssueComment[]): Promise<StickyResult> {
  if (ours.length === 0 && !comment.createIfMissing) return { action: 'none', deleted: 0 }
  const removal = await deleteAll(api, ours)
  // A copy left in place would be duplicated by the new one.
  if (removal.problem) throw removal.problem
  return createOnce(api, comment, ours.length > 0 ? 'recreated' : 'created', removal.deleted)
}

/**
 * Creates the comment, then settles a race with another run, or with itself (a POST that GitHub carried
 * out but whose answer was lost, then retried): of the copies now listed, the oldest stays and the
 * others go, ours included. When the create failed, the list still tells whether a copy got through.
 */
async function createOnce(api: GitHubApi, comment: StickyComment, action: 'created' | 'recreated', deleted: number): Promise<StickyResult> {
  let created: IssueComment | undefined
  let failure: unknown
  try {
    created = await api.createComment(comment.issueNumber, comment.body)
  } catch (error) {
    failure = error
  }
  const copies = await ownComments(api, comment.issueNumber, comment.marker).catch((error: unknown) => {
    throw failure ?? error
  })
  const listed = created && !copies.some((c) => c.id === created.id) ? [...copies, created] : copies
  const [keep, ...extra] = oldestFirst(listed)
  if (!keep) throw failure
  const removal = await deleteAll(api, extra)
  const total = { ...removal, deleted: deleted + removal.deleted }
  if (created?.id === keep.id || (!created && keep.body === comment.body)) return withDeleted({ action, url: keep.url, deleted: 0 }, total)
  // The other run's copy stays; it gets this run's body unless it already says the same.
  if (sameDigest(keep.body, comment.body)) return withDeleted({ action: 'unchanged', url: keep.url, deleted: 0, raced: true }, total)
  const updated = await api.updateComment(keep.id, comment.body)
  return withDeleted({ action: 'updated', url: updated.url, deleted: 0, raced: true }, total)
}

function oldestFirst(comments: readonly IssueComment[]): IssueComment[] {
  return [...comments].sort((a, b) => a.id - b.id)
}

interface Removal {
  deleted: number
  /** The first failure other than 404; the other deletions were still tried. */
  problem?: unknown
}

/** Deletes these comments; one already gone (the other run deleted it) counts as deleted. */
async function deleteAll(api: GitHubApi, comments: readonly IssueComment[]): Promise<Removal> {
  const removal: Removal = { deleted: 0 }
  for (const comment of comments) {
    try {
      await api.deleteComment(comment.id)
      removal.deleted++
    } catch (error) {
      if (statusOf(error) === 404) removal.deleted++
      else removal.problem ??= error
    }
  }
  return removal
}

function withDeleted(result: StickyResult, removal: Removal): StickyResult {
  return { ...result, deleted: removal.deleted, ...(removal.problem !== undefined ? { deleteFailure: removal.problem } : {}) }
}

/** Comments that carry the marker and were written by the token's identity (others' copies are not ours to edit). */
async function ownComments(api: GitHubApi, issueNumber: number, marker: string): Promise<IssueComment[]> {
  const marked = (await api.listComments(issueNumber)).filter((c) => c.body.includes(marker))
  if (marked.length === 0) return []
  const viewer = (await api.viewerLogin()) ?? DEFAULT_AUTHOR
  return marked.filter((c) => sameLogin(c.author, viewer))
}

/** `github-actions[bot]` and `github-actions` are one identity (REST and GraphQL spell bots differently). */
export function sameLogin(a: string, b: string): boolean {
  const normal = (login: string) => login.toLowerCase().replace(/\[bot\]$/, '')
  return normal(a) === normal(b)
}

function sameDigest(existing: string, next: string): boolean {
  const pattern = /<!-- containment:digest ([0-9a-f]{40}) -->/
  const a = pattern.exec(existing)?.[1]
  const b = pattern.exec(next)?.[1]
  return a !== undefined && a === b
}
