import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  FILE_PARSE_BUDGET_MS,
  IN_PROCESS_LENGTH,
  PARSE_DEADLINE_MS,
  SCAN_PARSE_BUDGET_MS,
  forgetShellParses,
  initShellParser,
  parseRaw,
  withShellParseBudget,
  type RawParse
} from '../../src/shell/tree-sitter.js'
import { THREAD_WASM_MEMORY, parseInWorker } from '../../src/shell/isolated-parse.js'

/*
 * The bounds on what one shell text and one file's texts may cost the parser (tree-sitter.ts, "Hostile shell
 * text"). The slow texts are tree-sitter-bash's own weak spots: error recovery superlinear in time and memory.
 */
beforeAll(() => initShellParser())
beforeEach(() => forgetShellParses())

const ORDINARY = [
  'apt-get update && apt-get install -y curl | tee /log; echo $(id -u)',
  'if [ -f x ]; then sudo rm -rf /tmp/x; fi',
  'cat <<EOF | sh\necho hi\nEOF\n',
  'a=$(curl -fsSL https://x | sha256sum) && (cd /src && make install)'
]

/** What a parse says, in a form to compare. */
function shape(parse: RawParse): unknown {
  return { commands: parse.commands, pipelines: parse.pipelines, hasError: parse.hasError, errorOffset: parse.errorOffset, givenUp: parse.givenUp }
}

/** A script longer than IN_PROCESS_LENGTH that a shell would run: many ordinary lines. */
function longScript(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `echo line ${i} && curl -fsSL https://example.com/${i} | sh`).join('\n') + '\n'
}

describe('shell parse budget', () => {
  it('the bounds are what the docs say', () => {
    expect([PARSE_DEADLINE_MS, IN_PROCESS_LENGTH, FILE_PARSE_BUDGET_MS, SCAN_PARSE_BUDGET_MS]).toEqual([400, 4096, 750, 60_000])
  })

  it('gives up a text parsed in this thread at the deadline, and parses the next texts as a fresh parser would', () => {
    const before = ORDINARY.map((text) => shape(parseRaw(text)))
    forgetShellParses()
    // 4 KB of `a)` or `a@` (at most IN_PROCESS_LENGTH, so parsed here) take about 0.3 s: a budget of 50 ms
    // brings the deadline down to 50 ms, so that every one of them is cancelled, on any machine.
    for (const unit of ['a)', 'a@', 'a)']) {
      const started = performance.now()
      const slow = withShellParseBudget('file', () => parseRaw(unit.repeat(IN_PROCESS_LENGTH / 2)), 50)
      const elapsed = performance.now() - started
      expect(slow.givenUp).toBe('too costly to parse (given up after 50 ms)')
      // The deadline, and tree-sitter's longest stretch between two progress calls on these (about 60 ms).
      expect(elapsed).toBeLessThan(50 + 250)
    }
    expect(ORDINARY.map((text) => shape(parseRaw(text)))).toEqual(before)
  })

  it('a long text the parser would take minutes over is given up in a thread of its own, in time, and reported', () => {
    for (const unit of ['a|', 'a)', 'a@']) {
      const started = performance.now()
      const parse = parseRaw(unit.repeat(30_000))
      const elapsed = performance.now() - started
      // Given up at the deadline, or earlier when the thread's parser reached its memory ceiling.
      expect(parse.givenUp).toMatch(/^too costly to parse \((?:given up after 400 ms|more than 128 MiB of memory)\)$/)
      expect(parse.hasError).toBe(true)
      expect(parse.commands).toEqual([])
      // The deadline, the thread's start (a second's allowance on a loaded machine) and nothing more.
      expect(elapsed).toBeLessThan(PARSE_DEADLINE_MS + 1000)
    }
    // The process's parser was never touched, and a new thread serves the next long text.
    expect(ORDINARY.map((text) => parseRaw(text).givenUp)).toEqual([undefined, undefined, undefined, undefined])
    const script = longScript(200)
    expect(script.length).toBeGreaterThan(IN_PROCESS_LENGTH)
    const parse = parseRaw(script)
    expect(parse.givenUp).toBeUndefined()
    expect(parse.hasError).toBe(false)
    expect(parse.commands.filter((c) => script.slice(c.nameStart, c.nameEnd) === 'curl')).toHaveLength(200)
    expect(parse.pipelines).toHaveLength(200)
  })

  it("the parser thread's memory has a ceiling: a text that would take 2 GiB is stopped there, well before a long deadline", () => {
    expect(THREAD_WASM_MEMORY).toBe(128 * 1024 * 1024)
    const outcome = parseInWorker('a|'.repeat(30_000), 20_000)
    expect(outcome).toMatchObject({ outcome: 'too-costly', memory: true })
    // Without the ceiling the module would have aborted at 2 GiB: what it had when it ran out is the ceiling.
    expect(outcome.outcome === 'too-costly' && outcome.memoryBytes).toBeGreaterThan(64 * 1024 * 1024)
    expect(outcome.outcome === 'too-costly' && outcome.memoryBytes).toBeLessThanOrEqual(THREAD_WASM_MEMORY)
    expect(outcome.spent).toBeLessThan(10_000)
    // A new thread takes the next text.
    expect(parseInWorker(longScript(100), 5_000).outcome).toBe('parsed')
  })

  it('a long ordinary text parses to what the same lines parse to one by one', () => {
    const script = longScript(120)
    const whole = parseRaw(script)
    const lines = script.split('\n').filter(Boolean)
    let offset = 0
    const expected: string[] = []
    for (const line of lines) {
      for (const command of parseRaw(line).commands) expected.push(`${command.nameStart + offset}:${line.slice(command.nameStart, command.nameEnd)}`)
      offset += line.length + 1
    }
    expect(whole.commands.map((c) => `${c.nameStart}:${script.slice(c.nameStart, c.nameEnd)}`)).toEqual(expected)
  })

  it("shares one budget among a file's texts; a text given up for the budget is not kept as its verdict", () => {
    const slowTexts = Array.from({ length: 12 }, (_, i) => `${'a)'.repeat(2000)} ${i}`)
    const started = performance.now()
    const parses = withShellParseBudget('file', () => [...slowTexts.map((text) => parseRaw(text)), parseRaw('sudo id')])
    const elapsed = performance.now() - started
    expect(elapsed).toBeLessThan(FILE_PARSE_BUDGET_MS + PARSE_DEADLINE_MS + 300)
    expect(parses.every((p) => p.hasError)).toBe(true)
    const last = parses.at(-1)!
    expect(last.givenUp).toBe("not parsed: this file's shell texts used up their 750 ms")
    // Outside that file's budget the same ordinary text is parsed.
    const again = parseRaw('sudo id')
    expect(again.givenUp).toBeUndefined()
    expect(again.commands).toHaveLength(1)
  })

  it("a scan's budget bounds many files, each inside its own budget; it is charged with every file's parses", () => {
    // A scan budget of 1.2 s standing in for 60 s: files of one slow text each, every file within its 750 ms.
    const started = performance.now()
    const files = withShellParseBudget('scan', () => Array.from({ length: 8 }, (_, i) => withShellParseBudget('file', () => parseRaw(`${'a)'.repeat(2000)} file ${i}`))), 1200)
    const elapsed = performance.now() - started
    expect(elapsed).toBeLessThan(1200 + PARSE_DEADLINE_MS + 300)
    expect(files.every((p) => p.hasError)).toBe(true)
    expect(files.at(-1)!.givenUp).toBe("not parsed: this scan's shell texts used up their 1.2 s")
    expect(files.filter((p) => p.givenUp?.startsWith('not parsed')).length).toBeGreaterThan(0)
  })

  it('an ordinary file stays far inside its budget', () => {
    const parses = withShellParseBudget('file', () => [...ORDINARY, longScript(300)].map((text) => parseRaw(text)))
    expect(parses.map((p) => p.givenUp)).toEqual([undefined, undefined, undefined, undefined, undefined])
  })
})
