import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv'
import { loadAjv } from './ajv.js'
import { CORE_SCHEMA, EVENT_ID, dump, getScalarValue, loadAll, parseEvents, YAMLException } from 'js-yaml'
import schema from '../../containment.schema.json' with { type: 'json' }
import { defaultConfig, type Config, type IgnoreEntry } from './config.js'
import type { Severity } from './finding.js'
import { allRules } from './registry.js'
import { closest } from './suggest.js'
import { TextIndex, trimEndOf } from './text.js'
import { describeRefusal, type Workspace } from './workspace.js'

export { isExcluded, matchesAny } from './globs.js'

/**
 * The config file: found in the repository (or named by `--config` / the `config` input), parsed as
 * YAML with the line of every key kept, validated against containment.schema.json, checked for rule IDs
 * that do not exist, and mapped to the effective Config. Any mistake stops the run (exit code 2) with the
 * file, line and key at fault: a config that was misread must never pass silently. `.hadolint.yaml` and
 * `.trivyignore` feed it too, unless `other-tools-suppressions: false`.
 */

/** Where the config file is looked for, in this order; two of them at once is an error. */
export const CONFIG_FILES = ['.github/containment.yml', '.github/containment.yaml', '.containment.yml', '.containment.yaml']

/** The exit code of a run stopped by an invalid configuration. */
export const CONFIG_ERROR_EXIT_CODE = 2

export interface ConfigProblem {
  file: string
  /** 1-based; 0 when the problem is not at a line (a file that does not exist). */
  line: number
  /** The key at fault, as a path: `fail-on`, `rules.DF01`, `ignore[0].reason`; empty for the whole file. */
  key: string
  message: string
  /** What the user probably meant (a key, a value, a rule ID). */
  suggestion?: string
}

export class ConfigError extends Error {
  readonly exitCode = CONFIG_ERROR_EXIT_CODE
  readonly file: string
  readonly line: number
  readonly key: string
  readonly suggestion?: string
  /** Every problem found, ordered by line; the fields above are the first one's. */
  readonly problems: ConfigProblem[]
  constructor(problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'))
    this.name = 'ConfigError'
    this.problems = problems
    ;({ file: this.file, line: this.line, key: this.key, suggestion: this.suggestion } = problems[0])
  }
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}` : p.file
  const key = p.key ? `"${p.key}" ` : ''
  const hint = p.suggestion === undefined ? '' : ` Did you mean "${p.suggestion}"?`
  return `${where}: ${key}${p.message}.${hint}`
}

export interface LoadConfigOptions {
  /** A config file named explicitly (`--config`, the `config` input): it must exist. */
  path?: string
  /** Its text, when the caller read it (a file outside the repository); otherwise read from the workspace. */
  text?: string
}

export interface LoadedConfig {
  config: Config
  /** The config file read; undefined when there is none and the defaults apply. */
  file?: string
  /** Other tools' files that fed the config (`.hadolint.yaml`, `.trivyignore`). */
  sources: string[]
  /** Problems in other tools' files: reported, never fatal, since those files belong to the other tools. */
  warnings: string[]
}

/** Finds, reads and validates the configuration; throws ConfigError when it is invalid. */
export function loadConfig(workspace: Workspace, options: LoadConfigOptions = {}): LoadedConfig {
  const found = options.path !== undefined ? explicitFile(workspace, options.path, options.text) : discoverFile(workspace)
  const config = found ? parseConfig(found.text, found.file) : defaultConfig()
  const loaded: LoadedConfig = { config, file: found?.file, sources: [], warnings: [] }
  if (config.otherToolsSuppressions) {
    readHadolintConfig(workspace, loaded)
    readTrivyignore(workspace, loaded)
  }
  return loaded
}

function explicitFile(workspace: Workspace, path: string, text: string | undefined): { file: string; text: string } {
  const content = text ?? workspace.read(path)
  if (content === undefined) refused(workspace, path)
  if (content === undefined) throw new ConfigError([{ file: path, line: 0, key: '', message: 'config file not found' }])
  return { file: path, text: content }
}

/** A config file that is there but not read (over the size limit, a link out) stops the run: never the defaults in silence. */
function refused(workspace: Workspace, path: string): void {
  const refusal = workspace.refusal?.(path)
  if (refusal) throw new ConfigError([{ file: path, line: 0, key: '', message: `${describeRefusal(refusal)}, so it was not read` }])
}

function discoverFile(workspace: Workspace): { file: string; text: string } | undefined {
  for (const path of CONFIG_FILES) if (workspace.read(path) === undefined) refused(workspace, path)
  const present = CONFIG_FILES.filter((path) => workspace.read(path) !== undefined)
  if (present.length > 1) {
    const message = `is one of ${present.length} config files (${present.join(', ')}): keep one, so that it is clear which is read`
    throw new ConfigError([{ file: present[1], line: 0, key: '', message }])
  }
  return present.length ? { file: present[0], text: workspace.read(present[0])! } : undefined
}

// ---------------------------------------------------------------------------------------------------------
// Parsing and validation.

/** The schema's shape of the file, once validated. */
interface ConfigFileShape {
  'fail-on'?: Config['failOn']
  rules?: Record<string, 'off' | Severity>
  exclude?: string[]
  'trusted-registries'?: string[]
  secrets?: { names?: string[]; allowed?: string[] }
  'non-root-images'?: string[]
  'privilege-drop-commands'?: string[]
  'sensitive-ports'?: number[]
  'inline-suppressions'?: boolean
  'other-tools-suppressions'?: boolean
  ignore?: Array<{ rules: string[]; paths?: string[]; reason: string }>
  limits?: { 'max-file-bytes'?: number; 'max-files'?: number }
}

/**
 * ajv is loaded (./ajv.ts) and the schema compiled on first use: a run without a config file never pays
 * for them. Loading is asynchronous: `withConfigValidation` runs a config load, and when it needed the
 * validator, loads it and runs the load again.
 */
let ajv: typeof AjvClass | undefined
let compiledValidator: ValidateFunction<ConfigFileShape> | undefined

/** Thrown by a config load that found a config file before `prepareConfigValidation()` completed. */
export class ConfigValidationNotReady extends Error {
  constructor() {
    super('prepareConfigValidation() must complete before a config file is validated')
  }
}

/** Loads the schema validator (ajv). Idempotent. */
export async function prepareConfigValidation(): Promise<void> {
  ajv ??= await loadAjv()
}

/** Runs `load`; when it found a config file to validate before the validator was loaded, loads it and runs `load` again. */
export async function withConfigValidation<T>(load: () => T | Promise<T>): Promise<T> {
  try {
    return await load()
  } catch (error) {
    if (!(error instanceof ConfigValidationNotReady)) throw error
    await prepareConfigValidation()
    return load()
  }
}

function validate(value: unknown): value is ConfigFileShape {
  if (!ajv) throw new ConfigValidationNotReady()
  compiledValidator ??= new ajv({ allErrors: true, verbose: true, strict: true }).compile<ConfigFileShape>(schema)
  const valid = compiledValidator(value)
  validate.errors = compiledValidator.errors
  return valid
}
validate.errors = undefined as ValidateFunction['errors']

/** Parses and validates a config file's text; throws ConfigError with every problem found. */
export function parseConfig(text: string, file: string): Config {
  const value = parseYaml(text, file)
  const lines = keyLines(text)
  const lineOf = (pointer: string): number => lineOfPointer(lines, pointer)
  const problems = validate(value) ? unknownRuleIds(value, file, lineOf) : (validate.errors ?? []).flatMap((e) => schemaProblem(e, file, lineOf))
  if (problems.length > 0) throw new ConfigError(orderProblems(problems))
  return toConfig(value as ConfigFileShape, file, lineOf)
}

function parseYaml(text: string, file: string): unknown {
  let documents: unknown[]
  try {
    documents = loadAll(text, { schema: CORE_SCHEMA, filename: file, maxAliases: 100 })
  } catch (error) {
    const line = error instanceof YAMLException && error.mark ? error.mark.line + 1 : 1
    const reason = error instanceof YAMLException ? error.reason : String(error)
    throw new ConfigError([{ file, line, key: '', message: `is not valid YAML: ${reason}` }])
  }
  if (documents.length > 1) throw new ConfigError([{ file, line: 1, key: '', message: 'holds several YAML documents; a config file is one mapping' }])
  // An empty file, or one of comments only, is the default configuration.
  return documents[0] ?? {}
}

function orderProblems(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>()
  return problems
    .filter((p) => {
      const key = `${p.line}\0${p.key}\0${p.message}`
      return seen.has(key) ? false : (seen.add(key), true)
    })
    .sort((a, b) => a.line - b.line || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

function schemaProblem(error: ErrorObject, file: string, lineOf: (pointer: string) => number): ConfigProblem[] {
  const path = error.instancePath
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty)
      const known = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {}).filter((k) => k !== '$schema')
      const where = path === '' ? '' : ` in "${keyPath(path)}"`
      const message = `is not a known key${where}; known keys: ${known.join(', ')}`
      return [{ file, line: lineOf(`${path}/${escapePointer(name)}`), key: keyPath(`${path}/${escapePointer(name)}`), message, suggestion: closest(name, known) }]
    }
    case 'propertyNames': {
      const name = String(error.params.propertyName)
      const pointer = `${path}/${escapePointer(name)}`
      return [{ file, line: lineOf(pointer), key: keyPath(pointer), message: 'is not a rule ID (DF001, DC012, ...)', suggestion: ruleIdSuggestion(name) }]
    }
    case 'pattern':
      // The pattern of a rule ID used as a key is reported once, by its propertyNames error.
      if (error.propertyName !== undefined) return []
      return [{ file, line: lineOf(path), key: keyPath(path), message: `is ${describe(error.data)}; it must be ${patternMeaning(error)}`, suggestion: isRuleIdPattern(error) ? ruleIdSuggestion(String(error.data)) : undefined }]
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String)
      const suggestion = error.data === false && allowed.includes('off') ? 'off' : typeof error.data === 'string' ? closest(error.data, allowed) : undefined
      return [{ file, line: lineOf(path), key: keyPath(path), message: `is ${describe(error.data)}; it must be one of ${allowed.join(', ')}`, suggestion }]
    }
    case 'type':
      return [{ file, line: lineOf(path), key: keyPath(path), message: `is ${describe(error.data)}; it must be ${article(String(error.params.type))}` }]
    case 'required': {
      const missing = String(error.params.missingProperty)
      return [{ file, line: lineOf(path), key: keyPath(path), message: `lacks "${missing}"` }]
    }
    default:
      return [{ file, line: lineOf(path), key: keyPath(path), message: `is ${describe(error.data)}; it ${error.message ?? 'is invalid'}` }]
  }
}

function isRuleIdPattern(error: ErrorObject): boolean {
  return String(error.params.pattern).includes('DF|DC')
}

function patternMeaning(error: ErrorObject): string {
  const pattern = String(error.params.pattern)
  if (isRuleIdPattern(error)) return 'a rule ID such as DF001'
  return pattern === '^[A-Za-z0-9_]+$' ? 'letters, digits and underscores' : `text matching ${pattern}`
}

/** Rule IDs that fit the pattern but name no rule: a typo here would silently keep a rule on or off. */
function unknownRuleIds(value: ConfigFileShape, file: string, lineOf: (pointer: string) => number): ConfigProblem[] {
  const known = new Set(allRules.map((r) => r.id))
  const problems: ConfigProblem[] = []
  const check = (id: string, pointer: string): void => {
    if (!known.has(id)) problems.push({ file, line: lineOf(pointer), key: keyPath(pointer), message: `names no rule: "${id}" is not a Containment rule ID`, suggestion: ruleIdSuggestion(id) })
  }
  for (const id of Object.keys(value.rules ?? {})) check(id, `/rules/${escapePointer(id)}`)
  ;(value.ignore ?? []).forEach((entry, i) => entry.rules.forEach((id, j) => check(id, `/ignore/${i}/rules/${j}`)))
  return problems
}

/** A rule ID for a misspelt ID, or for a slug written where an ID belongs (`root-user` → `DF001`). */
function ruleIdSuggestion(text: string): string | undefined {
  const bySlug = allRules.find((r) => r.slug === text.toLowerCase())
  return bySlug?.id ?? closest(text.toUpperCase(), allRules.map((r) => r.id))
}

function describe(value: unknown): string {
  if (value === null) return 'empty'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return typeof value === 'string' ? `"${value.slice(0, 80)}"` : `${typeof value === 'number' ? 'the number' : 'the boolean'} ${String(value)}`
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', integer: 'a whole number', boolean: 'true or false', number: 'a number' }
  return names[type] ?? type
}

function toConfig(raw: ConfigFileShape, file: string, lineOf: (pointer: string) => number): Config {
  const config = defaultConfig()
  config.failOn = raw['fail-on'] ?? config.failOn
  config.rules = { ...(raw.rules ?? {}) }
  config.exclude = raw.exclude ?? []
  config.trustedRegistries = raw['trusted-registries']?.map((r) => trimEndOf(r.toLowerCase(), '/'))
  config.secrets = { names: (raw.secrets?.names ?? []).map((n) => n.toUpperCase()), allowed: raw.secrets?.allowed ?? [] }
  config.nonRootImages = raw['non-root-images'] ?? []
  config.privilegeDropCommands = raw['privilege-drop-commands'] ?? []
  config.sensitivePorts = raw['sensitive-ports'] ?? []
  config.inlineSuppressions = raw['inline-suppressions'] ?? true
  config.otherToolsSuppressions = raw['other-tools-suppressions'] ?? true
  config.limits = {
    maxFileBytes: raw.limits?.['max-file-bytes'] ?? config.limits.maxFileBytes,
    maxFiles: raw.limits?.['max-files'] ?? config.limits.maxFiles
  }
  config.ignore = (raw.ignore ?? []).map((entry, i) => ({
    rules: entry.rules,
    paths: entry.paths ?? [],
    reason: entry.reason.trim(),
    kind: 'config' as const,
    file,
    line: lineOf(`/ignore/${i}`)
  }))
  return config
}

// ---------------------------------------------------------------------------------------------------------
// Lines of keys: JSON pointer → 1-based line, from js-yaml's events (its values carry no positions).

function keyLines(text: string): Map<string, number> {
  const index = new TextIndex(text)
  const lineOf = (offset: number): number => index.positionAt(offset).line
  type Frame = { kind: 'map' | 'seq' | 'document'; pointer: string; expectKey: boolean; key?: string; index: number }
  const stack: Frame[] = []
  const out = new Map<string, number>()
  const childPointer = (f: Frame): string => (f.kind === 'map' ? `${f.pointer}/${escapePointer(f.key ?? '')}` : f.kind === 'seq' ? `${f.pointer}/${f.index}` : '')
  const afterValue = (f: Frame | undefined): void => {
    if (f?.kind === 'map') f.expectKey = true
    else if (f?.kind === 'seq') f.index++
  }
  for (const e of parseEvents(text, { maxDepth: 100 })) {
    const top = stack[stack.length - 1]
    if (e.type === EVENT_ID.DOCUMENT) stack.push({ kind: 'document', pointer: '', expectKey: false, index: 0 })
    else if (e.type === EVENT_ID.SCALAR && top?.kind === 'map' && top.expectKey) {
      top.key = getScalarValue(text, e)
      top.expectKey = false
      out.set(childPointer(top), lineOf(Math.max(e.valueStart, 0)))
    } else if (e.type === EVENT_ID.SCALAR || e.type === EVENT_ID.ALIAS) {
      if (top?.kind === 'seq') out.set(childPointer(top), lineOf(Math.max(e.type === EVENT_ID.SCALAR ? e.valueStart : e.anchorStart, 0)))
      afterValue(top)
    } else if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) {
      const pointer = top ? childPointer(top) : ''
      if (!out.has(pointer)) out.set(pointer, lineOf(e.start))
      stack.push({ kind: e.type === EVENT_ID.MAPPING ? 'map' : 'seq', pointer, expectKey: true, index: 0 })
    } else if (e.type === EVENT_ID.POP) {
      const closed = stack.pop()
      if (closed?.kind !== 'document') afterValue(stack[stack.length - 1])
    }
  }
  return out
}

/** The line of a pointer, else of its nearest ancestor that has one. */
function lineOfPointer(lines: Map<string, number>, pointer: string): number {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const line = lines.get(p)
    if (line !== undefined) return line
    if (p === '') return 1
  }
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}

/** `/ignore/0/reason` → `ignore[0].reason`. */
function keyPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '')
}

// ---------------------------------------------------------------------------------------------------------
// Other tools' files.

const HADOLINT_FILES = ['.hadolint.yaml', '.hadolint.yml']

/** `.hadolint.yaml`: `ignored` rules (repository-wide), `trustedRegistries` when ours is not set. */
function readHadolintConfig(workspace: Workspace, loaded: LoadedConfig): void {
  warnRefused(workspace, HADOLINT_FILES, loaded)
  const file = HADOLINT_FILES.find((f) => workspace.read(f) !== undefined)
  if (!file) return
  const text = workspace.read(file)!
  let value: unknown
  let lines: Map<string, number>
  try {
    value = loadAll(text, { schema: CORE_SCHEMA, maxAliases: 100 })[0] ?? {}
    lines = keyLines(text)
  } catch (error) {
    loaded.warnings.push(`${file} is not valid YAML (${error instanceof YAMLException ? error.reason : String(error)}): its ignored rules and trusted registries are not used.`)
    return
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  const ignored = stringList(record.ignored)
  const registries = stringList(record.trustedRegistries)
  ignored.forEach((id, i) => loaded.config.ignore.push(otherToolEntry('hadolint', id, file, lineOfPointer(lines, `/ignored/${i}`), `${file} "ignored"`)))
  if (registries.length && loaded.config.trustedRegistries === undefined) loaded.config.trustedRegistries = registries.map((r) => r.toLowerCase())
  if (ignored.length || registries.length) loaded.sources.push(file)
}

/** `.trivyignore`: one ID per line, `#` comments, an optional `exp:YYYY-MM-DD` after the ID. */
function readTrivyignore(workspace: Workspace, loaded: LoadedConfig, today = new Date().toISOString().slice(0, 10)): void {
  warnRefused(workspace, ['.trivyignore'], loaded)
  const text = workspace.read('.trivyignore')
  if (text === undefined) return
  const before = loaded.config.ignore.length
  text.split('\n').forEach((content, i) => {
    const [id = '', ...rest] = content.trim().split(/\s+/)
    if (id === '' || id.startsWith('#') || !/^(?:AVD-)?[A-Za-z]{1,10}-?\d{1,6}$/.test(id)) return
    const expires = rest.find((w) => w.startsWith('exp:'))?.slice(4)
    if (expires && expires < today) return
    loaded.config.ignore.push(otherToolEntry('trivy', id, '.trivyignore', i + 1, '.trivyignore'))
  })
  if (loaded.config.ignore.length > before) loaded.sources.push('.trivyignore')
}

/** Other tools' files that are there but not read (over the size limit, a link out): a warning, as for their other problems. */
function warnRefused(workspace: Workspace, files: string[], loaded: LoadedConfig): void {
  for (const file of files) {
    const refusal = workspace.read(file) === undefined ? workspace.refusal?.(file) : undefined
    if (refusal) loaded.warnings.push(`${file} ${describeRefusal(refusal)}: it was not read, so its suppressions are not used.`)
  }
}

function otherToolEntry(tool: 'hadolint' | 'trivy', id: string, file: string, line: number, where: string): IgnoreEntry {
  return { rules: [id], paths: [], reason: `${id} is listed in ${where}`, kind: 'other-tool', tool, file, line }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

// ---------------------------------------------------------------------------------------------------------
// The effective configuration, for the log.

/** The effective configuration as YAML in the config file's own keys, with where it came from. */
export function describeConfig(config: Config, loaded: { file?: string; sources?: string[] } = {}): string {
  const from = loaded.file ? `from ${loaded.file}` : 'no config file found: defaults'
  const also = loaded.sources?.length ? `; other tools' files: ${loaded.sources.join(', ')}` : ''
  const shape = {
    'fail-on': config.failOn,
    rules: config.rules,
    exclude: config.exclude,
    'trusted-registries': config.trustedRegistries ?? null,
    secrets: config.secrets,
    'non-root-images': config.nonRootImages,
    'privilege-drop-commands': config.privilegeDropCommands,
    'sensitive-ports': config.sensitivePorts,
    'inline-suppressions': config.inlineSuppressions,
    'other-tools-suppressions': config.otherToolsSuppressions,
    limits: { 'max-file-bytes': config.limits.maxFileBytes, 'max-files': config.limits.maxFiles },
    ignore: config.ignore.map((e) => ({
      rules: e.rules,
      ...(e.paths.length ? { paths: e.paths } : {}),
      reason: e.reason,
      ...(e.tool ? { tool: e.tool } : {}),
      from: `${e.file}:${e.line}`
    }))
  }
  const registries = config.trustedRegistries === undefined ? '# trusted-registries is not set: DF010 and DC017 are off\n' : ''
  return `# Effective configuration (${from}${also})\n${registries}${dump(shape, { flowLevel: 2, lineWidth: 160 })}`
}
