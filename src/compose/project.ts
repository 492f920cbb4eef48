import { memoize, type AnalysisContext } from '../core/analyzer.js'
import { dirName, joinPath, resolveReference, type Reference } from '../core/workspace.js'
import { parseDotEnv, type Lookup } from './interpolate.js'
import { parseComposeFile, type Build, type ComposeFile, type Service, type Text, type Variable, type VolumeDefinition } from './model.js'

/**
 * The merged view of a Compose project, seen from the one file being analysed.
 *
 * Every file is linted on its own: a value is reported in the file and on the line that writes it. The
 * merged view decides only what depends on other files: the `build:` that makes an `image:` a build
 * result (DC015), the `user:` that makes a built Dockerfile's root user irrelevant (DX001), the hardening
 * that another layer adds (DC005, DC008, DC013, DC014), `network_mode: host` set elsewhere (DC012, DC019).
 * Layers, lowest first, follow Compose: `extends` targets, then the base file for an override file, then
 * this file's documents in order, then the override file Compose loads automatically beside a base file.
 */

export type LayerRole = 'extends' | 'base' | 'self' | 'override'

export interface Layer {
  service: Service
  role: LayerRole
}

export interface ServiceView {
  name: string
  layers: Layer[]
  /** This file's own definitions of the service (every document), where its values are reported. */
  own: Service[]
  /** The definition that "owns" the service, when it is in this file: findings about what is missing go on its key. */
  home?: Service
  /** All layers merged as Compose merges them. */
  effective: Service
}

export interface ComposeProject {
  file: ComposeFile
  views: ServiceView[]
  /** Named volumes defined in this file that bind a host directory. */
  volumes: VolumeDefinition[]
  /**
   * True when the file is analysed only as a fragment another file pulls in with `extends`: its values are
   * checked, but nothing that needs the whole service (missing settings, DX001).
   */
  fragment: boolean
}

/** The default file names Compose looks for, in its order, and the override it loads beside them. */
const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml']
const OVERRIDE_FILES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml']
const MAX_EXTENDS_DEPTH = 10

/** The Compose file at `path`, parsed once per scan (with the `.env` beside it). */
export function composeFile(path: string, context: AnalysisContext, text?: string): ComposeFile | undefined {
  const key = `compose:${path}`
  const parse = (source: string) => parseComposeFile(path, source, envLookup(path, context), context.config.limits.maxFileBytes)
  // The workspace may not serve a file the engine hands over (too large for a look-around read): use its text.
  if (text !== undefined && context.memo.get(key) === undefined) {
    const parsed = parse(text)
    context.memo.set(key, parsed)
    return parsed
  }
  return memoize(context, key, () => {
    const source = context.workspace.read(path)
    return source === undefined ? undefined : parse(source)
  })
}

/** Variables of the `.env` beside a file: what Compose interpolates with when the shell sets nothing. */
export function envLookup(path: string, context: AnalysisContext): Lookup {
  const dir = dirName(path)
  const vars = memoize(context, `compose-env:${dir}`, () => {
    const text = context.workspace.read(joinPath(dir, '.env') ?? '.env')
    return text === undefined ? new Map<string, string | null>() : parseDotEnv(text)
  })
  return (name) => vars.get(name)
}

export function buildProject(file: ComposeFile, context: AnalysisContext, fragment = false): ComposeProject {
  const relation = fragment ? undefined : relationOf(file.path, context)
  const names = [...servicesByName(file).keys()]
  const views = names.map((name) => viewOf(name, file, relation, context, fragment))
  return { file, views, volumes: file.documents.flatMap((d) => d.volumes), fragment }
}

interface Relation {
  kind: 'override' | 'variant' | 'base'
  other: ComposeFile
}

/** How the file relates to the files beside it: an override of a base, a variant, or a base with an override. */
function relationOf(path: string, context: AnalysisContext): Relation | undefined {
  const layering = layeringOf(path, (p) => context.workspace.exists(p))
  const other = layering && composeFile(layering.other, context)
  return other ? { kind: layering.kind, other } : undefined
}

/**
 * Which file beside this one Compose layers it with, by the project-file rules: the base file under an
 * override or a variant, the override file over the base. Names only; `exists` says what the repository has.
 */
function layeringOf(path: string, exists: (path: string) => boolean): { kind: Relation['kind']; other: string } | undefined {
  const dir = dirName(path)
  const name = path.slice(path.lastIndexOf('/') + 1)
  const present = (names: string[]) => names.map((n) => joinPath(dir, n) ?? n).find(exists)
  const base = present(DEFAULT_FILES)
  if (OVERRIDE_FILES.includes(name)) return base ? { kind: 'override', other: base } : undefined
  if (base === path) {
    const override = present(OVERRIDE_FILES)
    return override ? { kind: 'base', other: override } : undefined
  }
  if (base && !DEFAULT_FILES.includes(name)) return { kind: 'variant', other: base }
  return undefined
}

/**
 * The files whose findings a change to `path` can change through Compose's layering, among `paths` (the
 * repository's, `isCompose` telling Compose files by name): for an override or a variant, the base file
 * it is merged over; for the base file, the override merged over it and every variant beside it.
 */
export function layeredWith(path: string, paths: ReadonlySet<string>, isCompose: (path: string) => boolean): string[] {
  const exists = (p: string) => paths.has(p)
  const layering = layeringOf(path, exists)
  if (layering && layering.kind !== 'base') return [layering.other]
  const dir = dirName(path)
  const isBase = (p: string) => DEFAULT_FILES.map((n) => joinPath(dir, n) ?? n).find(exists) === p
  if (!isBase(path)) return []
  const variants = [...paths].filter((p) => p !== path && dirName(p) === dir && isCompose(p) && layeringOf(p, exists)?.kind === 'variant')
  return [...(layering ? [layering.other] : []), ...variants.sort()]
}

function viewOf(name: string, file: ComposeFile, relation: Relation | undefined, context: AnalysisContext, fragment: boolean): ServiceView {
  const self = definitionsIn(file, name, context, new Set(), 'self')
  const own = self.filter((l) => l.role === 'self').map((l) => l.service)
  let lower: Layer[] = []
  let upper: Layer[] = []
  if (relation?.kind === 'override') lower = definitionsIn(relation.other, name, context, new Set(), 'base')
  if (relation?.kind === 'variant' && own.every((s) => !s.image && !s.build && !s.extends)) {
    // A variant file (compose.prod.yaml) that only adds settings to a service the base file defines.
    lower = definitionsIn(relation.other, name, context, new Set(), 'base')
  }
  if (relation?.kind === 'base') upper = definitionsIn(relation.other, name, context, new Set(), 'override')
  const layers = [...lower, ...self, ...upper]
  const first = layers.find((l) => l.role !== 'extends')?.service
  return {
    name,
    layers,
    own,
    home: !fragment && first && first.file === file.path ? first : undefined,
    effective: layers.map((l) => l.service).reduce(mergeService)
  }
}

const byName = new WeakMap<ComposeFile, Map<string, Service[]>>()

/** A file's definitions by service name, in document order (indexed once: files may hold thousands). */
function servicesByName(file: ComposeFile): Map<string, Service[]> {
  let index = byName.get(file)
  if (!index) {
    index = new Map()
    for (const document of file.documents) {
      for (const service of document.services) {
        const list = index.get(service.name)
        if (list) list.push(service)
        else index.set(service.name, [service])
      }
    }
    byName.set(file, index)
  }
  return index
}

/** A file's definitions of a service, each preceded by what it extends. */
function definitionsIn(file: ComposeFile, name: string, context: AnalysisContext, visited: Set<string>, role: LayerRole): Layer[] {
  const out: Layer[] = []
  for (const service of servicesByName(file).get(name) ?? []) {
    out.push(...extendedLayers(service, file, context, visited))
    out.push({ service, role })
  }
  return out
}

function extendedLayers(service: Service, file: ComposeFile, context: AnalysisContext, visited: Set<string>): Layer[] {
  const target = service.extends?.service?.value
  if (!service.extends || target === undefined || visited.size >= MAX_EXTENDS_DEPTH) return []
  const written = service.extends.file
  if (written && written.value === undefined) return []
  const reference = written ? resolveReference(dirName(file.path), written.value!) : undefined
  if (reference && !reference.ok) return []
  const path = reference ? reference.path : file.path
  const key = `${path}#${target}`
  if (visited.has(key)) return []
  const targetFile = path === file.path ? file : composeFile(path, context)
  if (!targetFile) return []
  const layers = definitionsIn(targetFile, target, context, new Set([...visited, key, `${file.path}#${service.name}`]), 'extends')
  return layers.map((l) => ({ ...l, role: 'extends' as const }))
}

/** Files that `extends` reaches from this file (other than itself). */
export function extendedFiles(file: ComposeFile): string[] {
  const out = new Set<string>()
  for (const document of file.documents) {
    for (const service of document.services) {
      const written = service.extends?.file?.value
      const reference = written === undefined ? undefined : resolveReference(dirName(file.path), written)
      if (reference?.ok && reference.path !== file.path) out.add(reference.path)
    }
  }
  return [...out]
}

/** Files that the top-level `include` names. */
export function includedFiles(file: ComposeFile): string[] {
  const out = new Set<string>()
  for (const document of file.documents) {
    for (const include of document.includes) {
      const reference = include.value === undefined ? undefined : resolveReference(dirName(file.path), include.value)
      if (reference?.ok && reference.path !== file.path) out.add(reference.path)
    }
  }
  return [...out]
}

/** A path a Compose file names, where it names it, and how it resolves in the repository. */
export interface FileReference {
  /** The key, as Compose documents it: `extends.file`, `include`, `env_file`, `build.context`, `build.dockerfile`. */
  key: string
  text: Text
  reference: Reference
}

/**
 * Every path this file names that Compose reads from the host: `include`, `extends.file`, `env_file`,
 * `build.context` and `build.dockerfile` (remote contexts and values that depend on unknown variables
 * left out), each resolved by `resolveReference`, the one place paths are confined to the repository.
 */
export function fileReferences(file: ComposeFile): FileReference[] {
  const out: FileReference[] = []
  const directory = dirName(file.path)
  const add = (key: string, text: Text | undefined, from = directory) => {
    if (text?.value !== undefined && text.value !== '') out.push({ key, text, reference: resolveReference(from, text.value) })
  }
  for (const document of file.documents) {
    for (const include of document.includes) add('include', include)
    for (const service of document.services) {
      add('extends.file', service.extends?.file)
      for (const envFile of service.envFiles) add('env_file', envFile)
      const build = service.build
      if (!build || (build.context?.value !== undefined && isRemoteContext(build.context.value))) continue
      add('build.context', build.context)
      const context = build.context?.value === undefined ? { ok: true as const, path: directory } : resolveReference(directory, build.context.value)
      if (context.ok && !build.inline) add('build.dockerfile', build.dockerfile, context.path)
    }
  }
  return out
}

/** A Git URL or other remote build context: nothing in the repository to read. */
export function isRemoteContext(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context.startsWith('github.com/') || context.endsWith('.git') || context.includes('.git#')
}

/** Compose's merge of a service over another: single values replace, lists add up, maps merge by key. */
export function mergeService(lower: Service, upper: Service): Service {
  const replaced = (key: string) => upper.reset.has(key) || upper.overridden.has(key)
  const list = <T>(key: string, a: T[], b: T[]): T[] => (replaced(key) ? b : [...a, ...b])
  const single = <T>(key: string, a: T | undefined, b: T | undefined): T | undefined => (upper.reset.has(key) ? b : (b ?? a))
  const byName = (key: string, a: Variable[], b: Variable[]): Variable[] =>
    replaced(key) ? b : [...a.filter((v) => !b.some((w) => w.name === v.name)), ...b]
  const resetDeploy = upper.reset.has('deploy')
  return {
    ...lower,
    image: single('image', lower.image, upper.image),
    build: upper.reset.has('build') ? upper.build : mergeBuild(lower.build, upper.build),
    user: single('user', lower.user, upper.user),
    privileged: single('privileged', lower.privileged, upper.privileged),
    readOnly: single('read_only', lower.readOnly, upper.readOnly),
    useApiSocket: single('use_api_socket', lower.useApiSocket, upper.useApiSocket),
    platform: single('platform', lower.platform, upper.platform),
    runtime: single('runtime', lower.runtime, upper.runtime),
    namespaces: mergeNamespaces(lower, upper),
    capAdd: list('cap_add', lower.capAdd, upper.capAdd),
    capDrop: list('cap_drop', lower.capDrop, upper.capDrop),
    securityOpt: list('security_opt', lower.securityOpt, upper.securityOpt),
    deviceCgroupRules: list('device_cgroup_rules', lower.deviceCgroupRules, upper.deviceCgroupRules),
    ports: list('ports', lower.ports, upper.ports),
    devices: list('devices', lower.devices, upper.devices),
    volumes: replaced('volumes') ? upper.volumes : [...lower.volumes.filter((v) => !upper.volumes.some((w) => w.target === v.target)), ...upper.volumes],
    environment: byName('environment', lower.environment, upper.environment),
    sysctls: byName('sysctls', lower.sysctls, upper.sysctls),
    memLimit: single('mem_limit', lower.memLimit, upper.memLimit),
    pidsLimit: single('pids_limit', lower.pidsLimit, upper.pidsLimit),
    deployMemory: resetDeploy ? upper.deployMemory : (upper.deployMemory ?? lower.deployMemory),
    deployPids: resetDeploy ? upper.deployPids : (upper.deployPids ?? lower.deployPids),
    extends: upper.extends ?? lower.extends,
    reset: upper.reset,
    overridden: upper.overridden
  }
}

function mergeNamespaces(lower: Service, upper: Service): Service['namespaces'] {
  const out = { ...lower.namespaces }
  for (const key of Object.keys(upper.namespaces) as Array<keyof Service['namespaces']>) out[key] = upper.namespaces[key]
  for (const key of upper.reset) if (key in out) delete out[key as keyof Service['namespaces']]
  return out
}

/** Build settings merge field by field; the entry that reports (DX001) is the highest layer's `build:`. */
function mergeBuild(lower: Build | undefined, upper: Build | undefined): Build | undefined {
  if (!lower || !upper) return upper ?? lower
  return {
    ...upper,
    context: upper.context ?? lower.context,
    dockerfile: upper.dockerfile ?? (upper.inline ? undefined : lower.dockerfile),
    inline: upper.inline ?? (upper.dockerfile ? undefined : lower.inline),
    target: upper.target ?? lower.target,
    args: [...lower.args.filter((a) => !upper.args.some((b) => b.name === a.name)), ...upper.args],
    // Paths in a build section are relative to the file that writes them: keep the context's file.
    file: upper.context ? upper.file : lower.file
  }
}
