import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { noVariables } from '../compose/interpolate.js'
import { parseComposeFile, type ComposeFile } from '../compose/model.js'
import { extendedFiles, includedFiles } from '../compose/project.js'
import { decodeFile } from '../core/decode.js'
import { matchesAny } from '../core/globs.js'
import { analyzers } from '../core/registry.js'
import { dirName, normalizePath, resolveReference } from '../core/workspace.js'

/**
 * Which files to scan: Dockerfiles and Compose files by name (as the engine recognises them), narrowed by
 * the `paths` globs and the `exclude` globs (input and config file), read the way .gitignore reads globs.
 */
export interface Selection {
  paths: string[]
  exclude: string[]
}

export interface Target {
  path: string
  /** Named literally in `paths`: scanned whatever its name (its content decides its kind). */
  explicit: boolean
}

const GLOB_CHARS = /[*?[\]{}!]/

export function selectTarget(path: string, selection: Selection): Target | undefined {
  // A name from the API or git: absolute, or climbing out with `../`, it is no file of the repository.
  const reference = resolveReference('', path)
  const normal = reference.ok ? reference.path : undefined
  if (!normal || matchesAny(normal, selection.exclude)) return undefined
  const explicit = selection.paths.some((p) => !GLOB_CHARS.test(p) && normalizePath(p) === normal)
  if (selection.paths.length > 0 && !explicit && !matchesAny(normal, selection.paths)) return undefined
  if (explicit || analyzers.some((a) => a.matchesName(normal))) return { path: normal, explicit }
  return undefined
}

export function selectTargets(paths: Iterable<string>, selection: Selection): Target[] {
  const out = new Map<string, Target>()
  for (const path of paths) {
    const target = selectTarget(path, selection)
    if (target) out.set(target.path, target)
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** Directories never walked: version control and installed dependencies are not the project's config. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules'])
const MAX_WALKED_ENTRIES = 200_000

/**
 * Every file path in the checkout, repository-relative. Symbolic links are listed, not entered: a link to
 * a directory is never walked (no loops, no escape), and reading a linked file checks where it leads.
 */
export function walkCheckout(root: string): { paths: string[]; complete: boolean } {
  const paths: string[] = []
  const pending = ['']
  let seen = 0
  while (pending.length > 0) {
    const dir = pending.pop()!
    let entries
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true })
    } catch {
      continue
    }
    for (const entry of entries) {
      if (++seen > MAX_WALKED_ENTRIES) return { paths, complete: false }
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(path)
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        paths.push(path)
      }
    }
  }
  return { paths, complete: true }
}

/** True when the engine reads this path as a Compose file by its name. */
export function isComposeName(path: string): boolean {
  return analyzers.some((a) => a.kind === 'compose' && a.matchesName(path))
}

/**
 * The Dockerfiles a Compose file builds (`build:` as a path or with `context:` and `dockerfile:`), as
 * repository paths. Remote contexts, inline Dockerfiles and values that depend on unknown variables are
 * left out: only what can be named for sure.
 */
export function builtDockerfiles(composePath: string, content: Uint8Array): string[] {
  const file = readCompose(composePath, content)
  return file ? dockerfilesBuilt(file) : []
}

/** What a Compose file reads from the repository: the Dockerfiles it builds and the files it pulls in. */
export function composeLinks(composePath: string, content: Uint8Array): { builds: string[]; pulls: string[] } {
  const file = readCompose(composePath, content)
  return file ? { builds: dockerfilesBuilt(file), pulls: pulled(file) } : { builds: [], pulls: [] }
}

function dockerfilesBuilt(file: ComposeFile): string[] {
  const composePath = file.path
  const out = new Set<string>()
  for (const document of file.documents) {
    for (const service of document.services) {
      const build = service.build
      if (!build || build.inline) continue
      const context = build.context ? build.context.value : '.'
      const dockerfile = build.dockerfile ? build.dockerfile.value : 'Dockerfile'
      if (context === undefined || dockerfile === undefined || isRemote(context)) continue
      const contextPath = resolveReference(dirName(composePath), context)
      const path = contextPath.ok ? resolveReference(contextPath.path, dockerfile) : contextPath
      if (path.ok && path.path !== '') out.add(path.path)
    }
  }
  return [...out]
}

/** The files a Compose file pulls in with the top-level `include` and with `extends` `file:`, as repository paths. */
function pulled(file: ComposeFile): string[] {
  return [...new Set([...includedFiles(file), ...extendedFiles(file)])]
}

/** A Compose file read without variables (only what can be named for sure), or undefined. */
function readCompose(composePath: string, content: Uint8Array): ComposeFile | undefined {
  const decoded = decodeFile(content)
  if (!decoded.ok) return undefined
  try {
    return parseComposeFile(composePath, decoded.text, noVariables)
  } catch {
    return undefined
  }
}

function isRemote(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context.startsWith('github.com/')
}
