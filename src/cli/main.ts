import { scan } from '../core/engine.js'

export async function main(argv: string[]): Promise<number> {
  const result = await scan([])
  process.stdout.write(JSON.stringify({ findings: result.findings, files: result.files.length, argv }) + '\n')
  return 0
}
