import { defaultConfig, type Config } from '../src/core/config.js'
import { prepareEngine, scanPrepared } from '../src/core/engine.js'
import type { Finding } from '../src/core/finding.js'
import { MemoryWorkspace } from '../src/core/workspace.js'

export { prepareEngine }

/** Scans in-memory files (the first is the one under test) and returns the findings of one rule. */
export function findingsOf(
  ruleId: string,
  files: Record<string, string>,
  config: Partial<Config> = {}
): Finding[] {
  const workspace = new MemoryWorkspace(files)
  const inputs = Object.entries(files).map(([path, content]) => ({ path, content }))
  const result = scanPrepared(inputs, { workspace, config: { ...defaultConfig(), ...config } })
  return result.findings.filter((f) => f.ruleId === ruleId)
}

/** Findings of a rule on a single Dockerfile, as `line:column severity` strings for compact assertions. */
export function dockerfile(ruleId: string, text: string, extra: Record<string, string> = {}, config: Partial<Config> = {}): string[] {
  return findingsOf(ruleId, { Dockerfile: text, ...extra }, config).map((f) => `${f.line}:${f.column} ${f.severity}`)
}

/** Strips the common indentation of a template literal, so fixtures read like files. */
export function lines(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '')
  const body = raw.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n')
  const indent = Math.min(...body.split('\n').filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length))
  return body
    .split('\n')
    .map((l) => l.slice(indent))
    .join('\n')
}

/** `line:column` (1-based) of the first occurrence of `needle` in a fixture at or after offset `from`. */
export function positionOf(text: string, needle: string, from = 0): string {
  const offset = text.indexOf(needle, from)
  if (offset < 0) throw new Error(`fixture has no ${needle}`)
  const before = text.slice(0, offset)
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`
}
