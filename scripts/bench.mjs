// Benchmark (not a test): how fast the CLI scans a large repository, against the floor of reading and
// parsing the same Dockerfiles with dockerfile-ast alone.
//
//   npm run bench                      # 3 runs of each, medians
//   npm run bench -- --runs 5 --profile
//   npm run bench -- --dir /some/where --regenerate
//
// A deterministic tree (seeded PRNG) of 2,000 Dockerfiles among 20,000 unrelated files is generated once
// under os.tmpdir()/containment-bench and reused while the generator version matches. The full scan is
// `node dist/cli.js scan <tree> --format json` timed as a child process, with its peak RSS from
// /usr/bin/time (or process.resourceUsage() in a preloaded hook). The floor is a child node process too
// (both pay start-up): it reads the 2,000 Dockerfiles and runs DockerfileParser.parse + getInstructions.
// Goal: the full scan within 2x the floor. Above it (or with --profile) the CLI is run once under
// --cpu-prof and the top costs are printed.
import { spawnSync } from 'node:child_process'
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cli, cliSupports, engineRunner, readReport, root } from './engine-fallback.mjs'

const GENERATOR_VERSION = 1
const DOCKERFILE_COUNT = 2000
const OTHER_FILE_COUNT = 20000
const PROJECT_COUNT = 250
const GOAL_RATIO = 2

const here = fileURLToPath(import.meta.url)

// ---------------------------------------------------------------------------------------------------
// Child mode: the parse-only floor. Runs in its own node process so that it pays start-up like the CLI.
// ---------------------------------------------------------------------------------------------------
if (process.argv[2] === '--floor-child') {
  await floorChild(process.argv[3], process.argv[4])
  process.exit(0)
}

async function floorChild(treeDir, listFile) {
  const { DockerfileParser } = (await import('dockerfile-ast')).default ?? (await import('dockerfile-ast'))
  const paths = JSON.parse(readFileSync(listFile, 'utf8'))
  let instructions = 0
  for (const path of paths) {
    const text = readFileSync(join(treeDir, path), 'utf8')
    instructions += DockerfileParser.parse(text).getInstructions().length
  }
  process.stdout.write(JSON.stringify({ files: paths.length, instructions }) + '\n')
}

// ---------------------------------------------------------------------------------------------------
// Deterministic generator
// ---------------------------------------------------------------------------------------------------

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

/** Writes the tree unless a tree of this generator version is already there. Returns the Dockerfile paths. */
function ensureTree(benchDir, regenerate) {
  const manifestFile = join(benchDir, 'manifest.json')
  const treeDir = join(benchDir, 'tree')
  if (!regenerate && existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
    if (manifest.version === GENERATOR_VERSION && existsSync(treeDir)) return { treeDir, manifest, reused: true }
  }
  rmSync(benchDir, { recursive: true, force: true })
  mkdirSync(treeDir, { recursive: true })
  const r = makeRandom(0xc0ffee)
  const projects = Array.from({ length: PROJECT_COUNT }, (_, i) => `project-${String(i).padStart(3, '0')}`)
  const taken = new Set()
  const write = (path, text) => {
    mkdirSync(dirname(join(treeDir, path)), { recursive: true })
    writeFileSync(join(treeDir, path), text)
    taken.add(path)
  }
  const dockerfiles = []
  let bytes = 0
  while (dockerfiles.length < DOCKERFILE_COUNT) {
    const path = `${randomDir(r, r.pick(projects))}/${dockerfileName(r)}`
    if (taken.has(path)) continue
    const text = dockerfileText(r)
    write(path, text)
    dockerfiles.push(path)
    bytes += text.length
  }
  let others = 0
  for (let index = 0; others < OTHER_FILE_COUNT; index++) {
    const file = otherFile(r, index)
    const path = `${randomDir(r, r.pick(projects))}/${file.name}`
    if (taken.has(path)) continue
    write(path, file.text)
    others++
  }
  const manifest = { version: GENERATOR_VERSION, dockerfiles, otherFiles: others, dockerfileBytes: bytes }
  writeFileSync(manifestFile, JSON.stringify(manifest))
  return { treeDir, manifest, reused: false }
}

// ---------------------------------------------------------------------------------------------------
// Measuring child processes
// ---------------------------------------------------------------------------------------------------

const TIME_BINARY = '/usr/bin/time'

/** Runs `node <args>` with stdout to a file; returns wall and CPU time, peak RSS (KiB), exit code and stdout. */
function measureNode(nodeArgs, benchDir, label) {
  const outFile = join(benchDir, `${label}.stdout`)
  const rssFile = join(benchDir, `${label}.rss`)
  rmSync(rssFile, { force: true })
  const useTime = existsSync(TIME_BINARY)
  const command = useTime ? TIME_BINARY : process.execPath
  const args = useTime
    ? ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...nodeArgs]
    : ['--import', rssHook(benchDir), ...nodeArgs]
  const out = openSync(outFile, 'w')
  const started = process.hrtime.bigint()
  const child = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', out, 'pipe'],
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    maxBuffer: 64 * 1024 * 1024
  })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  closeSync(out)
  // Last line of the file: peak RSS in KiB, user and system CPU seconds.
  const [rss, user, system] = (existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').pop() : '').split(' ').map(Number)
  return {
    ms,
    cpuMs: user >= 0 && system >= 0 ? (user + system) * 1000 : undefined,
    rssKiB: rss || undefined,
    status: child.status,
    stderr: String(child.stderr ?? ''),
    stdout: readFileSync(outFile, 'utf8')
  }
}

/** Without /usr/bin/time: a preloaded module writes what /usr/bin/time -f '%M %U %S' would, at exit. */
function rssHook(benchDir) {
  const hook = join(benchDir, 'rss-hook.mjs')
  writeFileSync(
    hook,
    "import { writeFileSync } from 'node:fs'\n" +
      "process.on('exit', () => {\n" +
      '  const u = process.resourceUsage()\n' +
      "  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}`)\n" +
      '})\n'
  )
  return hook
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]
}

// ---------------------------------------------------------------------------------------------------
// The scanner under test: the CLI, or (while it has no scan command) a runner over the engine
// ---------------------------------------------------------------------------------------------------

/** Findings and file counts from the JSON report, when it parses. */
function summarizeReport(stdout) {
  try {
    const report = readReport(stdout)
    return { findings: report.findings.length, files: report.files }
  } catch {
    return { findings: undefined, files: undefined }
  }
}

// ---------------------------------------------------------------------------------------------------
// Profile summary
// ---------------------------------------------------------------------------------------------------

function summarizeProfile(file, snapshot, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const sampled = new Map()
  profile.samples.forEach((id, i) => sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const name = (n) => {
    const raw = n.callFrame.url
    const path = raw.startsWith('file:') ? fileURLToPath(raw) : raw
    const url = path.startsWith(snapshot) ? 'dist' + path.slice(snapshot.length) : path.startsWith('/') ? relative(root, path) : path
    return `${n.callFrame.functionName || '(anonymous)'}${url ? ` ${url}:${n.callFrame.lineNumber + 1}` : ''}`
  }
  const self = new Map()
  const inclusive = new Map()
  let total = 0
  for (const [id, us] of sampled) {
    total += us
    self.set(name(byId.get(id)), (self.get(name(byId.get(id))) ?? 0) + us)
    const seen = new Set()
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const key = name(byId.get(at))
      if (seen.has(key)) continue
      seen.add(key)
      inclusive.set(key, (inclusive.get(key) ?? 0) + us)
    }
  }
  const rows = (map) =>
    [...map]
      .filter(([key]) => !/^\((root|program|idle)\)/.test(key))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`)
      .join('\n')
  return `  total sampled: ${(total / 1000).toFixed(0)} ms\n self time:\n${rows(self)}\n inclusive time:\n${rows(inclusive)}`
}

// ---------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------

function option(name, fallback) {
  const at = process.argv.indexOf(name)
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback
}

function fmtMs(ms) {
  return `${ms.toFixed(0)} ms`
}

async function main() {
  const benchDir = option('--dir', join(tmpdir(), 'containment-bench'))
  const runs = Math.max(1, Number(option('--runs', '3')) || 3)
  const wantProfile = process.argv.includes('--profile')
  const generateStart = Date.now()
  const { treeDir, manifest, reused } = ensureTree(benchDir, process.argv.includes('--regenerate'))
  console.log(
    `tree: ${treeDir} (${reused ? 'reused' : `generated in ${((Date.now() - generateStart) / 1000).toFixed(1)} s`}, generator v${GENERATOR_VERSION}): ` +
      `${manifest.dockerfiles.length} Dockerfiles (${(manifest.dockerfileBytes / 1024 / 1024).toFixed(1)} MiB) among ${manifest.otherFiles} other files`
  )
  const listFile = join(benchDir, 'dockerfiles.json')
  writeFileSync(listFile, JSON.stringify(manifest.dockerfiles))

  // A private copy of dist/: a rebuild while the benchmark runs must not change what is measured.
  const snapshot = join(benchDir, 'dist')
  rmSync(snapshot, { recursive: true, force: true })
  if (existsSync(cli)) cpSync(dirname(cli), snapshot, { recursive: true })
  let scanner = join(snapshot, 'cli.js')
  let scanArgs = ['scan', treeDir, '--format', 'json']
  let scannerLabel = 'node dist/cli.js scan <tree> --format json (a copy taken at start)'
  if (!cliSupports('scan')) {
    console.log('note: dist/cli.js has no working `scan --help` yet: measuring a runner over the engine (walk + scan) instead.')
    scanner = engineRunner()
    scanArgs = ['scan', treeDir]
    scannerLabel = 'engine runner (.bench/engine-runner)'
  }

  const full = []
  const floor = []
  for (let run = 1; run <= runs; run++) {
    const scanRun = measureNode([scanner, ...scanArgs], benchDir, 'scan')
    // Exit 1 only means findings at --fail-on; a run counts when its report parses.
    if ((scanRun.status !== 0 && scanRun.status !== 1) || summarizeReport(scanRun.stdout).findings === undefined) {
      console.error(`scan failed (exit ${scanRun.status}):\n${scanRun.stderr.slice(0, 4000)}`)
      process.exit(1)
    }
    full.push(scanRun)
    const floorRun = measureNode([here, '--floor-child', treeDir, listFile], benchDir, 'floor')
    if (floorRun.status !== 0) {
      console.error(`floor child failed (exit ${floorRun.status}):\n${floorRun.stderr.slice(0, 4000)}`)
      process.exit(1)
    }
    floor.push(floorRun)
    console.log(`run ${run}/${runs}: full ${fmtMs(scanRun.ms)} (cpu ${fmtMs(scanRun.cpuMs ?? NaN)}), floor ${fmtMs(floorRun.ms)} (cpu ${fmtMs(floorRun.cpuMs ?? NaN)})`)
  }

  const fullMs = median(full.map((r) => r.ms))
  const floorMs = median(floor.map((r) => r.ms))
  const fullRss = Math.max(...full.map((r) => r.rssKiB ?? 0))
  const floorRss = Math.max(...floor.map((r) => r.rssKiB ?? 0))
  const count = manifest.dockerfiles.length
  const report = summarizeReport(full[full.length - 1].stdout)
  const ratio = fullMs / floorMs
  const fullCpu = median(full.map((r) => r.cpuMs ?? NaN))
  const floorCpu = median(floor.map((r) => r.cpuMs ?? NaN))
  const mib = (kib) => (kib ? `${(kib / 1024).toFixed(0)} MiB` : 'n/a')
  console.log('')
  console.log(`scanner:   ${scannerLabel}`)
  console.log(`report:    ${report.files ?? '?'} files analysed, ${report.findings ?? '?'} findings`)
  if (report.files !== undefined && report.files !== count) {
    console.log(`warning:   the scan analysed ${report.files} files, the tree holds ${count} Dockerfiles`)
  }
  console.log(`full scan: ${fmtMs(fullMs)} median of ${runs} (min ${fmtMs(Math.min(...full.map((r) => r.ms)))}), ` +
    `${(count / (fullMs / 1000)).toFixed(0)} Dockerfiles/s, ${(fullMs / count).toFixed(2)} ms per Dockerfile, ` +
    `${((count + manifest.otherFiles) / (fullMs / 1000)).toFixed(0)} files walked/s, peak RSS ${mib(fullRss)}`)
  console.log(`floor:     ${fmtMs(floorMs)} median (read + DockerfileParser.parse + getInstructions, own process), ` +
    `${(count / (floorMs / 1000)).toFixed(0)} Dockerfiles/s, ${(floorMs / count).toFixed(2)} ms per Dockerfile, peak RSS ${mib(floorRss)}`)
  console.log(`cpu time:  full ${fmtMs(fullCpu)}, floor ${fmtMs(floorCpu)} (user + system, medians; steadier than wall time on a loaded machine): ${(fullCpu / floorCpu).toFixed(2)}x`)
  console.log(`ratio:     ${ratio.toFixed(2)}x the floor in wall time (goal: within ${GOAL_RATIO}x) ${ratio <= GOAL_RATIO ? 'OK' : 'ABOVE GOAL'}`)
  console.log(`machine:   ${process.platform} ${process.arch}, node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)

  if (wantProfile || ratio > GOAL_RATIO) {
    const profileDir = join(benchDir, 'profile')
    rmSync(profileDir, { recursive: true, force: true })
    measureNode(['--cpu-prof', '--cpu-prof-dir', profileDir, scanner, ...scanArgs], benchDir, 'profile')
    const profiles = existsSync(profileDir) ? readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')) : []
    if (profiles.length) {
      console.log(`\nprofile of the full scan (${join(profileDir, profiles[0])}):`)
      console.log(summarizeProfile(join(profileDir, profiles[0]), snapshot))
    }
  }
}

await main()
