import { memoize, type AnalysisContext, type Analyzer } from '../core/analyzer.js'
import type { Finding } from '../core/finding.js'
import { fixFromDraft, type Fix, type FixDraft } from '../core/fix.js'
import type { ComposeFile } from './model.js'
import { buildProject, composeFile, extendedFiles, includedFiles } from './project.js'
import type { ComposeReport } from './rule.js'
import { composeRules } from './rules/index.js'
import { composeSuppressions } from './suppressions.js'
import { parseYaml } from './yaml.js'

/**
 * Compose file names: `compose.yaml`, `docker-compose.yml`, their variants (`compose.prod.yaml`,
 * `docker-compose.override.yml`, `docker-compose-dev.yml`) and `*.compose.yaml` / `*-compose.yml`
 * (`filebeat-compose.yml`), any case.
 */
export function isComposeName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  const stem = name.endsWith('.yaml') ? name.slice(0, -5) : name.endsWith('.yml') ? name.slice(0, -4) : undefined
  if (stem === undefined) return false
  if (stem === 'compose' || stem === 'docker-compose') return true
  if (/^(?:docker-)?compose[._-]./.test(stem)) return true
  return /.[._-]compose$/.test(stem)
}

/** A YAML mapping whose `services` is a mapping: a Compose file whatever its name. */
export function looksLikeCompose(text: string): boolean {
  const yaml = parseYaml(text)
  if (yaml.fatal) return false
  return yaml.documents.some(
    (d) => d.root?.kind === 'mapping' && d.root.pairs.some((p) => p.keyText === 'services' && p.value.kind === 'mapping')
  )
}

export const composeAnalyzer: Analyzer = {
  kind: 'compose',
  rules: composeRules,
  invalidRuleId: 'DC021',
  matchesName: isComposeName,
  sniff: looksLikeCompose,
  analyze(file, context) {
    const compose = composeFile(file.path, context, file.text)!
    const findings = analyzeComposeFile(compose, context, false)
    // Files that `include` or `extends` pull in and that no scan would find by name are checked here,
    // once per scan: their values would otherwise never be read.
    for (const path of includedFiles(compose)) findings.push(...analyzeSecondary(path, file.path, context, false))
    for (const path of extendedFiles(compose)) findings.push(...analyzeSecondary(path, file.path, context, true))
    return findings
  },
  // The comments of the files checked from this one too: they cover the findings reported in them.
  suppressions: (file, context) => [
    ...composeSuppressions(file),
    ...secondariesOf(file.path, context).flatMap((path) => {
      const text = context.workspace.read(path)
      return text === undefined ? [] : composeSuppressions({ path, text: text.replace(/^\uFEFF/, '') })
    })
  ]
}

/** The files pulled in by `include` or `extends` that were checked from this file (each is checked from one). */
function secondariesOf(owner: string, context: AnalysisContext): string[] {
  return memoize(context, `compose-secondaries-of:${owner}`, () => [] as string[])
}

function analyzeSecondary(path: string, owner: string, context: AnalysisContext, fragment: boolean): Finding[] {
  if (isComposeName(path)) return []
  let first = false
  memoize(context, `compose-secondary:${path}`, () => (first = true))
  if (!first) return []
  const compose = composeFile(path, context)
  if (!compose) return []
  secondariesOf(owner, context).push(path)
  return analyzeComposeFile(compose, context, fragment)
}

/** Runs every Compose rule on one file; keeps what is written in it, one finding per rule and position. */
export function analyzeComposeFile(compose: ComposeFile, context: AnalysisContext, fragment: boolean): Finding[] {
  const project = buildProject(compose, context, fragment)
  const findings: Finding[] = []
  const seen = new Set<string>()
  for (const rule of composeRules) {
    const report: ComposeReport = (at, message, options = {}) => {
      if (at.file !== compose.path) return
      const severity = options.severity ?? rule.severity
      const key = `${rule.id}:${at.range.line}:${at.range.column}`
      if (seen.has(key)) return
      seen.add(key)
      findings.push({
        ruleId: rule.id,
        severity,
        file: compose.path,
        ...at.range,
        message,
        snippet: options.snippet ?? snippetOf(compose, at.range),
        ...fixOf(options.fix, context, compose)
      })
    }
    rule.check(project, report, context)
  }
  return findings
}

function snippetOf(compose: ComposeFile, range: { line: number; column: number; endLine: number; endColumn: number }): string {
  const line = compose.index.lineText(range.line)
  if (range.line === range.endLine && range.endColumn > range.column) return line.slice(range.column - 1, range.endColumn - 1)
  return line.slice(range.column - 1).trim()
}

function fixOf(fix: (() => FixDraft | undefined) | undefined, context: AnalysisContext, compose: ComposeFile): { fix?: Fix } {
  const draft = fix && context.fixes ? fix() : undefined
  return draft ? { fix: fixFromDraft(draft, compose.index) } : {}
}
