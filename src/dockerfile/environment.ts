import type { Range } from '../core/finding.js'
import { invocations, type Word } from '../shell/analyze.js'
import type { DockerfileModel, Instruction, KeyValue } from './model.js'
import { wordRange } from './rule.js'

/**
 * Environment variables a Dockerfile sets, wherever it sets them: `ENV`, `ARG` defaults, and in RUN
 * `export NAME=value`, `NAME=value command`, `env NAME=value command`. Rules that care about a
 * variable (`NODE_TLS_REJECT_UNAUTHORIZED=0`) read them all the same way.
 */
export interface EnvironmentSetting {
  name: string
  /** The value as the program sees it; undefined when it holds an expansion (unknown before run time). */
  value: string | undefined
  /** Where the name is written. */
  range: Range
  /** `ENV`, `ARG`, `export`, `env`, or `assignment` (a prefix `NAME=value command`). */
  via: string
  /** The ENV or ARG instruction and its property, for settings written there (fixes edit them). */
  instruction?: Instruction
  property?: KeyValue
}

const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'local', 'readonly'])

export function environmentSettings(model: DockerfileModel): EnvironmentSetting[] {
  const out: EnvironmentSetting[] = []
  for (const instruction of model.instructions) {
    if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') {
      for (const p of instruction.properties) {
        if (p.value === undefined) continue
        out.push({ name: p.name, value: p.value.includes('$') ? undefined : p.value, range: p.nameRange, via: instruction.keyword, instruction, property: p })
      }
    }
    for (const command of instruction.script?.commands ?? []) {
      for (const word of command.assignments) add(out, model, word, 'assignment')
      if (DECLARATIONS.has(command.program)) for (const word of command.args) add(out, model, word, command.program)
      for (const link of invocations(command)) {
        if (link.program === 'env') for (const word of envAssignments(link.args)) add(out, model, word, 'env')
      }
    }
  }
  return out
}

/** `env A=1 B=2 cmd`: the assignments before the command. */
function envAssignments(args: Word[]): Word[] {
  const out: Word[] = []
  for (const word of args) {
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word.value)) out.push(word)
    else if (!word.value.startsWith('-')) break
  }
  return out
}

function add(out: EnvironmentSetting[], model: DockerfileModel, word: Word, via: string): void {
  const match = /^([A-Za-z_][A-Za-z0-9_]{0,127})=/.exec(word.value)
  if (!match) return
  const name = match[1]
  const raw = word.value.slice(name.length + 1)
  out.push({
    name,
    value: word.dynamic && raw.includes('$') ? undefined : raw,
    range: wordRange(model, { start: word.start, end: word.at(name.length) }),
    via
  })
}
