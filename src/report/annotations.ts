import { atLeast, compareFindings, severityRank, type Finding, type Severity } from '../core/finding.js'
import { docsUrl, type RuleMeta } from '../core/rule.js'
import { annotationText } from './escape.js'

/**
 * Workflow annotations for findings. GitHub shows at most 10 annotations of each level per step and drops
 * the rest silently, so the plan spends that budget on the most severe findings first and ends with one
 * notice that says how many more there are and where they are. Pure: the Action prints the plan.
 */

export type AnnotationLevel = 'error' | 'warning' | 'notice'

/** Annotations per level per step that GitHub displays. */
export const ANNOTATIONS_PER_LEVEL = 10

export interface Annotation {
  level: AnnotationLevel
  title: string
  message: string
  file?: string
  startLine?: number
  endLine?: number
  /** Only on single-line ranges: GitHub ignores columns otherwise. */
  startColumn?: number
  endColumn?: number
}

export type AnnotationBudget = Record<AnnotationLevel, number>

export interface AnnotationPlan {
  annotations: Annotation[]
  /** Findings left out for want of budget. */
  omitted: number
}

export interface AnnotationOptions {
  failOn: Severity | 'never'
  /** What is left of each level's 10 after the Action's own messages (the failure message is an error). */
  budget: AnnotationBudget
  rule: (id: string) => RuleMeta | undefined
  /** Where the omitted findings can be read, e.g. "the job summary and the pull request comment". */
  seeAlso: string
}

/**
 * Findings that fail the check are errors; the others are warnings from medium up, notices below, so a
 * reviewer can tell at a glance what blocks the merge.
 */
export function annotationLevel(severity: Severity, failOn: Severity | 'never'): AnnotationLevel {
  if (failOn !== 'never' && atLeast(severity, failOn)) return 'error'
  return atLeast(severity, 'medium') ? 'warning' : 'notice'
}

export function planAnnotations(findings: readonly Finding[], options: AnnotationOptions): AnnotationPlan {
  const ordered = [...findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || compareFindings(a, b))
  let plan = fill(ordered, options, options.budget)
  if (plan.omitted > 0) {
    // The closing notice takes one notice slot: plan again with one less.
    const budget = { ...options.budget, notice: Math.max(0, options.budget.notice - 1) }
    plan = fill(ordered, options, budget)
    plan.annotations.push(overflowNotice(plan.omitted, options.seeAlso))
  }
  return plan
}

function fill(ordered: Finding[], options: AnnotationOptions, budget: AnnotationBudget): AnnotationPlan {
  const left = { ...budget }
  const annotations: Annotation[] = []
  let omitted = 0
  for (const finding of ordered) {
    const level = annotationLevel(finding.severity, options.failOn)
    if (left[level] <= 0) {
      omitted++
      continue
    }
    left[level]--
    annotations.push(annotationOf(finding, level, options.rule(finding.ruleId)))
  }
  return { annotations, omitted }
}

export function annotationOf(finding: Finding, level: AnnotationLevel, rule: RuleMeta | undefined): Annotation {
  const singleLine = finding.endLine <= finding.line
  const annotation: Annotation = {
    level,
    title: `${finding.ruleId} ${rule?.title ?? ''}`.trim(),
    message: `${annotationText(finding.message)}\n${finding.severity} · ${docsUrl(finding.ruleId)}`,
    file: finding.file,
    startLine: finding.line,
    endLine: Math.max(finding.line, finding.endLine)
  }
  if (singleLine && finding.column > 0) {
    annotation.startColumn = finding.column
    if (finding.endColumn > finding.column) annotation.endColumn = finding.endColumn
  }
  return annotation
}

function overflowNotice(omitted: number, seeAlso: string): Annotation {
  const findings = omitted === 1 ? '1 more finding is' : `${omitted} more findings are`
  return {
    level: 'notice',
    title: 'Containment: more findings',
    message: `${findings} not shown as annotations: GitHub shows ${ANNOTATIONS_PER_LEVEL} per level in a step, the most severe first. See ${seeAlso}.`
  }
}
