// The benchmark tree: a deterministic (seeded PRNG) repository of Dockerfiles and Compose files among
// unrelated files. Shared by scripts/bench.mjs (the full tree) and the report-identity test (a smaller one,
// same generator, fixed seed): the same options give the same bytes on every machine.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Bump when the generated text changes: a cached tree of another version is regenerated. */
export const GENERATOR_VERSION = 2

/** The benchmark's tree: 2,000 Dockerfiles and 500 Compose files among 28,000 files. */
export const BENCH_TREE = { dockerfiles: 2000, composeFiles: 500, totalFiles: 28000, projects: 250, seed: 0xc0ffee }

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function makeRandom(seed) {
  const next = prng(seed)
  const random = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    some: (list, lo, hi) => {
      const count = random.int(lo, Math.min(hi, list.length))
      const copy = [...list]
      const out = []
      for (let i = 0; i < count; i++) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0])
      return out
    }
  }
  return random
}

const DIR_WORDS = ['services', 'apps', 'docker', 'build', 'deploy', 'api', 'web', 'worker', 'tools', 'infra', 'backend',
  'frontend', 'images', 'ci', 'cmd', 'internal', 'pkg', 'lib', 'src', 'packages', 'examples', 'test', 'legacy', 'ops']
const APT_PACKAGES = ['ca-certificates', 'curl', 'wget', 'git', 'gnupg', 'build-essential', 'libssl-dev', 'zlib1g-dev',
  'libffi-dev', 'python3', 'python3-pip', 'unzip', 'xz-utils', 'tzdata', 'netbase', 'procps', 'jq', 'openssh-client',
  'libpq-dev', 'pkg-config', 'make', 'gcc', 'g++', 'locales', 'dumb-init', 'tini', 'nginx', 'supervisor']
const APK_PACKAGES = ['ca-certificates', 'curl', 'bash', 'git', 'tzdata', 'openssl', 'libc6-compat', 'su-exec', 'tini',
  'build-base', 'python3', 'py3-pip', 'postgresql-client', 'jq', 'coreutils', 'shadow']
const PIP_PACKAGES = ['requests', 'flask', 'gunicorn', 'django', 'celery', 'redis', 'psycopg2-binary', 'boto3', 'pyyaml',
  'uvicorn', 'fastapi', 'numpy', 'pandas', 'sqlalchemy']
const RUNTIMES = [
  { build: 'golang:${GO_VERSION}-alpine', arg: 'GO_VERSION', version: '1.22', run: 'alpine:3.19', lang: 'go' },
  { build: 'node:${NODE_VERSION}-bookworm', arg: 'NODE_VERSION', version: '20', run: 'node:${NODE_VERSION}-bookworm-slim', lang: 'node' },
  { build: 'python:${PY_VERSION}-slim', arg: 'PY_VERSION', version: '3.12', run: 'python:${PY_VERSION}-slim', lang: 'python' },
  { build: 'maven:3.9-eclipse-temurin-21', arg: 'JAVA_VERSION', version: '21', run: 'eclipse-temurin:${JAVA_VERSION}-jre', lang: 'java' },
  { build: 'rust:${RUST_VERSION}', arg: 'RUST_VERSION', version: '1.77', run: 'debian:bookworm-slim', lang: 'rust' },
  { build: 'ubuntu:22.04', arg: 'UBUNTU', version: '22.04', run: 'ubuntu:22.04', lang: 'c' }
]

/** A RUN whose commands continue over lines with `\`; comment lines inside it take no backslash (BuildKit drops them). */
function continued(first, rest) {
  const lines = [first, ...rest]
  const last = lines.findLastIndex((line) => !line.trimStart().startsWith('#'))
  return lines.map((line, i) => (i < last && !line.trimStart().startsWith('#') ? `${line} \\` : line))
}

function aptInstall(r) {
  const packages = r.some(APT_PACKAGES, 2, 9).map((p) => (r.chance(0.2) ? `${p}=1.${r.int(0, 9)}.${r.int(0, 30)}*` : p))
  const rest = ['    && apt-get install -y --no-install-recommends', ...packages.map((p) => `        ${p}`)]
  if (r.chance(0.4)) rest.push('    # keep the image small')
  rest.push('    && rm -rf /var/lib/apt/lists/*')
  return continued('RUN apt-get update', rest)
}

function runChain(r) {
  const kind = r.int(0, 9)
  if (kind <= 3) return aptInstall(r)
  if (kind === 4) return [`RUN apk add --no-cache ${r.some(APK_PACKAGES, 1, 6).join(' ')}`]
  if (kind === 5) {
    const packages = r.some(PIP_PACKAGES, 1, 5).map((p) => (r.chance(0.5) ? `${p}==${r.int(1, 4)}.${r.int(0, 20)}.${r.int(0, 9)}` : p))
    return [`RUN pip install --no-cache-dir ${packages.join(' ')}`]
  }
  if (kind === 6) {
    return continued('RUN set -eux;', [
      '    savedAptMark="$(apt-mark showmanual)";',
      '    # fetch and verify the release',
      `    wget -O /tmp/app.tar.gz "https://example.com/releases/v${r.int(1, 9)}.${r.int(0, 20)}/app-$(uname -m).tar.gz";`,
      `    echo "${'0123456789abcdef'.repeat(4)}  /tmp/app.tar.gz" | sha256sum -c -;`,
      '    tar -xzf /tmp/app.tar.gz -C /usr/local/bin;',
      '    rm /tmp/app.tar.gz;',
      "    apt-mark auto '.*' > /dev/null;",
      '    [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark;',
      '    app --version'
    ])
  }
  if (kind === 7) {
    return ['RUN <<EOF', 'set -e', `groupadd -r app --gid=${r.int(900, 1999)}`, 'useradd -r -g app app', 'mkdir -p /data && chown app:app /data', 'EOF']
  }
  if (kind === 8 && r.chance(0.3)) return [`RUN curl -fsSL https://get.example.com/install.sh | sh -s -- --version ${r.int(1, 5)}.${r.int(0, 9)}`]
  return [`RUN mkdir -p /app/${r.pick(DIR_WORDS)} && chmod 755 /app && echo "build ${r.int(1, 9999)}" > /app/BUILD`]
}

function buildStage(r, runtime, lines) {
  const workdir = runtime.lang === 'go' ? '/src' : '/app'
  lines.push(`FROM ${runtime.build} AS build`, `WORKDIR ${workdir}`)
  if (runtime.lang === 'node') lines.push('COPY package.json package-lock.json ./', 'RUN npm ci --omit=dev', 'COPY . .', 'RUN npm run build')
  else if (runtime.lang === 'go') lines.push('COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', 'RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app')
  else if (runtime.lang === 'python') lines.push('COPY requirements.txt .', 'RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt', 'COPY . .')
  else if (runtime.lang === 'java') lines.push('COPY pom.xml .', 'RUN --mount=type=cache,target=/root/.m2 mvn -B dependency:go-offline', 'COPY src ./src', 'RUN mvn -B package -DskipTests')
  else lines.push('COPY . .', 'RUN make -j"$(nproc)" && make install DESTDIR=/out')
  for (let i = r.int(0, 3); i > 0; i--) lines.push(...runChain(r))
}

function runtimeStage(r, runtime, lines, multiStage) {
  lines.push('', `FROM ${runtime.run}${r.chance(0.15) ? '@sha256:' + 'ab12'.repeat(16) : ''}`)
  if (r.chance(0.3)) lines.push('SHELL ["/bin/bash", "-o", "pipefail", "-c"]')
  lines.push(...continued(`LABEL org.opencontainers.image.source="https://github.com/example/${r.pick(DIR_WORDS)}"`, [`      org.opencontainers.image.version="${r.int(1, 9)}.${r.int(0, 30)}"`]))
  lines.push(`ENV APP_HOME=/app PORT=${r.pick(['8080', '3000', '5000', '80'])} LANG=C.UTF-8`)
  for (let i = r.int(1, 5); i > 0; i--) {
    if (r.chance(0.3)) lines.push('', `# step ${i}: ${r.pick(['dependencies', 'tooling', 'runtime user', 'cleanup'])}`)
    lines.push(...runChain(r))
  }
  lines.push('WORKDIR /app')
  if (multiStage) lines.push(`COPY --from=build ${runtime.lang === 'go' ? '/out/app' : '/app'} /app`)
  else lines.push(`COPY ${r.chance(0.5) ? '--chown=app:app ' : ''}. /app`)
  if (r.chance(0.3)) lines.push('COPY docker-entrypoint.sh /usr/local/bin/', 'RUN chmod +x /usr/local/bin/docker-entrypoint.sh')
  if (r.chance(0.7)) lines.push(`USER ${r.pick(['app', '1000', 'nobody', '10001:10001', 'app:app'])}`)
  lines.push(`EXPOSE ${r.pick(['8080', '3000', '5000', '80', '443'])}`)
  if (r.chance(0.5)) lines.push(`HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -fsS http://localhost:${r.pick(['8080', '3000'])}/health || exit 1`)
  const command = {
    go: '["/app/app"]',
    node: '["node", "dist/server.js"]',
    python: '["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
    java: '["java", "-jar", "/app/app.jar"]',
    rust: '["/app/app", "serve"]',
    c: '["/usr/local/bin/app", "--foreground"]'
  }[runtime.lang]
  if (r.chance(0.3)) lines.push('ENTRYPOINT ["docker-entrypoint.sh"]')
  lines.push(r.chance(0.85) ? `CMD ${command}` : `CMD ${JSON.parse(command).join(' ')}`)
}

function dockerfileText(r) {
  const runtime = r.pick(RUNTIMES)
  const lines = []
  if (r.chance(0.3)) lines.push('# syntax=docker/dockerfile:1.7')
  if (r.chance(0.4)) lines.push('# Generated for the containment benchmark', '#')
  lines.push(`ARG ${runtime.arg}=${runtime.version}`)
  const multiStage = r.chance(0.6)
  if (multiStage) buildStage(r, runtime, lines)
  runtimeStage(r, runtime, lines, multiStage)
  return lines.join('\n') + '\n'
}

function dockerfileName(r) {
  const roll = r.next()
  if (roll < 0.7) return 'Dockerfile'
  if (roll < 0.85) return `Dockerfile.${r.pick(['dev', 'prod', 'ci', 'test', 'alpine'])}`
  if (roll < 0.95) return `${r.pick(['api', 'web', 'worker', 'base'])}.dockerfile`
  return 'Containerfile'
}

function otherFile(r, index) {
  const kind = r.int(0, 9)
  if (kind <= 4) {
    const body = [`// module ${index}`, `import { helper${index % 97} } from './helpers.js'`, '']
    for (let i = r.int(2, 25); i > 0; i--) body.push(`export function f${i}(x) { return helper${index % 97}(x) + ${r.int(0, 999)} }`)
    return { name: `mod${index}.js`, text: body.join('\n') + '\n' }
  }
  if (kind <= 7) {
    const value = { id: index, name: `item-${index}`, tags: r.some(DIR_WORDS, 0, 5), enabled: r.chance(0.5), size: r.int(0, 1e6) }
    return { name: `data${index}.json`, text: JSON.stringify(value, null, 2) + '\n' }
  }
  const words = []
  for (let i = r.int(5, 120); i > 0; i--) words.push(r.pick(DIR_WORDS))
  return { name: r.chance(0.2) ? 'README.md' : `notes${index}.txt`, text: words.join(' ') + '\n' }
}

function randomDir(r, project) {
  const parts = [project]
  for (let depth = r.int(0, 4); depth > 0; depth--) parts.push(r.pick(DIR_WORDS))
  return parts.join('/')
}

// ---------------------------------------------------------------------------------------------------
// Compose files: the shapes real ones take (anchors and merge keys, short and long syntax, interpolation),
// with the risky settings at realistic rates.
// ---------------------------------------------------------------------------------------------------

const IMAGES = ['postgres:16', 'redis:7-alpine', 'nginx:1.27', 'mysql:8.0', 'mongo:7', 'rabbitmq:3-management',
  'traefik:v3.0', 'grafana/grafana:10.4.2', 'prom/prometheus:v2.51.0', 'minio/minio', 'elasticsearch:8.13.0',
  'ghcr.io/example/app:${TAG:-latest}', 'registry.example.com/team/api:1.4.2', 'busybox', 'memcached:1.6']

function composeService(r, name, hasDockerfile, lines) {
  lines.push(`  ${name}:`)
  if (r.chance(0.25)) lines.push('    <<: *defaults')
  if (hasDockerfile && r.chance(0.6)) {
    if (r.chance(0.5)) lines.push('    build: .')
    else lines.push('    build:', '      context: .', '      dockerfile: Dockerfile', '      args:', `        - VERSION=${r.int(1, 9)}.${r.int(0, 9)}`)
  } else {
    const image = r.pick(IMAGES)
    lines.push(`    image: ${r.chance(0.1) ? image.replace(/:.*$/, '') + '@sha256:' + 'cd34'.repeat(16) : image}`)
  }
  if (r.chance(0.5)) lines.push(`    container_name: ${name}-${r.int(1, 99)}`)
  if (r.chance(0.6)) {
    lines.push('    ports:')
    for (const port of r.some(['80', '443', '8080', '3000', '5432', '6379', '9090'], 1, 3)) {
      lines.push(r.chance(0.4) ? `      - "127.0.0.1:${port}:${port}"` : `      - "${port}:${port}"`)
    }
  }
  if (r.chance(0.6)) {
    if (r.chance(0.5)) {
      lines.push('    environment:', `      LOG_LEVEL: ${r.pick(['info', 'debug', 'warn'])}`, `      PORT: "${r.int(3000, 9000)}"`)
      if (r.chance(0.2)) lines.push(`      DB_PASSWORD: ${r.pick(['changeme', 'secret123', '${DB_PASSWORD}'])}`)
    } else {
      lines.push('    environment:', '      - NODE_ENV=production', `      - WORKERS=${r.int(1, 8)}`)
      if (r.chance(0.15)) lines.push(`      - API_TOKEN=${r.pick(['abc123def456', '${API_TOKEN:?set it}'])}`)
    }
  }
  if (r.chance(0.2)) lines.push('    env_file: .env')
  if (r.chance(0.6)) {
    lines.push('    volumes:')
    // One target per mount: Compose refuses two mounts on one path.
    const targets = new Set()
    for (let i = r.int(1, 3); i > 0; i--) {
      const roll = r.next()
      let mount
      if (roll < 0.4) mount = [`      - data-${name}:/var/lib/${name}`, `/var/lib/${name}`]
      else if (roll < 0.7) mount = [`      - ./${r.pick(DIR_WORDS)}:/app/${r.pick(DIR_WORDS)}${r.chance(0.5) ? ':ro' : ''}`]
      else if (roll < 0.8) mount = ['      - /var/run/docker.sock:/var/run/docker.sock', '/var/run/docker.sock']
      else if (roll < 0.88) mount = [`      - ${r.pick(['/etc', '/proc', '/sys/fs/cgroup', '/', '/home'])}:/host${r.chance(0.5) ? ':ro' : ''}`, '/host']
      else mount = ['      - type: bind', `        source: ./${r.pick(DIR_WORDS)}`, '        target: /config', '        read_only: true']
      const target = mount.length === 4 ? '/config' : mount[1] ?? mount[0].replace(/^.*?:([^:]+)(?::ro)?$/, '$1')
      if (targets.has(target)) continue
      targets.add(target)
      lines.push(...(mount.length === 4 ? mount : [mount[0]]))
    }
  }
  if (r.chance(0.08)) lines.push('    privileged: true')
  if (r.chance(0.12)) lines.push('    cap_add:', `      - ${r.pick(['NET_ADMIN', 'SYS_ADMIN', 'SYS_PTRACE', 'NET_BIND_SERVICE'])}`)
  if (r.chance(0.3)) lines.push('    cap_drop: [ALL]')
  if (r.chance(0.05)) lines.push(`    ${r.pick(['network_mode: host', 'pid: host', 'ipc: host'])}`)
  if (r.chance(0.3)) lines.push('    security_opt:', `      - ${r.pick(['no-new-privileges:true', 'seccomp:unconfined', 'apparmor:unconfined'])}`)
  if (r.chance(0.4)) lines.push(`    user: "${r.pick(['1000:1000', 'root', '0', '10001', 'node'])}"`)
  if (r.chance(0.3)) lines.push('    read_only: true')
  if (r.chance(0.05)) lines.push('    devices:', '      - /dev/fuse:/dev/fuse')
  if (r.chance(0.4)) lines.push('    deploy:', '      resources:', '        limits:', `          cpus: "${r.int(1, 4)}"`, `          memory: ${r.int(1, 8) * 128}M`)
  if (r.chance(0.4)) {
    lines.push('    healthcheck:', `      test: ["CMD", "curl", "-f", "http://localhost:${r.int(3000, 9000)}/health"]`, '      interval: 30s', '      retries: 3')
  }
  if (r.chance(0.5)) lines.push(`    restart: ${r.pick(['unless-stopped', 'always', 'on-failure'])}`)
}

function composeText(r, hasDockerfile) {
  const lines = []
  if (r.chance(0.3)) lines.push(`version: "${r.pick(['3', '3.8', '3.9'])}"`, '')
  if (r.chance(0.3)) lines.push('# Generated for the containment benchmark')
  const anchored = r.chance(0.4)
  if (anchored) lines.push('x-defaults: &defaults', '  restart: unless-stopped', '  logging:', '    driver: json-file', '')
  lines.push('services:')
  const names = r.some(['app', 'api', 'web', 'worker', 'db', 'cache', 'queue', 'proxy', 'metrics', 'search'], 1, 6)
  const named = []
  names.forEach((name, i) => {
    const start = lines.length
    composeService(r, name, hasDockerfile && i === 0, lines)
    if (!anchored) for (let at = start; at < lines.length; at++) if (lines[at] === '    <<: *defaults') lines.splice(at, 1)
    if (lines.slice(start).some((line) => line.startsWith(`      - data-${name}:`))) named.push(name)
    if (i > 0 && r.chance(0.4)) lines.push('    depends_on:', `      - ${names[0]}`)
  })
  if (named.length) {
    lines.push('', 'volumes:')
    for (const name of named) lines.push(`  data-${name}:`)
  }
  if (r.chance(0.3)) lines.push('', 'networks:', '  default:', `    name: net-${r.int(1, 999)}`)
  return lines.join('\n') + '\n'
}

function composeName(r) {
  const roll = r.next()
  if (roll < 0.5) return 'docker-compose.yml'
  if (roll < 0.75) return 'compose.yaml'
  if (roll < 0.9) return `docker-compose.${r.pick(['dev', 'prod', 'override', 'test'])}.yml`
  return `compose.${r.pick(['ci', 'local'])}.yaml`
}

const DOCKERIGNORE = ['.git', 'node_modules', '.env*', '*.pem', 'build/', ''].join('\n')
const ENTRYPOINT = ['#!/bin/sh', 'set -e', 'exec "$@"', ''].join('\n')

// ---------------------------------------------------------------------------------------------------
// The tree
// ---------------------------------------------------------------------------------------------------

/**
 * Writes the tree under `treeDir` (which should be empty) and returns its manifest: the Dockerfile and
 * Compose paths (in generation order), the number of other files, the bytes of each kind. Every file
 * counts toward `totalFiles`: the other files fill what the Dockerfiles, Compose files and their
 * companions (.dockerignore, entrypoint scripts, .env) leave.
 */
export function generateTree(treeDir, options = BENCH_TREE) {
  const { dockerfiles: dockerfileCount, composeFiles: composeCount, totalFiles, projects: projectCount = 250, seed } = options
  const r = makeRandom(seed)
  const projects = Array.from({ length: projectCount }, (_, i) => `project-${String(i).padStart(3, '0')}`)
  const taken = new Set()
  const write = (path, text) => {
    mkdirSync(dirname(join(treeDir, path)), { recursive: true })
    writeFileSync(join(treeDir, path), text)
    taken.add(path)
  }
  const dockerfiles = []
  const dockerfileDirs = []
  let dockerfileBytes = 0
  let companions = 0
  while (dockerfiles.length < dockerfileCount) {
    const dir = randomDir(r, r.pick(projects))
    const path = `${dir}/${dockerfileName(r)}`
    if (taken.has(path)) continue
    const text = dockerfileText(r)
    write(path, text)
    dockerfiles.push(path)
    dockerfileDirs.push(dir)
    dockerfileBytes += text.length
    // About half the build contexts have a .dockerignore; entrypoint scripts where a COPY names one.
    if (r.chance(0.5) && !taken.has(`${dir}/.dockerignore`)) (write(`${dir}/.dockerignore`, DOCKERIGNORE), companions++)
    if (text.includes('COPY docker-entrypoint.sh') && !taken.has(`${dir}/docker-entrypoint.sh`)) (write(`${dir}/docker-entrypoint.sh`, ENTRYPOINT), companions++)
  }
  const composeFiles = []
  let composeBytes = 0
  while (composeFiles.length < composeCount) {
    // Most Compose files sit beside a Dockerfile they build; the others only pull images.
    const besideDockerfile = r.chance(0.6)
    const dir = besideDockerfile ? r.pick(dockerfileDirs) : randomDir(r, r.pick(projects))
    const path = `${dir}/${composeName(r)}`
    if (taken.has(path)) continue
    const text = composeText(r, besideDockerfile && taken.has(`${dir}/Dockerfile`))
    write(path, text)
    composeFiles.push(path)
    composeBytes += text.length
    if (text.includes('env_file: .env') && !taken.has(`${dir}/.env`)) (write(`${dir}/.env`, 'LOG_LEVEL=info\n'), companions++)
  }
  const otherFiles = totalFiles - dockerfileCount - composeCount - companions
  let others = 0
  for (let index = 0; others < otherFiles; index++) {
    const file = otherFile(r, index)
    const path = `${randomDir(r, r.pick(projects))}/${file.name}`
    if (taken.has(path)) continue
    write(path, file.text)
    others++
  }
  return { version: GENERATOR_VERSION, options, dockerfiles, composeFiles, companions, otherFiles: others, dockerfileBytes, composeBytes }
}

/** The tree of the report-identity test (__tests__/perf/report-identity.test.ts): its JSON report is a fixture. */
export const IDENTITY_TREE = { dockerfiles: 100, composeFiles: 30, totalFiles: 1400, projects: 16, seed: 20261207 }
