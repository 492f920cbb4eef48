import type { AnalysisContext } from '../core/analyzer.js'
import type { ReportOptions, RuleMeta } from '../core/rule.js'
import type { Service, Span } from './model.js'
import type { ComposeProject, ServiceView } from './project.js'

/**
 * How a Compose rule reports: where the offending token is written (file and range), the message, options.
 * The analyzer keeps only what is written in the file being analysed (a value from a base file or an
 * `extends` target is reported when that file is analysed) and reports one cause once (a value that a YAML
 * anchor merges into several services is one line).
 */
export type ComposeReport = (at: Span, message: string, options?: ReportOptions) => void

/** A Compose rule: its catalog entry and its check, which reads the project view and reports. */
export interface ComposeRule extends RuleMeta {
  check(project: ComposeProject, report: ComposeReport, context: AnalysisContext): void
}

/** Every definition written in this file, with the view it belongs to: where value rules look. */
export function* ownDefinitions(project: ComposeProject): Generator<{ view: ServiceView; service: Service }> {
  for (const view of project.views) for (const service of view.own) yield { view, service }
}

/**
 * Where a "missing hardening" finding goes: an explicit bad value written in this file, else the key of
 * the service's first definition when this file owns the service; nowhere otherwise (the owner reports).
 */
export function missingAnchor(view: ServiceView, project: ComposeProject, explicit?: Span): Span | undefined {
  if (project.fragment) return undefined
  if (explicit && explicit.file === project.file.path) return explicit
  return view.home?.key
}

export function quote(text: string, max = 80): string {
  const single = text.replace(/\s+/g, ' ').trim()
  return `"${single.length > max ? single.slice(0, max) + '…' : single}"`
}
