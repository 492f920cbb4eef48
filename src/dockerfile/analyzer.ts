import { memoize, type AnalysisContext, type Analyzer, type SourceFile } from '../core/analyzer.js'
import type { Finding, Range } from '../core/finding.js'
import { fixFromDraft, type Fix } from '../core/fix.js'
import type { Report, ReportOptions } from '../core/rule.js'
import { parseDockerfile, type DockerfileModel } from './model.js'
import { dockerfileRules } from './rules/index.js'
import { dockerfileSuppressions } from './suppressions.js'

const NAME = /^(?:(?:dockerfile|containerfile)(?:\..+)?|.+\.(?:dockerfile|containerfile))$/i

export function isDockerfileName(path: string): boolean {
  return NAME.test(path.slice(path.lastIndexOf('/') + 1))
}

/** The model of a Dockerfile, parsed once per scan whoever asks (its own rules, DX001). */
export function dockerfileModel(file: SourceFile, context: AnalysisContext): DockerfileModel {
  return memoize(context, `dockerfile:${file.path}`, () => parseDockerfile(file.path, file.text))
}

export const dockerfileAnalyzer: Analyzer = {
  kind: 'dockerfile',
  rules: dockerfileRules,
  invalidRuleId: 'DF023',
  matchesName: isDockerfileName,
  sniff: (text) => /^[ \t]*FROM[ \t]/im.test(text.slice(0, 64 * 1024)),
  analyze(file, context) {
    const model = dockerfileModel(file, context)
    const findings: Finding[] = []
    for (const rule of dockerfileRules) {
      const report: Report = (range, message, options = {}) => {
        findings.push({
          ruleId: rule.id,
          severity: options.severity ?? rule.severity,
          file: options.file ?? file.path,
          ...range,
          message,
          snippet: options.snippet ?? snippetOf(model, range),
          ...fixOf(options, context, model)
        })
      }
      rule.check(model, report, context)
    }
    return findings
  },
  suppressions: (file, context) => dockerfileSuppressions(dockerfileModel(file, context))
}

function snippetOf(model: DockerfileModel, range: Range): string {
  if (range.line === range.endLine && range.endColumn > range.column) {
    return model.index.lineText(range.line).slice(range.column - 1, range.endColumn - 1)
  }
  return model.index.lineText(range.line).trim()
}

function fixOf(options: ReportOptions, context: AnalysisContext, model: DockerfileModel): { fix?: Fix } {
  if (!options.fix || !context.fixes || options.file) return {}
  const draft = options.fix()
  return draft ? { fix: fixFromDraft(draft, model.index) } : {}
}
