import type { Finding, Severity } from '../core/finding.js'
import { ruleById } from '../core/registry.js'
import { ANNOTATIONS_PER_LEVEL, planAnnotations } from '../report/annotations.js'
import { workflowCommand } from '../report/workflow-commands.js'

/**
 * `--format github`: the findings as workflow commands, for a CLI step in a GitHub workflow. The same plan
 * as the Action's (the most severe first, 10 per level, one closing notice for the rest) and the same
 * escaping, so a crafted file name or message cannot end the command early or start another.
 */
export function formatGithub(findings: Finding[], failOn: Severity | 'never'): string {
  const plan = planAnnotations(findings, {
    failOn,
    budget: { error: ANNOTATIONS_PER_LEVEL, warning: ANNOTATIONS_PER_LEVEL, notice: ANNOTATIONS_PER_LEVEL },
    rule: ruleById,
    seeAlso: 'the output of `containment scan --format text` (or json, sarif)'
  })
  return plan.annotations.map((a) => workflowCommand(a) + '\n').join('')
}
