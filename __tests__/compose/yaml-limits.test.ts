import { describe, expect, it } from '@jest/globals'
import { parseYaml, YAML_LIMITS } from '../../src/compose/yaml.js'

/**
 * The YAML bounds, exactly at and one over each, in every style: 100 nested collections, 1,000 aliases in a
 * document, 1,000,000 nodes once aliases are expanded. At the bound the file parses with no problem; one over,
 * it is one problem, Containment's own bound (Compose may still read the file), and nothing is expanded.
 */

const DEPTH = 100
const ALIASES = 1000
const NODES = 1_000_000

/** `d` nested collections, each style written the way Compose files write it. */
const nested: Record<string, (d: number) => string> = {
  'block mappings': (d) => Array.from({ length: d }, (_, i) => `${'  '.repeat(i)}k${i}:${i === d - 1 ? ' v' : ''}`).join('\n') + '\n',
  'block lists': (d) => Array.from({ length: d - 1 }, (_, i) => `${'  '.repeat(i)}-`).join('\n') + `\n${'  '.repeat(d - 1)}- v\n`,
  'flow lists': (d) => 'k: ' + '['.repeat(d - 1) + 'v' + ']'.repeat(d - 1) + '\n',
  'flow mappings': (d) => '{a: '.repeat(d) + 'v' + '}'.repeat(d) + '\n',
  'block then flow': (d) => {
    const half = Math.floor(d / 2)
    return Array.from({ length: half }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + `\n${'  '.repeat(half)}x: ${'['.repeat(d - half - 1)}v${']'.repeat(d - half - 1)}\n`
  }
}

function problems(text: string): string[] {
  return parseYaml(text).problems.map((p) => `${p.message}${p.composeRejects ? '' : ' (bound)'}`)
}

describe('YAML bounds', () => {
  it('are the documented ones', () => {
    expect(YAML_LIMITS).toEqual({ maxDepth: DEPTH, maxAliases: ALIASES, maxExpandedNodes: NODES })
  })

  describe.each(Object.entries(nested))('nesting, %s', (_style, make) => {
    it(`${DEPTH} levels pass; ${DEPTH + 1} are refused as the bound`, () => {
      expect(problems(make(DEPTH))).toEqual([])
      expect(problems(make(DEPTH + 1))).toEqual([`nesting deeper than ${DEPTH} levels (bound)`])
      expect(problems(make(1000))).toEqual([`nesting deeper than ${DEPTH} levels (bound)`])
    })
  })

  /** One anchor, then `n` aliases to it. */
  const aliases: Record<string, (n: number) => string> = {
    block: (n) => 'a: &x v\nb:\n' + '  - *x\n'.repeat(n),
    flow: (n) => '{a: &x v, b: [' + Array(n).fill('*x').join(', ') + ']}\n',
    mixed: (n) => 'a: &x v\nb: [' + Array(n).fill('*x').join(', ') + ']\n'
  }
  describe.each(Object.entries(aliases))('aliases, %s', (_style, make) => {
    it(`${ALIASES} aliases pass; ${ALIASES + 1} are refused as the bound`, () => {
      expect(problems(make(ALIASES))).toEqual([])
      expect(problems(make(ALIASES + 1))).toEqual([`more than ${ALIASES} aliases in one document (bound)`])
    })
  })

  /**
   * Expanded size: the root mapping (1) + three keys (3) + `a`, a list of `n` (1 + n) + `b`, a list of `k`
   * aliases to `a` (1 + k(1 + n)) + `c`, a list of `p` (1 + p). With n = 999 and k = 998: 999,006 + p.
   */
  const N = 999
  const K = 998
  const P_AT = NODES - (7 + N + K * (1 + N))
  const expanded: Record<string, (p: number) => string> = {
    block: (p) => 'a: &x\n' + '  - v\n'.repeat(N) + 'b:\n' + '  - *x\n'.repeat(K) + 'c:\n' + '  - v\n'.repeat(p),
    flow: (p) => `{a: &x [${Array(N).fill('v').join(', ')}], b: [${Array(K).fill('*x').join(', ')}], c: [${Array(p).fill('v').join(', ')}]}\n`,
    mixed: (p) => `a: &x [${Array(N).fill('v').join(', ')}]\nb:\n${'  - *x\n'.repeat(K)}c: [${Array(p).fill('v').join(', ')}]\n`
  }
  describe.each(Object.entries(expanded))('expanded nodes, %s', (_style, make) => {
    it(`${NODES} nodes pass; ${NODES + 1} are refused as the bound`, () => {
      expect(P_AT).toBe(994)
      expect(problems(make(P_AT))).toEqual([])
      expect(problems(make(P_AT + 1))).toEqual([`aliases expand to more than ${NODES} nodes (an alias bomb) (bound)`])
    })
  })
})
