import { lstatSync, readdirSync, realpathSync, type Dirent } from 'node:fs'
import { isAbsolute, join, relative, sep } from 'node:path'
import { analyzers } from './registry.js'

/** Directories never walked: version control and dependencies are not the project's container configuration. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.hg', '.svn'])

/** True when a file's name marks it as a Dockerfile or a Compose file. */
export function isScannableName(path: string): boolean {
  return analyzers.some((analyzer) => analyzer.matchesName(path))
}

export interface DiscoveredFile {
  /** Absolute path on disk. */
  absolute: string
  /** Path relative to the root, with `/` separators. */
  path: string
  /** Named on the command line: analysed whatever its name. */
  explicit: boolean
  /** A symbolic link with a scannable name that leads out of the root: reported, never read. */
  linkOut?: boolean
}

/**
 * Files to scan under `root` from the given targets: directories are walked (symbolic links are not
 * followed, so a link cannot lead the scan out of the tree), files are taken whatever their name.
 * Sorted by path so that output is deterministic.
 */
export function discoverFiles(root: string, targets: string[]): DiscoveredFile[] {
  const found = new Map<string, DiscoveredFile>()
  for (const target of targets) {
    const stat = lstatSync(target)
    if (stat.isDirectory()) walk(root, target, found)
    else if (stat.isFile()) add(found, root, target, true)
    else if (stat.isSymbolicLink()) {
      // A link named on the command line: followed only under the root (the CLI refuses one that leads out).
      if (!inside(root, target)) continue
      const path = relative(root, target).split(sep).join('/')
      const real = realpathSync(target)
      if (lstatSync(real).isDirectory()) walk(root, target, found)
      else found.set(path, { absolute: real, path, explicit: true })
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function walk(root: string, directory: string, found: Map<string, DiscoveredFile>): void {
  const pending = [directory]
  while (pending.length > 0) {
    const current = pending.pop()!
    let entries: Dirent[]
    try {
      entries = readdirSync(current, { withFileTypes: true })
    } catch {
      continue
    }
    for (const entry of entries) {
      const absolute = join(current, entry.name)
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(absolute)
      } else if (entry.isFile() && isScannableName(entry.name)) {
        add(found, root, absolute, false)
      } else if (entry.isSymbolicLink() && isScannableName(entry.name) && !inside(root, absolute)) {
        // Links inside are left to their targets; one that leads out is reported, never followed.
        add(found, root, absolute, false)
        found.get(relative(root, absolute).split(sep).join('/'))!.linkOut = true
      }
    }
  }
}

/** True when the link's target is under the root (or there is none to read). */
export function inside(root: string, link: string): boolean {
  let real: string
  try {
    real = realpathSync(link)
  } catch {
    return true
  }
  const path = relative(realpathSync(root), real)
  return !(path === '..' || path.startsWith('..' + sep) || isAbsolute(path))
}

function add(found: Map<string, DiscoveredFile>, root: string, absolute: string, explicit: boolean): void {
  const path = relative(root, absolute).split(sep).join('/')
  const existing = found.get(path)
  found.set(path, { absolute, path, explicit: explicit || (existing?.explicit ?? false) })
}
