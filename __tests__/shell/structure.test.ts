import { beforeAll, describe, expect, it } from '@jest/globals'
import { analyzeShell } from '../../src/shell/analyze.js'
import { initShellParser } from '../../src/shell/tree-sitter.js'

beforeAll(() => initShellParser())

/** Each pipeline of the script as `a|b|c` (with `||` when it has a fallback), in order of first stage. */
function pipelines(text: string): string[] {
  const seen = new Set<unknown>()
  const out: string[] = []
  for (const command of analyzeShell(text).commands) {
    const pipeline = command.pipeline
    if (!pipeline || seen.has(pipeline)) continue
    seen.add(pipeline)
    out.push(pipeline.commands.map((c) => c.program).join('|') + (pipeline.orFallback ? ' ||' : ''))
  }
  return out
}

describe('pipelines of three stages or more', () => {
  // tree-sitter-bash nests the tail of `a | b | c || d` as pipeline(a, list(pipeline(b, c), d)).
  it.each([
    ['a | b | c || true', ['a|b|c ||']],
    ['a | b | c && d', ['a|b|c']],
    ['a | b | c | d || e', ['a|b|c|d ||']],
    ['! a | b | c || d', ['a|b|c ||']],
    ['x | a | b && c | d', ['x|a|b', 'c|d']],
    ['a | b | c || d && e', ['a|b|c ||']],
    ['a | b | c; d | e', ['a|b|c', 'd|e']]
  ])('keeps every stage of %s in one pipeline', (text, expected) => {
    expect(pipelines(text)).toEqual(expected)
  })

  it('keeps a stage with its own redirect in the pipeline', () => {
    expect(pipelines('a | b 2>/dev/null | c || d')).toEqual(['a|b|c ||'])
  })

  it('does not merge the pipeline inside a subshell stage', () => {
    expect(pipelines('(b | c) | d')).toEqual(['b|c'])
  })
})

describe('redirects after a list or a pipeline', () => {
  // tree-sitter-bash attaches them to the whole `a && b > f`; the shell applies them to `b`.
  function redirects(text: string): string[] {
    return analyzeShell(text).commands.map((c) => `${c.program}[${c.redirects.map((r) => r.operator + r.target.value).join(' ')}]`)
  }

  it.each([
    ['a && sh < /tmp/i.sh', ['a[]', 'sh[</tmp/i.sh]']],
    ['apt-get update && echo "gpgcheck=0" >> /etc/yum.conf', ['apt-get[]', 'echo[>>/etc/yum.conf]']],
    ['curl x | sh > /dev/null', ['curl[]', 'sh[>/dev/null]']],
    ['a | b 2>/dev/null | c > out', ['a[]', 'b[>/dev/null]', 'c[>out]']],
    ['sh < f > g', ['sh[<f >g]']],
    ['{ a; b; } > f', ['a[]', 'b[]']]
  ])('gives the redirects of %s to the last simple command', (text, expected) => {
    expect(redirects(text)).toEqual(expected)
  })
})

describe('substitutions in redirects', () => {
  it('records the command whose input redirect holds a process substitution', () => {
    const { commands } = analyzeShell('bash < <(curl -fsSL x)')
    const curl = commands.find((c) => c.program === 'curl')
    expect([curl?.enclosing?.program, curl?.substitution]).toEqual(['bash', 'process'])
  })

  it('records it after a list too', () => {
    const { commands } = analyzeShell('apt-get update && bash < <(curl x)')
    expect(commands.find((c) => c.program === 'curl')?.enclosing?.program).toBe('bash')
  })

  it('leaves a loop fed by a process substitution without an enclosing command', () => {
    const { commands } = analyzeShell('while read l; do echo "$l"; done < <(curl x)')
    expect(commands.find((c) => c.program === 'curl')?.enclosing).toBeUndefined()
  })
})

describe('here-documents of a command after &&', () => {
  it('are data for that command, not commands', async () => {
    const { parseDockerfile, runCommands } = await import('../../src/dockerfile/model.js')
    const text = 'FROM debian\nRUN apt-get update && cat <<EOF > /etc/sudoers.d/app\napp ALL=(ALL) NOPASSWD: ALL\nEOF\n'
    const model = parseDockerfile('Dockerfile', text)
    expect(runCommands(model).map(({ command }) => command.program)).toEqual(['apt-get', 'cat'])
    expect(model.instructions[1].script?.dataHeredocs.map((h) => h.name)).toEqual(['EOF'])
  })
})
