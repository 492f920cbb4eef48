import { readFileSync } from 'node:fs'
import { trimEndOf } from '../core/text.js'

/**
 * What the runner tells the Action about this run, from GITHUB_* variables and the event payload, as plain
 * data. Read once; nothing else looks at process.env for these.
 */
export interface RunContext {
  eventName: string
  owner: string
  repo: string
  serverUrl: string
  runId?: string
  /** The checkout directory the runner gave the job. */
  workspace: string
  /** GITHUB_SHA: for pull_request the merge commit, for pull_request_target the base branch's head. */
  sha: string
  /** Set for events about a change: a pull request or a merge-queue group. */
  change?: ChangeContext
}

export interface ChangeContext {
  kind: 'pull-request' | 'merge-group'
  /** The pull request's number (none for a merge group). */
  number?: number
  baseSha: string
  headSha: string
  /** What the API says the pull request changes (its file list stops at 3,000). */
  changedFiles?: number
  /** The head is in another repository: GITHUB_TOKEN is read-only on pull_request. */
  fork: boolean
  mergeCommitSha?: string
  /** pull_request_target: the workflow runs with the base's token; the head is untrusted data. */
  target: boolean
}

export class ContextError extends Error {}

export function readContext(env: NodeJS.ProcessEnv): RunContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !repo) throw new ContextError('GITHUB_REPOSITORY is not set to "owner/repo": is this running in GitHub Actions?')
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const payload = readPayload(env.GITHUB_EVENT_PATH)
  return {
    eventName,
    owner,
    repo,
    serverUrl: trimEndOf(env.GITHUB_SERVER_URL || 'https://github.com', '/'),
    runId: env.GITHUB_RUN_ID || undefined,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    sha: env.GITHUB_SHA ?? '',
    change: changeOf(eventName, payload)
  }
}

export function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {}
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return isRecord(parsed) ? parsed : {}
  } catch {
    return {}
  }
}

export function changeOf(eventName: string, payload: Record<string, unknown>): ChangeContext | undefined {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const pr = record(payload.pull_request)
    const base = record(pr.base)
    const head = record(pr.head)
    const number = typeof pr.number === 'number' ? pr.number : Number(payload.number)
    const baseSha = text(base.sha)
    const headSha = text(head.sha)
    if (!Number.isInteger(number) || !baseSha || !headSha) return undefined
    const headRepo = text(record(head.repo).full_name)
    const baseRepo = text(record(base.repo).full_name)
    return {
      kind: 'pull-request',
      number,
      baseSha,
      headSha,
      changedFiles: typeof pr.changed_files === 'number' ? pr.changed_files : undefined,
      fork: headRepo !== '' && baseRepo !== '' && headRepo !== baseRepo,
      mergeCommitSha: text(pr.merge_commit_sha) || undefined,
      target: eventName === 'pull_request_target'
    }
  }
  if (eventName === 'merge_group') {
    const group = record(payload.merge_group)
    const baseSha = text(group.base_sha)
    const headSha = text(group.head_sha)
    if (!baseSha || !headSha) return undefined
    return { kind: 'merge-group', baseSha, headSha, fork: false, target: false }
  }
  return undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {}
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
