import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main, type Io } from '../../src/cli/main.js'

/** A temporary directory with these files (paths relative to it). */
export function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'containment-cli-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

/** The CLI's main in-process, its output collected. */
export async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: Io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, colour: false }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}
