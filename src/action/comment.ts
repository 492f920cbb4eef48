import { createHash } from 'node:crypto'
import type { GitHubApi, IssueComment } from './github.js'

/**
 * One sticky comment per pull request (and per SARIF category): found among all the pull request's
 * comments by its hidden marker and by its author (the identity of the token), updated in place, never
 * duplicated. A comment whose content did not change is left alone, so no notification is sent.
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
  const [keep, ...duplicates] = [...ours].sort((a, b) => b.id - a.id)
  let deleted = 0
  for (const duplicate of duplicates) {
    await api.deleteComment(duplicate.id)
    deleted++
  }
  if (!keep) {
    if (!comment.createIfMissing) return { action: 'none', deleted }
    const created = await api.createComment(comment.issueNumber, comment.body)
    return { action: 'created', url: created.url, deleted }
  }
  if (sameDigest(keep.body, comment.body)) return { action: 'unchanged', url: keep.url, deleted }
  const updated = await api.updateComment(keep.id, comment.body)
  return { action: 'updated', url: updated.url, deleted }
}

async function recreate(api: GitHubApi, comment: StickyComment, ours: IssueComment[]): Promise<StickyResult> {
  if (ours.length === 0 && !comment.createIfMissing) return { action: 'none', deleted: 0 }
  for (const old of ours) await api.deleteComment(old.id)
  const created = await api.createComment(comment.issueNumber, comment.body)
  return { action: ours.length > 0 ? 'recreated' : 'created', url: created.url, deleted: ours.length }
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
