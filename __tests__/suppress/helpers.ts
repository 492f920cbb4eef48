import { defaultConfig, type Config } from '../../src/core/config.js'
import type { Finding } from '../../src/core/finding.js'
import type { Equivalents, RuleMeta } from '../../src/core/rule.js'
import { CT001 } from '../../src/core/rules/CT001-unused-suppression.js'
import { applySuppressions, type SuppressionDirective } from '../../src/core/suppress.js'

/** Rules with the equivalents of the real ones, so that matching is tested apart from the rules' own progress. */
export const RULES: RuleMeta[] = [
  meta('DF001', {
    hadolint: ['DL3002'],
    trivy: ['DS-0002'],
    checkov: ['CKV_DOCKER_8'],
    kics: ['fd54f200-402c-4333-a5a4-36ef6709af2f']
  }),
  meta('DF002', { hadolint: ['DL3004'], trivy: ['DS-0010'], checkov: ['CKV2_DOCKER_1'], kics: ['8ada6e80-0ade-439e-b176-0b28f6bce35a'] }),
  meta('DF008', { hadolint: ['DL3007'], trivy: ['AVD-DS-0001'], checkov: ['CKV_DOCKER_7'], kics: ['f45ea400-6bbe-4501-9fc7-1c3d75c32067'] }),
  meta('DF009', {}),
  meta('DC001', { kics: ['ae5b6871-7f45-42e0-bb4c-ab300c4d2026'] }),
  meta('DC004', { kics: ['ce76b7d0-9e77-464d-b86f-c5c48e03e22d'] }),
  meta('DC012', { dclint: ['no-unbound-port-interfaces'], kics: ['451d79dc-0588-476a-ad03-3c7f0320abb3'] }),
  meta('DC015', { dclint: ['no-version-field', 'require-explicit-image-tag'] }),
  CT001
]

function meta(id: string, equivalents: Equivalents): RuleMeta {
  return { id, slug: id.toLowerCase(), title: id, severity: 'high', principles: ['-'], rationale: '', fix: '', equivalents }
}

export function finding(ruleId: string, line: number, file = 'Dockerfile'): Finding {
  return { ruleId, severity: 'high', file, line, column: 1, endLine: line, endColumn: 2, message: `${ruleId} at ${line}`, snippet: '' }
}

/**
 * Applies the directives to findings given as `RULE@line`, and returns every finding as
 * `RULE@line` (active), `RULE@line ~kind/tool:line` (suppressed, by the comment on that line), or
 * `CT001@line` with the start of its message.
 */
export function outcome(directives: SuppressionDirective[], findings: string[], config: Partial<Config> = {}, file = 'Dockerfile'): string[] {
  const input = findings.map((f) => {
    const [rule, line] = f.split('@')
    return finding(rule, Number(line), file)
  })
  return applySuppressions(input, directives, { ...defaultConfig(), ...config }, RULES, '2026-06-01').map(show)
}

export function show(f: Finding): string {
  if (f.ruleId === 'CT001') return `CT001@${f.line}:${f.column} ${f.message}`
  const s = f.suppression
  if (!s) return `${f.ruleId}@${f.line}`
  return `${f.ruleId}@${f.line} ~${s.tool ?? s.kind}:${s.line}`
}
