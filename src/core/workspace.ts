import { lstatSync, readFileSync, realpathSync } from 'node:fs'
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

/** A workspace over a directory; symbolic links that lead out of it are not followed. */
export class DirectoryWorkspace implements Workspace {
  private readonly root: string
  constructor(root: string) {
    this.root = realpathSync(root)
  }
  private resolve(path: string): string | undefined {
    const normal = normalizePath(path)
    if (normal === undefined) return undefined
    try {
      const real = realpathSync(join(this.root, normal))
      const inside = relative(this.root, real)
      if (inside.startsWith('..' + sep) || inside === '..' || isAbsolute(inside)) return undefined
      return real
    } catch {
      return undefined
    }
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
