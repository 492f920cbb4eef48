// Types of runner-stand-in.mjs, for the TypeScript tests that use it.

export interface Fault {
  method: string
  path: RegExp | string
  status: number
  times: number
  message?: string
}

export interface StoredComment {
  id: number
  issue: number
  body: string
  user?: string
}

export interface StoredReview {
  id: number
  pull: number
  body: string
  user?: string
  commit_id?: string
}

export interface StoredReviewComment {
  id: number
  pull: number
  review: number
  path: string
  /** null: outdated. */
  line: number | null
  start_line: number | null
  body: string
  user?: string
}

export interface GitHubState {
  owner?: string
  repo?: string
  pulls?: Record<number, { files: { filename: string; status: string; previous_filename?: string; patch?: string }[]; head?: { sha: string; ref: string; repo: string }; state?: string }>
  contents?: Record<string, Record<string, string | { symlink: string }>>
  comments?: StoredComment[]
  reviews?: StoredReview[]
  reviewComments?: StoredReviewComment[]
  viewer?: string
  faults?: Fault[]
  checkRuns?: CheckRun[]
}

export interface CheckRun {
  id: number
  name: string
  head_sha: string
  status: string
  conclusion: string
  output: { title: string; summary: string; annotations: { path: string; start_line: number; end_line: number; start_column?: number; annotation_level: string; title: string; message: string }[] }
}

export interface Call {
  at: number
  method: string
  path: string
  query: string
  body: unknown
  authorization?: string
}

export interface GitHubStandIn {
  url: string
  calls: Call[]
  state: Required<GitHubState> & { comments: (StoredComment & { user: string })[] }
  writes(): string[]
  close(): Promise<void>
}

export function startGitHub(state?: GitHubState): Promise<GitHubStandIn>

export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
}

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  commands: WorkflowCommand[]
}

export function runAction(options: {
  node?: string
  entry: string
  workspace: string
  event?: unknown
  eventName: string
  inputs?: Record<string, string>
  apiUrl: string
  env?: Record<string, string | undefined>
  sha?: string
}): Promise<ActionRun>

export function parseOutputFile(text: string): Record<string, string>
export function parseCommands(stdout: string): WorkflowCommand[]
export function temporaryDirectory(prefix?: string): string
