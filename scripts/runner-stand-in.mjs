// A stand-in for the two things a JavaScript action talks to: the GitHub REST API (a local HTTP server
// that serves fixtures and records every call) and the Actions runner (the environment it sets, the
// files it reads back, the workflow commands it parses from stdout). Node built-ins only, so
// `npm run demo` runs on a fresh clone; the end-to-end tests use the same module.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// ---------------------------------------------------------------------------------------------------
// The REST API stand-in.

/**
 * state: {
 *   owner, repo,
 *   pulls: { [number]: { files: [{ filename, status, previous_filename? }], head?: { sha, ref, repo }, state? } },
 *   contents: { [ref]: { [path]: string | { symlink: target } } },
 *   comments: [{ id, issue, body, user }],          // the PR's existing comments
 *   reviews: [{ id, pull, body, user, commit_id }], // pull request reviews
 *   reviewComments: [{ id, pull, review, path, line, start_line, body, user }],  // their line comments (line null: outdated)
 *   viewer: 'github-actions[bot]',                   // the token's identity
 *   faults: [{ method, path: RegExp | string, status, times, message? }]   // injected failures
 *   checkRuns: [{ id, name, head_sha, conclusion, output: { title, summary, annotations } }]   // created
 * }
 */
export async function startGitHub(state) {
  const s = {
    owner: 'octo',
    repo: 'app',
    pulls: {},
    contents: {},
    comments: [],
    reviews: [],
    reviewComments: [],
    viewer: 'github-actions[bot]',
    faults: [],
    checkRuns: [],
    ...state
  }
  s.comments = s.comments.map((c) => ({ user: s.viewer, ...c }))
  s.reviews = s.reviews.map((r) => ({ user: s.viewer, ...r }))
  s.reviewComments = s.reviewComments.map((c) => ({ user: s.viewer, ...c }))
  let nextId = Math.max(1000, ...[...s.comments, ...s.reviews, ...s.reviewComments].map((c) => c.id + 1))
  const calls = []
  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const body = text ? safeJson(text) : undefined
      const url = new URL(req.url, `http://${req.headers.host}`)
      calls.push({ at: Date.now(), method: req.method, path: decodePath(url.pathname), query: url.search, body, authorization: req.headers.authorization })
      const fault = s.faults.find((f) => f.method === req.method && matches(f.path, decodePath(url.pathname)) && f.times > 0)
      if (fault) {
        fault.times--
        return send(res, fault.status, { message: fault.message ?? 'Injected failure', documentation_url: 'https://docs.github.com/rest' })
      }
      try {
        route(s, req.method, url, body, res, () => nextId++)
      } catch (error) {
        send(res, 500, { message: String(error) })
      }
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    state: s,
    /** Calls other than reads of file contents, as "METHOD /path". */
    writes: () => calls.filter((c) => c.method !== 'GET' && c.path !== '/graphql').map((c) => `${c.method} ${c.path}`),
    close: () => new Promise((resolve) => server.close(resolve))
  }
}

/** Octokit percent-encodes the slashes of a contents path (`a%2Fb`); GitHub reads it as `a/b`. */
function decodePath(path) {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

function matches(pattern, path) {
  return typeof pattern === 'string' ? path === pattern || path.startsWith(pattern) : pattern.test(path)
}

function safeJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function send(res, status, data, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(data === undefined ? '' : JSON.stringify(data))
}

/** Serves one page of `items` with GitHub's Link header. */
function sendPage(res, url, items) {
  const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30))
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1))
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const links = []
  const at = (n) => {
    const next = new URL(url)
    next.searchParams.set('page', String(n))
    next.searchParams.set('per_page', String(perPage))
    return `<${next.href}>`
  }
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`)
  if (page > 1) links.push(`${at(1)}; rel="first"`, `${at(page - 1)}; rel="prev"`)
  send(res, 200, items.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {})
}

function route(s, method, url, body, res, newId) {
  const base = `/repos/${s.owner}/${s.repo}`
  const path = url.pathname
  let m
  if (method === 'POST' && path === '/graphql') return send(res, 200, { data: { viewer: { login: s.viewer } } })
  if (!path.startsWith(base + '/')) return send(res, 404, { message: 'Not Found' })
  const rest = path.slice(base.length)
  if (method === 'GET' && (m = /^\/pulls\/(\d+)\/files$/.exec(rest))) {
    const pull = s.pulls[m[1]]
    if (!pull) return send(res, 404, { message: 'Not Found' })
    // The real endpoint stops at 3,000 files whatever the pull request changes.
    return sendPage(res, url, pull.files.slice(0, 3000).map(fileEntry))
  }
  if (method === 'GET' && rest === '/pulls') {
    // Open pull requests, filtered by `head=owner:branch` as the real endpoint filters them.
    const head = url.searchParams.get('head')
    const open = Object.entries(s.pulls)
      .filter(([, p]) => p.head && (p.state ?? 'open') === (url.searchParams.get('state') ?? 'open'))
      .filter(([, p]) => !head || `${p.head.repo.split('/')[0]}:${p.head.ref}` === head)
      .map(([number, p]) => ({ number: Number(number), state: p.state ?? 'open', head: { sha: p.head.sha, ref: p.head.ref, repo: { full_name: p.head.repo } } }))
    return sendPage(res, url, open)
  }
  if (method === 'POST' && rest === '/check-runs') {
    const run = { id: newId(), ...body, output: { ...body.output, annotations: [...(body.output?.annotations ?? [])] } }
    s.checkRuns.push(run)
    return send(res, 201, { id: run.id, html_url: `https://github.com/${s.owner}/${s.repo}/runs/${run.id}` })
  }
  if (method === 'PATCH' && (m = /^\/check-runs\/(\d+)$/.exec(rest))) {
    const run = s.checkRuns.find((r) => r.id === Number(m[1]))
    if (!run) return send(res, 404, { message: 'Not Found' })
    run.output = { ...run.output, ...body.output, annotations: [...run.output.annotations, ...(body.output?.annotations ?? [])] }
    return send(res, 200, { id: run.id, html_url: `https://github.com/${s.owner}/${s.repo}/runs/${run.id}` })
  }
  if (method === 'GET' && (m = /^\/contents\/(.+)$/.exec(rest))) return sendContent(s, res, decodeURIComponent(m[1]), url.searchParams.get('ref') ?? 'HEAD')
  if (method === 'GET' && (m = /^\/git\/trees\/([^/]+)$/.exec(rest))) {
    const tree = s.contents[decodeURIComponent(m[1])] ?? {}
    return send(res, 200, { sha: m[1], tree: Object.keys(tree).map((p) => ({ path: p, type: 'blob', mode: '100644' })), truncated: false })
  }
  if (method === 'GET' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
    return sendPage(res, url, s.comments.filter((c) => c.issue === Number(m[1])).map(commentEntry(s)))
  }
  if (method === 'POST' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
    const comment = { id: newId(), issue: Number(m[1]), body: body.body, user: s.viewer }
    s.comments.push(comment)
    return send(res, 201, commentEntry(s)(comment))
  }
  if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
    const index = s.comments.findIndex((c) => c.id === Number(m[1]))
    if (index < 0) return send(res, 404, { message: 'Not Found' })
    if (method === 'PATCH') {
      s.comments[index].body = body.body
      return send(res, 200, commentEntry(s)(s.comments[index]))
    }
    if (method === 'DELETE') {
      s.comments.splice(index, 1)
      res.writeHead(204)
      return res.end()
    }
  }
  const reviewed = reviewRoute(s, method, rest, url, body, res, newId)
  if (reviewed !== false) return reviewed
  send(res, 404, { message: `Not Found: ${method} ${path}` })
}

/** Reviews and their line comments; a comment outside the diff is refused with 422, as GitHub does. */
function reviewRoute(s, method, rest, url, body, res, newId) {
  let m
  if (method === 'GET' && (m = /^\/pulls\/(\d+)\/reviews$/.exec(rest))) {
    return sendPage(res, url, s.reviews.filter((r) => r.pull === Number(m[1])).map(reviewEntry))
  }
  if (method === 'POST' && (m = /^\/pulls\/(\d+)\/reviews$/.exec(rest))) {
    const pull = Number(m[1])
    const files = s.pulls[m[1]]?.files ?? []
    for (const c of body.comments ?? []) {
      const patch = files.find((f) => f.filename === c.path)?.patch
      if (!patch || !inHunk(patch, c.start_line ?? c.line, c.line) || c.side !== 'RIGHT') {
        return send(res, 422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] })
      }
    }
    const review = { id: newId(), pull, body: body.body, user: s.viewer, commit_id: body.commit_id }
    s.reviews.push(review)
    for (const c of body.comments ?? []) {
      s.reviewComments.push({ id: newId(), pull, review: review.id, path: c.path, line: c.line, start_line: c.start_line ?? null, body: c.body, user: s.viewer })
    }
    return send(res, 200, reviewEntry(review))
  }
  if (method === 'PUT' && (m = /^\/pulls\/(\d+)\/reviews\/(\d+)$/.exec(rest))) {
    const review = s.reviews.find((r) => r.id === Number(m[2]))
    if (!review) return send(res, 404, { message: 'Not Found' })
    review.body = body.body
    return send(res, 200, reviewEntry(review))
  }
  if (method === 'GET' && (m = /^\/pulls\/(\d+)\/comments$/.exec(rest))) {
    return sendPage(res, url, s.reviewComments.filter((c) => c.pull === Number(m[1])).map(reviewCommentEntry))
  }
  if (method === 'DELETE' && (m = /^\/pulls\/comments\/(\d+)$/.exec(rest))) {
    const index = s.reviewComments.findIndex((c) => c.id === Number(m[1]))
    if (index < 0) return send(res, 404, { message: 'Not Found' })
    s.reviewComments.splice(index, 1)
    res.writeHead(204)
    return res.end()
  }
  return false
}

/** Whether lines start..end of the new file are inside one hunk of a unified diff. */
function inHunk(patch, start, end) {
  for (const line of patch.split('\n')) {
    const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line)
    if (!h) continue
    const from = Number(h[1])
    const to = from + (h[2] === undefined ? 1 : Number(h[2])) - 1
    if (from <= start && end <= to) return true
  }
  return false
}

function reviewEntry(r) {
  return { id: r.id, body: r.body, user: { login: r.user }, state: 'COMMENTED', commit_id: r.commit_id }
}

function reviewCommentEntry(c) {
  return { id: c.id, body: c.body, user: { login: c.user }, path: c.path, line: c.line, start_line: c.start_line, pull_request_review_id: c.review }
}

function fileEntry(f) {
  return { sha: '0'.repeat(40), additions: 1, deletions: 0, changes: 1, ...f }
}

function commentEntry(s) {
  return (c) => ({
    id: c.id,
    body: c.body,
    user: { login: c.user, type: c.user.endsWith('[bot]') ? 'Bot' : 'User' },
    html_url: `https://github.com/${s.owner}/${s.repo}/pull/${c.issue}#issuecomment-${c.id}`
  })
}

function sendContent(s, res, path, ref) {
  const tree = s.contents[ref] ?? {}
  const entry = tree[path]
  if (entry === undefined) {
    const prefix = path.replace(/\/+$/, '') + '/'
    const children = Object.keys(tree).filter((p) => p.startsWith(prefix))
    if (children.length === 0) return send(res, 404, { message: 'Not Found' })
    return send(res, 200, children.map((p) => ({ type: 'file', name: p.slice(prefix.length), path: p })))
  }
  if (typeof entry === 'object' && entry.symlink !== undefined) {
    return send(res, 200, { type: 'symlink', target: entry.symlink, path, size: entry.symlink.length, sha: '1'.repeat(40) })
  }
  const bytes = Buffer.from(entry, 'utf8')
  return send(res, 200, { type: 'file', encoding: 'base64', content: bytes.toString('base64'), size: bytes.length, path, sha: '2'.repeat(40) })
}

// ---------------------------------------------------------------------------------------------------
// The runner stand-in.

/**
 * Runs a bundled action (`node dist/index.js`) as the runner does: INPUT_* variables (hyphens kept),
 * GITHUB_* variables, an event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
 * Resolves with { code, stdout, stderr, outputs, summary, commands }.
 */
export async function runAction({ node = process.execPath, entry, workspace, event, eventName, inputs = {}, apiUrl, env = {}, sha }) {
  const dir = mkdtempSync(join(tmpdir(), 'containment-runner-'))
  const eventPath = join(dir, 'event.json')
  const outputPath = join(dir, 'output')
  const summaryPath = join(dir, 'summary.md')
  writeFileSync(eventPath, JSON.stringify(event ?? {}))
  writeFileSync(outputPath, '')
  writeFileSync(summaryPath, '')
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]))
  const childEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    NO_PROXY: '127.0.0.1,localhost',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_SHA: sha ?? 'f'.repeat(40),
    GITHUB_WORKSPACE: workspace,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: dir,
    ...inputEnv,
    ...env
  }
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key]
  const child = spawn(node, [entry], { cwd: workspace, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  const out = []
  const err = []
  child.stdout.on('data', (d) => out.push(d))
  child.stderr.on('data', (d) => err.push(d))
  const code = await new Promise((resolve) => child.on('close', resolve))
  const stdout = Buffer.concat(out).toString('utf8')
  return {
    code,
    stdout,
    stderr: Buffer.concat(err).toString('utf8'),
    outputs: parseOutputFile(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
    commands: parseCommands(stdout)
  }
}

/** GITHUB_OUTPUT as core.setOutput writes it: `name<<delimiter\nvalue\ndelimiter\n`. */
export function parseOutputFile(text) {
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const value = []
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i])
      outputs[heredoc[1]] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return outputs
}

/** Workflow commands on stdout (`::error file=a,line=1::message`), decoded as the runner decodes them. */
export function parseCommands(stdout) {
  const commands = []
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!m) continue
    const properties = {}
    for (const pair of (m[2] ?? '').split(',')) {
      if (!pair) continue
      const at = pair.indexOf('=')
      properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1))
    }
    commands.push({ command: m[1], properties, message: unescapeData(m[3]) })
  }
  return commands
}

const ESCAPES = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' }

function unescapeData(s) {
  return s.replace(/%(25|0D|0A)/g, (m) => ESCAPES[m])
}

function unescapeProperty(s) {
  return s.replace(/%(25|0D|0A|3A|2C)/g, (m) => ESCAPES[m])
}

export function temporaryDirectory(prefix = 'containment-') {
  return mkdtempSync(join(tmpdir(), prefix))
}

