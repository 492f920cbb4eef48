import { composeAnalyzer } from '../compose/analyzer.js'
import { dockerfileAnalyzer } from '../dockerfile/analyzer.js'
import type { Analyzer } from './analyzer.js'
import type { RuleMeta } from './rule.js'
import { CT001 } from './rules/CT001-unused-suppression.js'

/** Every analyzer, in the order files are matched by name. */
export const analyzers: Analyzer[] = [dockerfileAnalyzer, composeAnalyzer]

/** The catalog: every rule's metadata, sorted by ID. */
export const allRules: RuleMeta[] = [...analyzers.flatMap((a) => a.rules), CT001].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

const byId = new Map(allRules.map((rule) => [rule.id, rule]))

export function ruleById(id: string): RuleMeta | undefined {
  return byId.get(id)
}
