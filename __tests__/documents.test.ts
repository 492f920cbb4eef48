import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { REPOSITORY_URL } from '../src/version.js'

/** The documents a user and a contributor look for, and no path of one particular machine in any of them. */

const root = join(import.meta.dirname ?? '.', '..')

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (name === 'node_modules' || name.startsWith('.')) return []
    if (statSync(full).isDirectory()) return markdownFiles(full)
    return name.endsWith('.md') ? [relative(root, full)] : []
  })
}

const documents = [...markdownFiles(root).filter((f) => !f.includes('/')), ...markdownFiles(join(root, 'docs')), ...markdownFiles(join(root, 'examples'))]

describe('documents', () => {
  it.each(['README.md', 'CONTRIBUTING.md', 'SECURITY.md', 'CHANGELOG.md', 'LICENSE'])('%s exists', (name) => {
    expect(existsSync(join(root, name))).toBe(true)
  })

  it('LICENSE is the MIT licence package.json names', () => {
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).license).toBe('MIT')
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
  })

  it.each([...documents, 'action.yml', 'containment.schema.json'])('%s names the project by its one home (package.json repository)', (file) => {
    const home = new URL(REPOSITORY_URL).pathname.slice(1)
    const named = [...readFileSync(join(root, file), 'utf8').matchAll(/github(?:usercontent)?\.com\/([\w.-]+\/containment)\b/g)].map((m) => m[1])
    expect(named.filter((repo) => repo !== home)).toEqual([])
  })

  it.each(documents)('%s names no path of a particular machine', (file) => {
    expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/(?:^|[\s`"'(])(?:\/work\/|\/Users\/|\/home\/[a-z][\w-]*\/|[A-Z]:\\\\)/m)
  })
})
