import { lstatSync, realpathSync } from 'node:fs'
import { isAbsolute, join, relative, sep } from 'node:path'
import { DEFAULT_LIMITS } from '../core/config.js'
import { readBounded } from '../core/read-file.js'
import { dirName, joinPath, normalizePath, resolveReference, type Refusal, type Workspace } from '../core/workspace.js'
import type { Git } from './git.js'
import type { ContentEntry, GitHubApi } from './github.js'

/**
 * Where file contents come from: the checkout, a commit through git, or a commit through the contents
 * API. Each answers "what is at this repository path", and none ever reads outside the repository: a
 * symbolic link is followed only when its target stays inside.
 */
export interface ContentSource {
  read(path: string): Promise<ContentEntry>
}

/** A repository path, or undefined for an absolute one or one that climbs out (resolveReference decides). */
function repositoryPath(path: string): string | undefined {
  const reference = resolveReference('', path)
  return reference.ok ? reference.path : undefined
}

/** Symbolic links followed in a row before giving up (a loop, or a chain meant to confuse). */
const MAX_LINK_HOPS = 8

/**
 * The checkout on disk: realpath must stay under the root, and only regular files and directories count.
 * Files are read no further than `maxFileBytes` (a larger one comes back empty, with its size).
 */
export function checkoutSource(root: string, maxFileBytes: number = DEFAULT_LIMITS.maxFileBytes): ContentSource {
  const realRoot = realpathSync(root)
  return {
    async read(path) {
      const normal = repositoryPath(path)
      if (normal === undefined || normal === '') return undefined
      try {
        const real = realpathSync(join(realRoot, normal))
        const inside = relative(realRoot, real)
        if (inside === '' || inside === '..' || inside.startsWith('..' + sep) || isAbsolute(inside)) return { kind: 'link-out' }
        const stat = lstatSync(real)
        if (stat.isDirectory()) return { kind: 'dir' }
        if (!stat.isFile()) return undefined
        const read = readBounded(real, maxFileBytes)
        return read.size > maxFileBytes ? { kind: 'file', bytes: read.bytes, size: read.size } : { kind: 'file', bytes: read.bytes }
      } catch {
        return undefined
      }
    }
  }
}

/** A commit read with git plumbing; symbolic links (mode 120000) resolved inside the repository. */
export function gitSource(git: Git, sha: string, maxFileBytes: number = DEFAULT_LIMITS.maxFileBytes): ContentSource {
  const read = async (path: string, hops: number): Promise<ContentEntry> => {
    const normal = repositoryPath(path)
    if (normal === undefined || normal === '' || hops > MAX_LINK_HOPS) return undefined
    const entry = await git.entry(sha, normal)
    if (!entry) return undefined
    if (entry.type === 'tree') return { kind: 'dir' }
    if (entry.type !== 'blob') return undefined
    // ls-tree -l gives the size: a blob over the limit is never read into memory.
    if (entry.mode !== '120000' && entry.size !== undefined && entry.size > maxFileBytes) return { kind: 'file', bytes: new Uint8Array(0), size: entry.size }
    const bytes = await git.blob(entry.oid)
    if (!bytes) return undefined
    if (entry.mode !== '120000') return bytes.length > maxFileBytes ? { kind: 'file', bytes: new Uint8Array(0), size: bytes.length } : { kind: 'file', bytes }
    const target = resolveLink(normal, Buffer.from(bytes).toString('utf8'))
    return target === undefined ? { kind: 'link-out' } : read(target, hops + 1)
  }
  return { read: (path) => read(path, 0) }
}

/** A symbolic link's target as a repository path; undefined when it is absolute or climbs out. */
export function resolveLink(linkPath: string, target: string): string | undefined {
  if (target.startsWith('/') || target.includes('\0')) return undefined
  const resolved = joinPath(dirName(linkPath), target)
  return resolved === '' ? undefined : resolved
}

/** A commit read through the contents API (no checkout: the fork-safe pull_request_target recipe). */
export function apiSource(api: GitHubApi, ref: string, maxFileBytes: number = DEFAULT_LIMITS.maxFileBytes): ContentSource {
  return {
    read(path) {
      const normal = repositoryPath(path)
      return normal === undefined || normal === '' ? Promise.resolve(undefined) : api.readContent(normal, ref, maxFileBytes)
    }
  }
}

/** How the base differs from the head: for each path changed by the pull request, what it was before. */
export interface BaseMapping {
  /** Head path → base path (renamed files), or null when the file did not exist in the base. */
  basePathOf(headPath: string): string | null
  /** True when the change touched this head path (so its base content must be read from the base). */
  changed(headPath: string): boolean
}

/**
 * The base version of the repository, seen through head paths: changed files come from the base commit
 * (under their old name when renamed, absent when added); unchanged files are the same in both, so they
 * come from the head source, which is cheaper (the checkout) and needs no base commit.
 */
export function baseOverlay(mapping: BaseMapping, base: ContentSource, head: ContentSource): ContentSource {
  return {
    read(path) {
      const normal = normalizePath(path)
      if (normal === undefined) return Promise.resolve(undefined)
      if (!mapping.changed(normal)) return head.read(normal)
      const basePath = mapping.basePathOf(normal)
      return basePath === null ? Promise.resolve(undefined) : base.read(basePath)
    }
  }
}

/** The base seen through head paths when the changed files are not all known: everything read from the base. */
export function renamedBase(mapping: BaseMapping, base: ContentSource): ContentSource {
  return {
    read(path) {
      const normal = normalizePath(path)
      if (normal === undefined) return Promise.resolve(undefined)
      const basePath = mapping.changed(normal) ? mapping.basePathOf(normal) : normal
      return basePath === null ? Promise.resolve(undefined) : base.read(basePath)
    }
  }
}

/** Paths fetched in one round; rules read few files, so more means something is off. */
const MAX_FETCH_PER_ROUND = 200
/** Reads in flight at once (git processes, API requests). */
const FETCH_CONCURRENCY = 8

/**
 * A Workspace (synchronous, as rules need) over an asynchronous source: it answers from what was fetched,
 * and records what it was asked and did not have. `settle` runs a computation, fetches what it asked
 * for, and runs it again until it asks for nothing new.
 */
export class FetchedWorkspace implements Workspace {
  private readonly entries = new Map<string, ContentEntry>()
  private readonly wanted = new Set<string>()

  private readonly maxFileBytes: number

  constructor(
    private readonly source: ContentSource,
    options: { maxFileBytes?: number } = {}
  ) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes
  }

  read(path: string): string | undefined {
    const entry = this.lookup(path)
    if (entry?.kind !== 'file' || entry.size !== undefined || entry.bytes.length > this.maxFileBytes) return undefined
    return Buffer.from(entry.bytes).toString('utf8')
  }

  refusal(path: string): Refusal | undefined {
    const normal = normalizePath(path)
    if (normal === undefined) return { kind: 'climbs-out' }
    // Asked like a read: a path not fetched yet is fetched in the next round.
    const entry = this.lookup(normal)
    if (entry?.kind === 'link-out') return { kind: 'link-out' }
    if (entry?.kind === 'file' && (entry.size ?? entry.bytes.length) > this.maxFileBytes) {
      return { kind: 'too-large', size: entry.size ?? entry.bytes.length, limit: this.maxFileBytes }
    }
    return undefined
  }

  exists(path: string): boolean {
    const entry = this.lookup(path)
    return entry !== undefined && entry.kind !== 'link-out'
  }

  /** The raw entry, fetching it now. */
  async fetch(path: string): Promise<ContentEntry> {
    const normal = normalizePath(path)
    if (normal === undefined) return undefined
    if (!this.entries.has(normal)) this.entries.set(normal, await this.source.read(normal))
    return this.entries.get(normal)
  }

  /** Runs `compute` until the workspace has everything it asked for (bounded rounds). */
  async settle<T>(compute: () => T, rounds = 5): Promise<T> {
    let result = compute()
    for (let round = 0; round < rounds && this.wanted.size > 0; round++) {
      const batch = [...this.wanted].slice(0, MAX_FETCH_PER_ROUND)
      this.wanted.clear()
      await mapLimit(batch, FETCH_CONCURRENCY, (path) => this.fetch(path))
      result = compute()
    }
    this.wanted.clear()
    return result
  }

  private lookup(path: string): ContentEntry {
    const normal = normalizePath(path)
    if (normal === undefined || normal === '') return normal === '' ? { kind: 'dir' } : undefined
    if (this.entries.has(normal)) return this.entries.get(normal)
    this.wanted.add(normal)
    return undefined
  }
}

/** `Promise.all` over `items`, at most `limit` at a time, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
