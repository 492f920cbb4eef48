// Benchmark (not a test): the CLI side by side with the parse-only floor and the npm peers, on one
// deterministic tree (scripts/bench-tree.mjs) of 2,000 Dockerfiles and 500 Compose files among 28,000 files.
//
//   npm run bench                         # 5 interleaved runs of every measurement, medians
//   npm run bench -- --runs 1 --quick     # while developing: one run, a short scaling curve
//   npm run bench -- --only pairs,scaling,cold --profile --cli <other cli.js> --dir <scratch> --regenerate
//   npm run bench -- --only cold --instructions   # cold starts also as instruction counts (valgrind)
//   npm run bench -- --only cold --node24 <node 24 binary>   # cold starts on Node 24 too (the Action's runtime;
//                                                            # NODE24_BIN is taken when set, as in CI)
//
// Every measurement is a child process timed from spawn to exit (wall), with its user+system CPU time and
// peak RSS from /usr/bin/time (or process.resourceUsage() in a preloaded hook). Runs are interleaved
// (run 1 of every command, then run 2, …) so that a change in the machine's load hits all of them alike.
// The peers (dockerfilelint, dclint) are installed with `npm install --prefix` into a folder of their own
// under the scratch directory: they are not dependencies of this project.
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, cpSync, existsSync, openSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BENCH_TREE, GENERATOR_VERSION, generateTree } from './bench-tree.mjs'
import { startGitHub } from './runner-stand-in.mjs'

const here = fileURLToPath(import.meta.url)
const root = join(dirname(here), '..')
const PEERS = { dockerfilelint: '1.8.0', dclint: '3.1.0' }
const TARGETS = { dockerfiles: 1.5, compose: 20, floor: 2, rssMiB: 150, coldMs: 150 }
const SCALING_SIZES = [200, 1000, 2500, 5000, 10000, 20000]

// ---------------------------------------------------------------------------------------------------
// Child mode: the parse-only floor. Walks the tree (any scanner must), reads every Dockerfile and Compose
// file, parses each with dockerfile-ast and js-yaml's event parser (what the YAML layer is built on).
// ---------------------------------------------------------------------------------------------------
if (process.argv[2] === '--floor-child') {
  const { DockerfileParser } = await import('dockerfile-ast')
  const { parseEvents } = await import('js-yaml')
  const dockerfile = /^(?:.*\.)?(?:dockerfile|containerfile)(?:\..*)?$/i
  const compose = /^(?:docker-)?compose(?:[._-].*)?\.ya?ml$/i
  let instructions = 0
  let events = 0
  const pending = [process.argv[3]]
  while (pending.length) {
    const dir = pending.pop()
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) pending.push(path)
      else if (!entry.isFile()) continue
      else if (dockerfile.test(entry.name)) instructions += DockerfileParser.parse(readFileSync(path, 'utf8')).getInstructions().length
      else if (compose.test(entry.name)) events += parseEvents(readFileSync(path, 'utf8')).length
    }
  }
  process.stdout.write(JSON.stringify({ instructions, events }) + '\n')
  process.exit(0)
}

// ---------------------------------------------------------------------------------------------------
// Measuring child processes
// ---------------------------------------------------------------------------------------------------

const TIME_BINARY = '/usr/bin/time'

/** Without /usr/bin/time: a preloaded module writes what `/usr/bin/time -f '%M %U %S'` would, at exit. */
function rssHook(dir) {
  const hook = join(dir, 'rss-hook.mjs')
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

/**
 * Runs `node <args>` (asynchronously: the stand-in API of the Action's cold start lives in this process)
 * and returns wall ms (spawn to exit), CPU ms, peak RSS KiB, exit status and stdout.
 */
async function measure(nodeArgs, { cwd = root, env = {}, scratch, prefix = [], node = process.execPath }) {
  const rssFile = join(scratch, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`)
  const useTime = existsSync(TIME_BINARY)
  const command = useTime ? TIME_BINARY : node
  const args = useTime ? ['-f', '%M %U %S', '-o', rssFile, ...prefix, node, ...nodeArgs] : ['--import', rssHook(scratch), ...nodeArgs]
  // stdout to a file: some tools exit before a pipe is drained (dockerfilelint's JSON is cut at 64 KiB).
  const outFile = rssFile.replace(/\.txt$/, '.stdout')
  const out = openSync(outFile, 'w')
  const started = process.hrtime.bigint()
  const child = spawn(command, args, { cwd, env: { ...process.env, BENCH_RSS_FILE: rssFile, ...env }, stdio: ['ignore', out, 'pipe'] })
  const err = []
  child.stderr.on('data', (d) => err.push(d))
  const status = await new Promise((resolve) => child.on('close', resolve))
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  closeSync(out)
  const stdout = readFileSync(outFile, 'utf8')
  rmSync(outFile, { force: true })
  const [rss, user, system] = (existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').pop() : '').split(' ').map(Number)
  rmSync(rssFile, { force: true })
  return {
    ms,
    cpuMs: user >= 0 && system >= 0 ? (user + system) * 1000 : NaN,
    rssKiB: rss || NaN,
    status,
    stdout,
    stderr: Buffer.concat(err).toString('utf8')
  }
}

function median(values) {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN
}

const s = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`)
const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`
const verdict = (ok) => (ok ? 'PASS' : 'FAIL')

// ---------------------------------------------------------------------------------------------------
// The tree and the peers
// ---------------------------------------------------------------------------------------------------

/** The tree for these options, generated once under `dir` and reused while generator and options match. */
function ensureTree(dir, options, regenerate) {
  const manifestFile = join(dir, 'manifest.json')
  const treeDir = join(dir, 'tree')
  const key = JSON.stringify({ version: GENERATOR_VERSION, options })
  if (!regenerate && existsSync(manifestFile) && existsSync(treeDir)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
    if (manifest.key === key) return { treeDir, manifest, reused: true }
  }
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(treeDir, { recursive: true })
  const manifest = { key, ...generateTree(treeDir, options) }
  writeFileSync(manifestFile, JSON.stringify(manifest))
  return { treeDir, manifest, reused: false }
}

/** dockerfilelint and dclint, installed into `<scratch>/peers` (not this project's dependencies). */
function ensurePeers(scratch) {
  const dir = join(scratch, 'peers')
  const bin = (name, path) => join(dir, 'node_modules', name, path)
  const wanted = Object.entries(PEERS).map(([name, version]) => `${name}@${version}`)
  const installed = Object.entries(PEERS).every(([name, version]) => {
    try {
      return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version === version
    } catch {
      return false
    }
  })
  if (!installed) {
    console.log(`installing the peers (${wanted.join(', ')}) into ${dir} …`)
    mkdirSync(dir, { recursive: true })
    const npm = spawnSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ...wanted], { stdio: 'inherit' })
    if (npm.status !== 0) return undefined
  }
  return { dockerfilelint: bin('dockerfilelint', 'bin/dockerfilelint'), dclint: bin('dclint', 'bin/dclint.cjs') }
}

// ---------------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------------

/** A peer's JSON report; its exit status says only whether it found something. */
function parsed(label, run) {
  try {
    return JSON.parse(run.stdout)
  } catch {
    throw new Error(`${label} printed no JSON report (exit ${run.status}):\n${run.stdout.slice(0, 500)}\n${run.stderr.slice(0, 2000)}`)
  }
}

/** Exit 1 only means findings; a run counts when its report parses. */
function checkReport(label, run) {
  if (run.status !== 0 && run.status !== 1) throw new Error(`${label} failed (exit ${run.status}):\n${run.stderr.slice(0, 4000)}`)
  const report = JSON.parse(run.stdout)
  return report.files ?? report.length
}

async function interleaved(commands, runs, scratch) {
  const results = Object.fromEntries(commands.map((c) => [c.label, []]))
  for (let run = 1; run <= runs; run++) {
    const line = []
    for (const command of commands) {
      const result = await measure(command.args, { cwd: command.cwd, scratch })
      result.files = command.check(result)
      results[command.label].push(result)
      line.push(`${command.label} ${s(result.ms)} (cpu ${s(result.cpuMs)})`)
    }
    console.log(`  run ${run}/${runs}: ${line.join(', ')}`)
  }
  return Object.fromEntries(
    Object.entries(results).map(([label, list]) => [
      label,
      { ms: median(list.map((r) => r.ms)), cpuMs: median(list.map((r) => r.cpuMs)), rssKiB: Math.max(...list.map((r) => r.rssKiB)), files: list[0].files }
    ])
  )
}

async function pairs({ cli, treeDir, manifest, runs, scratch, peers, results }) {
  const dockerfiles = manifest.dockerfiles
  const composeFiles = manifest.composeFiles
  const ours = (targets) => [cli, 'scan', ...targets, '--format', 'json']
  const commands = [
    { label: 'ours:dockerfiles', args: ours(dockerfiles), cwd: treeDir, check: (r) => checkReport('containment (Dockerfiles)', r) },
    peers && {
      label: 'dockerfilelint',
      args: [peers.dockerfilelint, '-j', ...dockerfiles],
      cwd: treeDir,
      check: (r) => parsed('dockerfilelint', r).files.length
    },
    { label: 'ours:compose', args: ours(composeFiles), cwd: treeDir, check: (r) => checkReport('containment (Compose)', r) },
    peers && { label: 'dclint', args: [peers.dclint, ...composeFiles, '-f', 'json', '--color', 'false'], cwd: treeDir, check: (r) => parsed('dclint', r).length },
    { label: 'ours:tree', args: ours(['.']), cwd: treeDir, check: (r) => checkReport('containment (tree)', r) },
    { label: 'floor', args: [here, '--floor-child', treeDir], cwd: root, check: () => dockerfiles.length + composeFiles.length }
  ].filter(Boolean)
  console.log(`\npairs: ${commands.map((c) => c.label).join(', ')}; ${runs} interleaved runs, medians`)
  const m = await interleaved(commands, runs, scratch)
  const row = (label, files) => {
    const r = m[label]
    return `  ${label.padEnd(17)} ${s(r.ms).padStart(8)} wall ${s(r.cpuMs).padStart(8)} cpu ${String(Math.round(files / (r.ms / 1000))).padStart(6)} files/s  peak RSS ${mib(r.rssKiB).padStart(7)}  (${r.files} files)`
  }
  console.log(row('ours:dockerfiles', dockerfiles.length))
  if (m.dockerfilelint) console.log(row('dockerfilelint', dockerfiles.length))
  console.log(row('ours:compose', composeFiles.length))
  if (m.dclint) console.log(row('dclint', composeFiles.length))
  console.log(row('ours:tree', dockerfiles.length + composeFiles.length))
  console.log(row('floor', dockerfiles.length + composeFiles.length))
  results.pairs = m
  if (m.dockerfilelint) results.dockerfilesRatio = m.dockerfilelint.ms / m['ours:dockerfiles'].ms
  if (m.dclint) results.composeRatio = m.dclint.ms / m['ours:compose'].ms
  results.floorRatio = m['ours:tree'].ms / m.floor.ms
  results.floorCpuRatio = m['ours:tree'].cpuMs / m.floor.cpuMs
}

async function scaling({ cli, scratch, runs, sizes, regenerate, results }) {
  console.log(`\nscaling: whole-tree scans (\`scan . --format json\`), the benchmark tree's proportions, ${runs} runs each, medians`)
  const points = []
  for (const total of sizes) {
    const options = {
      ...BENCH_TREE,
      dockerfiles: Math.round((total * BENCH_TREE.dockerfiles) / BENCH_TREE.totalFiles),
      composeFiles: Math.round((total * BENCH_TREE.composeFiles) / BENCH_TREE.totalFiles),
      totalFiles: total,
      projects: Math.max(4, Math.round((total * BENCH_TREE.projects) / BENCH_TREE.totalFiles))
    }
    const { treeDir } = ensureTree(join(scratch, `scale-${total}`), options, regenerate)
    const m = await interleaved([{ label: String(total), args: [cli, 'scan', '.', '--format', 'json'], cwd: treeDir, check: (r) => checkReport('scan', r) }], runs, scratch)
    const r = m[String(total)]
    points.push({ total, analysed: r.files, ms: r.ms, cpuMs: r.cpuMs, rssKiB: r.rssKiB })
    console.log(`  ${String(total).padStart(6)} files (${String(r.files).padStart(5)} analysed): ${s(r.ms).padStart(8)} wall ${s(r.cpuMs).padStart(8)} cpu  peak RSS ${mib(r.rssKiB)}`)
  }
  // Linear: a straight line through the CPU times explains them (R²), and the cost of a file at the top of
  // the curve is not above 1.5x its cost in the middle.
  const xs = points.map((p) => p.total)
  const ys = points.map((p) => p.cpuMs)
  const mx = xs.reduce((a, b) => a + b) / xs.length
  const my = ys.reduce((a, b) => a + b) / ys.length
  const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0)
  const intercept = my - slope * mx
  const ssRes = ys.reduce((a, y, i) => a + (y - (intercept + slope * xs[i])) ** 2, 0)
  const ssTot = ys.reduce((a, y) => a + (y - my) ** 2, 0)
  const r2 = ssTot === 0 ? 1 : 1 - ssRes / ssTot
  const last = points.length - 1
  const mid = Math.max(1, Math.floor(last / 2))
  const marginal = (i) => (points[i].cpuMs - points[i - 1].cpuMs) / (points[i].total - points[i - 1].total)
  const growth = points.length >= 3 ? marginal(last) / marginal(mid) : 1
  console.log(`  fit: cpu = ${s(intercept)} + ${(slope * 1000).toFixed(0)} µs per file, R² ${r2.toFixed(3)}; marginal cost per file at the top / in the middle: ${growth.toFixed(2)}`)
  results.scaling = { points, r2, growth, slopeUs: slope * 1000, interceptMs: intercept }
  const at10k = points.find((p) => p.total === 10000)
  if (at10k) results.rss10k = at10k.rssKiB / 1024
}

/** One small pull request for the Action: a Dockerfile added, its head checked out, a stand-in API. */
async function coldStart({ cli, action, scratch, runs, results }) {
  const small = join(scratch, 'cold')
  mkdirSync(small, { recursive: true })
  const DOCKERFILE = 'FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci --omit=dev && chmod 755 /app\nUSER node\nCMD ["node", "server.js"]\n'
  writeFileSync(join(small, 'Dockerfile'), DOCKERFILE)
  const commands = [{ label: 'node -e 0', args: ['-e', '0'], cwd: small, check: () => 0 }]
  commands.push({ label: 'cli', args: [cli, 'scan', 'Dockerfile', '--format', 'json'], cwd: small, check: (r) => checkReport('cli cold start', r) })
  let github
  if (action && existsSync(action)) {
    const BASE = 'b'.repeat(40)
    const HEAD = 'c'.repeat(40)
    github = await startGitHub({ pulls: { 7: { files: [{ filename: 'Dockerfile', status: 'added' }] } }, contents: { [BASE]: {}, [HEAD]: { Dockerfile: DOCKERFILE } } })
    const eventPath = join(scratch, 'event.json')
    writeFileSync(eventPath, JSON.stringify({ action: 'opened', number: 7, pull_request: { number: 7, changed_files: 1, base: { sha: BASE, ref: 'main', repo: { full_name: 'octo/app' } }, head: { sha: HEAD, ref: 'topic', repo: { full_name: 'octo/app' } } } }))
    const outputFile = join(scratch, 'gh-output')
    writeFileSync(outputFile, '')
    writeFileSync(join(scratch, 'gh-summary'), '')
    const env = {
      GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.com', GITHUB_GRAPHQL_URL: `${github.url}/graphql`, GITHUB_REPOSITORY: 'octo/app', GITHUB_SHA: HEAD,
      GITHUB_WORKSPACE: small, GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1', GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: join(scratch, 'gh-summary'),
      RUNNER_TEMP: scratch, 'INPUT_GITHUB-TOKEN': 'bench-token', 'INPUT_FAIL-ON': 'never', NO_PROXY: '127.0.0.1,localhost'
    }
    commands.push({
      label: 'action',
      args: [action],
      cwd: small,
      env,
      check: (r) => {
        if (r.status !== 0) throw new Error(`action cold start failed (exit ${r.status}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(0, 2000)}`)
        return 1
      }
    })
  }
  // The Action runs on node24: where a Node 24 binary is given, every cold start is measured on it too.
  const node24 = option('--node24', process.env.NODE24_BIN)
  if (node24) {
    const version = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim()
    console.log(`\nNode 24 for the cold starts: ${node24} (${version})`)
    for (const command of [...commands]) commands.push({ ...command, label: `${command.label}@24`, node: node24 })
  }
  const coldRuns = Math.max(runs, 5) * 2 + 1
  console.log(`\ncold start: process start to exit on one small Dockerfile (CLI) and one small pull request (Action, local stand-in API), ${coldRuns} interleaved runs, medians`)
  const lists = Object.fromEntries(commands.map((c) => [c.label, []]))
  for (let run = 0; run < coldRuns; run++) {
    for (const command of commands) {
      const r = await measure(command.args, { cwd: command.cwd, env: command.env, scratch, node: command.node })
      command.check(r)
      lists[command.label].push(r)
    }
  }
  if (process.argv.includes('--instructions')) await coldInstructions(commands, scratch, lists)
  if (github) await github.close?.()
  const cold = {}
  for (const [label, list] of Object.entries(lists)) {
    cold[label] = { ms: median(list.map((r) => r.ms)), cpuMs: median(list.map((r) => r.cpuMs)), rssKiB: median(list.map((r) => r.rssKiB)), instructions: list.instructions }
    console.log(`  ${label.padEnd(13)} ${s(cold[label].ms).padStart(7)} wall ${s(cold[label].cpuMs).padStart(7)} cpu  RSS ${mib(cold[label].rssKiB)}`)
  }
  results.cold = cold
}

/**
 * `--instructions`: each cold start once more under valgrind's callgrind, which counts the instructions
 * the process ran: the same count run after run whatever else the machine is doing, where wall times on
 * a shared machine move by half. Counts all of the process's threads; not a child such as git.
 */
async function coldInstructions(commands, scratch, lists) {
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.log('  instructions: valgrind is not installed (apt-get install valgrind)')
    return
  }
  console.log('  instructions (valgrind --tool=callgrind, one run each):')
  for (const command of commands) {
    const out = join(scratch, `callgrind.${command.label.replace(/[^a-z0-9]+/gi, '-')}`)
    const r = await measure(command.args, { cwd: command.cwd, env: command.env, scratch, node: command.node, prefix: ['valgrind', '--tool=callgrind', `--callgrind-out-file=${out}`] })
    command.check(r)
    const summary = /^summary: (\d+)$/m.exec(readFileSync(out, 'utf8'))
    rmSync(out, { force: true })
    const instructions = summary ? Number(summary[1]) : NaN
    lists[command.label].instructions = instructions
    console.log(`    ${command.label.padEnd(10)} ${(instructions / 1e6).toFixed(0).padStart(6)} M instructions`)
  }
}

// ---------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------

function option(name, fallback) {
  const at = process.argv.indexOf(name)
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback
}

function printTargets(results) {
  console.log('\ntargets:')
  const line = (ok, text) => console.log(`  ${ok === undefined ? 'n/a ' : verdict(ok)}  ${text}`)
  const p = results.pairs
  if (p) {
    line(results.dockerfilesRatio === undefined ? undefined : results.dockerfilesRatio >= TARGETS.dockerfiles,
      `Dockerfiles: ${results.dockerfilesRatio?.toFixed(2) ?? '?'}x dockerfilelint's files/s (wall; target ≥ ${TARGETS.dockerfiles}x; CPU ratio ${p.dockerfilelint ? (p.dockerfilelint.cpuMs / p['ours:dockerfiles'].cpuMs).toFixed(2) : '?'}x)`)
    line(results.composeRatio === undefined ? undefined : results.composeRatio >= TARGETS.compose,
      `Compose: ${results.composeRatio?.toFixed(1) ?? '?'}x dclint's files/s (wall; target ≥ ${TARGETS.compose}x; CPU ratio ${p.dclint ? (p.dclint.cpuMs / p['ours:compose'].cpuMs).toFixed(1) : '?'}x)`)
    line(results.floorRatio <= TARGETS.floor, `whole scan: ${results.floorRatio.toFixed(2)}x the floor (wall; target ≤ ${TARGETS.floor}x; CPU ${results.floorCpuRatio.toFixed(2)}x)`)
  }
  if (results.scaling) {
    line(results.rss10k === undefined ? undefined : results.rss10k <= TARGETS.rssMiB, `peak RSS at 10,000 files: ${results.rss10k?.toFixed(0) ?? '?'} MiB (target ≤ ${TARGETS.rssMiB} MiB)`)
    const { r2, growth } = results.scaling
    line(r2 >= 0.98 && growth <= 1.5, `linear in the number of files: R² ${r2.toFixed(3)} (≥ 0.98), marginal cost growth ${growth.toFixed(2)} (≤ 1.5)`)
  }
  if (results.cold) {
    line(results.cold.cli.ms <= TARGETS.coldMs, `cold start, CLI: ${s(results.cold.cli.ms)} (target ≤ ${TARGETS.coldMs} ms; node -e 0: ${s(results.cold['node -e 0'].ms)})`)
    if (results.cold.action) line(results.cold.action.ms <= TARGETS.coldMs, `cold start, Action: ${s(results.cold.action.ms)} (target ≤ ${TARGETS.coldMs} ms)`)
    if (results.cold['cli@24']) {
      const c = results.cold
      line(c['cli@24'].ms <= TARGETS.coldMs, `cold start on Node 24, CLI: ${s(c['cli@24'].ms)} (target ≤ ${TARGETS.coldMs} ms; node -e 0: ${s(c['node -e 0@24'].ms)})`)
      if (c['action@24']) line(c['action@24'].ms <= TARGETS.coldMs, `cold start on Node 24 (the Action's runtime), Action: ${s(c['action@24'].ms)} (target ≤ ${TARGETS.coldMs} ms)`)
    }
  }
}

async function main() {
  const scratch = option('--dir', join(tmpdir(), 'containment-bench'))
  const quick = process.argv.includes('--quick')
  const runs = Math.max(1, Number(option('--runs', quick ? '1' : '5')) || 5)
  const only = new Set(option('--only', 'pairs,scaling,cold').split(','))
  const regenerate = process.argv.includes('--regenerate')
  mkdirSync(scratch, { recursive: true })
  // A private copy of dist/: a rebuild while the benchmark runs must not change what is measured.
  const snapshot = join(scratch, 'dist')
  const source = option('--cli') ? dirname(option('--cli')) : join(root, 'dist')
  if (!existsSync(join(source, 'cli.js'))) {
    console.error(`${join(source, 'cli.js')} is missing: run \`npm run build\` first.`)
    process.exit(2)
  }
  rmSync(snapshot, { recursive: true, force: true })
  cpSync(source, snapshot, { recursive: true })
  const cli = join(snapshot, 'cli.js')
  const action = join(snapshot, 'index.js')
  console.log(`machine: ${process.platform} ${process.arch}, node ${process.version}, ${cpus().length} CPUs (${availableParallelism()} available), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  console.log(`measuring: ${relative(root, source) || source}/cli.js and index.js (a copy taken at start)`)
  const results = {}
  if (only.has('pairs')) {
    const started = Date.now()
    const { treeDir, manifest, reused } = ensureTree(join(scratch, 'bench'), BENCH_TREE, regenerate)
    console.log(
      `tree: ${treeDir} (${reused ? 'reused' : `generated in ${((Date.now() - started) / 1000).toFixed(1)} s`}, generator v${GENERATOR_VERSION}): ` +
        `${manifest.dockerfiles.length} Dockerfiles (${(manifest.dockerfileBytes / 1048576).toFixed(1)} MiB), ${manifest.composeFiles.length} Compose files (${(manifest.composeBytes / 1048576).toFixed(2)} MiB), ` +
        `${BENCH_TREE.totalFiles} files in all`
    )
    const peers = process.argv.includes('--no-peers') ? undefined : ensurePeers(scratch)
    await pairs({ cli, treeDir, manifest, runs, scratch, peers, results })
    if (process.argv.includes('--profile')) await profile(cli, treeDir, scratch)
  }
  if (only.has('scaling')) await scaling({ cli, scratch, runs: quick ? 1 : Math.min(runs, 3), sizes: quick ? [200, 2500, 10000] : SCALING_SIZES, regenerate, results })
  if (only.has('cold')) await coldStart({ cli, action, scratch, runs, results })
  printTargets(results)
  console.log(`load at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  writeFileSync(join(scratch, 'results.json'), JSON.stringify(results, null, 2))
}

/** `node --cpu-prof` of the whole-tree scan; the top functions by self time. */
async function profile(cli, treeDir, scratch) {
  const dir = join(scratch, 'profile')
  rmSync(dir, { recursive: true, force: true })
  await measure(['--cpu-prof', '--cpu-prof-dir', dir, cli, 'scan', '.', '--format', 'json'], { cwd: treeDir, scratch })
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
  if (!file) return
  const data = JSON.parse(readFileSync(join(dir, file), 'utf8'))
  const self = new Map()
  const byId = new Map(data.nodes.map((n) => [n.id, n]))
  let total = 0
  data.samples.forEach((id, i) => {
    const n = byId.get(id)
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (data.timeDeltas[i] ?? 0))
    total += data.timeDeltas[i] ?? 0
  })
  console.log(`\nprofile of the whole-tree scan (main thread; ${join(dir, file)}), self time:`)
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`)
}

await main()
