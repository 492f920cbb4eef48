import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * The README's pictures are made (npm run screenshots) from samples of the demo's output committed in
 * docs/images/. When the comment, the summary or the annotations change, these samples must be
 * regenerated, or the pictures show what the Action no longer prints.
 */

const root = join(import.meta.dirname ?? '.', '..')
const images = join(root, 'docs', 'images')

describe('docs/images samples', () => {
  const fresh = mkdtempSync(join(tmpdir(), 'containment-samples-'))
  execFileSync(process.execPath, [join(root, 'scripts', 'demo.mjs'), '--write-samples', fresh], { stdio: 'ignore' })

  it.each(['comment.md', 'summary.md', 'annotations.json', 'suggestions.json'])('%s is what the demo prints today (else: npm run screenshots)', (name) => {
    expect(readFileSync(join(images, name), 'utf8')).toBe(readFileSync(join(fresh, name), 'utf8'))
  })

  it.each(['comment.png', 'summary.png', 'annotations.png', 'cli.png', 'suggestion.png'])('%s is committed, small, and shown in the README', (name) => {
    expect(statSync(join(images, name)).size).toBeLessThan(300 * 1024)
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`(docs/images/${name})`)
  })
})
