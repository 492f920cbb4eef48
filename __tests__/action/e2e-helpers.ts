import { execFileSync } from 'node:child_process'
import { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import {
  runAction,
  startGitHub,
  temporaryDirectory,
  type ActionRun,
  type GitHubStandIn,
  type GitHubState,
  type WorkflowCommand
} from '../../scripts/runner-stand-in.mjs'

/** Helpers for the end-to-end tests: repositories on disk, event payloads, and one run of dist/index.js. */

export const DIST = join(process.cwd(), 'dist', 'index.js')
/** Recognisable anywhere: every run is checked for it in everything it wrote (see tokenLeaks). */
export const TOKEN = 'ghs_CONTAINMENTTESTTOKEN0123456789abcdefXYZ'
export const OWNER_REPO = 'octo/app'
export const DIGEST = 'sha256:' + 'a'.repeat(64)

/** A Dockerfile with no finding under any rule. */
export const CLEAN_DOCKERFILE = `FROM alpine:3.20@${DIGEST}\nHEALTHCHECK NONE\nUSER 10001\nCMD ["sleep", "infinity"]\n`
/** The same with `RUN sudo true` on line 3 (DF002, high, column 5). */
export const SUDO_DOCKERFILE = `FROM alpine:3.20@${DIGEST}\nHEALTHCHECK NONE\nRUN sudo true\nUSER 10001\nCMD ["sleep", "infinity"]\n`
/** A Compose file with no finding. */
export const CLEAN_COMPOSE = [
  'services:',
  '  web:',
  `    image: nginx:1.27@${DIGEST}`,
  '    user: "10001"',
  '    read_only: true',
  '    cap_drop: [ALL]',
  '    security_opt: ["no-new-privileges:true"]',
  '    mem_limit: 256m',
  '    pids_limit: 100',
  ''
].join('\n')
/** The same with `privileged: true` on line 10 (DC001, critical, column 5). */
export const PRIVILEGED_COMPOSE = CLEAN_COMPOSE + '    privileged: true\n'

export type Files = Record<string, string | { symlink: string }>

export function writeFiles(root: string, files: Files): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path)
    mkdirSync(dirname(full), { recursive: true })
    if (typeof content === 'string') writeFileSync(full, content)
    else symlinkSync(content.symlink, full)
  }
}

/** A workspace directory with these files (no git). */
export function workspaceWith(files: Files): string {
  const root = temporaryDirectory('containment-ws-')
  writeFiles(root, files)
  return root
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  }).trim()
}

/**
 * A git repository with a base commit and a head commit (checked out). `head` lists what changes:
 * a string writes a file, null removes it, { from } renames.
 */
export function gitRepository(base: Files, head: Record<string, string | null | { from: string; content?: string }>): { root: string; baseSha: string; headSha: string } {
  const root = temporaryDirectory('containment-git-')
  git(root, 'init', '-q')
  writeFiles(root, base)
  git(root, 'add', '-A')
  git(root, 'commit', '-q', '-m', 'base')
  const baseSha = git(root, 'rev-parse', 'HEAD')
  for (const [path, change] of Object.entries(head)) {
    if (change === null) git(root, 'rm', '-q', '--', path)
    else if (typeof change === 'object') {
      mkdirSync(dirname(join(root, path)), { recursive: true })
      git(root, 'mv', '--', change.from, path)
      if (change.content !== undefined) writeFileSync(join(root, path), change.content)
    } else writeFiles(root, { [path]: change })
  }
  git(root, 'add', '-A')
  git(root, 'commit', '-q', '-m', 'head')
  return { root, baseSha, headSha: git(root, 'rev-parse', 'HEAD') }
}

export interface PullRequest {
  number: number
  baseSha: string
  headSha: string
  fork?: boolean
  changedFiles?: number
}

export function pullRequestEvent(pr: PullRequest): unknown {
  return {
    action: 'synchronize',
    number: pr.number,
    pull_request: {
      number: pr.number,
      changed_files: pr.changedFiles,
      base: { sha: pr.baseSha, ref: 'main', repo: { full_name: OWNER_REPO } },
      head: { sha: pr.headSha, ref: 'feature', repo: { full_name: pr.fork ? 'someone/app' : OWNER_REPO } }
    }
  }
}

export interface Run extends ActionRun {
  /** The SARIF log written, parsed (undefined when none). */
  sarif?: { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] }
  sarifText?: string
  errors: WorkflowCommand[]
  warnings: WorkflowCommand[]
  notices: WorkflowCommand[]
}

export interface RunOptions {
  node: string
  github: GitHubStandIn
  workspace: string
  pr?: PullRequest
  eventName?: string
  event?: unknown
  inputs?: Record<string, string>
  sha?: string
  runId?: string
  env?: Record<string, string | undefined>
  /** Another bundle than dist/index.js (a copy with files taken out). */
  entry?: string
}

/**
 * Retry waits of 5 ms instead of 1 s (the retry plugin waits 1, 4, 9 units; the throttling plugin
 * `retry-after` units) and a request timeout of 1.5 s instead of 20 s, so that faults cost the tests
 * little time. The backoff and the bounds are the same as in production, only the unit is smaller.
 */
export const FAST_RETRIES = { CONTAINMENT_RETRY_UNIT_MS: '5', CONTAINMENT_REQUEST_TIMEOUT_MS: '1500' }

/**
 * The token as it could leak: as is, in base64 (an Authorization: Basic header, a git credential) and
 * in base64 of `x-access-token:<token>` (how actions/checkout hands it to git).
 */
export const TOKEN_FORMS = [TOKEN, Buffer.from(TOKEN).toString('base64'), Buffer.from(`x-access-token:${TOKEN}`).toString('base64')]

/** Where in these texts the token appears, by name. */
export function tokenLeaks(texts: Record<string, string | undefined>): string[] {
  return Object.entries(texts)
    .filter(([, text]) => text !== undefined && TOKEN_FORMS.some((form) => text.includes(form)))
    .map(([name]) => name)
}

/** Every file under a directory, as text, keyed by path (links not followed). */
function filesUnder(root: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      const stat = lstatSync(path)
      if (stat.isDirectory()) walk(path)
      else if (stat.isFile()) out[path] = readFileSync(path, 'latin1')
    }
  }
  walk(root)
  return out
}

/**
 * What a run wrote where someone could read it: stdout, stderr, GITHUB_OUTPUT, the summary, every file in
 * the runner's directory and the workspace (the SARIF file among them), and every request sent to the
 * API other than its Authorization header (path, query and body).
 */
function everythingWritten(result: ActionRun, github: GitHubStandIn, workspace: string): Record<string, string | undefined> {
  const requests = Object.fromEntries(github.calls.map((c, i) => [`request ${i} ${c.method} ${c.path}`, `${c.path}${c.query}\n${c.rawBody}`]))
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    GITHUB_OUTPUT: result.outputText,
    GITHUB_STEP_SUMMARY: result.summary,
    ...filesUnder(result.runnerDir),
    ...filesUnder(workspace),
    ...requests
  }
}

/** Runs dist/index.js once, as the runner would; throws if the token shows up in anything it wrote. */
export async function run(options: RunOptions): Promise<Run> {
  const eventName = options.eventName ?? 'pull_request'
  const result = await runAction({
    node: options.node,
    entry: options.entry ?? DIST,
    workspace: options.workspace,
    event: options.event ?? (options.pr ? pullRequestEvent(options.pr) : {}),
    eventName,
    apiUrl: options.github.url,
    sha: options.sha ?? options.pr?.headSha,
    inputs: { 'github-token': TOKEN, 'sarif-file': 'containment.sarif', ...options.inputs },
    env: { GITHUB_RUN_ID: options.runId ?? '4242', ...FAST_RETRIES, ...options.env }
  })
  const leaks = tokenLeaks(everythingWritten(result, options.github, options.workspace))
  if (leaks.length > 0) throw new Error(`The token appears in what the run wrote: ${leaks.join(', ')}`)
  const sarifPath = result.outputs['sarif-file']
  const sarifText = sarifPath ? readFileSync(sarifPath, 'utf8') : undefined
  const annotations = (level: string) => result.commands.filter((c) => c.command === level)
  return {
    ...result,
    sarifText,
    sarif: sarifText ? JSON.parse(sarifText) : undefined,
    errors: annotations('error'),
    warnings: annotations('warning'),
    notices: annotations('notice')
  }
}

export { startGitHub, type GitHubStandIn, type GitHubState }

/** Every comment body the stand-in holds for an issue. */
export function commentsOf(github: GitHubStandIn, issue: number): string[] {
  return github.state.comments.filter((c) => c.issue === issue).map((c) => c.body)
}

/** Recorded calls as "METHOD /path" without the repository prefix. */
export function callsOf(github: GitHubStandIn, method?: string): string[] {
  return github.calls.filter((c) => !method || c.method === method).map((c) => `${c.method} ${c.path.replace(`/repos/${OWNER_REPO}`, '')}`)
}

/** Cell separators of a Markdown table row: pipes that are not escaped. */
export function cellCount(row: string): number {
  return row.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 1
}
