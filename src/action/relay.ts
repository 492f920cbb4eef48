import * as core from '@actions/core'
import { lstatSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Finding } from '../core/finding.js'
import { ruleById } from '../core/registry.js'
import { annotationLevel, annotationOf } from '../report/annotations.js'
import { encodePath, truncateText } from '../report/escape.js'
import { COMMENT_MAX_BYTES, renderComment, renderReport, renderSummary } from '../report/markdown.js'
import type { ReportModel } from '../report/model.js'
import { parseReportFile, prepareReportValidation, REPORT_MAX_BYTES, ReportFileError, type ReportFile } from '../report/report-file.js'
import type { Classified } from './baseline.js'
import { markerFor, upsertStickyComment, withDigest } from './comment.js'
import type { RunContext } from './context.js'
import { describeError, statusOf, type CheckAnnotation, type GitHubApi } from './github.js'
import type { ActionInputs } from './inputs.js'
import { log, setOutputs, writeSummary } from './publish.js'
import { outputsOf, verdictOf } from './verdict.js'

/**
 * `mode: publish`, the privileged half of the fork-safe workflow_run recipe. It runs on the default
 * branch with a token that can write, next to an artifact the unprivileged half uploaded. It never
 * scans, checks out or runs anything of the pull request: it reads the report file as hostile data
 * (report-file.ts), takes the pull request and the commit from the workflow_run event and the API, never
 * from the report, and posts the sticky comment and a check run with the annotations on the pull
 * request's head commit (annotations printed by this job would land on the default branch instead).
 */

/** Check runs take 50 annotations per request; beyond this many they are counted in the summary. */
const CHECK_ANNOTATIONS_PER_REQUEST = 50
const CHECK_ANNOTATIONS_MAX = 1000
export const CHECK_RUN_NAME = 'Containment'

interface TriggeringRun {
  id: number
  headSha: string
  headBranch: string
  headRepo: string
  event: string
  url?: string
  /** Pull requests the event names (empty for forks: GitHub does not fill it in then). */
  pulls: { number: number; headSha: string }[]
}

export async function publishReport(inputs: ActionInputs, context: RunContext, api: GitHubApi | undefined, payload: Record<string, unknown>): Promise<void> {
  if (context.eventName !== 'workflow_run') throw new Error(`mode: publish runs on the workflow_run event (this is ${context.eventName || 'no event'})`)
  const run = triggeringRun(payload)
  if (run.event !== 'pull_request') {
    log(`The triggering run was for a ${run.event} event, not a pull request: nothing to publish.`)
    return
  }
  if (!api) throw new Error('mode: publish needs a github-token to post the comment and the check run')
  const reportPath = resolve(context.workspace, inputs.reportFile!)
  await prepareReportValidation()
  const report = readReport(reportPath, inputs.reportFile!)
  if (report.change && report.change.headSha !== run.headSha) {
    throw new Error(`the report is for commit ${report.change.headSha.slice(0, 12)}, the triggering run for ${run.headSha.slice(0, 12)}: not published`)
  }
  const number = await pullRequestOf(run, api)
  if (number === undefined) {
    log(`No open pull request has head ${run.headRepo}:${run.headBranch} at ${run.headSha}: nothing to publish.`)
    return
  }
  if (report.change?.number !== undefined && report.change.number !== number) {
    throw new Error(`the report names pull request #${report.change.number}, the triggering run belongs to #${number}: not published`)
  }
  log(`Publishing the report of run ${run.id} on pull request #${number} (commit ${run.headSha}).`)
  const failOn = inputs.failOn ?? report.failOn
  const classified: Classified = { newFindings: report.findings.new, existingFindings: report.findings.existing, suppressedFindings: report.findings.suppressed }
  const verdict = verdictOf(classified, failOn, report.baseline, report.incomplete)
  const notes = [...report.notes]
  const model = modelOf(report, classified, failOn, context, run, notes)

  const check = await postCheckRun(api, run.headSha, model, verdict.result === 'fail', classified.newFindings, failOn, report.incomplete !== undefined)
  if (check.note) notes.push(check.note)
  const comment = await postComment(api, inputs, number, model, classified.newFindings.length > 0)
  if (comment.note) notes.push(comment.note)
  const problem = await writeSummary(renderSummary({ ...model, notes }))
  if (problem) log(`The job summary could not be written: ${problem}`)
  setOutputs({ ...outputsOf(classified, verdict, '', comment.url ?? ''), 'report-file': reportPath })
  for (const note of notes) core.notice(truncateText(note, 1000), { title: 'Containment' })
  log(`Published: ${verdict.result} (${classified.newFindings.length} new, ${classified.existingFindings.length} existing, ${classified.suppressedFindings.length} suppressed).`)
}

function triggeringRun(payload: Record<string, unknown>): TriggeringRun {
  const run = record(payload.workflow_run)
  const headSha = text(run.head_sha)
  const id = run.id
  if (!/^[0-9a-f]{40}$/.test(headSha) || typeof id !== 'number') throw new Error('the workflow_run event has no run id or head commit')
  const pulls = Array.isArray(run.pull_requests) ? run.pull_requests.map(record) : []
  return {
    id,
    headSha,
    headBranch: text(run.head_branch),
    headRepo: text(record(run.head_repository).full_name),
    event: text(run.event),
    url: text(run.html_url) || undefined,
    pulls: pulls.map((p) => ({ number: Number(p.number), headSha: text(record(p.head).sha) })).filter((p) => Number.isInteger(p.number) && p.number > 0)
  }
}

/** The report file from the downloaded artifact: a regular file (no link out of the directory), bounded. */
function readReport(path: string, file: string): ReportFile {
  let bytes: Buffer
  try {
    const stat = lstatSync(path)
    if (!stat.isFile()) throw new ReportFileError(`${file} is not a regular file`)
    if (stat.size > REPORT_MAX_BYTES) throw new ReportFileError(`${file} is ${stat.size} bytes; at most ${REPORT_MAX_BYTES} are read`)
    bytes = readFileSync(path)
  } catch (error) {
    if (error instanceof ReportFileError) throw error
    throw new Error(`the report file ${file} could not be read (${describeError(error)}): did the artifact download step run?`)
  }
  try {
    return parseReportFile(bytes, (id) => ruleById(id) !== undefined)
  } catch (error) {
    if (error instanceof ReportFileError) throw new Error(`the report file ${file} is not a Containment report: ${error.message}; nothing was published`)
    throw error
  }
}

/**
 * The pull request whose head is the triggering run's commit: from the event when GitHub lists it
 * (same-repository branches), else the open pull requests of that head branch (forks), and only one
 * whose head is exactly that commit and that repository.
 */
async function pullRequestOf(run: TriggeringRun, api: GitHubApi): Promise<number | undefined> {
  const listed = run.pulls.filter((p) => p.headSha === run.headSha)
  if (listed.length === 1) return listed[0].number
  const owner = run.headRepo.split('/')[0]
  if (!owner || !run.headBranch) return undefined
  const open = (await api.openPullsForHead(`${owner}:${run.headBranch}`)).filter((p) => p.headSha === run.headSha && p.headRepo === run.headRepo)
  return open.length === 1 ? open[0].number : undefined
}

function modelOf(report: ReportFile, classified: Classified, failOn: ReportModel['failOn'], context: RunContext, run: TriggeringRun, notes: string[]): ReportModel {
  const repoUrl = `${context.serverUrl}/${context.owner}/${context.repo}`
  const sha = run.headSha
  return {
    failOn,
    baseline: report.baseline,
    ...classified,
    scope: report.scope,
    scannedFiles: report.scannedFiles,
    notes,
    ...(report.incomplete === undefined ? {} : { incomplete: report.incomplete }),
    headSha: sha,
    links: {
      file: (path, line, endLine) => `${repoUrl}/blob/${sha}/${encodePath(path)}#L${line}${endLine > line ? `-L${endLine}` : ''}`,
      commit: `${repoUrl}/commit/${sha}`,
      // The run that scanned: its job summary holds the full report.
      run: `${repoUrl}/actions/runs/${run.id}`
    },
    rule: ruleById
  }
}

/** A check run on the pull request's head commit, with the new findings as its annotations. */
async function postCheckRun(
  api: GitHubApi,
  headSha: string,
  model: ReportModel,
  failing: boolean,
  newFindings: Finding[],
  failOn: ReportModel['failOn'],
  incomplete: boolean
): Promise<{ note?: string }> {
  const annotations = newFindings.slice(0, CHECK_ANNOTATIONS_MAX).map((f) => checkAnnotation(f, failOn))
  const left = newFindings.length - annotations.length
  const summary =
    renderReport(model, { maxBytes: COMMENT_MAX_BYTES - 1024, messageLength: 400, listScannedFiles: false, fullReport: 'the job summary of the scanning run' }) +
    (left > 0 ? `\n${left} more findings are not annotated: see the job summary.\n` : '')
  const title = titleOf(failing, newFindings.length, incomplete)
  try {
    const batches = chunks(annotations, CHECK_ANNOTATIONS_PER_REQUEST)
    const created = await api.createCheckRun({ name: CHECK_RUN_NAME, headSha, conclusion: failing ? 'failure' : 'success', output: { title, summary, annotations: batches[0] ?? [] } })
    for (const batch of batches.slice(1)) await api.addCheckRunAnnotations(created.id, { title, summary, annotations: batch })
    log(`Check run: ${created.url} (${annotations.length} annotations).`)
    return {}
  } catch (error) {
    const why = statusOf(error) === 403 ? ': the token needs the checks: write permission' : ''
    return { note: `The check run with the annotations could not be created (${describeError(error)})${why}. The comment and the job summary have the findings.` }
  }
}

function titleOf(failing: boolean, newFindings: number, incomplete: boolean): string {
  if (failing && newFindings === 0 && incomplete) return 'The scan is incomplete'
  if (failing) return `New findings fail the check${incomplete ? '; the scan is incomplete' : ''}`
  const what = newFindings > 0 ? 'New findings below fail-on' : 'No new findings'
  return incomplete ? `${what}; the scan is incomplete` : what
}

function checkAnnotation(finding: Finding, failOn: ReportModel['failOn']): CheckAnnotation {
  const a = annotationOf(finding, annotationLevel(finding.severity, failOn), ruleById(finding.ruleId))
  return {
    path: a.file!,
    start_line: a.startLine!,
    end_line: a.endLine!,
    ...(a.startColumn !== undefined ? { start_column: a.startColumn } : {}),
    ...(a.endColumn !== undefined ? { end_column: a.endColumn } : {}),
    annotation_level: a.level === 'error' ? 'failure' : a.level,
    title: truncateText(a.title, 255),
    message: truncateText(a.message, 4000)
  }
}

async function postComment(api: GitHubApi, inputs: ActionInputs, number: number, model: ReportModel, createIfMissing: boolean): Promise<{ url?: string; note?: string }> {
  if (inputs.comment === 'off') return {}
  const marker = markerFor(inputs.sarifCategory)
  const body = renderComment(model, marker)
  const stable = renderComment({ ...model, links: { ...model.links, run: undefined } }, marker)
  try {
    const result = await upsertStickyComment(api, { issueNumber: number, marker, body: withDigest(body, stable), mode: inputs.comment, createIfMissing })
    log(`Pull request comment: ${result.action}${result.url ? ` (${result.url})` : ''}.`)
    return { url: result.url }
  } catch (error) {
    const why = statusOf(error) === 403 ? ': the token needs the pull-requests: write permission' : ''
    return { note: `The pull request comment could not be posted (${describeError(error)})${why}.` }
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
