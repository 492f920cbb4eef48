// The scanner the measurement scripts (bench.mjs, score.mjs) run: the built CLI when it has the command
// they need, else a small runner over the engine, bundled with ncc into .bench/ (gitignored). The runner
// is a stand-in while the CLI is being written; its output has the CLI's JSON shape ({ findings, files }).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const cli = join(root, 'dist', 'cli.js')

/** True when the CLI's usage (`node dist/cli.js --help`) lists `containment <command>` with `--format`. */
export function cliSupports(command) {
  if (!existsSync(cli)) return false
  const help = spawnSync(process.execPath, [cli, '--help'], { cwd: root, encoding: 'utf8', timeout: 30000 })
  if (help.status !== 0) return false
  return help.stdout.split('\n').some((line) => line.includes(`containment ${command}`) && line.includes('--format'))
}

const RUNNER_SOURCE = `import '../src/shell/dirname-shim.js'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { analyzerFor, scan, type InputFile } from '../src/core/engine.js'
import { allRules } from '../src/core/registry.js'
import { docsUrl } from '../src/core/rule.js'
import { DirectoryWorkspace } from '../src/core/workspace.js'

// Stand-in for the CLI: \`scan <dir>\` walks and picks files by name; \`scan-files <root> <file>…\` scans
// the files named (explicit: analysed whatever their name); \`rules\` prints the catalog.
function walk(dir: string, prefix: string, out: InputFile[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = prefix + entry.name
    if (entry.isDirectory()) {
      if (entry.name !== '.git' && entry.name !== 'node_modules') walk(join(dir, entry.name), path + '/', out)
    } else if (entry.isFile() && analyzerFor({ path }, undefined)) {
      out.push({ path, content: readFileSync(join(dir, entry.name)) })
    }
  }
}

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\\n')
}

const [command, base, ...files] = process.argv.slice(2)
if (command === 'rules') {
  print(allRules.map((r) => ({ id: r.id, slug: r.slug, severity: r.severity, title: r.title, docs: docsUrl(r.id), equivalents: r.equivalents })))
} else {
  const inputs: InputFile[] = []
  if (command === 'scan') walk(base, '', inputs)
  else for (const file of files) inputs.push({ path: relative(base, resolve(base, file)), content: readFileSync(resolve(base, file)), explicit: true })
  void scan(inputs, { workspace: new DirectoryWorkspace(base) }).then((result) => print({ findings: result.findings, files: result.files.length }))
}
`

let built

/** Bundles the runner (once per process); returns the path of its index.js. */
export function engineRunner() {
  if (built) return built
  const dir = join(root, '.bench')
  const entry = join(dir, 'engine-runner.ts')
  const out = join(dir, 'engine-runner')
  mkdirSync(dir, { recursive: true })
  writeFileSync(entry, RUNNER_SOURCE)
  // --transpile-only: other work in progress must not stop a measurement on a type error.
  execFileSync(join(root, 'node_modules', '.bin', 'ncc'), ['build', entry, '-o', out, '--quiet', '--transpile-only'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit']
  })
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n')
  writeFileSync(join(out, 'web-tree-sitter.wasm'), readFileSync(join(root, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm')))
  writeFileSync(join(out, 'tree-sitter-bash.wasm'), readFileSync(join(root, 'node_modules', 'tree-sitter-bash', 'tree-sitter-bash.wasm')))
  built = join(out, 'index.js')
  return built
}

/** Findings and file count of a JSON report, whatever its exact shape (an array, or { findings, files }). */
export function readReport(stdout) {
  const report = JSON.parse(stdout)
  const findings = Array.isArray(report) ? report : report.findings ?? report.results ?? []
  const files = typeof report.files === 'number' ? report.files : Array.isArray(report.files) ? report.files.length : report.summary?.files
  return { findings: Array.isArray(findings) ? findings : [], files }
}
