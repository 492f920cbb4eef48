import { directivesOf, type CommentAt, type Locate, type SuppressionDirective } from '../core/suppress.js'
import type { DockerfileModel, Instruction } from './model.js'

/**
 * Suppression comments of a Dockerfile and the lines each covers, from the model's comments and
 * instruction ranges: a comment block directly above an instruction covers that instruction (all its
 * lines); inside a multi-line instruction it covers the line below it; `-file` forms before the first
 * FROM, and other tools' file-wide forms anywhere, cover the file.
 */
export function dockerfileSuppressions(model: DockerfileModel): SuppressionDirective[] {
  return directivesOf(model.path, model.comments.map((c) => commentAt(model, c.line)), locator(model))
}

function commentAt(model: DockerfileModel, line: number): CommentAt {
  const text = model.index.lineText(line)
  const indent = text.length - text.trimStart().length
  return { line, column: indent + 1, raw: text.slice(indent).trimEnd(), trailing: false }
}

function locator(model: DockerfileModel): Locate {
  const commentLines = new Set(model.comments.map((c) => c.line))
  const byStartLine = new Map(model.instructions.map((i) => [i.range.line, i]))
  const instructions = [...model.instructions].sort((a, b) => a.range.line - b.range.line)
  const firstFrom = model.stages[0]?.from.range.line
  const nextCodeLine = (line: number): number => {
    let next = line + 1
    while (commentLines.has(next)) next++
    return next
  }
  return (comment, placement) => {
    if (placement === 'file') return 'file'
    if (placement === 'file-top') {
      return firstFrom === undefined || comment.line < firstFrom
        ? 'file'
        : { problem: `comes after the first FROM (line ${firstFrom}), so it does not apply to the file and suppresses nothing. Move it above the first FROM` }
    }
    const next = nextCodeLine(comment.line)
    const enclosing = enclosingInstruction(instructions, comment.line)
    if (enclosing) {
      // Inside a continued RUN the comment excuses the command on the line below it, not the whole RUN.
      return next <= enclosing.range.endLine ? { fromLine: next, toLine: next } : { problem: `has no line of its ${enclosing.keyword} below it, so it suppresses nothing` }
    }
    const instruction = byStartLine.get(next)
    if (instruction) return { fromLine: instruction.range.line, toLine: instruction.range.endLine }
    return { problem: 'has no instruction directly below it (a blank line or the end of the file is in between), so it suppresses nothing. Put it on the line directly above the instruction' }
  }
}

/** The instruction whose continuation lines hold `line`; instructions sorted by line, searched in log time. */
function enclosingInstruction(instructions: Instruction[], line: number): Instruction | undefined {
  let lo = 0
  let hi = instructions.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (instructions[mid].range.line < line) lo = mid
    else hi = mid - 1
  }
  const candidate = instructions[lo]
  return candidate && candidate.range.line < line && line <= candidate.range.endLine ? candidate : undefined
}
