import type { AnalysisContext } from '../../core/analyzer.js'
import type { Report } from '../../core/rule.js'
import { isLiteralValue, isSecretName, knownCredential } from '../../core/secrets.js'
import type { Word } from '../../shell/analyze.js'
import { offsetOf } from '../arguments.js'
import type { DockerfileModel, Instruction, KeyValue } from '../model.js'
import type { DockerfileRule } from '../rule.js'

export const DF006: DockerfileRule = {
  id: 'DF006',
  slug: 'secret-in-build-config',
  title: 'Secret in ENV, ARG or RUN',
  severity: 'high',
  principles: ['S'],
  rationale:
    'ENV values and build arguments are stored in the image configuration and history: anyone who can pull the image can read them.',
  fix: 'Pass secrets at build time with RUN --mount=type=secret and at run time with the orchestrator\'s secrets (or a *_FILE variable), never as ENV or ARG.',
  equivalents: {
    hadolint: ['DL3064'],
    trivy: ['DS-0031'],
    kics: ['a88baa34-e2ad-44ea-ad6f-8cac87bc7c71'],
    cis: ['4.10']
  },
  check(model, report, context) {
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') checkProperties(model, instruction, report, context)
      else if (instruction.script) checkScript(model, instruction, report)
      else checkRawArguments(model, instruction, report)
    }
  }
}

const BUILD_SECRET_FIX = 'use RUN --mount=type=secret for build-time secrets and runtime secrets (or a *_FILE variable) for the container'

function checkProperties(model: DockerfileModel, instruction: Instruction, report: Report, context: AnalysisContext): void {
  for (const property of instruction.properties) {
    if (reportCredentialIn(model, instruction, property, report)) continue
    if (!isSecretName(property.name, context.config)) continue
    if (property.value !== undefined && isLiteralValue(property.value)) {
      report(
        property.nameRange,
        `${instruction.keyword} "${property.name}" holds a literal secret: ${instruction.keyword} values are kept in the image ${instruction.keyword === 'ENV' ? 'configuration' : 'history'} for anyone who pulls it. Remove the value and ${BUILD_SECRET_FIX}.`
      )
    } else if (instruction.keyword === 'ARG' && (property.value === undefined || property.value.trim() === '') && !importsGlobalArg(model, instruction, property)) {
      report(
        property.nameRange,
        `ARG "${property.name}" looks like a secret passed as a build argument: build arguments are recorded in the image history. Instead ${BUILD_SECRET_FIX}.`,
        { severity: 'medium' }
      )
    }
  }
}

/** `ARG TOKEN` inside a stage only brings the global `ARG TOKEN` into scope: the global one is reported. */
function importsGlobalArg(model: DockerfileModel, instruction: Instruction, property: KeyValue): boolean {
  return instruction.stage !== undefined && model.globalArgs.has(property.name)
}

function reportCredentialIn(model: DockerfileModel, instruction: Instruction, property: KeyValue, report: Report): boolean {
  if (!property.valueRange) return false
  const start = offsetOf(model, property.valueRange)
  const end = offsetOf(model, { line: property.valueRange.endLine, column: property.valueRange.endColumn })
  return reportCredentialAt(model, start, model.index.text.slice(start, end), `${instruction.keyword} "${property.name}"`, report)
}

/** Reports a known credential format found in `text` (which starts at document offset `start`). */
function reportCredentialAt(model: DockerfileModel, start: number, text: string, where: string, report: Report): boolean {
  const credential = knownCredential(text)
  if (!credential) return false
  report(
    model.index.range(start + credential.start, start + credential.end),
    `${where} contains a ${credential.kind}: it is readable by anyone who can pull the image or read the repository. Revoke it now, remove it, and ${BUILD_SECRET_FIX}.`,
    { severity: 'critical', snippet: `${credential.kind} ${text.slice(credential.start, credential.start + 4)}…` }
  )
  return true
}

/** RUN, CMD, ENTRYPOINT and HEALTHCHECK: every word and assignment of every command, and data here-documents. */
function checkScript(model: DockerfileModel, instruction: Instruction, report: Report): void {
  // `sh -c "…"` holds its inner commands' words too: each credential is reported once, where it starts.
  const reported = new Set<number>()
  for (const command of instruction.script?.commands ?? []) {
    for (const word of [command.name, ...command.assignments, ...command.args]) reportCredentialInWord(model, instruction, word, report, reported)
  }
  for (const heredoc of instruction.script?.dataHeredocs ?? []) {
    reportCredentialAt(model, heredoc.start, model.index.text.slice(heredoc.start, heredoc.end), `The here-document "${heredoc.name}" of ${instruction.keyword}`, report)
  }
}

function reportCredentialInWord(model: DockerfileModel, instruction: Instruction, word: Word, report: Report, reported: Set<number>): void {
  const credential = knownCredential(word.value)
  if (!credential || reported.has(word.at(credential.start))) return
  reported.add(word.at(credential.start))
  report(
    model.index.range(word.at(credential.start), word.at(credential.end)),
    `${instruction.keyword} contains a ${credential.kind}: it is stored in the image history and readable by anyone who can pull the image or read the repository. Revoke it now, remove it, and ${BUILD_SECRET_FIX}.`,
    { severity: 'critical', snippet: `${credential.kind} ${word.value.slice(credential.start, credential.start + 4)}…` }
  )
}

/** Other instructions (ADD URLs, LABEL, COPY here-documents): their text as written. */
function checkRawArguments(model: DockerfileModel, instruction: Instruction, report: Report): void {
  const start = offsetOf(model, instruction.range)
  const end = offsetOf(model, { line: instruction.range.endLine, column: instruction.range.endColumn })
  reportCredentialAt(model, start, model.index.text.slice(start, end), instruction.keyword, report)
}
