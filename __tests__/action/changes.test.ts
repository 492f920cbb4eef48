import { describe, expect, it } from '@jest/globals'
import { baseMapping, headPaths } from '../../src/action/changes.js'
import { parseNameStatus } from '../../src/action/git.js'

describe('parseNameStatus', () => {
  it('reads git diff --name-status -z, renames and odd names included', () => {
    const out = 'M\0Dockerfile\0A\0new file\nwith newline\0D\0gone/Dockerfile\0R087\0old/Dockerfile\0new/Dockerfile\0C100\0a\0b\0T\0link\0'
    expect(parseNameStatus(out)).toEqual([
      { path: 'Dockerfile', status: 'modified' },
      { path: 'new file\nwith newline', status: 'added' },
      { path: 'gone/Dockerfile', status: 'removed' },
      { path: 'new/Dockerfile', status: 'renamed', previousPath: 'old/Dockerfile' },
      { path: 'b', status: 'copied', previousPath: 'a' },
      { path: 'link', status: 'changed' }
    ])
    expect(parseNameStatus('')).toEqual([])
  })
})

describe('the change set', () => {
  const changes = {
    complete: true,
    files: [
      { path: 'Dockerfile', status: 'modified' },
      { path: 'added/Dockerfile', status: 'added' },
      { path: 'gone/Dockerfile', status: 'removed' },
      { path: 'new/Dockerfile', status: 'renamed', previousPath: 'old/Dockerfile' }
    ]
  }

  it('scans what the head has: removed files skipped, renamed ones under the new name', () => {
    expect(headPaths(changes)).toEqual(['Dockerfile', 'added/Dockerfile', 'new/Dockerfile'])
  })

  it('maps head paths to the base', () => {
    const mapping = baseMapping(changes)
    expect(mapping.basePathOf('Dockerfile')).toBe('Dockerfile')
    expect(mapping.basePathOf('added/Dockerfile')).toBeNull()
    expect(mapping.basePathOf('new/Dockerfile')).toBe('old/Dockerfile')
    expect(mapping.basePathOf('old/Dockerfile')).toBe('old/Dockerfile')
    expect(mapping.changed('old/Dockerfile')).toBe(true)
    expect(mapping.changed('gone/Dockerfile')).toBe(true)
    expect(mapping.changed('untouched/Dockerfile')).toBe(false)
    expect(mapping.basePathOf('untouched/Dockerfile')).toBe('untouched/Dockerfile')
  })
})
