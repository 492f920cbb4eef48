/**
 * dockerfile-ast's time grows faster than linearly with the length of one instruction (seconds for 1 MB
 * on one line or 10,000 continuation lines). No real instruction comes near 64 KiB, so longer ones are
 * blanked before parsing (line breaks kept, so every other position stays exact) and reported as
 * DF023 instead of analysed: a bound on time for hostile input, never a silent pass.
 */
export const MAX_INSTRUCTION_LENGTH = 64 * 1024

export interface BlankedInstruction {
  /** 1-based first line of the instruction. */
  line: number
  length: number
}

export function blankOversizedInstructions(text: string): { text: string; blanked: BlankedInstruction[] } {
  const escape = escapeCharacter(text)
  const lines = text.split('\n')
  const blanked: BlankedInstruction[] = []
  let changed = false
  let i = 0
  while (i < lines.length) {
    if (lines[i].trimStart().startsWith('#')) {
      // A comment says nothing to the build: an oversized one is dropped without a finding.
      if (lines[i].length > MAX_INSTRUCTION_LENGTH) {
        lines[i] = ''
        changed = true
      }
      i++
      continue
    }
    let end = i
    let length = lines[i].length
    while (end + 1 < lines.length && continues(lines[end], escape) && length <= MAX_INSTRUCTION_LENGTH) {
      end++
      length += lines[end].length + 1
    }
    while (end + 1 < lines.length && continues(lines[end], escape)) end++
    if (length > MAX_INSTRUCTION_LENGTH) {
      blanked.push({ line: i + 1, length: lines.slice(i, end + 1).reduce((n, l) => n + l.length + 1, -1) })
      for (let k = i; k <= end; k++) lines[k] = lines[k].endsWith('\r') ? '\r' : ''
    }
    i = end + 1
  }
  return changed || blanked.length > 0 ? { text: lines.join('\n'), blanked } : { text, blanked }
}

function continues(line: string, escape: string): boolean {
  let end = line.length
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t' || line[end - 1] === '\r')) end--
  return end > 0 && line[end - 1] === escape
}

/** The `# escape=` parser directive, read as BuildKit does: only in the comment lines that open the file. */
function escapeCharacter(text: string): string {
  for (const line of text.slice(0, 4096).split('\n')) {
    const match = /^#\s*escape\s*=\s*(\S)\s*$/i.exec(line.replace(/\r$/, ''))
    if (match) return match[1]
    if (!/^#\s*[a-z]+\s*=/i.test(line)) break
  }
  return '\\'
}
