import { beforeAll, describe, expect, it } from '@jest/globals'
import { sarifErrors } from '../report/sarif-schema.js'
import { CLEAN_COMPOSE, commentsOf, gitRepository, run, startGitHub, workspaceWith, type Run } from './e2e-helpers.js'

/**
 * End-to-end: a pull request that changes only a Compose override file. The base file beside it is part of
 * the project Compose runs, so its findings are shown too: attributed to the base file and its lines,
 * existing when the base commit's project had them, new when the override's values made them.
 */

const NODES: [string, string][] = [[`Node ${process.versions.node}`, process.execPath]]
if (process.env.NODE24_BIN) NODES.push(['Node 24 (NODE24_BIN)', process.env.NODE24_BIN])

/**
 * The base file: a hardened service that mounts the Docker socket (DC002, critical, line 10) and sets a
 * network sysctl (line 12), which is the container's own until the service shares the host's network.
 */
const BASE = CLEAN_COMPOSE + ['    volumes:', '      - /var/run/docker.sock:/var/run/docker.sock:ro', '    sysctls:', '      net.ipv4.ip_forward: "1"', ''].join('\n')
const OVERRIDE = 'services:\n  web:\n    environment:\n      LOG_LEVEL: debug\n'
/** Host networking (DC006, high, line 5): it also makes the base file's sysctl set the host's network stack (DC019, line 12). */
const HOST_NETWORK_OVERRIDE = OVERRIDE + '    network_mode: host\n'
/** A published port (DC012, low, line 6): below fail-on. */
const PORT_OVERRIDE = OVERRIDE + '    ports:\n      - "8080:8080"\n'

type Scenario = (node: string) => Promise<Record<string, any>>

const overrideOnly: Scenario = async (node) => {
  const hostNetwork = gitRepository({ 'compose.yaml': BASE, 'compose.override.yaml': OVERRIDE }, { 'compose.override.yaml': HOST_NETWORK_OVERRIDE })
  const port = gitRepository({ 'compose.yaml': BASE, 'compose.override.yaml': OVERRIDE }, { 'compose.override.yaml': PORT_OVERRIDE })
  const github = await startGitHub({
    pulls: {
      40: { files: [{ filename: 'compose.override.yaml', status: 'modified' }] },
      41: { files: [{ filename: 'compose.override.yaml', status: 'modified' }] }
    }
  })
  const failing = await run({ node, github, workspace: hostNetwork.root, pr: { number: 40, baseSha: hostNetwork.baseSha, headSha: hostNetwork.headSha } })
  const passing = await run({ node, github, workspace: port.root, pr: { number: 41, baseSha: port.baseSha, headSha: port.headSha } })
  await github.close()
  return { failing, passing, comments40: commentsOf(github, 40), comments41: commentsOf(github, 41) }
}

/** A worker service that extends `common/services.yml`, a file no scan finds by name. */
const EXTENDING = CLEAN_COMPOSE + ['  worker:', '    extends:', '      file: common/services.yml', '      service: worker', ''].join('\n')
const COMMON = 'services:\n  worker:\n    image: busybox:1.36\n'
/** The pull request makes the worker privileged with a justification (suppressed) and adds SYS_ADMIN (DC004, line 6). */
const COMMON_EDITED = COMMON + '    # containment-ignore DC001: the CI runner loads a kernel module, on its own host\n    privileged: true\n    cap_add: [SYS_ADMIN]\n'

const extendsTarget: Scenario = async (node) => {
  const repo = gitRepository({ 'compose.yaml': EXTENDING, 'common/services.yml': COMMON }, { 'common/services.yml': COMMON_EDITED })
  const github = await startGitHub({ pulls: { 42: { files: [{ filename: 'common/services.yml', status: 'modified' }] } } })
  const result = await run({ node, github, workspace: repo.root, pr: { number: 42, baseSha: repo.baseSha, headSha: repo.headSha } })
  await github.close()
  return { result }
}

/** The fork-safe recipe: pull_request_target without a checkout; head, tree and base all come from the API. */
const overrideThroughApi: Scenario = async (node) => {
  const head = 'c'.repeat(40)
  const base = 'b'.repeat(40)
  const github = await startGitHub({
    pulls: { 43: { files: [{ filename: 'compose.override.yaml', status: 'modified' }] } },
    contents: {
      [head]: { 'compose.yaml': BASE, 'compose.override.yaml': HOST_NETWORK_OVERRIDE },
      [base]: { 'compose.yaml': BASE, 'compose.override.yaml': OVERRIDE }
    }
  })
  const result = await run({
    node,
    github,
    eventName: 'pull_request_target',
    sha: '0'.repeat(40),
    pr: { number: 43, baseSha: base, headSha: head, fork: true },
    workspace: workspaceWith({})
  })
  await github.close()
  return { result }
}

/** Title, file and line of each annotation of a level. */
function annotated(run: Run, level: 'errors' | 'warnings' | 'notices'): string[] {
  return run[level].filter((a) => a.properties.file).map((a) => `${a.properties.title?.split(' ')[0]} ${a.properties.file}:${a.properties.line}`)
}

/** SARIF results as `rule file:line baselineState`. */
function sarifResults(run: Run): string[] {
  const results = run.sarif!.runs[0].results as Array<{ ruleId: string; baselineState?: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }>
  return results.map((r) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine} ${r.baselineState}`).sort()
}

describe.each(NODES)('dist/index.js on %s: a pull request that changes only compose.override.yaml', (_label, node) => {
  let results: Record<string, any> = {}
  beforeAll(async () => {
    const [override, extended, api] = await Promise.all([overrideOnly(node), extendsTarget(node), overrideThroughApi(node)])
    results = { ...override, extended: extended.result, api: api.result }
  }, 120_000)

  it('scans the base file of the project too, and says so', () => {
    const { failing } = results
    expect(failing.summary).toMatch(/Scanned 1 file changed by pull request \\#\u200b?40 and 1 other file of the changed Compose project\./)
    expect(failing.summary).toMatch(/<details><summary>2 scanned files<\/summary>\s+- compose.override.yaml\s+- compose.yaml/)
  })

  it("shows the base file's socket mount as existing and what the override made as new, each on its own file and line", () => {
    const { failing, comments40 } = results
    expect(sarifErrors(failing.sarif)).toEqual([])
    expect(sarifResults(failing)).toEqual(['DC002 compose.yaml:11 unchanged', 'DC006 compose.override.yaml:5 new', 'DC019 compose.yaml:13 new'])
    expect(comments40).toHaveLength(1)
    // Rows link the line at the head commit: `/compose.yaml#L13`.
    const [newPart, existingPart] = comments40[0].split('<summary>1 existing finding')
    expect(newPart).toMatch(/#### New findings[\s\S]*DC006[^\n]*\/compose\.override\.yaml#L5\)[\s\S]*DC019[^\n]*\/compose\.yaml#L13\)/)
    expect(newPart).not.toContain('DC002')
    expect(existingPart).toMatch(/DC002[^\n]*\/compose\.yaml#L11\)/)
    expect(comments40[0]).toContain('1 finding already existed before this change and does not fail the check.')
  })

  it('annotates only the new findings, and fails on the new high one', () => {
    const { failing } = results
    expect(annotated(failing, 'errors')).toEqual(['DC006 compose.override.yaml:5'])
    expect(annotated(failing, 'warnings')).toEqual(['DC019 compose.yaml:13'])
    expect(annotated(failing, 'notices')).toEqual([])
    expect(failing.code).toBe(1)
    expect(failing.outputs).toMatchObject({ result: 'fail', 'new-findings': '2', critical: '1', high: '1', medium: '1' })
    expect(failing.errors.at(-1)!.message).toMatch(/^Containment: 1 new finding at or above fail-on "high" \(1 high\)/)
  })

  it('passes when the override adds only what is below fail-on: the critical socket mount of the base file is existing', () => {
    const { passing, comments41 } = results
    expect(sarifResults(passing)).toEqual(['DC002 compose.yaml:11 unchanged', 'DC012 compose.override.yaml:6 new'])
    expect(passing.code).toBe(0)
    expect(passing.errors).toEqual([])
    expect(annotated(passing, 'warnings')).toEqual([])
    expect(annotated(passing, 'notices')).toEqual(['DC012 compose.override.yaml:6'])
    expect(passing.outputs).toMatchObject({ result: 'pass', 'new-findings': '1', critical: '1', 'max-severity': 'critical' })
    expect(comments41).toHaveLength(1)
    expect(comments41[0]).toContain('### ⚠️ Containment: 1 new finding below high; the check passes')
    expect(comments41[0]).toMatch(/1 existing finding: already there before this change[\s\S]*DC002[^\n]*\/compose\.yaml#L11\)/)
  })

  it('a change to an extends target alone is checked from the Compose file that extends it, its suppression honoured', () => {
    const { extended } = results
    expect(extended.summary).toMatch(/Scanned 1 file changed by pull request \\#\u200b?42 and 1 Compose file that pulls in a changed file\./)
    const results42 = extended.sarif!.runs[0].results as Array<{ ruleId: string; suppressions?: unknown[]; baselineState?: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }>
    const inCommon = results42.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'common/services.yml')
    const described = inCommon.map((r) => `${r.ruleId}:${r.locations[0].physicalLocation.region.startLine} ${r.suppressions ? 'suppressed' : r.baselineState}`)
    // The unpinned image was there before the change: existing.
    expect(described.sort()).toEqual(['DC001:5 suppressed', 'DC004:6 new', 'DC016:3 unchanged'])
    expect(annotated(extended, 'errors')).toEqual(['DC004 common/services.yml:6'])
    expect(extended.code).toBe(1)
  })

  it('does the same without a checkout, reading the head, the tree and the base through the API', () => {
    const { api } = results
    expect(sarifResults(api)).toEqual(['DC002 compose.yaml:11 unchanged', 'DC006 compose.override.yaml:5 new', 'DC019 compose.yaml:13 new'])
    expect(annotated(api, 'errors')).toEqual(['DC006 compose.override.yaml:5'])
    expect(api.code).toBe(1)
  })
})
