import type { Random } from './random.js'

/**
 * Generators of plausible Dockerfiles and Compose files: the features the parsers and rules meet in real
 * files (parser directives, heredocs, continuations, exec form, ARG expansion, suppressions; anchors,
 * aliases, merge keys, tags, flow style, interpolation, extends/include), combined at random so that the
 * mutators (mutate.ts) start from text that gets deep into the analysis, not only into the parser.
 */

const IMAGES = ['alpine:3.19', 'ubuntu', 'debian:12@sha256:' + 'a'.repeat(64), '${BASE}', 'scratch', 'ghcr.io/x/y:1', 'localhost:5000/img', 'build', '$IMG:${TAG:-latest}', 'docker.io/library/node:20-slim']
const USERS = ['root', '0', '0:0', 'app', '1000:1000', '${USER}', 'nobody', 'root:root', '']
const WORDS = ['sudo', 'curl', 'wget', 'apt-get', 'apk', 'pip', 'npm', 'chmod', 'chown', 'sh', 'bash', 'eval', 'gpg', 'git', 'useradd', 'echo', 'set', 'exec', 'env', 'xargs', 'su', 'gosu', 'sshd', 'openssl', 'tar', 'mkdir']
const ARGS = ['-y', 'install', 'update', '-fsSL', 'https://example.com/i.sh', 'http://get.example.com/x', '--insecure', '-k', '777', 'u+s', '/usr/bin/x', '--no-check-certificate', '--allow-unauthenticated', '-o', 'pipefail', '-eux', 'curl=7.0', 'a', '"$VAR"', "'single'", '${ARG:-x}', '$(id -u)', '`id`', '--', '|', '&&', '||', ';', '>', '2>&1', '<<<', '*', '~', '-c']

function shellCommand(r: Random, depth = 0): string {
  const words = [r.pick(WORDS)]
  for (let i = r.int(5); i > 0; i--) words.push(r.pick(ARGS))
  let command = words.join(' ')
  if (depth < 4 && r.chance(0.15)) command += ` $(${shellCommand(r, depth + 1)})`
  if (depth < 4 && r.chance(0.1)) command = `sh -c '${shellCommand(r, depth + 1).replace(/'/g, '')}'`
  if (r.chance(0.1)) command = `(${command})`
  return command
}

function shellScript(r: Random, escape: string): string {
  const commands = Array.from({ length: r.between(1, 5) }, () => shellCommand(r))
  const joiner = r.pick([' && ', ' ; ', ` && ${escape}\n    `, ` ${escape}\n  && `, ` | `, ` ${escape}\n# comment in a continuation\n    && `, ` ${escape}\n\n    && `])
  return commands.join(joiner)
}

function execForm(r: Random): string {
  const items = Array.from({ length: r.between(0, 4) }, () => JSON.stringify(r.pick([...WORDS, ...ARGS, 'a\\b', '\u00e9', '\\u0041', ''])))
  return `[${items.join(r.pick([', ', ',', ' , ']))}]`
}

function heredoc(r: Random, instruction: 'RUN' | 'COPY'): string {
  const marker = r.pick(['EOF', 'SCRIPT', '"EOF"', "'EOF'", '-EOF'])
  const bare = marker.replace(/["'-]/g, '')
  const body = Array.from({ length: r.between(0, 4) }, () => (r.chance(0.3) ? `\t${shellCommand(r)}` : shellCommand(r))).join('\n')
  if (instruction === 'COPY') return `COPY <<${marker} /etc/${r.pick(['sudoers', 'app.conf', 'passwd'])}\n${body}\n${bare}`
  const consumer = r.pick(['', ' bash', ' sh -e', ' python3', ' cat > /x.sh'])
  const second = r.chance(0.2) ? ` <<TWO\n${shellCommand(r)}\nTWO` : ''
  return `RUN <<${marker}${consumer}${second ? '' : ''}\n${body}\n${bare}${second}`
}

function instruction(r: Random, escape: string, stages: string[]): string {
  const kind = r.weighted<string>([
    [30, 'RUN'], [6, 'RUNX'], [5, 'HEREDOC'], [6, 'USER'], [6, 'COPY'], [4, 'ADD'], [5, 'ENV'], [5, 'ARG'],
    [3, 'CMD'], [3, 'ENTRYPOINT'], [2, 'HEALTHCHECK'], [2, 'WORKDIR'], [2, 'VOLUME'], [2, 'EXPOSE'], [2, 'LABEL'],
    [2, 'SHELL'], [2, 'ONBUILD'], [1, 'STOPSIGNAL'], [1, 'MAINTAINER'], [1, 'UNKNOWN'], [3, 'COMMENT'], [2, 'IGNORE']
  ])
  switch (kind) {
    case 'RUN': {
      const flags = r.chance(0.2) ? r.pick(['--mount=type=secret,id=tok ', '--mount=type=cache,target=/root/.cache ', '--network=host ', '--security=insecure ', '--mount=type=bind,source=.,target=/src ']) : ''
      return `RUN ${flags}${shellScript(r, escape)}`
    }
    case 'RUNX':
      return `RUN ${execForm(r)}`
    case 'HEREDOC':
      return heredoc(r, r.chance(0.75) ? 'RUN' : 'COPY')
    case 'USER':
      return `USER ${r.pick(USERS)}`
    case 'COPY': {
      const from = stages.length && r.chance(0.3) ? `--from=${r.pick(stages)} ` : ''
      const flags = r.chance(0.3) ? r.pick(['--chown=root:root ', '--chmod=4755 ', '--chmod=777 ', '--link ']) : ''
      return `COPY ${from}${flags}${r.pick(['.', 'entrypoint.sh', '.env', 'id_rsa', '*.pem', 'src/', '["a", "b"]'])} ${r.pick(['/app', '/', '/root/.ssh/', '/usr/local/bin/'])}`
    }
    case 'ADD':
      return `ADD ${r.pick(['--checksum=sha256:' + 'b'.repeat(64) + ' ', '--chown=0 ', ''])}${r.pick(['https://example.com/x.tar.gz', 'http://x/y', 'git@github.com:a/b.git', 'app.tar', '${URL}'])} ${r.pick(['/opt/', '/'])}`
    case 'ENV':
      return r.chance(0.5)
        ? `ENV ${r.pick(['PASSWORD', 'API_TOKEN', 'PATH', 'HOME', 'AWS_SECRET_ACCESS_KEY', 'DEBIAN_FRONTEND'])}=${r.pick(['hunter2', '"$PATH:/x"', 'ghp_' + 'a'.repeat(36), '${X:-y}', "'q'", ''])}`
        : `ENV ${r.pick(['A', 'B_C'])} ${r.pick(['value with spaces', '"x"', '\\'])}`
    case 'ARG':
      return `ARG ${r.pick(['BASE', 'TAG', 'USER', 'TOKEN', 'VERSION'])}${r.chance(0.6) ? '=' + r.pick(IMAGES.concat(USERS, ['s3cr3t'])) : ''}`
    case 'CMD':
    case 'ENTRYPOINT':
      return `${kind} ${r.chance(0.5) ? execForm(r) : shellScript(r, escape)}`
    case 'HEALTHCHECK':
      return r.chance(0.3) ? 'HEALTHCHECK NONE' : `HEALTHCHECK --interval=30s CMD ${shellCommand(r)}`
    case 'WORKDIR':
      return `WORKDIR ${r.pick(['/', '/app', '/etc', '/usr/bin', '$HOME', 'rel'])}`
    case 'VOLUME':
      return `VOLUME ${r.pick(['/data', '["/var/lib/docker"]', '/etc /usr', '/'])}`
    case 'EXPOSE':
      return `EXPOSE ${r.pick(['22', '80/tcp', '${PORT}', '0-65535', 'abc'])}`
    case 'LABEL':
      return `LABEL ${r.pick(['a=b', 'x="multi word"', 'maintainer=me', `k=${escape}\n  v`])}`
    case 'SHELL':
      return `SHELL ${r.pick(['["/bin/bash", "-o", "pipefail", "-c"]', '["sh", "-c"]', '["powershell", "-Command"]', '[]', 'not json'])}`
    case 'ONBUILD':
      return `ONBUILD ${r.pick(['RUN ' + shellCommand(r), 'USER root', 'COPY . /', 'ONBUILD RUN x'])}`
    case 'STOPSIGNAL':
      return 'STOPSIGNAL SIGKILL'
    case 'MAINTAINER':
      return 'MAINTAINER someone <a@b.c>'
    case 'UNKNOWN':
      return `${r.pick(['FOO', 'run', 'From', 'ÜSER', '\u0000'])} ${shellCommand(r)}`
    case 'COMMENT':
      return `# ${r.pick(['a comment', 'syntax=docker/dockerfile:1', 'escape=`', 'TODO: \\', ''])}`
    default:
      return r.pick([
        '# containment-ignore DF002 -- reason given',
        '# containment-ignore-file DF021',
        '# containment-ignore',
        '# hadolint ignore=DL3008,DL3015',
        '# trivy:ignore:AVD-DS-0002',
        '# kics-scan ignore-line',
        '# checkov:skip=CKV_DOCKER_3: ok',
        '# containment-ignore DF999'
      ])
  }
}

export function generateDockerfile(r: Random): string {
  const lines: string[] = []
  const escape = r.chance(0.1) ? '`' : '\\'
  if (r.chance(0.2)) lines.push('# syntax=docker/dockerfile:1')
  if (escape === '`') lines.push('# escape=`')
  else if (r.chance(0.05)) lines.push('# escape=\\')
  if (r.chance(0.3)) lines.push(`ARG BASE=${r.pick(IMAGES)}`)
  const stages: string[] = []
  for (let s = r.between(1, 3); s > 0; s--) {
    const name = r.chance(0.5) ? `stage${stages.length}` : ''
    const platform = r.chance(0.1) ? '--platform=$BUILDPLATFORM ' : ''
    const image = stages.length && r.chance(0.3) ? r.pick(stages) : r.pick(IMAGES)
    lines.push(`FROM ${platform}${image}${name ? ` ${r.pick(['AS', 'as'])} ${name}` : ''}`)
    if (name) stages.push(name)
    for (let i = r.size(14); i > 0; i--) lines.push(instruction(r, escape, stages))
  }
  return lines.join('\n') + (r.chance(0.9) ? '\n' : '')
}

// ---------------------------------------------------------------------------------------------------
// Compose: a YAML tree written in block or flow style, with anchors, aliases, merge keys and tags.
// ---------------------------------------------------------------------------------------------------

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml } | Tagged | Alias | Anchored

interface Tagged { tag: string; value: Yaml }
interface Alias { alias: string }
interface Anchored { anchor: string; value: Yaml }

const isTagged = (v: Yaml): v is Tagged => typeof v === 'object' && v !== null && !Array.isArray(v) && 'tag' in v && Object.keys(v).length === 2
const isAlias = (v: Yaml): v is Alias => typeof v === 'object' && v !== null && !Array.isArray(v) && 'alias' in v && Object.keys(v).length === 1
const isAnchored = (v: Yaml): v is Anchored => typeof v === 'object' && v !== null && !Array.isArray(v) && 'anchor' in v && Object.keys(v).length === 2

const SCALARS: Yaml[] = [
  'nginx:1.25', 'nginx', 'postgres@sha256:' + 'c'.repeat(64), '/var/run/docker.sock:/var/run/docker.sock', '/:/host', '/etc:/etc:ro',
  './data:/data', '${HOME}/.ssh:/root/.ssh', 'SYS_ADMIN', 'ALL', 'NET_ADMIN', 'host', 'service:db', 'container:x', 'seccomp:unconfined',
  'apparmor=unconfined', 'no-new-privileges:true', '0.0.0.0:8080:80', '8080:80', '127.0.0.1:5432:5432', '/dev/kvm:/dev/kvm', 'root', '0',
  '1000:1000', 'PASSWORD=hunter2', 'AWS_SECRET_ACCESS_KEY=AKIA' + 'A'.repeat(16), '${DB_PASSWORD:?required}', '$${ESCAPED}', '${A:-${B:-c}}',
  'net.ipv4.ip_forward=1', 'rshared', 'true', 'false', 'yes', 'on', '~', '', ' leading space', 'multi\nline', 'quote"d', "it's", '#not a comment',
  '*notalias', '&notanchor', '!notag', 'key: value', '- item', '{a: b}', '[x]', '\u00e9\u0301', '\u202eRTL', '\ud83d\udc33', 123, 0.5, true, null
]
const SERVICE_KEYS = [
  'image', 'privileged', 'cap_add', 'cap_drop', 'volumes', 'network_mode', 'pid', 'ipc', 'uts', 'userns_mode', 'devices', 'security_opt',
  'user', 'read_only', 'environment', 'env_file', 'ports', 'build', 'sysctls', 'deploy', 'mem_limit', 'cpus', 'extends', 'secrets', 'configs',
  'profiles', 'depends_on', 'command', 'entrypoint', 'labels', 'x-custom', 'tmpfs', 'cgroup', 'cgroup_parent', 'group_add', 'healthcheck'
]

function scalar(r: Random): Yaml {
  return r.pick(SCALARS)
}

function serviceValue(r: Random, key: string, depth: number): Yaml {
  switch (key) {
    case 'image': return r.pick(['nginx', 'nginx:1.25', 'redis:7@sha256:' + 'd'.repeat(64), '${IMAGE:-app}', 'evil.example.com/x:latest', ''])
    case 'privileged': case 'read_only': return r.pick<Yaml>([true, false, 'true', 'yes', 1, null, { tag: '!!bool', value: 'true' }])
    case 'cap_add': case 'cap_drop': return r.chance(0.8) ? Array.from({ length: r.between(0, 3) }, () => r.pick(['SYS_ADMIN', 'ALL', 'NET_RAW', 'CAP_SYS_PTRACE', 'sys_module'])) : scalar(r)
    case 'volumes': return Array.from({ length: r.between(0, 3) }, () => (r.chance(0.7) ? r.pick(SCALARS.slice(3, 8)) : { type: r.pick(['bind', 'volume', 'tmpfs']), source: r.pick(['/', '/var/run/docker.sock', './x', '/proc']), target: '/mnt', bind: { propagation: r.pick(['rshared', 'private']) } }))
    case 'network_mode': case 'pid': case 'ipc': case 'uts': case 'userns_mode': case 'cgroup': return r.pick(['host', 'service:db', 'container:abc', 'private', 'bridge'])
    case 'devices': return [r.pick(['/dev/kvm:/dev/kvm', '/dev/sda', { source: '/dev/mem', target: '/dev/mem' }])]
    case 'security_opt': return [r.pick(['seccomp:unconfined', 'seccomp=unconfined', 'apparmor:unconfined', 'label:disable', 'no-new-privileges:true', 'no-new-privileges'])]
    case 'user': return r.pick<Yaml>(['root', '0', 0, '1000:1000', '${UID}'])
    case 'environment': return r.chance(0.5)
      ? Array.from({ length: r.between(0, 3) }, () => r.pick(['PASSWORD=hunter2', 'TOKEN', 'A=${B}', 'GITHUB_TOKEN=ghp_' + 'b'.repeat(36)]))
      : { DB_PASSWORD: r.pick<Yaml>(['s3cret', '${PW}', null, 42]), DEBUG: r.pick<Yaml>(['1', true]) }
    case 'env_file': return r.pick<Yaml>(['.env', ['.env', '../outside.env'], [{ path: './x.env', required: false }], '/etc/passwd'])
    case 'ports': return [r.pick<Yaml>(['80:80', '0.0.0.0:22:22', '127.0.0.1:80:80', 8080, '[::]:80:80', { target: 80, published: 8080, host_ip: '0.0.0.0' }])]
    case 'build': return r.chance(0.4) ? r.pick(['.', './app', '../outside']) : { context: r.pick(['.', 'app', '..', '/abs']), dockerfile: r.pick(['Dockerfile', 'app/Dockerfile', '../Dockerfile', 'missing.Dockerfile']), args: { TOKEN: 'x' } }
    case 'sysctls': return r.chance(0.5) ? { 'net.ipv4.ip_forward': 1, 'kernel.shm_rmid_forced': '1' } : ['net.core.somaxconn=1024']
    case 'deploy': return { resources: { limits: { cpus: '0.5', memory: r.pick(['50M', '', '${MEM}']) } } }
    case 'extends': return r.chance(0.3) ? r.pick(['base', 'self', 'missing']) : { service: r.pick(['base', 'web', 'missing']), file: r.pick(['common.yaml', 'compose.yaml', 'missing.yaml', '../x.yaml', '/etc/passwd']) }
    default: return depth < 3 && r.chance(0.4) ? yamlValue(r, depth + 1) : scalar(r)
  }
}

function yamlValue(r: Random, depth: number): Yaml {
  const choice = depth > 6 ? 0 : r.int(4)
  if (choice === 0 || choice === 1) return scalar(r)
  if (choice === 2) return Array.from({ length: r.between(0, 3) }, () => yamlValue(r, depth + 1))
  const out: Record<string, Yaml> = {}
  for (let i = r.between(0, 3); i > 0; i--) out[r.pick(['a', 'b', 'key', 'x-y', '"quoted key"', '? complex', '1', 'true', '<<'])] = yamlValue(r, depth + 1)
  return out
}

function service(r: Random, names: string[]): Record<string, Yaml> {
  const out: Record<string, Yaml> = {}
  for (let i = r.between(0, 7); i > 0; i--) {
    const key = r.pick(SERVICE_KEYS)
    out[key] = serviceValue(r, key, 0)
  }
  if (names.length && r.chance(0.15)) out.depends_on = [r.pick(names)]
  return out
}

/** Sprinkles anchors, aliases, merge keys and tags over a tree. */
function decorate(r: Random, value: Yaml, anchors: string[], depth: number): Yaml {
  if (depth > 8) return value
  let out: Yaml = value
  if (Array.isArray(value)) out = value.map((v) => decorate(r, v, anchors, depth + 1))
  else if (value !== null && typeof value === 'object' && !isTagged(value) && !isAlias(value) && !isAnchored(value)) {
    const copy: Record<string, Yaml> = {}
    for (const [k, v] of Object.entries(value)) copy[k] = decorate(r, v as Yaml, anchors, depth + 1)
    if (anchors.length && r.chance(0.15)) copy['<<'] = r.chance(0.7) ? { alias: r.pick(anchors) } : anchors.slice(0, 2).map((a) => ({ alias: a }))
    out = copy
  }
  if (anchors.length && r.chance(0.04)) return { alias: r.pick(anchors) }
  if (r.chance(0.04)) out = { tag: r.pick(['!!binary', '!reset', '!override', '!!str', '!!int', '!!map', '!!seq', '!custom', '!<tag:yaml.org,2002:str>', '!!null', '!!merge']), value: r.chance(0.3) ? 'aGVsbG8=' : out }
  if (r.chance(0.06)) {
    const anchor = `a${anchors.length}`
    anchors.push(anchor)
    out = { anchor, value: out }
  }
  return out
}

const PLAIN = /^[A-Za-z0-9_./:@=${}\-][A-Za-z0-9_./:@=${}\- ,]*$/

function quoteScalar(r: Random, value: string): string {
  if (value !== '' && PLAIN.test(value) && !/^(true|false|yes|no|on|off|null|~|[0-9.]+)$/i.test(value) && !/ $/.test(value) && r.chance(0.6)) return value
  return r.chance(0.5) ? JSON.stringify(value) : `'${value.replace(/'/g, "''").replace(/\n/g, '\n\n')}'`
}

function flow(r: Random, value: Yaml): string {
  if (value === null) return r.pick(['null', '~', ''])
  if (typeof value === 'string') return quoteScalar(r, value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map((v) => flow(r, v)).join(', ')}]`
  if (isAlias(value)) return `*${value.alias}`
  if (isTagged(value)) return `${value.tag} ${flow(r, value.value)}`
  if (isAnchored(value)) return `&${value.anchor} ${flow(r, value.value)}`
  return `{${Object.entries(value).map(([k, v]) => `${quoteKey(k)}: ${flow(r, v as Yaml)}`).join(', ')}}`
}

function quoteKey(key: string): string {
  return key
}

/** Block style with some flow collections, block scalars and comments. */
function block(r: Random, value: Yaml, indent: string): string {
  if (r.chance(0.05) && !(typeof value === 'object' && value !== null && (isAnchored(value) || isTagged(value)))) return ' ' + flow(r, value)
  if (typeof value === 'string' && value.includes('\n') && r.chance(0.5)) {
    return ` ${r.pick(['|', '>', '|-', '>+', '|2'])}\n${value.split('\n').map((l) => indent + '  ' + l).join('\n')}`
  }
  if (value === null || typeof value !== 'object' || isAlias(value)) return ' ' + flow(r, value)
  if (isTagged(value)) return ` ${value.tag}${block(r, value.value, indent)}`
  if (isAnchored(value)) return ` &${value.anchor}${block(r, value.value, indent)}`
  const step = r.pick(['  ', '  ', '    ', ' '])
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []'
    return value.map((v) => `\n${indent}-${block(r, v, indent + step)}`).join('')
  }
  const entries = Object.entries(value)
  if (entries.length === 0) return ' {}'
  return entries
    .map(([k, v]) => `\n${indent}${quoteKey(k)}:${block(r, v as Yaml, indent + step)}${r.chance(0.03) ? ' # comment' : ''}`)
    .join('')
}

export interface ComposeOptions {
  /** Other files of the project, for extends/include targets. */
  siblings?: string[]
}

export function generateCompose(r: Random, options: ComposeOptions = {}): string {
  const names = Array.from({ length: r.between(1, 4) }, (_, i) => r.pick(['web', 'db', 'base', 'app', 'worker', 'self']) + (i ? i : ''))
  const root: Record<string, Yaml> = {}
  const anchors: string[] = []
  if (r.chance(0.2)) root.version = r.pick(['3.8', '2', "'3'"])
  if (r.chance(0.25)) {
    root['x-common'] = { anchor: 'common', value: service(r, []) }
    anchors.push('common')
  }
  if (options.siblings?.length && r.chance(0.5)) root.include = options.siblings.map((s) => (r.chance(0.5) ? s : { path: s }))
  else if (r.chance(0.1)) root.include = [r.pick(['missing.yaml', '../up.yaml', '/etc/passwd', 'compose.yaml'])]
  const services: Record<string, Yaml> = {}
  for (const name of names) services[name] = service(r, names)
  root.services = r.chance(0.05) ? r.pick<Yaml>([null, [], 'str']) : services
  if (r.chance(0.2)) root.volumes = { data: { driver: 'local', driver_opts: { type: 'none', o: 'bind', device: '/' } } }
  if (r.chance(0.1)) root.secrets = { s: { file: r.pick(['./s.txt', '/etc/shadow']) } }
  const tree = decorate(r, root, anchors, 0)
  const text = r.chance(0.1) ? flow(r, tree) : block(r, tree, '').replace(/^\n/, '')
  const header = r.chance(0.1) ? r.pick(['%YAML 1.2\n---\n', '---\n', '# comment\n', '# containment-ignore-file DC014\n']) : ''
  const footer = r.chance(0.05) ? r.pick(['\n---\nservices: {}\n', '\n...\n', '\n--- !!str\ndoc\n']) : ''
  return header + text + footer + '\n'
}
