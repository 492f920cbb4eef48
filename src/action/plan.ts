import { analyzers } from '../core/registry.js'
import { plural } from '../report/model.js'
import { findChanges, headPaths, type ChangeSet } from './changes.js'
import type { RunContext } from './context.js'
import type { Git } from './git.js'
import type { GitHubApi } from './github.js'
import type { Side } from './scan.js'
import { FetchedWorkspace, mapLimit } from './sources.js'
import { layeredWith } from '../compose/project.js'
import { composeLinks, isComposeName, selectTarget, selectTargets, type Selection, type Target } from './targets.js'

/**
 * What to scan. On a change with `scope: changed`: the files it changed (removed ones skipped, renamed
 * ones under their new name), plus the Compose files that read a changed file (a Dockerfile they build, a
 * file they `include` or `extends`) and the other files of a changed Compose file's project, so that what
 * the merged project exposes is seen. Otherwise, or when the changed files cannot be listed: every
 * matching file.
 */
export interface ScanPlan {
  targets: Target[]
  /** One phrase for the report: what was scanned. */
  scope: string
  /** The change set, when known: the baseline maps paths through it. */
  changes?: ChangeSet
  notes: string[]
  /** Why some files were not scanned (the listing was cut short, limits.max-files); the verdict cannot pass. */
  incomplete?: string
}

export interface PlanInput {
  scope: 'changed' | 'all'
  selection: Selection
  context: RunContext
  head: Side
  /** Every file path of the head version. */
  listAll: () => Promise<{ paths: string[]; complete: boolean }>
  api?: GitHubApi
  git: Git
}

/** Compose files read to find which build a changed Dockerfile; a repository with more is unusual. */
const MAX_COMPOSE_FILES_READ = 500

/** The plan with at most `maxFiles` targets (limits.max-files); over it, the plan says the scan is incomplete. */
export function limitPlan(plan: ScanPlan, maxFiles: number): ScanPlan {
  if (plan.targets.length <= maxFiles) return plan
  const reason = `${plan.targets.length} files to scan, more than limits.max-files (${maxFiles}): only the first ${maxFiles} were scanned`
  return { ...plan, targets: plan.targets.slice(0, maxFiles), incomplete: plan.incomplete ? `${plan.incomplete}; ${reason}` : reason }
}

export async function planScan(input: PlanInput): Promise<ScanPlan> {
  const change = input.context.change
  if (!change) return everything(input, [], 'every Dockerfile and Compose file in the repository')
  const found = await findChanges(change, input.api, input.git)
  if (input.scope === 'all') return { ...(await everything(input, found.notes, 'every Dockerfile and Compose file in the repository')), changes: found.changes }
  if (!found.changes) return everything(input, found.notes, 'every Dockerfile and Compose file (the changed files could not be listed)')
  const direct = selectTargets(headPaths(found.changes), input.selection)
  const { building, pulling, pulled } = await composeFilesReading(direct, headPaths(found.changes), input)
  const project = await composeProjectFiles(changedPaths(found.changes), [...direct, ...building, ...pulling], input)
  const what = change.kind === 'pull-request' ? `pull request #${change.number}` : 'this merge group'
  const composeFiles = (n: number, verb: string) => ` and ${n} Compose ${n === 1 ? `file that ${verb}s` : `files that ${verb}`}`
  const scope =
    `${plural(direct.length + pulled.length, 'file')} changed by ${what}` +
    (building.length > 0 ? `${composeFiles(building.length, 'build')} a changed Dockerfile` : '') +
    (pulling.length > 0 ? `${composeFiles(pulling.length, 'pull')} in a changed file` : '') +
    (project.length > 0 ? ` and ${plural(project.length, 'other file')} of the changed Compose ${project.length === 1 ? 'project' : 'projects'}` : '')
  return { targets: [...direct, ...building, ...pulling, ...project], scope, changes: found.changes, notes: found.notes }
}

async function everything(input: PlanInput, notes: string[], what: string): Promise<ScanPlan> {
  const all = await input.listAll()
  const targets = selectTargets(all.paths, input.selection)
  const scope = `${what}: ${plural(targets.length, 'file')}`
  if (all.complete) return { targets, scope, notes }
  return { targets, scope, notes, incomplete: 'the repository has too many files to list them all: some may not have been scanned' }
}

interface Linked {
  /** Compose files whose `build:` names a changed Dockerfile. */
  building: Target[]
  /** Compose files whose `include` or `extends` pulls in a changed file. */
  pulling: Target[]
  /** The changed files they pull in that are not scanned themselves (checked from the files that pull them in). */
  pulled: string[]
}

/**
 * Compose files, not changed themselves, that read a changed file: their `build:` names a changed
 * Dockerfile (DX001 sees both sides), or their `include` or `extends` pulls in a changed file (a file such
 * as `common/services.yml` is checked only from the file that pulls it in, and an `extends` target's values
 * are layered under the services that extend it).
 */
async function composeFilesReading(direct: Target[], changed: string[], input: PlanInput): Promise<Linked> {
  const dockerfiles = new Set(direct.filter((t) => kindOf(t.path) === 'dockerfile').map((t) => t.path))
  const yaml = new Set(changed.filter((p) => /\.ya?ml$/i.test(p)))
  if (dockerfiles.size === 0 && yaml.size === 0) return { building: [], pulling: [], pulled: [] }
  const taken = new Set(direct.map((t) => t.path))
  const all = await input.listAll()
  const candidates = all.paths.filter((p) => isComposeName(p) && !taken.has(p)).slice(0, MAX_COMPOSE_FILES_READ)
  const links = await mapLimit(candidates, 8, async (path) => {
    const entry = await readHead(input, path)
    return entry?.kind === 'file' ? composeLinks(path, entry.bytes) : { builds: [], pulls: [] }
  })
  const linked: Linked = { building: [], pulling: [], pulled: [] }
  const pulled = new Set<string>()
  candidates.forEach((path, i) => {
    const builds = links[i].builds.some((dockerfile) => dockerfiles.has(dockerfile))
    const pulls = links[i].pulls.filter((file) => yaml.has(file))
    const target = builds || pulls.length > 0 ? selectTarget(path, input.selection) : undefined
    if (!target) return
    if (builds) linked.building.push(target)
    else linked.pulling.push(target)
    for (const file of pulls) if (!taken.has(file)) pulled.add(file)
  })
  return { ...linked, pulled: [...pulled].sort() }
}

/** Files of one Compose project read at most; the closure stops there. */
const MAX_PROJECT_FILES = 100

/**
 * The other files of the Compose projects a change touches, so that what the merged project exposes in
 * them is shown (as existing, by the baseline, unless the change made it): the base file under a changed
 * (or removed) override or variant, the override and variants over a changed base file, and the Compose files that
 * `include` or `extends` pull in from those. Files that no scan finds by name (`common/services.yml`) are
 * checked by the engine from the file that pulls them in; here only those the engine leaves to a scan of
 * their own.
 */
async function composeProjectFiles(changed: string[], taken: Target[], input: PlanInput): Promise<Target[]> {
  const roots = changed.filter((path) => isComposeName(path) && selectTarget(path, input.selection))
  if (roots.length === 0) return []
  const all = new Set((await input.listAll()).paths)
  const seen = new Set(taken.map((t) => t.path))
  const out: Target[] = []
  const add = (path: string): boolean => {
    if (seen.has(path) || !all.has(path) || out.length >= MAX_PROJECT_FILES) return false
    seen.add(path)
    const target = selectTarget(path, input.selection)
    if (target) out.push(target)
    return target !== undefined
  }
  for (const root of roots) for (const path of layeredWith(root, all, isComposeName)) add(path)
  // What the changed files and their layers pull in, and what that pulls in (include and extends chains).
  let frontier = [...roots, ...out.map((t) => t.path)]
  while (frontier.length > 0 && out.length < MAX_PROJECT_FILES) {
    const pulled = await mapLimit(frontier, 8, async (path) => {
      const entry = await readHead(input, path)
      return entry?.kind === 'file' ? composeLinks(path, entry.bytes).pulls : []
    })
    frontier = pulled.flat().filter((path) => isComposeName(path) && add(path))
  }
  return out
}

/** Every path the change touches: at the head, removed, and the old name of a renamed file (its layers lose it). */
function changedPaths(changes: ChangeSet): string[] {
  return [...new Set(changes.files.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path])))]
}

function readHead(input: PlanInput, path: string): ReturnType<Side['source']['read']> {
  return input.head.workspace instanceof FetchedWorkspace ? input.head.workspace.fetch(path) : input.head.source.read(path)
}

function kindOf(path: string): string | undefined {
  return analyzers.find((a) => a.matchesName(path))?.kind
}
