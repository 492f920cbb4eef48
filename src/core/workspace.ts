import { lstatSync, readdirSync, realpathSync } from 'node:fs'
import { isAbsolute, join, relative, sep } from 'node:path'
import { DEFAULT_LIMITS } from './config.js'
import { readBounded } from './read-file.js'

/**
 * Read access to the repository being scanned, for rules that look beyond the file they check (an
 * entrypoint script, a `.dockerignore`, the Dockerfile a Compose service builds). Paths are
 * repository-relative with `/` separators. The engine never touches the file system except through one.
 */
export interface Workspace {
  /** The file's text, or undefined when it does not exist, is not a regular file, or is outside the root. */
  read(path: string): string | undefined
  exists(path: string): boolean
  /**
   * Why `read(path)` gave nothing for a file that is there: a symbolic link (the file or a directory on
   * the way) that leads out of the root, or a file over limits.max-file-bytes. Undefined otherwise.
   */
  refusal?(path: string): Refusal | undefined
}

/** Why a path a file refers to is not read. None of them is ever read, and each is reported. */
export type Refusal =
  | { kind: 'absolute' }
  | { kind: 'climbs-out' }
  | { kind: 'link-out' }
  | { kind: 'too-large'; size: number; limit: number }

export type Reference = { ok: true; path: string } | { ok: false; refusal: Refusal }

/** True for `/x`, `\\x`, `C:\\x`, `C:/x` and `~/x`: paths that do not start from the directory of the file. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || path === '~' || path.startsWith('~/') || /^[A-Za-z]:[\\/]/.test(path)
}

/**
 * The one place where a path written in a file (an `extends` or `include` file, `env_file`, a build context
 * or Dockerfile) or handed over from outside (a file name from the GitHub API, a CLI path) becomes a
 * repository path: relative to `directory` (repository-relative, `''` for the root). An absolute path and
 * one that climbs out with `../` are refused; symbolic links that lead out are refused by the workspace
 * that reads the path (`refusal`).
 */
export function resolveReference(directory: string, written: string): Reference {
  if (written.includes('\0')) return { ok: false, refusal: { kind: 'climbs-out' } }
  if (isAbsolutePath(written)) return { ok: false, refusal: { kind: 'absolute' } }
  const path = joinPath(directory, written)
  return path === undefined ? { ok: false, refusal: { kind: 'climbs-out' } } : { ok: true, path }
}

/** What a refusal means, for a message: "is an absolute path", "leads outside the repository", … */
export function describeRefusal(refusal: Refusal): string {
  switch (refusal.kind) {
    case 'absolute':
      return 'is an absolute path, outside the repository'
    case 'climbs-out':
      return 'climbs out of the repository with "../"'
    case 'link-out':
      return 'is a symbolic link (or under one) that leads outside the repository'
    case 'too-large':
      return `is ${refusal.size} bytes, larger than the limit of ${refusal.limit} bytes (limits.max-file-bytes)`
  }
}

/** Normalises `a/./b/../c` to `a/c`; undefined when the path climbs out of the root. */
export function normalizePath(path: string): string | undefined {
  const parts: string[] = []
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length === 0) return undefined
      parts.pop()
    } else parts.push(part)
  }
  return parts.join('/')
}

export function joinPath(...parts: string[]): string | undefined {
  return normalizePath(parts.filter((p) => p !== '').join('/'))
}

export function dirName(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash)
}

/** A workspace over files held in memory (tests, files fetched from the API). */
export class MemoryWorkspace implements Workspace {
  private readonly files: Map<string, string>
  constructor(files: Record<string, string> | Map<string, string> = {}) {
    this.files = new Map(files instanceof Map ? files : Object.entries(files))
  }
  read(path: string): string | undefined {
    const normal = normalizePath(path)
    return normal === undefined ? undefined : this.files.get(normal)
  }
  exists(path: string): boolean {
    const normal = normalizePath(path)
    if (normal === undefined) return false
    if (this.files.has(normal)) return true
    const prefix = normal === '' ? '' : normal + '/'
    for (const key of this.files.keys()) if (key.startsWith(prefix)) return true
    return false
  }
  set(path: string, content: string): void {
    const normal = normalizePath(path)
    if (normal !== undefined) this.files.set(normal, content)
  }
}

type EntryKind = 'file' | 'directory' | 'link' | 'other'

function kindOf(entry: { isSymbolicLink(): boolean; isFile(): boolean; isDirectory(): boolean }): EntryKind {
  return entry.isSymbolicLink() ? 'link' : entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other'
}

function entryKind(path: string): EntryKind | undefined {
  try {
    const stat = lstatSync(path, { throwIfNoEntry: false })
    return stat && kindOf(stat)
  } catch {
    return undefined
  }
}

function sizeOf(path: string): number | undefined {
  try {
    const stat = lstatSync(path)
    return stat.isFile() ? stat.size : undefined
  } catch {
    return undefined
  }
}

function linkTargetExists(path: string): boolean {
  try {
    realpathSync(path)
    return true
  } catch {
    return false
  }
}

/**
 * A workspace over a directory; symbolic links that lead out of it are not followed. What a scan asks
 * of it repeats per directory (every Dockerfile of a directory looks for the same .dockerignore), so
 * each directory's real path and listing are read once: a path whose directory is inside the root and
 * whose entry is not a symbolic link needs no realpath of its own.
 */
export class DirectoryWorkspace implements Workspace {
  private readonly root: string
  private readonly directories = new Map<string, string | undefined>()
  private readonly listings = new Map<string, Map<string, EntryKind>>()
  private readonly refusals = new Map<string, Refusal>()
  private readonly maxFileBytes: number
  constructor(root: string, options: { maxFileBytes?: number } = {}) {
    this.root = realpathSync(root)
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes
  }
  /** The real path of a file or directory inside the root, else undefined (missing, or a link out). */
  private resolve(path: string): string | undefined {
    const normal = normalizePath(path)
    if (normal === undefined) return undefined
    if (normal === '') return this.root
    const slash = normal.lastIndexOf('/')
    const directory = this.realDirectory(slash < 0 ? '' : normal.slice(0, slash))
    if (directory === undefined) return undefined
    const kind = this.listing(directory).get(normal.slice(slash + 1))
    if (kind === undefined) return undefined
    return kind === 'link' ? this.realInside(join(directory, normal.slice(slash + 1))) : join(directory, normal.slice(slash + 1))
  }
  /**
   * A directory's real path from its parent's: a plain directory entry of a directory inside the root is
   * inside the root, so only a symbolic link costs a realpath. One lstat per directory (none when the
   * parent's listing was read already), each answer kept: realpathSync takes an lstat per path component
   * on every call, so the same ancestors again for every Dockerfile.
   */
  private realDirectory(normal: string): string | undefined {
    if (normal === '') return this.root
    if (this.directories.has(normal)) return this.directories.get(normal)
    const slash = normal.lastIndexOf('/')
    const parent = this.realDirectory(slash < 0 ? '' : normal.slice(0, slash))
    let real: string | undefined
    if (parent !== undefined) {
      const name = normal.slice(slash + 1)
      const path = join(parent, name)
      const kind = this.listings.get(parent)?.get(name) ?? entryKind(path)
      real = kind === 'directory' ? path : kind === 'link' ? this.realInside(path) : undefined
    }
    this.directories.set(normal, real)
    return real
  }
  private realInside(path: string): string | undefined {
    try {
      const real = realpathSync(path)
      const inside = relative(this.root, real)
      if (inside.startsWith('..' + sep) || inside === '..' || isAbsolute(inside)) return undefined
      return real
    } catch {
      return undefined
    }
  }
  private listing(directory: string): Map<string, EntryKind> {
    let entries = this.listings.get(directory)
    if (!entries) {
      entries = new Map()
      try {
        for (const entry of readdirSync(directory, { withFileTypes: true })) {
          entries.set(entry.name, kindOf(entry))
        }
      } catch {
        // Not a readable directory: nothing in it can be read either.
      }
      this.listings.set(directory, entries)
    }
    return entries
  }
  read(path: string): string | undefined {
    const real = this.resolve(path)
    if (!real) return undefined
    try {
      // The real path has no symbolic link left; O_NOFOLLOW refuses one swapped in since.
      const read = readBounded(real, this.maxFileBytes)
      if (read.size > this.maxFileBytes) {
        this.refusals.set(normalizePath(path)!, { kind: 'too-large', size: read.size, limit: this.maxFileBytes })
        return undefined
      }
      return Buffer.from(read.bytes).toString('utf8')
    } catch {
      return undefined
    }
  }
  exists(path: string): boolean {
    return this.resolve(path) !== undefined
  }
  refusal(path: string): Refusal | undefined {
    const normal = normalizePath(path)
    if (normal === undefined) return { kind: 'climbs-out' }
    const known = this.refusals.get(normal)
    if (known) return known
    if (this.leadsOut(normal)) return { kind: 'link-out' }
    const real = this.resolve(normal)
    const size = real === undefined ? undefined : sizeOf(real)
    return size !== undefined && size > this.maxFileBytes ? { kind: 'too-large', size, limit: this.maxFileBytes } : undefined
  }
  /** True when some component of the path is a symbolic link whose target is outside the root. */
  private leadsOut(normal: string): boolean {
    let directory = this.root
    for (const name of normal.split('/')) {
      const kind = this.listing(directory).get(name)
      const path = join(directory, name)
      if (kind === 'link') {
        const real = this.realInside(path)
        if (real === undefined) return this.exists(normal) === false && linkTargetExists(path)
        directory = real
      } else if (kind === 'directory') directory = path
      else return false
    }
    return false
  }
}
