import type { Analyzer } from '../core/analyzer.js'

// Placeholder until the Compose engine lands (issue: Compose analysis).
export const composeAnalyzer: Analyzer = {
  kind: 'compose',
  rules: [],
  invalidRuleId: 'DC021',
  matchesName: (path) => /^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$|\.compose\.ya?ml$/i.test(path.slice(path.lastIndexOf('/') + 1)),
  sniff: (text) => /^services\s*:/m.test(text),
  analyze: () => []
}
