import { dirName, joinPath, normalizePath } from '../core/workspace.js'
import { globMatch } from './base-images.js'
import { copiesFromElsewhere, copyArguments } from './arguments.js'
import { substitute } from './image.js'
import type { DockerfileModel, Instruction, Stage } from './model.js'

/**
 * Where a file inside the image comes from in the repository: follows COPY/ADD from the build context
 * (the Dockerfile's directory) through the stage chain, WORKDIR included.
 */

/** The stage and the stages it is built on (`FROM builder`), nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = []
  for (let current: Stage | undefined = stage; current && !chain.includes(current); current = current.parent) chain.push(current)
  return chain
}

/** The build context: the Dockerfile's directory, repository-relative. */
export function contextDirectory(model: DockerfileModel): string {
  return dirName(model.path)
}

export interface RepositorySource {
  path: string
  /** The COPY names the file itself (not a directory or a glob that may hold it): it must exist. */
  named: boolean
}

/** The repository paths the image's file at `imagePath` may come from (`docker-entrypoint.sh` alone: found by name), latest COPY first. */
export function repositorySources(model: DockerfileModel, stage: Stage, imagePath: string): RepositorySource[] {
  const candidates: RepositorySource[] = []
  const bareName = !imagePath.includes('/')
  const absolute = bareName ? '' : resolveImagePath(finalWorkdir(stage), imagePath)
  const copies = stageChain(stage)
    .reverse()
    .flatMap((s) => s.instructions)
    .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.onbuild && !copiesFromElsewhere(i))
    .reverse()
  for (const copy of copies) {
    const destination = destinationOf(model, copy)
    if (!destination) continue
    // A bare name is looked for where this COPY puts files of that name (it runs from PATH).
    const copiedAsName = !destination.directory && destination.path.slice(destination.path.lastIndexOf('/') + 1) === imagePath
    const target = !bareName ? absolute : copiedAsName ? destination.path : joinImage(destination.path, imagePath)
    for (const source of sourcesOf(model, copy)) {
      const found = sourceFor(source, destination, target)
      if (found && !candidates.some((c) => c.path === found)) candidates.push({ path: found, named: found === source })
    }
  }
  return candidates
}

interface Destination {
  path: string
  /** Written as a directory (trailing `/`, or several sources). */
  directory: boolean
}

function destinationOf(model: DockerfileModel, copy: Instruction): Destination | undefined {
  const { sources, destination } = copyArguments(model, copy)
  if (!destination) return undefined
  const value = substitute(destination.value, (n) => copy.stage?.variables.get(n))
  if (value === undefined) return undefined
  const path = resolveImagePath(workdirAt(copy), value)
  return { path, directory: value.endsWith('/') || sources.filter((s) => !s.heredoc).length > 1 }
}

function sourcesOf(model: DockerfileModel, copy: Instruction): string[] {
  const out: string[] = []
  for (const source of copyArguments(model, copy).sources) {
    if (source.heredoc || /^[a-z][a-z0-9+.-]*:\/\//i.test(source.value) || source.value.startsWith('git@')) continue
    const value = substitute(source.value, (n) => copy.stage?.variables.get(n))
    const path = value === undefined ? undefined : joinPath(contextDirectory(model), value)
    if (path !== undefined) out.push(path)
  }
  return out
}

/** The repository file that lands at `target` when `source` is copied to `destination`, if it can. */
function sourceFor(source: string, destination: Destination, target: string): string | undefined {
  const sourceName = source.slice(source.lastIndexOf('/') + 1)
  if (/[*?[]/.test(sourceName)) {
    const targetName = target.slice(target.lastIndexOf('/') + 1)
    return parentOf(target) === destination.path && globMatch(sourceName, targetName) ? joinPath(dirName(source), targetName) : undefined
  }
  if (!destination.directory && target === destination.path) return source
  if (!target.startsWith(destination.path === '/' ? '/' : `${destination.path}/`)) return undefined
  const rest = target.slice(destination.path === '/' ? 1 : destination.path.length + 1)
  // A file source lands as <dest>/<name>; a directory source spreads its content into <dest>.
  return rest === sourceName ? source : joinPath(source, rest)
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash <= 0 ? '/' : path.slice(0, slash)
}

function joinImage(directory: string, name: string): string {
  return directory === '/' ? `/${name}` : `${directory}/${name}`
}

/** An absolute image path for `path`, relative paths taken from `workdir`. */
export function resolveImagePath(workdir: string, path: string): string {
  const absolute = path.startsWith('/') ? path : `${workdir}/${path}`
  return `/${normalizePath(absolute) ?? ''}`
}

/**
 * The working directory in force at an instruction: the WORKDIRs of its stage chain before it. The base
 * image's own WORKDIR is unknown; `/` is assumed.
 */
export function workdirAt(instruction: Instruction): string {
  return instruction.stage ? workdirState(instruction.stage, instruction).path : '/'
}

/** The working directory at an instruction when a WORKDIR of the file set it, else undefined (the base image's). */
export function declaredWorkdirAt(instruction: Instruction): string | undefined {
  const state = instruction.stage ? workdirState(instruction.stage, instruction) : undefined
  return state?.declared ? state.path : undefined
}

/** The working directory at the end of a stage (where a relative ENTRYPOINT path is found). */
export function finalWorkdir(stage: Stage): string {
  return workdirState(stage).path
}

/** Walks the WORKDIRs of the stage chain, up to `stopAt` (excluded) or to the end of `stage`. */
function workdirState(stage: Stage, stopAt?: Instruction): { path: string; declared: boolean } {
  const state = { path: '/', declared: false }
  for (const s of stageChain(stage).reverse()) {
    for (const i of s.instructions) {
      if (i === stopAt) return state
      if (i.keyword !== 'WORKDIR' || i.onbuild) continue
      const raw = i.args.map((a) => a.value).join(' ')
      const value = substitute(raw.replace(/^(["'])(.*)\1$/, '$2'), (n) => s.variables.get(n))
      if (value === undefined) {
        state.declared = false
        continue
      }
      if (value === '') continue
      // Relative to the base image's unknown WORKDIR stays unknown; an absolute one is known again.
      state.declared = value.startsWith('/') || state.declared
      state.path = resolveImagePath(state.path, value)
    }
  }
  return state
}
