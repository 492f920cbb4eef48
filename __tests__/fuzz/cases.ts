import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { analyzerFor, type InputFile } from '../../src/core/engine.js'
import { generateCompose, generateDockerfile } from './generate.js'
import { mutate, type Bytes } from './mutate.js'
import { Random } from './random.js'

/** One fuzz input: the files scanned together (a Compose project is several), and how it was made. */
export interface FuzzCase {
  index: number
  /** What made it: `generated-dockerfile+mutated`, `seed:<path>+mutated`, `project:cyclic-include`, … */
  origin: string
  files: InputFile[]
}

export interface SeedFile {
  path: string
  kind: 'dockerfile' | 'compose'
  bytes: Bytes
}

const encoder = new TextEncoder()

/** Seeds written here so that the run in `npm test` gets deep without any corpus beside the checkout. */
const BUILT_IN_SEEDS: Array<[string, string]> = [
  [
    'builtin/Dockerfile',
    [
      '# syntax=docker/dockerfile:1',
      'ARG BASE=alpine:3.19',
      'FROM ${BASE} AS build',
      'RUN set -eux; \\',
      '    apk add --no-cache curl=8.5.0-r0 \\',
      '    # a comment inside the continuation',
      '    && curl -fsSL https://example.com/install.sh | sh \\',
      '    && chmod 4755 /usr/bin/tool',
      'RUN <<EOF bash',
      'set -e',
      'sudo apt-get install -y openssh-server',
      'EOF',
      'COPY <<CONF /etc/sudoers.d/app',
      'app ALL=(ALL) NOPASSWD: ALL',
      'CONF',
      'FROM alpine:3.19',
      'COPY --from=build --chown=0:0 /out /app',
      'USER root',
      'ENV API_TOKEN=ghp_' + 'x'.repeat(36),
      'HEALTHCHECK CMD wget -q -O- http://localhost/ || exit 1',
      '# containment-ignore DF001 -- the entrypoint drops privileges',
      'ENTRYPOINT ["/bin/sh", "-c", "exec gosu app \\"$@\\"", "--"]',
      ''
    ].join('\n')
  ],
  ['builtin/escape/Dockerfile', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Invoke-WebRequest https://x/y.ps1 | iex\nUSER ContainerAdministrator\n'],
  [
    'builtin/compose.yaml',
    [
      'x-base: &base',
      '  restart: unless-stopped',
      '  security_opt: [no-new-privileges:true]',
      '  cap_drop: [ALL]',
      'services:',
      '  web:',
      '    <<: *base',
      '    image: nginx:1.25',
      '    ports: ["0.0.0.0:80:80"]',
      '    volumes:',
      '      - /var/run/docker.sock:/var/run/docker.sock:ro',
      '      - type: bind',
      '        source: /',
      '        target: /host',
      '        bind: {propagation: rshared}',
      '  db:',
      '    <<: [*base]',
      '    image: postgres',
      '    privileged: true',
      '    cap_add: !reset []',
      '    environment:',
      '      POSTGRES_PASSWORD: ${PG_PASSWORD:?set it}',
      '    network_mode: host',
      '    build:',
      '      context: .',
      '      dockerfile: Dockerfile',
      '  blob:',
      '    image: busybox',
      '    labels: !override {a: b}',
      '    command: !!binary aGVsbG8=',
      ''
    ].join('\n')
  ]
]

/** Dockerfiles and Compose files under `dirs` (sorted, so that a run is the same on every machine). */
export function loadSeeds(dirs: string[]): SeedFile[] {
  const seeds: SeedFile[] = BUILT_IN_SEEDS.map(([path, text]) => ({ path, kind: analyzerFor({ path }, undefined)!.kind, bytes: encoder.encode(text) }))
  for (const dir of dirs) {
    const found: string[] = []
    walk(dir, '', found)
    for (const path of found.sort()) {
      const analyzer = analyzerFor({ path }, undefined)
      if (!analyzer) continue
      const bytes = readFileSync(join(dir, path))
      if (bytes.length <= 256 * 1024) seeds.push({ path: `${dir}:${path}`, kind: analyzer.kind, bytes })
    }
  }
  return seeds
}

function walk(dir: string, prefix: string, out: string[]): void {
  let entries
  try {
    entries = readdirSync(join(dir, prefix), { withFileTypes: true })
  } catch {
    return
  }
  for (const entry of entries) {
    const path = prefix + entry.name
    if (entry.isDirectory() && entry.name !== '.git' && entry.name !== 'node_modules') walk(dir, path + '/', out)
    else if (entry.isFile() && statSync(join(dir, path)).size > 0) out.push(path)
  }
}

const DOCKERFILE_NAMES = ['Dockerfile', 'app/Dockerfile', 'Containerfile', 'build.Dockerfile', 'Dockerfile.prod', 'docker/dev.dockerfile']
const COMPOSE_NAMES = ['compose.yaml', 'docker-compose.yml', 'compose.override.yaml', 'deploy/compose.prod.yml', 'docker-compose.ci.yaml']

/** Case `index` of a run: the same seed, index and seeds give the same files, on any machine. */
export function fuzzCase(seed: number, index: number, seeds: SeedFile[]): FuzzCase {
  const r = Random.forCase(seed, index)
  const donor = (): Bytes => (r.chance(0.7) && seeds.length ? r.pick(seeds).bytes : encoder.encode(r.chance(0.5) ? generateDockerfile(r) : generateCompose(r)))
  const style = r.weighted<string>([
    [30, 'seed'],
    [25, 'generated-dockerfile'],
    [25, 'generated-compose'],
    [12, 'project'],
    [3, 'raw'],
    [5, 'unmutated']
  ])
  if (style === 'project') return projectCase(r, index, donor)
  let origin: string
  let kind: 'dockerfile' | 'compose'
  let bytes: Bytes
  if (style === 'seed' && seeds.length) {
    const picked = r.pick(seeds)
    origin = `seed:${picked.path}`
    kind = picked.kind
    bytes = picked.bytes
  } else if (style === 'raw') {
    origin = 'random-bytes'
    kind = r.chance(0.5) ? 'dockerfile' : 'compose'
    bytes = Uint8Array.from({ length: r.size(4096) }, () => r.int(256))
  } else {
    kind = style === 'generated-compose' || (style !== 'generated-dockerfile' && r.chance(0.5)) ? 'compose' : 'dockerfile'
    origin = `generated-${kind}`
    bytes = encoder.encode(kind === 'compose' ? generateCompose(r) : generateDockerfile(r))
  }
  if (style !== 'unmutated') {
    bytes = mutate(r, bytes, donor)
    origin += '+mutated'
  }
  const path = r.pick(kind === 'compose' ? COMPOSE_NAMES : DOCKERFILE_NAMES)
  const files: InputFile[] = [{ path, content: bytes }]
  // A Dockerfile's rules read files around it (entrypoint scripts, .dockerignore): give them some.
  if (kind === 'dockerfile' && r.chance(0.2)) {
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : ''
    files.push({ path: `${dir}${r.pick(['entrypoint.sh', 'docker-entrypoint.sh', '.dockerignore'])}`, content: mutate(r, encoder.encode('#!/bin/sh\nset -e\nexec gosu app "$@"\n'), donor, r.int(3)) })
  }
  return { index, origin, files }
}

/** A Compose project of several files: include and extends between them, some missing, some cyclic. */
function projectCase(r: Random, index: number, donor: () => Bytes): FuzzCase {
  const shape = r.pick(['include', 'extends', 'cyclic-include', 'cyclic-extends', 'override', 'build'])
  const main = 'compose.yaml'
  const files: Array<{ path: string; text: string }> = []
  switch (shape) {
    case 'include':
      files.push({ path: main, text: generateCompose(r, { siblings: ['common/compose.yaml', 'missing.yaml'] }) }, { path: 'common/compose.yaml', text: generateCompose(r) })
      break
    case 'extends':
      files.push(
        { path: main, text: `services:\n  web:\n    extends:\n      file: common.yaml\n      service: ${r.pick(['base', 'missing', 'web'])}\n    image: nginx\n` },
        { path: 'common.yaml', text: `services:\n  base:\n    privileged: true\n    extends: {file: ${r.pick(['compose.yaml', 'common.yaml', 'nope.yaml'])}, service: ${r.pick(['web', 'base'])}}\n` }
      )
      break
    case 'cyclic-include':
      files.push({ path: main, text: 'include:\n  - other/compose.yaml\nservices:\n  a:\n    image: alpine\n' }, { path: 'other/compose.yaml', text: 'include:\n  - ../compose.yaml\nservices:\n  b:\n    image: alpine\n    privileged: true\n' })
      break
    case 'cyclic-extends':
      files.push({ path: main, text: 'services:\n  a:\n    extends: b\n  b:\n    extends:\n      service: c\n  c:\n    extends: a\n    cap_add: [SYS_ADMIN]\n' })
      break
    case 'override':
      files.push({ path: main, text: generateCompose(r) }, { path: 'compose.override.yaml', text: generateCompose(r) })
      break
    default:
      files.push({ path: main, text: 'services:\n  app:\n    build:\n      context: app\n      dockerfile: Dockerfile\n    user: root\n' }, { path: 'app/Dockerfile', text: generateDockerfile(r) }, { path: 'app/entrypoint.sh', text: '#!/bin/sh\nexec "$@"\n' })
  }
  const inputs: InputFile[] = files.map((f) => ({ path: f.path, content: encoder.encode(f.text) }))
  const victim = r.int(inputs.length + 1)
  if (victim < inputs.length) inputs[victim] = { ...inputs[victim], content: mutate(r, inputs[victim].content as Bytes, donor) }
  return { index, origin: `project:${shape}${victim < inputs.length ? `+mutated:${inputs[victim].path}` : ''}`, files: inputs }
}
