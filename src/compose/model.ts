import { DEFAULT_LIMITS } from '../core/config.js'
import type { Range } from '../core/finding.js'
import type { TextIndex } from '../core/text.js'
import { interpolate, type Lookup } from './interpolate.js'
import {
  parseDeviceShort,
  parsePortShort,
  parseVolumeShort,
  splitAssignment,
  splitPublished,
  isFilePath
} from './syntax.js'
import { isNull, pairOf, parseYaml, type YamlMapping, type YamlNode, type YamlPair, type YamlSequence } from './yaml.js'

/**
 * The normalised Compose model every DC rule reads. One shape whatever the syntax: short and long
 * ports, volumes and devices; environment, build args and sysctls as lists or maps; `build` as a string
 * or a mapping; every value interpolated. Each value keeps where it is written (file, line, column), so
 * a finding lands on the token that causes it, in the file that introduced it.
 */

/** Where something is written: a repository-relative file and a 1-based range in it. */
export interface Span {
  file: string
  range: Range
}

/** A scalar value as written and as Compose reads it. */
export interface Text {
  /** The YAML value (quotes removed). */
  raw: string
  /** After interpolation; undefined when it depends on a variable whose value is unknown. */
  value: string | undefined
  /** After interpolation, unknown parts marked with UNKNOWN (see interpolate.ts). */
  shape: string
  /** A mapping entry: from its key to the end of its value. A list item: the item. */
  span: Span
  /** A mapping entry's key alone, and its text (`net` for the format-1 spelling of network_mode). */
  keySpan?: Span
  key?: string
}

export interface Variable {
  name: string
  /** The whole entry (`NAME=value` item, or `NAME: value`). */
  span: Span
  /** Undefined for `- NAME` or `NAME:` (the value is taken from the environment at run time). */
  value?: Text
}

export interface Port {
  span: Span
  /** '' when no host IP is given (all interfaces); undefined when unknown. */
  hostIp: string | undefined
  /** '' when Compose picks the host port; undefined when unknown. */
  published: string | undefined
  target: string | undefined
  /** The entry as written, for messages. */
  text: string
}

export type MountType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'other'

export interface Mount {
  /** Short syntax: the item. Long syntax: the `source:` entry, else the item. */
  span: Span
  type: MountType
  /** Host path (bind, npipe) or volume name; '' for an anonymous volume; undefined when unknown. */
  source: string | undefined
  /** The source with unknown parts marked. */
  sourceShape: string
  target: string | undefined
  readOnly: boolean
  propagation?: { value: string | undefined; span: Span }
  text: string
  /** Set for a named volume whose definition binds a host directory (driver_opts `o: bind`, local-persist). */
  definition?: string
}

export interface Device {
  span: Span
  host: string | undefined
  hostShape: string
  permissions: string | undefined
  text: string
}

export interface Build {
  /** The `build:` entry. */
  span: Span
  keySpan: Span
  file: string
  context?: Text
  dockerfile?: Text
  target?: Text
  inline?: Text
  args: Variable[]
}

export interface Extends {
  span: Span
  service?: Text
  file?: Text
}

export const NAMESPACE_KEYS = ['network_mode', 'pid', 'ipc', 'uts', 'userns_mode', 'cgroup'] as const
export type NamespaceKey = (typeof NAMESPACE_KEYS)[number]

/** One definition of a service, as one document of one file writes it. */
export interface Service {
  name: string
  file: string
  /** The service's key (`web:`): where findings about something missing are reported. */
  key: Span
  image?: Text
  build?: Build
  user?: Text
  privileged?: Text
  readOnly?: Text
  useApiSocket?: Text
  platform?: Text
  runtime?: Text
  namespaces: Partial<Record<NamespaceKey, Text>>
  capAdd: Text[]
  capDrop: Text[]
  securityOpt: Text[]
  ports: Port[]
  volumes: Mount[]
  devices: Device[]
  deviceCgroupRules: Text[]
  environment: Variable[]
  /** The `env_file` paths (a path, a list of paths, or of `{path, required}`); never read, only confined. */
  envFiles: Text[]
  sysctls: Variable[]
  memLimit?: Text
  pidsLimit?: Text
  deployMemory?: Text
  deployPids?: Text
  /**
   * The deepest of `deploy:`, `resources:`, `limits:` written, and the `security_opt:` and `cap_drop:`
   * keys: where a finding about a limit or an option that is missing belongs when the section exists.
   */
  sections: { limits?: Span; securityOpt?: Span; capDrop?: Span }
  extends?: Extends
  /** The service's mapping as parsed: where fixes find the layout (indentation, list style) to edit. */
  node: YamlMapping
  /** Settings written with `!reset` (drop what lower layers set) or `!override` (replace, not merge). */
  reset: Set<string>
  overridden: Set<string>
}

/** A top-level named volume whose driver binds a host directory. */
export interface VolumeDefinition {
  name: string
  mount: Mount
}

export interface ComposeDocument {
  services: Service[]
  volumes: VolumeDefinition[]
  /** Paths named by the top-level `include`. */
  includes: Text[]
}

export interface ComposeProblem {
  span: Span
  message: string
  /** Whether Docker Compose refuses the file for this too (false for Containment's own bounds). */
  composeRejects: boolean
}

export interface ComposeFile {
  path: string
  index: TextIndex
  documents: ComposeDocument[]
  /** Why the file, or part of it, cannot be understood (DC021). */
  problems: ComposeProblem[]
}

const TOP_LEVEL_KEYS = new Set(['version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models'])

/**
 * `maxBytes` is limits.max-file-bytes: the readers already hold every file to it, and a text over it that
 * reaches here anyway (an analyzer called directly) is refused unparsed, its size counted in UTF-8 bytes.
 */
export function parseComposeFile(path: string, text: string, lookup: Lookup, maxBytes: number = DEFAULT_LIMITS.maxFileBytes): ComposeFile {
  const size = text.length * 3 > maxBytes ? Buffer.byteLength(text, 'utf8') : text.length
  const yaml = parseYaml(size > maxBytes ? '' : text)
  const reader = new Reader(path, yaml.index, lookup)
  if (size > maxBytes) {
    reader.problem(0, 0, `the file is ${size} bytes, larger than the limit of ${maxBytes} bytes (limits.max-file-bytes)`, false)
    return reader.file([])
  }
  for (const problem of yaml.problems) reader.problem(problem.offset, problem.offset, problem.message, problem.composeRejects)
  const documents = yaml.fatal ? [] : yaml.documents.map((d) => reader.document(d.root))
  return reader.file(documents)
}

/** Reads YAML nodes into the model, collecting what is of the wrong type as problems. */
class Reader {
  private readonly problems: ComposeProblem[] = []

  constructor(
    private readonly path: string,
    private readonly index: TextIndex,
    private readonly lookup: Lookup
  ) {}

  file(documents: ComposeDocument[]): ComposeFile {
    return { path: this.path, index: this.index, documents, problems: this.problems }
  }

  /** `composeRejects`: Compose's own schema refuses what the model refuses, unless said otherwise. */
  problem(start: number, end: number, message: string, composeRejects = true): void {
    this.problems.push({ span: this.span(start, end), message, composeRejects })
  }

  span(start: number, end: number): Span {
    return { file: this.path, range: this.index.range(start, end) }
  }

  document(root: YamlNode | undefined): ComposeDocument {
    const document: ComposeDocument = { services: [], volumes: [], includes: [] }
    if (root === undefined || isNull(root)) return document
    if (root.kind !== 'mapping') {
      this.problem(root.start, root.end, `not a Compose file: the top level is ${describe(root)}, not a mapping of "services", "volumes", …`)
      return document
    }
    if (isVersion1(root)) {
      // Compose file format 1: services at the top level. Current Compose refuses it; its services are still checked.
      const first = root.pairs[0].key
      this.problem(first.start, first.end, 'Compose file format 1 (services at the top level, no "services:" key): current docker compose refuses it; move the services under "services:"')
      document.services = this.services({ key: first, keyText: 'services', value: root })
      return document
    }
    for (const pair of root.pairs) {
      const key = pair.keyText
      if (key.startsWith('x-') || key === '') continue
      if (!TOP_LEVEL_KEYS.has(key)) {
        this.problem(pair.key.start, pair.key.end, `unknown top-level key "${key}": Compose refuses the file (a typo of "services"?)`)
        continue
      }
      if (key === 'services') document.services = this.services(pair)
      else if (key === 'volumes') document.volumes = this.volumeDefinitions(pair)
      else if (key === 'include') document.includes = this.includes(pair)
    }
    return document
  }

  // ---- typed access -------------------------------------------------------------------------------

  private mapping(pair: YamlPair | undefined, path: string): YamlMapping | undefined {
    if (!pair || isNull(pair.value) || pair.value.tag === '!reset') return undefined
    if (pair.value.kind === 'mapping') return pair.value
    this.problem(pair.value.start, pair.value.end, `"${path}" must be a mapping, not ${describe(pair.value)}`)
    return undefined
  }

  private sequence(pair: YamlPair | undefined, path: string): YamlSequence | undefined {
    if (!pair || isNull(pair.value) || pair.value.tag === '!reset') return undefined
    if (pair.value.kind === 'sequence') return pair.value
    this.problem(pair.value.start, pair.value.end, `"${path}" must be a list, not ${describe(pair.value)}`)
    return undefined
  }

  /** A mapping entry with a single value; undefined when absent, null or reset. */
  private scalar(mapping: YamlMapping, key: string, path: string): Text | undefined {
    const pair = pairOf(mapping, key)
    if (!pair || pair.value.tag === '!reset' || isNull(pair.value)) return undefined
    if (pair.value.kind !== 'scalar') {
      this.problem(pair.value.start, pair.value.end, `"${path}.${key}" must be a single value, not ${describe(pair.value)}`)
      return undefined
    }
    return this.entryText(pair)
  }

  private entryText(pair: YamlPair): Text {
    const raw = pair.value.kind === 'scalar' ? pair.value.value : ''
    const { value, shape } = interpolate(raw, this.lookup)
    return {
      raw,
      value,
      shape,
      span: this.span(pair.key.start, Math.max(pair.key.end, pair.value.end)),
      keySpan: this.span(pair.key.start, pair.key.end),
      key: pair.keyText
    }
  }

  private itemText(node: YamlNode): Text {
    const raw = node.kind === 'scalar' ? node.value : ''
    const { value, shape } = interpolate(raw, this.lookup)
    return { raw, value, shape, span: this.span(node.start, node.end) }
  }

  /** A list of single values (`cap_add`, `security_opt`, …). */
  private scalarList(mapping: YamlMapping, key: string, path: string): Text[] {
    const sequence = this.sequence(pairOf(mapping, key), `${path}.${key}`)
    if (!sequence) return []
    const out: Text[] = []
    for (const item of sequence.items) {
      if (item.kind !== 'scalar') {
        this.problem(item.start, item.end, `items of "${path}.${key}" must be single values, not ${describe(item)}`)
        continue
      }
      if (!isNull(item)) out.push(this.itemText(item))
    }
    return out
  }

  // ---- top level ----------------------------------------------------------------------------------

  private services(pair: YamlPair): Service[] {
    const mapping = this.mapping(pair, 'services')
    if (!mapping) return []
    const out: Service[] = []
    for (const entry of mapping.pairs) {
      if (entry.key.kind !== 'scalar') continue
      if (!isNull(entry.value) && entry.value.kind !== 'mapping') {
        this.problem(entry.value.start, entry.value.end, `service "${entry.keyText}" must be a mapping of settings, not ${describe(entry.value)}`)
        continue
      }
      out.push(this.service(entry))
    }
    return out
  }

  private volumeDefinitions(pair: YamlPair): VolumeDefinition[] {
    const mapping = this.mapping(pair, 'volumes')
    if (!mapping) return []
    const out: VolumeDefinition[] = []
    for (const entry of mapping.pairs) {
      const definition = this.mapping(entry, `volumes.${entry.keyText}`)
      if (!definition) continue
      const mount = this.boundVolume(entry.keyText, definition)
      if (mount) out.push({ name: entry.keyText, mount })
    }
    return out
  }

  /** A named volume that is a host directory in disguise: `local` with `o: bind` + `device`, or local-persist. */
  private boundVolume(name: string, definition: YamlMapping): Mount | undefined {
    const path = `volumes.${name}`
    const driver = (this.scalar(definition, 'driver', path)?.value ?? 'local').toLowerCase()
    const options = this.mapping(pairOf(definition, 'driver_opts'), `${path}.driver_opts`)
    if (!options) return undefined
    const optionsPath = `${path}.driver_opts`
    const o = (this.scalar(options, 'o', optionsPath)?.value ?? '').split(',').map((opt) => opt.trim())
    let host: Text | undefined
    if (driver === 'local') {
      const type = this.scalar(options, 'type', optionsPath)?.value ?? ''
      if (o.includes('bind') || o.includes('rbind') || type === 'none') host = this.scalar(options, 'device', optionsPath)
    } else if (driver.startsWith('local-persist')) {
      host = this.scalar(options, 'mountpoint', optionsPath)
    }
    if (!host || !isFilePath(host.shape)) return undefined
    return {
      span: host.span,
      type: 'bind',
      source: host.value,
      sourceShape: host.shape,
      target: undefined,
      readOnly: o.includes('ro'),
      text: host.raw,
      definition: name
    }
  }

  private includes(pair: YamlPair): Text[] {
    const sequence = this.sequence(pair, 'include')
    if (!sequence) return []
    const out: Text[] = []
    for (const item of sequence.items) {
      if (item.kind === 'scalar') out.push(this.itemText(item))
      else if (item.kind === 'mapping') {
        const path = pairOf(item, 'path')
        if (path?.value.kind === 'scalar') out.push(this.entryText(path))
        else if (path?.value.kind === 'sequence') for (const p of path.value.items) if (p.kind === 'scalar') out.push(this.itemText(p))
      }
    }
    return out
  }

  private envFiles(mapping: YamlMapping): Text[] {
    const pair = pairOf(mapping, 'env_file')
    if (!pair || pair.value.tag === '!reset') return []
    if (pair.value.kind === 'scalar') return isNull(pair.value) ? [] : [this.entryText(pair)]
    if (pair.value.kind !== 'sequence') return []
    const out: Text[] = []
    for (const item of pair.value.items) {
      if (item.kind === 'scalar') out.push(this.itemText(item))
      else if (item.kind === 'mapping') {
        const path = pairOf(item, 'path')
        if (path?.value.kind === 'scalar') out.push(this.entryText(path))
      }
    }
    return out
  }

  // ---- a service ----------------------------------------------------------------------------------

  private service(entry: YamlPair): Service {
    const name = entry.keyText
    const path = `services.${name}`
    const mapping: YamlMapping = entry.value.kind === 'mapping' ? entry.value : { kind: 'mapping', start: entry.value.start, end: entry.value.end, pairs: [] }
    const service: Service = {
      name,
      file: this.path,
      key: this.span(entry.key.start, entry.key.end),
      namespaces: {},
      capAdd: this.scalarList(mapping, 'cap_add', path),
      capDrop: this.scalarList(mapping, 'cap_drop', path),
      securityOpt: this.scalarList(mapping, 'security_opt', path),
      deviceCgroupRules: this.scalarList(mapping, 'device_cgroup_rules', path),
      ports: this.ports(mapping, path),
      volumes: this.mounts(mapping, path),
      devices: this.devices(mapping, path),
      environment: this.variables(mapping, 'environment', path),
      envFiles: this.envFiles(mapping),
      sysctls: this.variables(mapping, 'sysctls', path),
      sections: {},
      node: mapping,
      reset: new Set(),
      overridden: new Set()
    }
    service.image = this.scalar(mapping, 'image', path)
    service.user = this.scalar(mapping, 'user', path)
    service.privileged = this.scalar(mapping, 'privileged', path)
    service.readOnly = this.scalar(mapping, 'read_only', path)
    service.useApiSocket = this.scalar(mapping, 'use_api_socket', path)
    service.platform = this.scalar(mapping, 'platform', path)
    service.runtime = this.scalar(mapping, 'runtime', path)
    service.memLimit = this.scalar(mapping, 'mem_limit', path)
    service.pidsLimit = this.scalar(mapping, 'pids_limit', path)
    for (const key of NAMESPACE_KEYS) {
      const text = this.scalar(mapping, key, path)
      if (text) service.namespaces[key] = text
    }
    // `net:` is file format 1's network_mode.
    if (!service.namespaces.network_mode) {
      const net = this.scalar(mapping, 'net', path)
      if (net) service.namespaces.network_mode = net
    }
    this.limits(mapping, path, service)
    for (const [key, section] of [['security_opt', 'securityOpt'], ['cap_drop', 'capDrop']] as const) {
      const pair = pairOf(mapping, key)
      if (pair) service.sections[section] = this.span(pair.key.start, pair.key.end)
    }
    service.build = this.build(mapping, path)
    service.extends = this.extends(mapping, path)
    for (const pair of mapping.pairs) {
      if (pair.value.tag === '!reset') service.reset.add(pair.keyText)
      if (pair.value.tag === '!override') service.overridden.add(pair.keyText)
    }
    return service
  }

  private limits(mapping: YamlMapping, path: string, service: Service): void {
    const deploy = this.mapping(pairOf(mapping, 'deploy'), `${path}.deploy`)
    const resources = deploy && this.mapping(pairOf(deploy, 'resources'), `${path}.deploy.resources`)
    const limits = resources && this.mapping(pairOf(resources, 'limits'), `${path}.deploy.resources.limits`)
    const deepest = [pairOf(mapping, 'deploy'), deploy && pairOf(deploy, 'resources'), resources && pairOf(resources, 'limits')]
      .filter((pair): pair is YamlPair => pair !== undefined)
      .pop()
    if (deepest) service.sections.limits = this.span(deepest.key.start, deepest.key.end)
    if (!limits) return
    service.deployMemory = this.scalar(limits, 'memory', `${path}.deploy.resources.limits`)
    service.deployPids = this.scalar(limits, 'pids', `${path}.deploy.resources.limits`)
  }

  private build(mapping: YamlMapping, path: string): Build | undefined {
    const pair = pairOf(mapping, 'build')
    if (!pair || isNull(pair.value) || pair.value.tag === '!reset') return undefined
    const build: Build = {
      span: this.span(pair.key.start, pair.key.end),
      keySpan: this.span(pair.key.start, pair.key.end),
      file: this.path,
      args: []
    }
    if (pair.value.kind === 'scalar') {
      build.context = this.entryText(pair)
      return build
    }
    if (pair.value.kind !== 'mapping') {
      this.problem(pair.value.start, pair.value.end, `"${path}.build" must be a path or a mapping, not ${describe(pair.value)}`)
      return undefined
    }
    const at = `${path}.build`
    build.context = this.scalar(pair.value, 'context', at)
    build.dockerfile = this.scalar(pair.value, 'dockerfile', at)
    build.target = this.scalar(pair.value, 'target', at)
    build.inline = this.scalar(pair.value, 'dockerfile_inline', at)
    build.args = this.variables(pair.value, 'args', at)
    return build
  }

  private extends(mapping: YamlMapping, path: string): Extends | undefined {
    const pair = pairOf(mapping, 'extends')
    if (!pair || isNull(pair.value)) return undefined
    const span = this.span(pair.key.start, pair.key.end)
    if (pair.value.kind === 'scalar') return { span, service: this.entryText(pair) }
    if (pair.value.kind !== 'mapping') {
      this.problem(pair.value.start, pair.value.end, `"${path}.extends" must be a service name or a mapping, not ${describe(pair.value)}`)
      return undefined
    }
    return { span, service: this.scalar(pair.value, 'service', `${path}.extends`), file: this.scalar(pair.value, 'file', `${path}.extends`) }
  }

  /** `environment`, `build.args`, `sysctls`: a mapping, or a list of `NAME=value`. */
  private variables(mapping: YamlMapping, key: string, path: string): Variable[] {
    const pair = pairOf(mapping, key)
    if (!pair || isNull(pair.value) || pair.value.tag === '!reset') return []
    const at = `${path}.${key}`
    if (pair.value.kind === 'mapping') {
      const out: Variable[] = []
      for (const entry of pair.value.pairs) {
        const span = this.span(entry.key.start, Math.max(entry.key.end, entry.value.end))
        if (entry.value.kind !== 'scalar') {
          this.problem(entry.value.start, entry.value.end, `"${at}.${entry.keyText}" must be a single value, not ${describe(entry.value)}`)
          continue
        }
        out.push({ name: entry.keyText, span, value: isNull(entry.value) ? undefined : this.entryText(entry) })
      }
      return out
    }
    if (pair.value.kind !== 'sequence') {
      this.problem(pair.value.start, pair.value.end, `"${at}" must be a mapping or a list of NAME=value, not ${describe(pair.value)}`)
      return []
    }
    const out: Variable[] = []
    for (const item of pair.value.items) {
      if (item.kind !== 'scalar') {
        this.problem(item.start, item.end, `items of "${at}" must be NAME=value strings, not ${describe(item)}`)
        continue
      }
      if (isNull(item)) continue
      const { name, value } = splitAssignment(item.value)
      const span = this.span(item.start, item.end)
      if (value === undefined) {
        out.push({ name, span })
        continue
      }
      const interpolated = interpolate(value, this.lookup)
      out.push({ name, span, value: { raw: value, value: interpolated.value, shape: interpolated.shape, span } })
    }
    return out
  }

  private ports(mapping: YamlMapping, path: string): Port[] {
    const sequence = this.sequence(pairOf(mapping, 'ports'), `${path}.ports`)
    if (!sequence) return []
    const out: Port[] = []
    for (const item of sequence.items) {
      const span = this.span(item.start, item.end)
      if (item.kind === 'scalar') {
        if (isNull(item)) continue
        const text = this.itemText(item)
        out.push({ span, ...parsePortShort(text.shape), text: text.raw })
      } else if (item.kind === 'mapping') {
        out.push(this.longPort(item, `${path}.ports`, span))
      } else {
        this.problem(item.start, item.end, `items of "${path}.ports" must be strings or mappings, not ${describe(item)}`)
      }
    }
    return out
  }

  private longPort(item: YamlMapping, path: string, span: Span): Port {
    const target = this.scalar(item, 'target', path)
    const published = this.scalar(item, 'published', path)
    const hostIpText = this.scalar(item, 'host_ip', path)
    let hostIp: string | undefined = hostIpText ? hostIpText.value : ''
    let port: string | undefined = published ? published.value : ''
    if (published?.value !== undefined && !hostIpText) {
      const split = splitPublished(published.value)
      if (split.hostIp !== undefined) hostIp = split.hostIp
      port = split.port
    }
    const text = `target: ${target?.raw ?? '?'}${published ? `, published: ${published.raw}` : ''}${hostIpText ? `, host_ip: ${hostIpText.raw}` : ''}`
    return { span, hostIp, published: port, target: target?.value, text }
  }

  private mounts(mapping: YamlMapping, path: string): Mount[] {
    const sequence = this.sequence(pairOf(mapping, 'volumes'), `${path}.volumes`)
    if (!sequence) return []
    const out: Mount[] = []
    for (const item of sequence.items) {
      if (item.kind === 'scalar') {
        if (isNull(item)) continue
        out.push(this.shortMount(item))
      } else if (item.kind === 'mapping') {
        out.push(this.longMount(item, `${path}.volumes`))
      } else {
        this.problem(item.start, item.end, `items of "${path}.volumes" must be strings or mappings, not ${describe(item)}`)
      }
    }
    return out
  }

  private shortMount(item: YamlNode): Mount {
    const text = this.itemText(item)
    const spec = parseVolumeShort(text.shape)
    const span = text.span
    const propagation = spec.options.find((o) => PROPAGATIONS.has(o))
    return {
      span,
      type: spec.kind,
      source: spec.source,
      sourceShape: spec.sourceShape,
      target: spec.target,
      readOnly: spec.options.includes('ro') || spec.options.includes('readonly'),
      propagation: propagation ? { value: propagation, span } : undefined,
      text: text.raw
    }
  }

  private longMount(item: YamlMapping, path: string): Mount {
    const type = this.scalar(item, 'type', path)
    const source = this.scalar(item, 'source', path)
    const target = this.scalar(item, 'target', path)
    const readOnly = this.scalar(item, 'read_only', path)
    const bind = this.mapping(pairOf(item, 'bind'), `${path}.bind`)
    const propagation = bind ? this.scalar(bind, 'propagation', `${path}.bind`) : undefined
    return {
      span: source?.span ?? this.span(item.start, item.start),
      type: mountType(type, source),
      source: source ? source.value : '',
      sourceShape: source?.shape ?? '',
      target: target?.value,
      readOnly: /^(?:true|yes|on|1)$/i.test(readOnly?.value ?? ''),
      propagation: propagation ? { value: propagation.value?.toLowerCase(), span: propagation.span } : undefined,
      text: source?.raw ?? target?.raw ?? ''
    }
  }

  private devices(mapping: YamlMapping, path: string): Device[] {
    const sequence = this.sequence(pairOf(mapping, 'devices'), `${path}.devices`)
    if (!sequence) return []
    const out: Device[] = []
    for (const item of sequence.items) {
      if (item.kind === 'scalar') {
        if (isNull(item)) continue
        const text = this.itemText(item)
        const spec = parseDeviceShort(text.shape)
        if (spec) out.push({ span: text.span, host: spec.host, hostShape: spec.hostShape, permissions: spec.permissions, text: text.raw })
      } else if (item.kind === 'mapping') {
        const source = this.scalar(item, 'source', `${path}.devices`)
        const permissions = this.scalar(item, 'permissions', `${path}.devices`)
        if (source && (source.shape.startsWith('/') || !source.shape.includes('='))) {
          out.push({ span: source.span, host: source.value, hostShape: source.shape, permissions: permissions ? permissions.value : 'rwm', text: source.raw })
        }
      } else {
        this.problem(item.start, item.end, `items of "${path}.devices" must be strings or mappings, not ${describe(item)}`)
      }
    }
    return out
  }
}

/** The long syntax's `type`; without one (Compose requires it), a path-like source is a bind. */
function mountType(type: Text | undefined, source: Text | undefined): MountType {
  if (type === undefined) return source && isFilePath(source.shape) ? 'bind' : 'volume'
  const declared = type.value?.toLowerCase()
  return declared === 'bind' || declared === 'volume' || declared === 'tmpfs' || declared === 'npipe' ? declared : 'other'
}

/** Format 1: no key of the current format at the top, and services (mappings with image or build) instead. */
function isVersion1(root: YamlMapping): boolean {
  if (root.pairs.length === 0 || root.pairs.some((p) => TOP_LEVEL_KEYS.has(p.keyText))) return false
  const entries = root.pairs.filter((p) => !p.keyText.startsWith('x-'))
  return entries.length > 0 && entries.every((p) => p.value.kind === 'mapping' && (pairOf(p.value, 'image') || pairOf(p.value, 'build')))
}

const PROPAGATIONS = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'])

function describe(node: YamlNode): string {
  if (node.kind === 'mapping') return 'a mapping'
  if (node.kind === 'sequence') return 'a list'
  return `the value "${node.value.length > 40 ? node.value.slice(0, 40) + '…' : node.value}"`
}
