import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { commentsOf, run, startGitHub, workspaceWith, type Run } from './e2e-helpers.js'

/**
 * Output safety, proven on exact strings: a directory name and file contents crafted to break out of
 * every place a finding is shown, through real rules (DC001 and the other Compose rules quote the
 * service name; DF001 quotes the FROM image; the path is on every finding), to the pull request
 * comment, the job summary, the annotation commands, the log, the SARIF file and the CLI's text output.
 */

const SHA = (c: string) => c.repeat(40)
const NODES: [string, string][] = [[`Node ${process.versions.node}`, process.execPath]]
if (process.env.NODE24_BIN) NODES.push(['Node 24 (NODE24_BIN)', process.env.NODE24_BIN])

/** A directory name (its `/` make it three directories) with HTML, Markdown, mentions, references, workflow commands, CRLF, ANSI, bidi and zero-width. */
const DIR =
  '</details><img src=x onerror=alert(1)>[x](javascript:alert(1)) @octocat #123 `a` ```b``` | ::error::x %0A::warning::y \r\n::warning::z ::stop-commands::tok ::add-mask::m \x1b[31mred\u202Eevil\u200Bzw'
/** A service name (a YAML double-quoted key: its escapes give real CR, LF, ESC, U+202E, U+200B). */
const SERVICE_YAML = 'web</details>@octocat #123 `x` ```y``` | ::warning::pwned %0A::error::e \\r\\n::warning::w \\x1b[31m \\u202e \\u200b [x](javascript:alert(1))'
const COMPOSE = `services:\n  "${SERVICE_YAML}":\n    image: nginx:1.27\n    privileged: true\n`
/** An image name with the same, and a very long token. */
const LONG = 'L'.repeat(3000)
const IMAGE = `evil/</details>\`|@octocat#123\x1b[31m\u202E\u200B::error::${LONG}:latest`
const DOCKERFILE = `FROM ${IMAGE}\nRUN sudo true\n`

// What each output must show, exactly.
const ZW = '\u200B'
const BAD = '\uFFFD'
/** The directory in Markdown: entities, backslash escapes, a zero-width space after @ and #, line breaks as spaces, invisibles as U+FFFD. */
const DIR_MD = `&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;\\[x\\](javascript\\:alert(1)) \\@${ZW}octocat \\#${ZW}123 \\\`a\\\` \\\`\\\`\\\`b\\\`\\\`\\\` \\| \\:\\:error\\:\\:x %0A\\:\\:warning\\:\\:y  \\:\\:warning\\:\\:z \\:\\:stop-commands\\:\\:tok \\:\\:add-mask\\:\\:m ${BAD}\\[31mred${BAD}evil${BAD}zw`
const SERVICE_MD = `web&lt;/details&gt;\\@${ZW}octocat \\#${ZW}123 \\\`x\\\` \\\`\\\`\\\`y\\\`\\\`\\\` \\| \\:\\:warning\\:\\:pwned %0A\\:\\:error\\:\\:e  \\:\\:warning\\:\\:w ${BAD}\\[31m ${BAD} ${BAD} \\[x\\](javascript\\:alert(1))`
/** The directory in a URL: every segment percent-encoded. */
const DIR_URL =
  '%3C/details%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%5Bx%5D%28javascript%3Aalert%281%29%29%20%40octocat%20%23123%20%60a%60%20%60%60%60b%60%60%60%20%7C%20%3A%3Aerror%3A%3Ax%20%250A%3A%3Awarning%3A%3Ay%20%0D%0A%3A%3Awarning%3A%3Az%20%3A%3Astop-commands%3A%3Atok%20%3A%3Aadd-mask%3A%3Am%20%1B%5B31mred%E2%80%AEevil%E2%80%8Bzw'
/** The directory as text (log, terminal): controls and invisibles as escapes. */
const DIR_TEXT = '</details><img src=x onerror=alert(1)>[x](javascript:alert(1)) @octocat #123 `a` ```b``` | ::error::x %0A::warning::y \\r\\n::warning::z ::stop-commands::tok ::add-mask::m \\x1b[31mred\\u202eevil\\u200bzw'
const SERVICE_TEXT = 'web</details>@octocat #123 `x` ```y``` | ::warning::pwned %0A::error::e \\r\\n::warning::w \\x1b[31m \\u202e \\u200b [x](javascript:alert(1))'
const DC001_TAIL = 'sets "privileged: true": a privileged container has all capabilities and host devices, so root in it is root on the host. Remove it and add only the capability or device the service needs.'
const DF001_HEAD = 'The image runs as root: no USER is set in the final stage ("FROM '
const IMAGE_TEXT = `evil/</details>\`|@octocat#123\\x1b[31m\\u202e\\u200b::error::${LONG}:latest`
const DF001_TAIL = '"). Root in a container is root on the host kernel; add USER with a non-root user (e.g. USER 10001) at the end of the final stage.'
/** In an annotation's file property the path stays the real one (GitHub matches it), with `:`, `,`, `%`, CR, LF escaped as the runner expects. */
const DIR_PROPERTY = DIR.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C')
const docs = (id: string) => `https://github.com/containment-action/containment/blob/main/docs/rules/${id}.md`

const cell = (text: string, max: number) => (Array.from(text).length > max ? Array.from(text).slice(0, max - 1).join('') + '…' : text)

describe.each(NODES)('crafted names and contents, on %s', (_label, node) => {
  let result: Run
  let comment: string
  let cli: string
  beforeAll(async () => {
    const files = { [`${DIR}/Dockerfile`]: DOCKERFILE, [`${DIR}/compose.yaml`]: COMPOSE }
    const github = await startGitHub({ pulls: { 31: { files: Object.keys(files).map((filename) => ({ filename, status: 'added' })) } } })
    const workspace = workspaceWith(files)
    result = await run({ node, github, pr: { number: 31, baseSha: SHA('b'), headSha: SHA('c') }, workspace })
    comment = commentsOf(github, 31)[0]
    await github.close()
    cli = await new Promise((resolve) =>
      execFile(node, [join(process.cwd(), 'dist', 'cli.js'), 'scan', '.'], { cwd: workspace, env: { PATH: process.env.PATH } }, (_error, stdout) => resolve(stdout))
    )
  }, 60_000)

  const commentRow = (severity: string, id: string, title: string, file: string, line: number, message: string) =>
    `| ${severity} | [${id}](${docs(id)}) ${title} | [${DIR_MD}/${file}\\:${line}](https://github.com/octo/app/blob/${SHA('c')}/${DIR_URL}/${file}#L${line}) | ${message} |`
  const DC001_MD = `Service "${SERVICE_MD}" sets "privileged\\: true"\\: a privileged container has all capabilities and host devices, so root in it is root on the host. Remove it and add only the capability or device the service needs.`

  it('the comment: the DC001 row, exactly, and the long DF001 message cut at 400 characters', () => {
    const rows = comment.split('\n')
    expect(rows).toContain(commentRow('🔴 critical', 'DC001', 'Privileged container', 'compose.yaml', 4, DC001_MD))
    const df001 = rows.find((r) => r.startsWith('| 🟠 high | [DF001]'))!
    // Markdown escapes inside the cut text: compare with the escaped form of the first 399 characters.
    expect(df001).toBe(
      commentRow(
        '🟠 high',
        'DF001',
        'Image runs as root',
        'Dockerfile',
        1,
        `The image runs as root\\: no USER is set in the final stage ("FROM evil/&lt;/details&gt;\\\`\\|\\@${ZW}octocat\\#${ZW}123${BAD}\\[31m${BAD}${BAD}\\:\\:error\\:\\:${'L'.repeat(400 - 1 - (DF001_HEAD.length + 'evil/</details>`|@octocat#123\x1b[31m\u202E\u200B::error::'.length))}…`
      )
    )
  })

  it('the summary: the same DC001 row, and the scanned files listed escaped', () => {
    const lines = result.summary.split('\n')
    expect(lines).toContain(commentRow('🔴 critical', 'DC001', 'Privileged container', 'compose.yaml', 4, DC001_MD))
    expect(lines).toContain(`- ${DIR_MD}/Dockerfile`)
    expect(lines).toContain(`- ${DIR_MD}/compose.yaml`)
  })

  it('the annotation commands: the message with nothing invisible, cut at 1,000 characters; the file property the real path', () => {
    const lines = result.stdout.split('\n')
    expect(lines).toContain(
      `::error title=DC001 Privileged container,file=${DIR_PROPERTY}/compose.yaml,line=4,endLine=4,col=5,endColumn=21::Service "${SERVICE_TEXT.replace(/%/g, '%25')}" ${DC001_TAIL}%0Acritical · ${docs('DC001')}`
    )
    const df001 = cell(`${DF001_HEAD}${IMAGE}${DF001_TAIL}`, 1000).replace('\x1b', '\\x1b').replace('\u202E', '\\u202e').replace('\u200B', '\\u200b')
    expect(lines).toContain(`::error title=DF001 Image runs as root,file=${DIR_PROPERTY}/Dockerfile,line=1,endLine=1,col=1,endColumn=3058::${df001}%0Ahigh · ${docs('DF001')}`)
    // Only the commands the Action means: no line the runner would read as another command.
    const commands = lines.filter((l) => /^\s*::/.test(l)).map((l) => /^::([a-z-]+)/.exec(l)?.[1])
    expect([...new Set(commands)].sort()).toEqual(['endgroup', 'error', 'group', 'notice'])
  })

  it('the log: file names with controls and invisibles as escapes', () => {
    const lines = result.stdout.split('\n')
    expect(lines).toContain(`${DIR_TEXT}/compose.yaml`)
    expect(lines).toContain(`critical DC001 ${DIR_TEXT}/compose.yaml:4:5 Service "${SERVICE_TEXT}" ${DC001_TAIL}`)
  })

  it('the SARIF file: the message with invisibles escaped and brackets escaped, the path percent-encoded', () => {
    const dc001 = result.sarif!.runs[0].results.find((r) => r.ruleId === 'DC001') as unknown as { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }
    expect(dc001.message.text).toBe(`Service "${SERVICE_TEXT.replace(/[[\]]/g, (c) => '\\' + c)}" ${DC001_TAIL}`)
    expect(dc001.locations[0].physicalLocation.artifactLocation.uri).toBe(`${DIR_URL}/compose.yaml`)
  })

  it('the CLI text output: no control character reaches the terminal, each finding on one line', () => {
    const lines = cli.split('\n')
    expect(lines).toContain(`${DIR_TEXT}/compose.yaml`)
    expect(lines).toContain(`  ${DIR_TEXT}/compose.yaml:4:5  critical DC001  Service "${SERVICE_TEXT}" ${DC001_TAIL}`)
    expect(lines).toContain(`  ${DIR_TEXT}/Dockerfile:1:1  high     DF001  ${DF001_HEAD}${IMAGE_TEXT}${DF001_TAIL}`)
    // eslint-disable-next-line no-control-regex
    expect(cli).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/)
  })
})
