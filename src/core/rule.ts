import { REPOSITORY_URL } from '../version.js'
import type { Range, Severity } from './finding.js'
import type { FixDraft, FixSafety } from './fix.js'

export type Principle = 'P1' | 'P2' | 'P3' | 'P4' | 'P5' | 'P6' | 'P7' | 'P8' | 'S' | '-'

export const PRINCIPLES: Record<Principle, string> = {
  P1: 'Containers do not contain: never hand the container a way to the host',
  P2: 'Drop privileges as quickly as possible; run services as non-root',
  P3: "Don't run random code from the internet",
  P4: 'Kernel file systems and devices are not namespaced',
  P5: 'Least capability',
  P6: 'Keep seccomp, AppArmor and SELinux on',
  P7: 'Namespaces are a boundary',
  P8: 'cgroups protect the host from denial of service',
  S: 'Secrets never live in images or compose files',
  '-': 'The file must be understood to be reviewed'
}

/** Rule IDs of other tools that detect the same problem; used for docs, score mapping and their suppressions. */
export interface Equivalents {
  hadolint?: string[]
  trivy?: string[]
  checkov?: string[]
  /** KICS query ids (UUIDs). */
  kics?: string[]
  dclint?: string[]
  cis?: string[]
}

export interface RuleMeta {
  id: string
  slug: string
  title: string
  severity: Severity
  principles: Principle[]
  /** One sentence: why this is dangerous. */
  rationale: string
  /** One sentence: how to fix it. */
  fix: string
  equivalents: Equivalents
  /** The mechanical fixes the rule offers with its findings (src/core/fix.ts), when it has any. */
  autofix?: Array<{ safety: FixSafety; what: string }>
}

export const DOCS_BASE = `${REPOSITORY_URL}/blob/main/docs/rules`

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`
}

export interface ReportOptions {
  /** Overrides the rule's default severity for this finding (e.g. DF001 at low when privileges are dropped). */
  severity?: Severity
  /** The offending text; defaults to nothing. Used for display and for fingerprints. */
  snippet?: string
  /** Report in another file than the one being checked (cross-file rules). */
  file?: string
  /**
   * A fix as edits on the checked file (never with `file`), built only when the scan asks for fixes: most
   * scans show none, and a rule that fires on every service would otherwise pay for thousands of them.
   */
  fix?: () => FixDraft | undefined
}

/** How a rule reports: a 1-based range in the checked file, the message, options. */
export type Report = (range: Range, message: string, options?: ReportOptions) => void
