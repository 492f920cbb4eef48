import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { isAbsolute, join, relative, sep } from 'node:path'

/**
 * Read access to the repository being scanned, for rules that look beyond the file they check (an
 * entrypoint script, a `.dockerignore`, the Dockerfile a Compose service builds). Paths are
 * repository-relative with `/` separators. The engine never touches the file system except through one.
 */
export interface Workspace {
  /** The file's text, or undefined when it does not exist, is not a regular file, or is outside the root. */
  read(path: string): string | undefined
  exists(path: string): boolean
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

/** Files larger than this are not read by rules looking around (entrypoint scripts, .env). */
const MAX_AUX_FILE_BYTES = 1024 * 1024

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
  constructor(root: string) {
    this.root = realpathSync(root)
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
      const stat = lstatSync(real)
      if (!stat.isFile() || stat.size > MAX_AUX_FILE_BYTES) return undefined
      return readFileSync(real, 'utf8')
    } catch {
      return undefined
    }
  }
  exists(path: string): boolean {
    return this.resolve(path) !== undefined
  }
}
