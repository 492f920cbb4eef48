import * as core from '@actions/core'
import { resolve } from 'node:path'
import { useBaselineWasmCompiler } from '../shell/baseline-compiler.js'
import type { Config } from '../core/config.js'
import type { ScanResult } from '../core/engine.js'
import type { Finding } from '../core/finding.js'
import { allRules, ruleById } from '../core/registry.js'
import { DirectoryWorkspace, type Workspace } from '../core/workspace.js'
import { ANNOTATIONS_PER_LEVEL, planAnnotations } from '../report/annotations.js'
import { annotationText, encodePath, escapeMarkdown } from '../report/escape.js'
import { renderComment, renderSummary } from '../report/markdown.js'
import type { ReportModel } from '../report/model.js'
import { toReportFile } from '../report/report-file.js'
import { toSarif } from '../report/sarif.js'
import { diffLines, planSuggestions } from '../report/suggestions.js'
import { upsertSuggestionReview } from './review.js'
import { VERSION } from '../version.js'
import { classify, type Classified } from './baseline.js'
import { baseMapping, checkoutState } from './changes.js'
import { markerFor, upsertStickyComment, withDigest } from './comment.js'
import { resolveConfig } from './config.js'
import { readContext, readPayload, type RunContext } from './context.js'
import { createGit, type Git } from './git.js'
import { apiTimingFrom, createGitHubApi, describeError, statusOf, type GitHubApi } from './github.js'
import { parseInputs, type ActionInputs } from './inputs.js'
import { limitPlan, planScan, type ScanPlan } from './plan.js'
import { publishReport } from './relay.js'
import { emitAnnotation, log, logGroup, setOutputs, writeFile, writeSummary } from './publish.js'
import { scanSide, type Side } from './scan.js'
import { FetchedWorkspace, apiSource, baseOverlay, checkoutSource, gitSource, renamedBase } from './sources.js'
import { walkCheckout } from './targets.js'
import { outputsOf, verdictOf, type Verdict } from './verdict.js'

/**
 * The Action: inputs → what to scan → scan the head (and the base) → new versus existing → SARIF, sticky
 * comment, annotations, job summary, outputs → verdict. Each step is a function on plain data in its own
 * module; this file only wires them and keeps the order that guarantees every output is written.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // Seconds of CPU a run of one action never earns back (measured: 1.6 s of CPU and 6 s of wall time down to
  // 0.6 s and 2 s on a loaded runner), and on node24 hundreds of MB: see useBaselineWasmCompiler.
  useBaselineWasmCompiler()
  try {
    await runAction(env)
  } catch (error) {
    // No verdict could be computed: fail closed, and say why in the summary too (a gate shows it there).
    const status = statusOf(error)
    const message = `Containment could not run: ${status ? `HTTP ${status}: ` : ''}${error instanceof Error ? error.message : String(error)}`
    await writeSummary(`### ❌ Containment could not run\n\n${escapeMarkdown(message, 2000)}\n`)
    core.setFailed(message)
  }
}

/** Notes shown as notice annotations at most (the rest are in the summary and the log). */
const MAX_NOTE_NOTICES = 3

async function runAction(env: NodeJS.ProcessEnv): Promise<void> {
  const inputs = parseInputs((name) => core.getInput(name))
  const context = readContext(env)
  const api = inputs.token ? createGitHubApi(inputs.token, { owner: context.owner, repo: context.repo, log, timing: apiTimingFrom(env) }) : undefined
  if (inputs.mode === 'publish') return publishReport(inputs, context, api, readPayload(env.GITHUB_EVENT_PATH))
  const git = createGit(context.workspace)
  const notes: string[] = []
  const head = await headSide(context, git, api, notes)

  const loaded = await resolveConfig(inputs, configWorkspace(context, head, api), context.workspace)
  logGroup(`Configuration${loaded.file ? ` (${loaded.file})` : ''}`, [...loaded.description.split('\n'), ...loaded.warnings])
  const config = loaded.config
  // The config file was read with the default size limit; everything else with the configured one.
  const side = head.limited(config.limits.maxFileBytes)

  const planned = await planScan({
    scope: inputs.scope,
    selection: { paths: inputs.paths, exclude: config.exclude },
    context,
    head: side,
    listAll: head.listAll,
    api,
    git
  })
  const plan = limitPlan(planned, config.limits.maxFiles)
  notes.push(...plan.notes)
  if (plan.incomplete) {
    // A warning, and the summary's headline and first lines (the report model carries it).
    emitAnnotation({ level: 'warning', title: 'Containment: incomplete scan', message: annotationText(`The scan is incomplete: ${plan.incomplete}.`) })
    log(`The scan is incomplete: ${plan.incomplete}; raise limits.max-files or narrow paths.`)
  }
  if (loaded.file && !context.change?.target && plan.changes?.files.some((f) => f.path === loaded.file)) {
    notes.push(`This change edits the config file ${loaded.file}: the findings were computed with the edited version.`)
  }
  logGroup(`Scanning ${plan.scope}`, plan.targets.map((t) => t.path))

  // Fixes are proven by a second scan of each fixed file: only when something shows them.
  const fixes = inputs.suggestions !== 'off' || inputs.sarifFile !== undefined
  const headResult = await scanSide(plan.targets, side, config, { fixes })
  const base = await scanBaseline(inputs, context, plan, side, config, git, api, headResult, notes)
  const classified = classify(headResult.findings, base)
  const verdict = verdictOf(classified, config.failOn, base !== undefined, plan.incomplete)
  logFindings(classified)
  await publish({ inputs, context, config, api, plan, headResult, classified, verdict, baseline: base !== undefined, notes, workspace: side.workspace })
}

interface Head {
  /** Read with the default limits: what the config file is read from. */
  side: Side
  /** The same version read with `limits.max-file-bytes`. */
  limited: (maxFileBytes: number) => Side
  listAll: () => Promise<{ paths: string[]; complete: boolean }>
}

/** The checkout when it holds the commit to scan; otherwise the contents API at that commit. */
async function headSide(context: RunContext, git: Git, api: GitHubApi | undefined, notes: string[]): Promise<Head> {
  const checkout = await checkoutState(context, git)
  const root = context.workspace
  if (checkout.usable) {
    const limited = (maxFileBytes?: number): Side => ({ source: checkoutSource(root, maxFileBytes), workspace: new DirectoryWorkspace(root, { maxFileBytes }) })
    return { side: limited(), limited, listAll: once(async () => walkCheckout(root)) }
  }
  const ref = context.change?.headSha ?? context.sha
  if (!api) throw new Error(`the workspace cannot be scanned (${checkout.reason}) and no github-token was given to read the files through the API`)
  log(`Reading files through the GitHub API at ${ref}: ${checkout.reason}.`)
  if (!context.change?.target) notes.push(`The workspace does not hold the files to scan (${checkout.reason}): they were read through the GitHub API.`)
  const limited = (maxFileBytes?: number): Side => {
    const source = apiSource(api, ref, maxFileBytes)
    return { source, workspace: new FetchedWorkspace(source, { maxFileBytes }) }
  }
  return { side: limited(), limited, listAll: once(() => api.listTree(ref)) }
}

/**
 * Where the config file is read. On pull_request_target the pull request may come from anyone: its own
 * config file could turn the rules off, so the base commit's is used. Elsewhere, the head's (a change
 * to it shows in the diff, and a note says the findings used it).
 */
function configWorkspace(context: RunContext, head: Head, api: GitHubApi | undefined): Workspace {
  if (!context.change?.target || !api) return head.side.workspace
  log(`pull_request_target: the config file is read from the base commit ${context.change.baseSha}.`)
  return new FetchedWorkspace(apiSource(api, context.change.baseSha))
}

/**
 * The base version of the scanned files, scanned the same way, so that findings the change did not
 * introduce can be told apart. Undefined when there is no baseline (or it could not be read: then every
 * finding counts as new, and a note says so).
 */
async function scanBaseline(
  inputs: ActionInputs,
  context: RunContext,
  plan: ScanPlan,
  head: Side,
  config: Config,
  git: Git,
  api: GitHubApi | undefined,
  headResult: ScanResult,
  notes: string[]
): Promise<Finding[] | undefined> {
  const change = context.change
  if (inputs.baseline !== 'base' || !change) return undefined
  if (headResult.findings.length === 0) return []
  try {
    const limit = config.limits.maxFileBytes
    const commit = (await git.hasCommit(change.baseSha)) ? gitSource(git, change.baseSha, limit) : api ? apiSource(api, change.baseSha, limit) : undefined
    if (!commit) {
      notes.push('The base commit is not in the checkout and there is no github-token to read it: every finding counts as new.')
      return undefined
    }
    const mapping = baseMapping(plan.changes)
    const source = plan.changes?.complete ? baseOverlay(mapping, commit, head.source) : renamedBase(mapping, commit)
    const targets = plan.targets.filter((t) => mapping.basePathOf(t.path) !== null)
    return (await scanSide(targets, { source, workspace: new FetchedWorkspace(source, { maxFileBytes: limit }) }, config)).findings
  } catch (error) {
    notes.push(`The base version (${change.baseSha.slice(0, 12)}) could not be read (${describeError(error)}): every finding counts as new.`)
    return undefined
  }
}

interface Outcome {
  inputs: ActionInputs
  context: RunContext
  config: Config
  api?: GitHubApi
  plan: ScanPlan
  headResult: ScanResult
  classified: Classified
  verdict: Verdict
  baseline: boolean
  notes: string[]
  /** The head's files, for the lines a suggested change replaces. */
  workspace: Workspace
}

/**
 * Every output, each on its own: a failure to comment becomes a note and changes nothing else. The
 * comment goes first so that its note can be an annotation and be in the summary; the verdict goes last.
 */
async function publish(outcome: Outcome): Promise<void> {
  const { classified, verdict, notes } = outcome
  const model = reportModel(outcome)
  const sarifFile = writeSarif(outcome, notes)
  const reportFile = writeReportFile(outcome, notes)
  const comment = await postComment(outcome, model)
  if (comment.note) notes.push(comment.note)
  const suggestions = await postSuggestions(outcome)
  if (suggestions) notes.push(suggestions)
  annotate(outcome, notes, comment.posted)
  const problem = await writeSummary(renderSummary({ ...model, notes: [...notes] }))
  if (problem) log(`The job summary could not be written: ${problem}`)
  setOutputs({ ...outputsOf(classified, verdict, sarifFile, comment.url ?? ''), 'report-file': reportFile })
  log(`Result: ${verdict.result} (${classified.newFindings.length} new, ${classified.existingFindings.length} existing, ${classified.suppressedFindings.length} suppressed).`)
  if (verdict.message) core.setFailed(verdict.message)
}

function reportModel(outcome: Outcome): ReportModel {
  const { context, config, plan, classified, baseline, notes } = outcome
  const repoUrl = `${context.serverUrl}/${context.owner}/${context.repo}`
  const sha = context.change?.headSha ?? (context.sha || undefined)
  return {
    failOn: config.failOn,
    baseline,
    ...classified,
    scope: plan.scope,
    scannedFiles: outcome.headResult.files.map((f) => f.path),
    notes: [...notes],
    ...(plan.incomplete ? { incomplete: plan.incomplete } : {}),
    headSha: sha,
    links: {
      file: sha ? (path, line, endLine) => `${repoUrl}/blob/${sha}/${encodePath(path)}#L${line}${endLine > line ? `-L${endLine}` : ''}` : undefined,
      commit: sha ? `${repoUrl}/commit/${sha}` : undefined,
      run: context.runId ? `${repoUrl}/actions/runs/${context.runId}` : undefined
    },
    rule: ruleById
  }
}

function writeSarif(outcome: Outcome, notes: string[]): string {
  const { inputs, context, classified } = outcome
  if (!inputs.sarifFile) return ''
  const path = resolve(context.workspace, inputs.sarifFile)
  const existing = new Set(classified.existingFindings)
  const findings = [...classified.newFindings, ...classified.existingFindings, ...classified.suppressedFindings]
  const sarif = toSarif(findings, allRules, {
    version: VERSION,
    category: inputs.sarifCategory,
    isNew: outcome.baseline ? (f) => !existing.has(f) : undefined,
    incomplete: outcome.plan.incomplete
  })
  try {
    writeFile(path, JSON.stringify(sarif, null, 2) + '\n')
    log(`SARIF written to ${path}.`)
    return path
  } catch (error) {
    notes.push(`The SARIF file could not be written (${describeError(error)}).`)
    return ''
  }
}

/** The report for the publishing half of the workflow_run recipe (and anyone else who wants the data). */
function writeReportFile(outcome: Outcome, notes: string[]): string {
  const { inputs, context, config, plan, classified, baseline } = outcome
  if (!inputs.reportFile) return ''
  const path = resolve(context.workspace, inputs.reportFile)
  const change = context.change
  const text = toReportFile({
    version: VERSION,
    change: change ? { number: change.number, headSha: change.headSha, baseSha: change.baseSha } : undefined,
    failOn: config.failOn,
    baseline,
    scope: plan.scope,
    scannedFiles: outcome.headResult.files.map((f) => f.path),
    notes: notes.slice(0, 20),
    ...(plan.incomplete ? { incomplete: plan.incomplete } : {}),
    findings: { new: classified.newFindings, existing: classified.existingFindings, suppressed: classified.suppressedFindings }
  })
  try {
    writeFile(path, text)
    log(`Report written to ${path}.`)
    return path
  } catch (error) {
    notes.push(`The report file could not be written (${describeError(error)}).`)
    return ''
  }
}

async function postComment(outcome: Outcome, model: ReportModel): Promise<{ url?: string; note?: string; posted: boolean }> {
  const { inputs, context, api, classified } = outcome
  const change = context.change
  if (inputs.comment === 'off' || change?.kind !== 'pull-request') return { posted: false }
  if (!api) return { posted: false, note: 'No github-token was given: the pull request comment was not posted.' }
  const marker = markerFor(inputs.sarifCategory)
  const body = renderComment(model, marker)
  const stable = renderComment({ ...model, links: { ...model.links, run: undefined } }, marker)
  try {
    const result = await upsertStickyComment(api, {
      issueNumber: change.number!,
      marker,
      body: withDigest(body, stable),
      mode: inputs.comment,
      createIfMissing: classified.newFindings.length > 0
    })
    const raced = result.raced ? ', another run had posted it first' : ''
    log(`Pull request comment: ${result.action}${raced}${result.deleted ? `, ${result.deleted} duplicate(s) deleted` : ''}${result.url ? ` (${result.url})` : ''}.`)
    const note = result.deleteFailure === undefined ? undefined : `A duplicate pull request comment could not be deleted (${describeError(result.deleteFailure)}); the report comment is up to date.`
    return { url: result.url, posted: result.action !== 'none', note }
  } catch (error) {
    return { posted: false, note: commentFailure(error, change.fork) }
  }
}

/**
 * Suggested changes for the new findings' fixes, on lines of the diff only. A failure (a read-only token on a
 * fork) becomes a note: the findings are in the annotations and the comment all the same.
 */
async function postSuggestions(outcome: Outcome): Promise<string | undefined> {
  const { inputs, context, api, classified, plan } = outcome
  const change = context.change
  if (inputs.suggestions === 'off' || change?.kind !== 'pull-request' || !api || !plan.changes) return undefined
  const hunks = new Map(plan.changes.files.map((f) => [f.path, f.patch === undefined ? [] : diffLines(f.patch)]))
  const suggestions = planSuggestions(classified.newFindings, {
    level: inputs.suggestions,
    category: inputs.sarifCategory,
    textOf: (path) => outcome.workspace.read(path),
    inDiff: (path, start, end) => (hunks.get(path) ?? []).some((h) => h.start <= start && end <= h.end)
  })
  try {
    const result = await upsertSuggestionReview(api, { pullNumber: change.number!, commitId: change.headSha, category: inputs.sarifCategory, suggestions })
    log(`Suggested changes: ${result.posted} posted, ${result.kept} kept, ${result.deleted} deleted.`)
    return undefined
  } catch (error) {
    const status = statusOf(error)
    const why = status === 403 || status === 404 ? (change.fork ? 'on pull requests from forks GITHUB_TOKEN is read-only' : 'the token needs the pull-requests: write permission') : 'GitHub did not accept them'
    return `The suggested changes could not be posted (${describeError(error)}): ${why}. The findings are in the annotations and the job summary; the result is unchanged.`
  }
}

function commentFailure(error: unknown, fork: boolean): string {
  const status = statusOf(error)
  const why =
    status === 403 || status === 404
      ? fork
        ? 'on pull requests from forks GITHUB_TOKEN is read-only; see the fork-safe workflow in the documentation'
        : 'the token needs the pull-requests: write permission'
      : 'GitHub did not accept it'
  const still = 'The findings are in the annotations, the job summary and the SARIF file; the result is unchanged.'
  return `The pull request comment could not be posted (${describeError(error)}): ${why}. ${still}`
}

/** Notes as notices first (always: they explain the run), then the findings' annotations when enabled. */
function annotate(outcome: Outcome, notes: string[], commentPosted: boolean): void {
  const { classified, config, verdict, inputs } = outcome
  const noteNotices = notes.slice(0, MAX_NOTE_NOTICES)
  for (const note of noteNotices) emitAnnotation({ level: 'notice', title: 'Containment', message: annotationText(note) })
  for (const note of notes.slice(MAX_NOTE_NOTICES)) log(`Note: ${note}`)
  if (!inputs.annotations) return
  const seeAlso = commentPosted ? 'the job summary, the pull request comment and the SARIF file' : 'the job summary and the SARIF file'
  const plan = planAnnotations(classified.newFindings, {
    failOn: config.failOn,
    budget: {
      error: ANNOTATIONS_PER_LEVEL - (verdict.message ? 1 : 0),
      warning: ANNOTATIONS_PER_LEVEL,
      notice: ANNOTATIONS_PER_LEVEL - noteNotices.length
    },
    rule: ruleById,
    seeAlso
  })
  for (const annotation of plan.annotations) emitAnnotation(annotation)
}

function logFindings(classified: Classified): void {
  const line = (f: Finding) => `${f.severity.padEnd(8)} ${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`
  logGroup(`New findings: ${classified.newFindings.length}`, classified.newFindings.map(line))
  if (classified.existingFindings.length > 0) logGroup(`Existing findings: ${classified.existingFindings.length}`, classified.existingFindings.map(line))
  if (classified.suppressedFindings.length > 0) logGroup(`Suppressed findings: ${classified.suppressedFindings.length}`, classified.suppressedFindings.map(line))
}

function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined
  return () => (value ??= compute())
}
