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

/**
 * The model of a Dockerfile whoever asks (its own rules, its suppressions, DX001 from a Compose file).
 * The text first seen for a path is kept for the whole scan, so every model of it is the same; the
 * models themselves (a few hundred KB each once the shell layer has run) are kept for the last
 * MODELS_KEPT files only: a scan's memory must not grow with the number of Dockerfiles, and a model is
 * asked for again mostly right after it was built (analysis, then suppressions).
 */
export function dockerfileModel(file: SourceFile, context: AnalysisContext): DockerfileModel {
  const text = memoize(context, `dockerfile-text:${file.path}`, () => file.text)
  const models = memoize(context, 'dockerfile-models', () => new Map<string, DockerfileModel>())
  let model = models.get(file.path)
  if (model) return model
  model = parseDockerfile(file.path, text)
  models.set(file.path, model)
  if (models.size > MODELS_KEPT) models.delete(models.keys().next().value!)
  return model
}

const MODELS_KEPT = 32

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
