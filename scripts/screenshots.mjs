// npm run screenshots: the pictures in the README, made from the demo's real output.
//
// 1. `node scripts/demo.mjs --write-samples docs/images` writes what the demo's run of dist/index.js
//    produced: the sticky comment, the job summary and the annotation commands (a test fails when these
//    committed samples drift from a fresh run).
// 2. The comment and the summary are rendered as GitHub renders Markdown (GFM with marked, GitHub's own
//    stylesheet from github-markdown-css, alerts as GitHub draws them), the annotations as the Files tab
//    shows them under their lines, and the CLI's coloured text output as a terminal (ansi-to-html).
// 3. Debian's headless chromium screenshots each page: one pass measures the page's height, the second
//    takes the picture at exactly that size.
//
// Needs the dev dependencies and `chromium` (apt-get install chromium); CHROMIUM=path overrides it.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import AnsiToHtml from 'ansi-to-html'
import { marked } from 'marked'

const require = createRequire(import.meta.url)
const root = join(fileURLToPath(import.meta.url), '..', '..')
const images = join(root, 'docs', 'images')
const scratch = mkdtempSync(join(tmpdir(), 'containment-screenshots-'))
const chromium = process.env.CHROMIUM ?? 'chromium'
const WIDTH = 1012

execFileSync(process.execPath, [join(root, 'scripts', 'demo.mjs'), '--write-samples', images], { stdio: ['ignore', 'ignore', 'inherit'] })

const markdownCss = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8')
const FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"'
const MONO = 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace'

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c])

/** GFM as GitHub renders it: marked's GFM, then `> [!NOTE]` blockquotes turned into GitHub's alerts. */
function githubMarkdown(markdown) {
  const html = marked.parse(markdown, { gfm: true, breaks: false, async: false })
  return html.replace(/<blockquote>\s*<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/g, (_, kind) => {
    const title = kind[0] + kind.slice(1).toLowerCase()
    return `<div class="markdown-alert markdown-alert-${kind.toLowerCase()}"><p class="markdown-alert-title">${title}</p><p>`
  }).replace(/(<div class="markdown-alert[\s\S]*?)<\/blockquote>/g, '$1</div>')
}

function page(body, extraCss = '') {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
${markdownCss}
html, body { margin: 0; background: #fff; font-family: ${FONT}; }
.markdown-body { font-family: ${FONT}; }
.markdown-body code, .markdown-body pre { font-family: ${MONO}; }
${extraCss}
</style></head><body>${body}<script>document.title = 'H' + Math.ceil(document.documentElement.getBoundingClientRect().height)</script></body></html>`
}

/** The comment as it sits in the pull request's conversation: avatar, author line, rendered body. */
function commentPage(markdown) {
  return page(
    `<div class="timeline"><div class="avatar">🤖</div><div class="comment">
      <div class="comment-header"><b>github-actions</b> <span class="bot">bot</span> commented</div>
      <div class="comment-body markdown-body">${githubMarkdown(markdown)}</div></div></div>`,
    `.timeline { display: flex; gap: 16px; padding: 16px; }
     .avatar { width: 40px; height: 40px; border-radius: 50%; background: #f6f8fa; border: 1px solid #d0d7de; display: flex; align-items: center; justify-content: center; font-size: 22px; flex: none; }
     .comment { border: 1px solid #d0d7de; border-radius: 6px; flex: 1; min-width: 0; }
     .comment-header { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 16px; font-size: 14px; color: #59636e; border-radius: 6px 6px 0 0; }
     .comment-header b { color: #1f2328; }
     .bot { border: 1px solid #d0d7de; border-radius: 2em; padding: 0 6px; font-size: 12px; }
     .comment-body { padding: 16px; font-size: 14px; }`
  )
}

/** The job summary as the run page shows it: a box titled with the job, the rendered Markdown. */
function summaryPage(markdown) {
  return page(
    `<div class="summary"><div class="summary-header">containment summary</div><div class="markdown-body">${githubMarkdown(markdown)}</div></div>`,
    `.summary { margin: 16px; border: 1px solid #d0d7de; border-radius: 6px; }
     .summary-header { padding: 12px 16px; font-weight: 600; font-size: 14px; border-bottom: 1px solid #d0d7de; }
     .summary .markdown-body { padding: 16px 24px; font-size: 14px; }`
  )
}

const LEVELS = {
  error: { colour: '#d1242f', background: '#ffebe9', icon: '⊗', label: 'Check failure' },
  warning: { colour: '#9a6700', background: '#fff8c5', icon: '⚠', label: 'Check warning' },
  notice: { colour: '#0969da', background: '#ddf4ff', icon: 'ⓘ', label: 'Check notice' }
}

/**
 * The Files tab: each annotated file of the demo's pull request, its lines, and under the line an
 * annotation ends on, the annotation as GitHub draws it (level, "Containment", title, message).
 */
function filesPage(annotations) {
  const byFile = new Map()
  for (const a of annotations.filter((a) => a.file)) byFile.set(a.file, [...(byFile.get(a.file) ?? []), a])
  const files = [...byFile].map(([file, list]) => {
    const lines = readFileSync(join(root, 'examples', 'demo', 'head', file), 'utf8').replace(/\n$/, '').split('\n')
    const base = readFileSync(join(root, 'examples', 'demo', 'base', file), 'utf8').split('\n')
    const rows = lines.map((text, i) => {
      const number = i + 1
      const added = !base.includes(text)
      const boxes = list
        .filter((a) => Number(a.endLine ?? a.line) === number)
        .map((a) => {
          const level = LEVELS[a.level]
          const [message, ...rest] = a.message.split('\n')
          return `<tr><td colspan="3" class="annotation-cell"><div class="annotation" style="border-left-color:${level.colour}">
            <div class="annotation-title"><span style="color:${level.colour}">${level.icon} ${level.label}:</span> Containment / containment <span class="where">Line ${escapeHtml(String(a.line))}</span></div>
            <div class="annotation-name">${escapeHtml(a.title ?? '')}</div>
            <div class="annotation-message">${escapeHtml(message)}<br><span class="dim">${escapeHtml(rest.join(' '))}</span></div></div></td></tr>`
        })
        .join('')
      return `<tr class="${added ? 'added' : ''}"><td class="num">${number}</td><td class="sign">${added ? '+' : ''}</td><td class="code">${escapeHtml(text) || ' '}</td></tr>${boxes}`
    })
    return `<div class="file"><div class="file-header">${escapeHtml(file)}</div><table>${rows.join('')}</table></div>`
  })
  return page(
    files.join(''),
    `.file { margin: 16px; border: 1px solid #d0d7de; border-radius: 6px; overflow: hidden; }
     .file-header { background: #f6f8fa; padding: 8px 16px; font-family: ${MONO}; font-size: 12px; font-weight: 600; border-bottom: 1px solid #d0d7de; }
     table { border-collapse: collapse; width: 100%; font-family: ${MONO}; font-size: 12px; line-height: 20px; }
     td.num { width: 40px; text-align: right; padding: 0 10px; color: #59636e; user-select: none; }
     td.sign { width: 16px; color: #1a7f37; }
     td.code { white-space: pre; color: #1f2328; }
     tr.added td { background: #dafbe1; } tr.added td.num { background: #aceebb; }
     td.annotation-cell { padding: 8px 12px; background: #f6f8fa; border-top: 1px solid #d0d7de; border-bottom: 1px solid #d0d7de; font-family: ${FONT}; }
     .annotation { background: #fff; border: 1px solid #d0d7de; border-left: 4px solid; border-radius: 6px; padding: 8px 12px; font-size: 13px; line-height: 1.5; }
     .annotation-title { font-weight: 600; } .where { color: #59636e; font-weight: 400; float: right; }
     .annotation-name { font-weight: 600; margin-top: 2px; }
     .annotation-message { color: #1f2328; white-space: normal; } .dim { color: #59636e; }`
  )
}

/**
 * A suggested change as the Files tab shows it: the lines above the comment, then the review comment with its
 * ```suggestion block drawn as GitHub draws it (the lines it replaces in red, the new ones in green, the
 * "Commit suggestion" button).
 */
function suggestionPage(suggestions) {
  const blocks = suggestions.map((s) => {
    const lines = readFileSync(join(root, 'examples', 'demo', 'head', s.path), 'utf8').split('\n')
    const first = s.start_line ?? s.line
    const context = lines
      .slice(Math.max(0, first - 4), s.line)
      .map((text, i) => {
        const number = Math.max(1, first - 3) + i
        return `<tr class="${number >= first ? 'commented' : ''}"><td class="num">${number}</td><td class="code">${escapeHtml(text) || ' '}</td></tr>`
      })
      .join('')
    const match = /^([\s\S]*?)\n(`{3,})suggestion\n([\s\S]*?)\n?\2$/.exec(s.body)
    const [, prose, , replacement] = match ?? [null, s.body, '', '']
    const removed = lines.slice(first - 1, s.line).map((text) => `<tr class="del"><td class="sign">-</td><td class="code">${escapeHtml(text) || ' '}</td></tr>`)
    const inserted = replacement === '' ? [] : replacement.split('\n').map((text) => `<tr class="ins"><td class="sign">+</td><td class="code">${escapeHtml(text) || ' '}</td></tr>`)
    return `<div class="file"><div class="file-header">${escapeHtml(s.path)}</div><table>${context}</table>
      <div class="thread"><div class="avatar">🤖</div><div class="review">
        <div class="comment-header"><b>github-actions</b> <span class="bot">bot</span> left a comment</div>
        <div class="markdown-body">${githubMarkdown(prose)}</div>
        <div class="suggestion"><div class="suggestion-title">Suggested change</div><table>${[...removed, ...inserted].join('')}</table>
          <div class="buttons"><span class="primary">Commit suggestion</span><span>Add suggestion to batch</span></div></div>
      </div></div></div>`
  })
  return page(
    blocks.join(''),
    `.file { margin: 16px; border: 1px solid #d0d7de; border-radius: 6px; overflow: hidden; }
     .file-header { background: #f6f8fa; padding: 8px 16px; font-family: ${MONO}; font-size: 12px; font-weight: 600; border-bottom: 1px solid #d0d7de; }
     table { border-collapse: collapse; width: 100%; font-family: ${MONO}; font-size: 12px; line-height: 20px; }
     td.num { width: 40px; text-align: right; padding: 0 10px; color: #59636e; } td.code { white-space: pre; color: #1f2328; }
     tr.commented td { background: #fff8c5; } td.sign { width: 20px; text-align: center; }
     tr.del td { background: #ffebe9; } tr.ins td { background: #dafbe1; }
     .thread { display: flex; gap: 12px; padding: 12px 16px; background: #f6f8fa; border-top: 1px solid #d0d7de; }
     .avatar { width: 32px; height: 32px; border-radius: 50%; background: #fff; border: 1px solid #d0d7de; display: flex; align-items: center; justify-content: center; font-size: 18px; flex: none; }
     .review { flex: 1; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; font-size: 14px; }
     .comment-header { font-size: 14px; color: #59636e; margin-bottom: 6px; } .comment-header b { color: #1f2328; }
     .bot { border: 1px solid #d0d7de; border-radius: 2em; padding: 0 6px; font-size: 12px; }
     .review .markdown-body { font-size: 14px; }
     .suggestion { border: 1px solid #d0d7de; border-radius: 6px; overflow: hidden; margin-top: 8px; }
     .suggestion-title { background: #f6f8fa; padding: 6px 12px; font-size: 12px; color: #59636e; border-bottom: 1px solid #d0d7de; }
     .buttons { padding: 8px 12px; border-top: 1px solid #d0d7de; text-align: right; font-size: 13px; }
     .buttons span { display: inline-block; border: 1px solid #d0d7de; border-radius: 6px; padding: 3px 12px; margin-left: 8px; background: #f6f8fa; }
     .buttons span.primary { background: #1f883d; color: #fff; border-color: #1f883d; }`
  )
}

/** The CLI's text output, coloured as on a terminal (FORCE_COLOR), from the demo's pull request. */
function terminalPage() {
  const cwd = join(root, 'examples', 'demo', 'head')
  let output
  try {
    output = execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), 'scan', '.'], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1' } })
  } catch (error) {
    output = error.stdout // exit status 1: findings at or above fail-on
  }
  const html = new AnsiToHtml({ fg: '#d0d7de', bg: '#0d1117', escapeXML: true, colors: { 1: '#ff7b72', 3: '#d29922', 5: '#d2a8ff', 6: '#56d4dd' } }).toHtml(output)
  return page(
    `<div class="terminal"><div class="bar"><span></span><span></span><span></span></div><pre><span class="prompt">~/app $</span> npx containment scan .\n${html}</pre></div>`,
    `body { background: #fff; } .terminal { margin: 16px; border-radius: 8px; background: #0d1117; overflow: hidden; }
     .bar { background: #30363d; padding: 8px 12px; } .bar span { display: inline-block; width: 12px; height: 12px; border-radius: 50%; background: #6e7681; margin-right: 6px; }
     pre { margin: 0; padding: 12px 16px; color: #d0d7de; font-family: ${MONO}; font-size: 13px; line-height: 1.45; white-space: pre-wrap; }
     .prompt { color: #7ee787; }`
  )
}

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--force-device-scale-factor=1']

function chrome(args) {
  return execFileSync(chromium, [...CHROMIUM_FLAGS, `--user-data-dir=${mkdtempSync(join(scratch, 'profile-'))}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
}

function screenshot(name, html) {
  const file = join(scratch, `${name}.html`)
  writeFileSync(file, html)
  const url = `file://${file}`
  const height = Number(/<title>H(\d+)<\/title>/.exec(chrome([`--window-size=${WIDTH},800`, '--dump-dom', url]))?.[1])
  if (!height) throw new Error(`could not measure ${name}`)
  const out = join(images, `${name}.png`)
  chrome([`--window-size=${WIDTH},${height}`, `--screenshot=${out}`, url])
  console.log(`docs/images/${name}.png  ${WIDTH}x${height}`)
}

screenshot('comment', commentPage(readFileSync(join(images, 'comment.md'), 'utf8')))
screenshot('summary', summaryPage(readFileSync(join(images, 'summary.md'), 'utf8')))
screenshot('annotations', filesPage(JSON.parse(readFileSync(join(images, 'annotations.json'), 'utf8'))))
screenshot('cli', terminalPage())
screenshot('suggestion', suggestionPage(JSON.parse(readFileSync(join(images, 'suggestions.json'), 'utf8'))))
