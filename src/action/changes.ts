import { existsSync, readdirSync } from 'node:fs'
import type { ChangeContext, RunContext } from './context.js'
import type { Git } from './git.js'
import { PULL_FILES_LIMIT, describeError, type GitHubApi, type PullFile } from './github.js'
import type { BaseMapping } from './sources.js'

/**
 * What a change (pull request or merge-queue group) changes, and whether the checkout holds it. Plain
 * data in, plain data out; the API and git are passed in.
 */
export interface ChangeSet {
  files: PullFile[]
  /** False when some changed files are not listed: then everything is scanned. */
  complete: boolean
}

export interface ChangeSetResult {
  changes?: ChangeSet
  notes: string[]
}

/**
 * The changed files: from the pull request's file list (3,000 at most), else `git diff` when both commits
 * are in the checkout, else none (the caller scans everything and says so).
 */
export async function findChanges(change: ChangeContext, api: GitHubApi | undefined, git: Git): Promise<ChangeSetResult> {
  if (change.kind === 'merge-group') return mergeGroupChanges(change, api, git)
  const listed = await listPullFiles(change, api)
  if (listed.files && listed.complete) return { changes: { files: listed.files, complete: true }, notes: [] }
  const fromGit = await gitChanges(git, change.baseSha, change.headSha, true)
  if (fromGit) return { changes: { files: fromGit, complete: true }, notes: [`${listed.problem}: the changed files were taken from \`git diff base...head\` instead.`] }
  const hint = listed.files ? ', and the checkout does not hold both commits for `git diff` (check out with fetch-depth: 0 to get them)' : ''
  return { notes: [`${listed.problem}${hint}: every matching file was scanned.`] }
}

/** The pull request's files from the API, or why they are not all there. */
async function listPullFiles(change: ChangeContext, api: GitHubApi | undefined): Promise<{ files?: PullFile[]; complete: boolean; problem?: string }> {
  if (!api) return { complete: false, problem: 'No github-token was given, so the files this pull request changes could not be listed' }
  try {
    const files = await api.listPullFiles(change.number!)
    if (files.length < PULL_FILES_LIMIT && (change.changedFiles ?? 0) <= files.length) return { files, complete: true }
    return { files, complete: false, problem: `This pull request changes ${change.changedFiles ?? `${PULL_FILES_LIMIT}+`} files; the GitHub API lists ${PULL_FILES_LIMIT} at most` }
  } catch (error) {
    return { complete: false, problem: `The files this pull request changes could not be listed (${describeError(error)})` }
  }
}

async function mergeGroupChanges(change: ChangeContext, api: GitHubApi | undefined, git: Git): Promise<ChangeSetResult> {
  const fromGit = await gitChanges(git, change.baseSha, change.headSha, false)
  if (fromGit) return { changes: { files: fromGit, complete: true }, notes: [] }
  if (api) {
    try {
      const compared = await api.compareFiles(change.baseSha, change.headSha)
      if (compared.complete) return { changes: { files: compared.files, complete: true }, notes: [] }
    } catch (error) {
      return { notes: [`The files this merge group changes could not be listed (${describeError(error)}): every matching file was scanned.`] }
    }
  }
  return { notes: ['The files this merge group changes could not all be listed: every matching file was scanned.'] }
}

async function gitChanges(git: Git, base: string, head: string, threeDot: boolean): Promise<PullFile[] | undefined> {
  if (!(await git.hasCommit(base)) || !(await git.hasCommit(head))) return undefined
  return git.changedFiles(base, head, threeDot)
}

/** Files present at the head: everything the change lists except removed files (renamed ones under their new name). */
export function headPaths(changes: ChangeSet): string[] {
  return changes.files.filter((f) => f.status !== 'removed').map((f) => f.path)
}

/** How head paths map to the base, from the change set (an empty one when it is not known). */
export function baseMapping(changes: ChangeSet | undefined): BaseMapping {
  const base = new Map<string, string | null>()
  const files = changes?.files ?? []
  for (const file of files) {
    if (file.status === 'removed') continue
    if (file.status === 'added') base.set(file.path, null)
    else if ((file.status === 'renamed' || file.status === 'copied') && file.previousPath) base.set(file.path, file.previousPath)
    else base.set(file.path, file.path)
  }
  // Paths gone from the head (removed, or the old name of a rename) still hold their base content.
  for (const file of files) {
    const gone = file.status === 'removed' ? file.path : file.status === 'renamed' ? file.previousPath : undefined
    if (gone && !base.has(gone)) base.set(gone, gone)
  }
  return {
    basePathOf: (path) => (base.has(path) ? base.get(path)! : path),
    changed: (path) => base.has(path)
  }
}

export interface CheckoutState {
  usable: boolean
  /** Why not, for the log and the report. */
  reason?: string
}

/**
 * Whether the files in the workspace are the ones to scan. With git, the checked-out commit must be the
 * change's head or merge commit (or GITHUB_SHA, except on pull_request_target where GITHUB_SHA is the base
 * branch). Without git, a non-empty workspace is trusted, except on pull_request_target: there the
 * workspace usually holds the base branch and nothing can prove otherwise, so the head comes from the API.
 */
export async function checkoutState(context: RunContext, git: Git): Promise<CheckoutState> {
  if (!existsSync(context.workspace) || isEmptyDirectory(context.workspace)) return { usable: false, reason: 'the workspace is empty (no actions/checkout step)' }
  const head = await git.head()
  const change = context.change
  const expected = change ? [change.headSha, change.mergeCommitSha, change.target ? undefined : context.sha] : [context.sha]
  if (head) {
    if (expected.includes(head)) return { usable: true }
    return { usable: false, reason: `the checkout is at ${head.slice(0, 12)}, not at the commit to scan (${(change?.headSha ?? context.sha).slice(0, 12)})` }
  }
  if (change?.target) return { usable: false, reason: 'on pull_request_target a workspace without git cannot be shown to hold the pull request' }
  return { usable: true }
}

function isEmptyDirectory(path: string): boolean {
  try {
    return readdirSync(path).length === 0
  } catch {
    return true
  }
}
