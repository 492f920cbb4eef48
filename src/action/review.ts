import { suggestionKey, type Suggestion } from '../report/suggestions.js'
import { DEFAULT_AUTHOR, sameLogin } from './comment.js'
import type { GitHubApi, ReviewComment } from './github.js'

/**
 * Containment's suggested changes on a pull request: one review of line comments with ```suggestion blocks.
 *
 * On a later push the suggestions still valid stay as they are (no notification), the ones that no longer
 * apply (fixed, changed, or outdated by the push) are deleted, and only new ones are posted. GitHub lets
 * no comment be added to a review once it is submitted, so new suggestions come in a new review; the
 * older review, emptied of its comments, then says it was superseded. A run with nothing new posts nothing.
 */
export interface ReviewPlan {
  pullNumber: number
  commitId: string
  category: string
  suggestions: Suggestion[]
}

export interface ReviewResult {
  posted: number
  kept: number
  deleted: number
  reviewId?: number
}

export function reviewMarker(category: string): string {
  return `<!-- containment:review id=${category.replace(/[^A-Za-z0-9._/-]/g, '_')} -->`
}

export async function upsertSuggestionReview(api: GitHubApi, plan: ReviewPlan): Promise<ReviewResult> {
  const viewer = (await api.viewerLogin()) ?? DEFAULT_AUTHOR
  const ours = (await api.listReviewComments(plan.pullNumber)).filter((c) => isOurs(c, viewer, plan.category))
  const wanted = new Set(plan.suggestions.map((s) => s.key))
  const live = new Set<string>()
  let deleted = 0
  const keptReviews = new Set<number>()
  for (const comment of ours) {
    const key = suggestionKey(comment.body)!
    // One live comment per suggestion: a duplicate (from a run that raced this one) goes too.
    if (comment.line !== null && wanted.has(key) && !live.has(key)) {
      live.add(key)
      if (comment.reviewId !== null) keptReviews.add(comment.reviewId)
      continue
    }
    await api.deleteReviewComment(comment.id)
    deleted++
  }
  const fresh = plan.suggestions.filter((s) => !live.has(s.key))
  if (fresh.length === 0) return { posted: 0, kept: live.size, deleted }
  const review = await api.createReview(plan.pullNumber, {
    commitId: plan.commitId,
    body: reviewBody(plan.category, fresh.length),
    comments: fresh.map((s) => ({ path: s.path, body: s.body, line: s.endLine, startLine: s.startLine }))
  })
  await markSuperseded(api, plan, viewer, keptReviews, review.id)
  return { posted: fresh.length, kept: live.size, deleted, reviewId: review.id }
}

function isOurs(comment: ReviewComment, viewer: string, category: string): boolean {
  const key = suggestionKey(comment.body)
  return key !== undefined && comment.body.includes(`containment:suggestion id=${category.replace(/[^A-Za-z0-9._/-]/g, '_')} `) && sameLogin(comment.author, viewer)
}

function reviewBody(category: string, count: number): string {
  return [
    reviewMarker(category),
    `Containment suggests ${count === 1 ? 'a change' : `${count} changes`} that fix${count === 1 ? 'es' : ''} findings of this pull request. Each can be committed with one click; the findings themselves are in the Containment comment and the checks.`
  ].join('\n')
}

const SUPERSEDED = 'These suggestions were replaced by a newer Containment review.'

/** Older reviews of ours that no live suggestion belongs to any more say so (a submitted review cannot be deleted). */
async function markSuperseded(api: GitHubApi, plan: ReviewPlan, viewer: string, kept: Set<number>, newest: number): Promise<void> {
  const marker = reviewMarker(plan.category)
  for (const review of await api.listReviews(plan.pullNumber)) {
    if (review.id === newest || kept.has(review.id) || !review.body.includes(marker) || !sameLogin(review.author, viewer)) continue
    if (review.body.includes(SUPERSEDED)) continue
    await api.updateReview(plan.pullNumber, review.id, `${marker}\n${SUPERSEDED}`)
  }
}
