import type { Config } from './config.js'
import type { Finding } from './finding.js'
import type { RuleMeta } from './rule.js'
import type { SuppressionDirective } from './suppress.js'
import type { Workspace } from './workspace.js'

export type FileKind = 'dockerfile' | 'compose'

/** A file to analyse: repository-relative path and its decoded text. */
export interface SourceFile {
  path: string
  text: string
}

export interface AnalysisContext {
  config: Config
  workspace: Workspace
  /** Per-scan memo for work shared between files (a Dockerfile parsed for DX001 and for itself). */
  memo: Map<string, unknown>
  /** Whether rules' fixes are wanted (ReportOptions.fix is only called then). */
  fixes?: boolean
}

/** One kind of file: how to recognise it, the rules it runs, and the rule that reports a file it cannot read. */
export interface Analyzer {
  kind: FileKind
  rules: RuleMeta[]
  /** The rule reported for a file that cannot be decoded or parsed (DF023, DC021). */
  invalidRuleId: string
  /** Recognises a file by its name alone. */
  matchesName(path: string): boolean
  /** Recognises the content of a file named explicitly whatever its name. */
  sniff(text: string): boolean
  analyze(file: SourceFile, context: AnalysisContext): Finding[]
  /**
   * The suppression comments written in the file and the lines each covers (src/core/suppress.ts), and those
   * of the files `analyze` checked from it (a Compose file's `include` and `extends` targets), whose findings they cover.
   */
  suppressions?(file: SourceFile, context: AnalysisContext): SuppressionDirective[]
}

/** Reuses a value computed for this scan, or computes and keeps it. */
export function memoize<T>(context: AnalysisContext, key: string, compute: () => T): T {
  if (context.memo.has(key)) return context.memo.get(key) as T
  const value = compute()
  context.memo.set(key, value)
  return value
}
