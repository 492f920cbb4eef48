import type { AnalysisContext } from '../core/analyzer.js'
import type { Range } from '../core/finding.js'
import type { Report, RuleMeta } from '../core/rule.js'
import type { Word } from '../shell/analyze.js'
import type { DockerfileModel } from './model.js'

/** A Dockerfile rule: its catalog entry and its check, which reads the model and reports. */
export interface DockerfileRule extends RuleMeta {
  check(model: DockerfileModel, report: Report, context: AnalysisContext): void
}

/** The Dockerfile range of a shell word or command name (already in Dockerfile offsets). */
export function wordRange(model: DockerfileModel, word: Pick<Word, 'start' | 'end'>): Range {
  return model.index.range(word.start, word.end)
}

/** The text of a word as written in the file (for messages and fingerprints). */
export function wordText(model: DockerfileModel, word: Pick<Word, 'start' | 'end'>): string {
  return model.index.text.slice(word.start, word.end)
}
