import * as exec from '@actions/exec'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { PullFile } from './github.js'

/**
 * Read-only git in the checkout, through @actions/exec with argument arrays (no shell ever sees a file
 * name). Every call passes --literal-pathspecs, so a file named `:(glob)*` is a name, and uses plumbing
 * (ls-tree, cat-file, diff --name-status) that runs no textconv or external diff driver.
 */
export interface Git {
  /** The commit checked out, or undefined when the workspace is not a git repository. */
  head(): Promise<string | undefined>
  hasCommit(sha: string): Promise<boolean>
  /** Files changed between two commits; `threeDot` compares with their merge base, as pull requests do. */
  changedFiles(base: string, head: string, threeDot: boolean): Promise<PullFile[] | undefined>
  /** An entry at a commit: its mode, object id and (for a blob) size in bytes. */
  entry(sha: string, path: string): Promise<{ mode: string; type: string; oid: string; size?: number } | undefined>
  blob(oid: string): Promise<Uint8Array | undefined>
}

interface Run {
  code: number
  stdout: Buffer
}

/** What git answers where there is no repository: nothing is known. */
const NO_REPOSITORY: Git = {
  head: async () => undefined,
  hasCommit: async () => false,
  changedFiles: async () => undefined,
  entry: async () => undefined,
  blob: async () => undefined
}

export function createGit(cwd: string): Git {
  // actions/checkout leaves .git at the workspace's root (a directory, or a file for a worktree). Without it
  // every question would get "don't know" from git too, at a process start each: a tenth of a small run.
  if (!existsSync(join(cwd, '.git'))) return NO_REPOSITORY
  const run = async (args: string[]): Promise<Run> => {
    const chunks: Buffer[] = []
    try {
      const code = await exec.exec('git', ['-c', `safe.directory=${cwd}`, '--literal-pathspecs', ...args], {
        cwd,
        silent: true,
        ignoreReturnCode: true,
        listeners: { stdout: (data: Buffer) => chunks.push(data) }
      })
      return { code, stdout: Buffer.concat(chunks) }
    } catch {
      // No git on this runner: every question gets "don't know".
      return { code: -1, stdout: Buffer.alloc(0) }
    }
  }
  return {
    async head() {
      const result = await run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])
      const sha = result.stdout.toString('utf8').trim()
      return result.code === 0 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined
    },
    async hasCommit(sha) {
      if (!/^[0-9a-f]{7,64}$/i.test(sha)) return false
      return (await run(['cat-file', '-e', `${sha}^{commit}`])).code === 0
    },
    async changedFiles(base, head, threeDot) {
      const range = threeDot ? `${base}...${head}` : `${base}..${head}`
      const result = await run(['diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-textconv', range, '--'])
      return result.code === 0 ? parseNameStatus(result.stdout.toString('utf8')) : undefined
    },
    async entry(sha, path) {
      const result = await run(['ls-tree', '-z', '-l', sha, '--', path])
      if (result.code !== 0) return undefined
      const line = result.stdout.toString('utf8').split('\0')[0]
      const match = /^(\d{6}) (\w+) ([0-9a-f]+) +(\d+|-)\t/.exec(line)
      return match ? { mode: match[1], type: match[2], oid: match[3], ...(match[4] === '-' ? {} : { size: Number(match[4]) }) } : undefined
    },
    async blob(oid) {
      const result = await run(['cat-file', 'blob', oid])
      return result.code === 0 ? new Uint8Array(result.stdout) : undefined
    }
  }
}

const STATUS: Record<string, string> = { A: 'added', D: 'removed', M: 'modified', R: 'renamed', C: 'copied', T: 'changed' }

/** `git diff --name-status -z`: `M\0path\0`, and for renames and copies `R100\0old\0new\0`. */
export function parseNameStatus(output: string): PullFile[] {
  const fields = output.split('\0')
  const files: PullFile[] = []
  for (let i = 0; i < fields.length && fields[i] !== ''; ) {
    const code = fields[i].charAt(0)
    const status = STATUS[code] ?? 'modified'
    if (code === 'R' || code === 'C') {
      files.push({ path: fields[i + 2], status, previousPath: fields[i + 1] })
      i += 3
    } else {
      files.push({ path: fields[i + 1], status })
      i += 2
    }
  }
  return files.filter((f) => f.path !== undefined)
}
