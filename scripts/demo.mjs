// npm run demo: runs the bundled Action (dist/index.js) exactly as the GitHub runner does, on the sample
// pull request in examples/demo (base/ is the main branch, head/ the pull request), against a local
// stand-in for the GitHub REST API, and prints what a reviewer sees. Node built-ins only: it works on a
// fresh clone without `npm install`.
// `--write-samples DIR` also writes what it printed as files (comment.md, summary.md, annotations.json):
// the screenshots are made from them, and a test compares the committed ones with a fresh run.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runAction, startGitHub, temporaryDirectory } from './runner-stand-in.mjs'

const root = join(fileURLToPath(import.meta.url), '..', '..')
const demo = join(root, 'examples', 'demo')
const entry = join(root, 'dist', 'index.js')
const BASE_SHA = 'b1a5e0000000000000000000000000000000b45e'
const HEAD_SHA = 'feed000000000000000000000000000000c0ffee'
const PR = 42

if (!existsSync(entry)) {
  console.error('dist/index.js is missing: run `npm run build` first.')
  process.exit(2)
}

const color = process.stdout.isTTY && !process.env.NO_COLOR
const paint = (code, text) => (color ? `\u001b[${code}m${text}\u001b[0m` : text)
const heading = (text) => console.log('\n' + paint('1;36', `━━ ${text} ${'━'.repeat(Math.max(0, 76 - text.length))}`))

function filesOf(dir) {
  const out = {}
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name)
      if (statSync(full).isDirectory()) walk(full)
      else out[relative(dir, full).split('\\').join('/')] = readFileSync(full, 'utf8')
    }
  }
  walk(dir)
  return out
}

/** The pull request's file list, as the API gives it: what head/ adds, changes or removes against base/. */
function changedFiles(base, head) {
  const files = []
  for (const path of Object.keys(head).sort()) {
    if (!(path in base)) files.push({ filename: path, status: 'added', patch: patchOf('', head[path]) })
    else if (base[path] !== head[path]) files.push({ filename: path, status: 'modified', patch: patchOf(base[path], head[path]) })
  }
  for (const path of Object.keys(base).sort()) if (!(path in head)) files.push({ filename: path, status: 'removed' })
  return files
}

/**
 * The `patch` GitHub lists with a file, enough for review comments: hunks of the head's lines that base/ does
 * not have, with three lines of context (the demo's changes only add lines, so no line is shown as removed).
 */
function patchOf(before, after) {
  const old = new Set(before.split('\n'))
  const lines = after.replace(/\n$/, '').split('\n')
  const added = lines.map((line) => !old.has(line))
  const shown = lines.map((_, i) => added.slice(Math.max(0, i - 3), i + 4).some(Boolean))
  const hunks = []
  for (let i = 0; i < lines.length; i++) {
    if (!shown[i]) continue
    let end = i
    while (end + 1 < lines.length && shown[end + 1]) end++
    const body = lines.slice(i, end + 1).map((line, k) => (added[i + k] ? '+' : ' ') + line)
    const kept = body.filter((line) => line.startsWith(' ')).length
    hunks.push(`@@ -${i + 1},${kept} +${i + 1},${end - i + 1} @@\n${body.join('\n')}`)
    i = end
  }
  return hunks.join('\n')
}

const base = filesOf(join(demo, 'base'))
const head = filesOf(join(demo, 'head'))
const github = await startGitHub({
  pulls: { [PR]: { files: changedFiles(base, head) } },
  contents: { [BASE_SHA]: base, [HEAD_SHA]: head },
  comments: [{ id: 1, issue: PR, body: 'Adding the log agent we talked about. PTAL!', user: 'dev-alice' }]
})

// The checkout: actions/checkout would put the pull request's files here.
const workspace = temporaryDirectory('containment-demo-')
cpSync(join(demo, 'head'), workspace, { recursive: true })

const event = {
  action: 'synchronize',
  number: PR,
  pull_request: {
    number: PR,
    changed_files: changedFiles(base, head).length,
    base: { sha: BASE_SHA, ref: 'main', repo: { full_name: 'octo/app' } },
    head: { sha: HEAD_SHA, ref: 'add-log-agent', repo: { full_name: 'octo/app' } }
  }
}

heading(`Pull request #${PR}: ${changedFiles(base, head).map((f) => `${f.filename} (${f.status})`).join(', ')}`)
console.log(`Running: node dist/index.js   (event pull_request, API at ${github.url})`)
const started = Date.now()
const run = await runAction({
  entry,
  workspace,
  event,
  eventName: 'pull_request',
  apiUrl: github.url,
  sha: HEAD_SHA,
  inputs: { 'github-token': 'demo-token', 'fail-on': 'high', 'sarif-file': 'containment.sarif' }
})
const seconds = ((Date.now() - started) / 1000).toFixed(1)

heading('Annotations (on the "Files changed" tab, on the lines)')
const icons = { error: paint('31', '✖ error  '), warning: paint('33', '⚠ warning'), notice: paint('34', 'ℹ notice ') }
for (const c of run.commands.filter((c) => c.command in icons)) {
  const where = c.properties.file ? `${c.properties.file}:${c.properties.line}${c.properties.col ? `:${c.properties.col}` : ''}` : '(no file)'
  const [first, ...rest] = c.message.split('\n')
  console.log(`${icons[c.command]}  ${paint('1', where.padEnd(18))} ${c.properties.title ? paint('1', c.properties.title) + ' — ' : ''}${first}`)
  for (const line of rest) console.log(' '.repeat(31) + paint('2', line))
}

heading('The pull request comment (sticky: edited in place on every push)')
const ours = github.state.comments.filter((c) => c.issue === PR && c.user === github.state.viewer)
console.log(ours.length ? ours.map((c) => c.body).join('\n---\n') : '(no comment)')

heading('Suggested changes (one review, on the lines of the diff)')
for (const c of github.state.reviewComments) console.log(`${paint('1', `${c.path}:${c.line}`)}\n${c.body}\n`)
if (github.state.reviewComments.length === 0) console.log('(none)')

heading('Job summary (the workflow run page)')
console.log(run.summary)

heading('Outputs (steps.<id>.outputs)')
for (const [name, value] of Object.entries(run.outputs)) console.log(`${name.padEnd(14)} ${value}`)

heading('GitHub API calls made')
for (const c of github.calls) console.log(`${c.method.padEnd(6)} ${c.path}${c.query}`)

heading('Verdict')
const failure = run.commands.filter((c) => c.command === 'error' && !c.properties.file).at(-1)
console.log(run.code === 0 ? paint('32', `✔ the check passes (exit code 0) in ${seconds} s`) : paint('31', `✖ the check fails (exit code ${run.code}) in ${seconds} s: ${failure?.message ?? ''}`))
if (run.stderr.trim()) console.log(paint('2', run.stderr))

const samplesAt = process.argv.indexOf('--write-samples')
if (samplesAt >= 0) {
  const dir = process.argv[samplesAt + 1]
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'comment.md'), ours.map((c) => c.body).join('\n---\n'))
  writeFileSync(join(dir, 'summary.md'), run.summary)
  const annotations = run.commands.filter((c) => c.command in icons).map(({ command, properties, message }) => ({ level: command, ...properties, message }))
  writeFileSync(join(dir, 'annotations.json'), JSON.stringify(annotations, null, 2) + '\n')
  const suggestions = github.state.reviewComments.map(({ path, line, start_line, body }) => ({ path, line, start_line, body }))
  writeFileSync(join(dir, 'suggestions.json'), JSON.stringify(suggestions, null, 2) + '\n')
}

await github.close()
