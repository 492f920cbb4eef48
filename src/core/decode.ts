export type Decoded = { ok: true; text: string } | { ok: false; reason: string; line: number }

/**
 * Text of a file, or why it cannot be analysed (binary, not UTF-8). The size bound is applied before, where
 * the file is read (limits.max-file-bytes, src/core/read-file.ts) and by the engine.
 */
export function decodeFile(bytes: Uint8Array): Decoded {
  const nul = bytes.indexOf(0)
  if (nul >= 0) return { ok: false, reason: 'binary content (NUL byte)', line: lineAt(bytes, nul) }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return { ok: false, reason: 'not valid UTF-8', line: firstInvalidUtf8Line(bytes) }
  }
  return { ok: true, text }
}

function lineAt(bytes: Uint8Array, index: number): number {
  let line = 1
  for (let i = 0; i < index; i++) if (bytes[i] === 10) line++
  return line
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let start = 0
  let line = 1
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 10) {
      try {
        decoder.decode(bytes.subarray(start, i))
      } catch {
        return line
      }
      line++
      start = i + 1
    }
  }
  return 1
}
